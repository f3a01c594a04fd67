#include "import_support.hpp"

#include "openness/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

namespace openness::manifest::detail {

namespace {

using util::Location;

// Each repair parses the document again, so a hostile file must not ask for many.
constexpr int k_max_repairs = 32;

// Byte offset of a line:column the JSON parser reported (columns on line 1 start after a BOM).
std::optional<std::size_t> offset_of(std::string_view text, Location at) {
    if (at.line == 0 || at.column == 0) {
        return std::nullopt;
    }
    std::size_t line = 1;
    std::size_t start = text.size() - util::without_bom(text).size();
    for (std::size_t i = 0; i < text.size() && line < at.line; ++i) {
        if (text[i] == '\n') {
            ++line;
            start = i + 1;
        }
    }
    if (line != at.line || start + at.column - 1 >= text.size()) {
        return std::nullopt;
    }
    return start + at.column - 1;
}

// util::location_at, with columns on line 1 counted after a BOM, as the JSON parser counts them
// (`offset` is never inside the BOM: it points at a comma).
Location location_after_bom(std::string_view text, std::size_t offset) {
    Location at = util::location_at(text, offset);
    if (at.line == 1) {
        at.column -= text.size() - util::without_bom(text).size();
    }
    return at;
}

// A comma directly before the '}' or ']' the parser stopped at.
struct TrailingComma {
    std::size_t offset;
    bool in_object;
};

std::optional<TrailingComma> trailing_comma(std::string_view text, Location at) {
    const std::optional<std::size_t> offset = offset_of(text, at);
    if (!offset || (text[*offset] != '}' && text[*offset] != ']')) {
        return std::nullopt;
    }
    std::size_t i = *offset;
    while (i > 0) {
        --i;
        const char c = text[i];
        if (c == ',') {
            return TrailingComma{i, text[*offset] == '}'};
        }
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

std::string describe_names(const std::vector<std::string>& names) {
    std::string out;
    const std::size_t shown = std::min<std::size_t>(names.size(), 3);
    for (std::size_t i = 0; i < shown; ++i) {
        out += (i == 0 ? "" : ", ") + names[i];
    }
    if (names.size() > shown) {
        out += fmt::format(" and {} more", names.size() - shown);
    }
    return out;
}

// Parses a JSON document that must be an object (else an error, and nullopt); `what` names it
// ("a CycloneDX BOM") when the text is not JSON at all. A trailing comma is an error that says so;
// with `lenient` it is blanked out (positions stay true) and reported as a warning instead.
std::optional<JsonValue> parse_json_document(std::string_view text, util::DiagnosticSink& sink,
                                             bool lenient, const util::JsonLimits& limits,
                                             std::string_view what) {
    // A forced --input-format on another kind of file deserves better than a JSON error.
    const std::string_view body = util::without_bom(text);
    const std::size_t first = body.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || (body[first] != '{' && body[first] != '[')) {
        sink.error({1, 1}, "",
                   "does not look like JSON: " + std::string(what) + " is a JSON object");
        return std::nullopt;
    }
    std::string repaired;  // a copy of the text, made at the first repair
    std::string_view current = text;
    for (int repairs = 0;; ++repairs) {
        util::JsonParseResult parsed = util::parse_json(current, sink.source(), limits);
        if (parsed.value) {
            for (util::Diagnostic& warning : parsed.warnings) {
                sink.add(std::move(warning));
            }
            if (!util::expect_kind(*parsed.value, JsonValue::Kind::object, "", sink)) {
                return std::nullopt;
            }
            return std::move(parsed.value);
        }
        util::Diagnostic error = std::move(*parsed.error);
        const std::optional<TrailingComma> comma = trailing_comma(current, error.location);
        if (!comma) {
            for (util::Diagnostic& warning : parsed.warnings) {
                sink.add(std::move(warning));
            }
            sink.add(std::move(error));
            return std::nullopt;
        }
        const std::string problem = std::string("trailing comma after the last entry of ") +
                                    (comma->in_object ? "an object" : "an array");
        if (!lenient) {
            sink.error(error.location, "",
                       problem + " (JSON does not allow it; --lenient accepts it with a warning)");
            return std::nullopt;
        }
        if (repairs >= k_max_repairs) {
            sink.error(error.location, "",
                       fmt::format("{}: more than {} trailing commas, too many to repair", problem,
                                   k_max_repairs));
            return std::nullopt;
        }
        sink.warning(location_after_bom(current, comma->offset), "",
                     problem + " (not JSON; accepted because of --lenient)");
        if (repaired.empty()) {
            repaired.assign(text);
        }
        repaired[comma->offset] = ' ';  // a blank keeps every line and column where it was
        current = repaired;
    }
}

}  // namespace

LoadResult import_json_document(std::string_view text, const std::string& source,
                                const ImportOptions& options, const util::JsonLimits& limits,
                                const JsonDocumentKind& kind, const ReadDocument& read) {
    LoadResult result;
    DiagnosticSink sink(source, result.diagnostics);
    const std::optional<JsonValue> root =
        parse_json_document(text, sink, options.lenient, limits, kind.what);
    if (!root) {
        return result;
    }
    Manifest manifest;
    manifest.source = source;
    read(*root, manifest, sink);
    if (sink.failed()) {
        return result;
    }
    mark_unstated(manifest, kind.unstated);
    if (has_unstated(manifest)) {
        manifest.limitations.insert(manifest.limitations.begin(), kind.lower_bound);
    }
    result.manifest = std::move(manifest);
    return result;
}

const JsonValue* member(const JsonValue& object, std::string_view key, JsonValue::Kind kind,
                        const std::string& path, util::DiagnosticSink& sink) {
    const JsonValue* value = object.find(key);
    if (value == nullptr) {
        return nullptr;
    }
    return util::expect_kind(*value, kind, util::member_path(path, key), sink) ? value : nullptr;
}

std::string string_member(const JsonValue& object, std::string_view key, const std::string& path,
                          util::DiagnosticSink& sink) {
    const JsonValue* value = member(object, key, JsonValue::Kind::string, path, sink);
    return value != nullptr ? value->as_string() : std::string();
}

void set_released(Artifact& artifact, std::string provenance, std::string location,
                  std::optional<std::string> license) {
    artifact.availability = Availability::released;
    artifact.listed = true;
    artifact.provenance = std::move(provenance);
    if (!location.empty()) {
        artifact.location = std::move(location);
    }
    if (license) {
        artifact.license = std::move(license);
    }
}

void mark_unstated(Manifest& manifest, const std::string& phrase) {
    for (Artifact& artifact : manifest.artifacts) {
        if (!artifact.listed) {
            artifact.availability = Availability::unknown;
            artifact.provenance = phrase;
        }
    }
}

bool has_unstated(const Manifest& manifest) {
    return std::any_of(manifest.artifacts.begin(), manifest.artifacts.end(),
                       [](const Artifact& a) { return a.availability == Availability::unknown; });
}

std::string all_of(const std::vector<std::string>& licenses) {
    // A hash set keeps this linear: a document can list many thousands of licenses.
    std::vector<std::string> unique;
    std::unordered_set<std::string_view> seen;
    for (const std::string& license : licenses) {
        if (seen.insert(license).second) {
            unique.push_back(license);
        }
    }
    if (unique.size() == 1) {
        return unique.front();
    }
    std::string out;
    for (const std::string& license : unique) {
        out += out.empty() ? "" : " AND ";
        // Compound operands keep their own grouping.
        const bool compound = license.find(' ') != std::string::npos;
        out += compound ? "(" + license + ")" : license;
    }
    return out;
}

std::string name_from_source(const std::string& source) {
    std::string base = source;
    const std::size_t slash = base.find_last_of('/');
    std::string directory;
    if (slash != std::string::npos) {
        directory = base.substr(0, slash);
        base = base.substr(slash + 1);
    }
    if (util::iequals(base, "readme.md") && !directory.empty()) {
        const std::size_t up = directory.find_last_of('/');
        return up == std::string::npos ? directory : directory.substr(up + 1);
    }
    for (bool stripped = true; stripped;) {
        stripped = false;
        for (std::string_view suffix : {".md", ".json", ".jsonld", ".cdx", ".spdx3", ".spdx"}) {
            if (base.size() > suffix.size() && util::iends_with(base, suffix)) {
                base.resize(base.size() - suffix.size());
                stripped = true;
            }
        }
    }
    return base;
}

void set_datasets(Artifact& artifact, const std::vector<DatasetFact>& datasets,
                  const std::string& provenance) {
    if (datasets.empty()) {
        return;
    }
    std::vector<std::string> names;
    std::vector<std::string> unknown;
    std::vector<std::string> withheld;
    std::vector<std::string> unlicensed;
    std::vector<std::string> licenses;
    std::string locations;
    std::string notes;
    for (const DatasetFact& d : datasets) {
        names.push_back(d.name);
        if (d.availability == Availability::unknown) {
            unknown.push_back(d.name);
        } else if (d.availability == Availability::not_released) {
            withheld.push_back(d.name);
        }
        if (d.license) {
            licenses.push_back(*d.license);
        } else {
            unlicensed.push_back(d.name);
        }
        if (!d.location.empty()) {
            locations += (locations.empty() ? "" : " ") + d.location;
        }
        if (!d.note.empty()) {
            notes += (notes.empty() ? "" : "; ") + d.name + ": " + d.note;
        }
    }
    artifact.listed = true;
    artifact.location = locations;
    artifact.notes = notes;
    std::string where = provenance + " (" + describe_names(names) + ")";
    if (!withheld.empty()) {
        artifact.availability = Availability::not_released;
        where += "; not released: " + describe_names(withheld);
    } else if (!unknown.empty()) {
        artifact.availability = Availability::unknown;
        where += "; availability not stated for " + describe_names(unknown);
    } else {
        artifact.availability = Availability::released;
    }
    if (unlicensed.empty()) {
        artifact.license = all_of(licenses);
    } else if (artifact.availability == Availability::released) {
        where += "; no license stated for " + describe_names(unlicensed);
    }
    artifact.provenance = where;
}

}  // namespace openness::manifest::detail
