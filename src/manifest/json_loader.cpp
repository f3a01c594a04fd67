#include "openness/manifest/json_loader.hpp"

#include "openness/manifest/fields.hpp"
#include "openness/util/embedded.hpp"
#include "openness/util/json_writer.hpp"
#include "openness/util/strings.hpp"
#include "openness/util/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace openness::manifest {

namespace {

using util::Diagnostic;
using util::JsonValue;

// Walks one document, collecting every problem rather than stopping at the first.
class Reader {
public:
    Reader(const std::string& source, std::vector<Diagnostic>& diagnostics,
           std::vector<ExtraMember>& extras)
        : m_sink(source, diagnostics), m_extras(extras) {}

    // Keeps a member openness does not read, so that a rewrite of the manifest keeps it too.
    void keep(std::string_view object, const JsonValue::Member& member) {
        std::string json;
        util::append_json_value(json, member.second);
        m_extras.push_back({std::string(object), member.first, std::move(json)});
    }

    void error(const JsonValue& at, const std::string& path, std::string message) {
        m_sink.error(at.location(), path, std::move(message));
    }

    void warning(const JsonValue& at, const std::string& path, std::string message) {
        m_sink.warning(at.location(), path, std::move(message));
    }

    bool expect(const JsonValue& value, JsonValue::Kind kind, const std::string& path) {
        return util::expect_kind(value, kind, path, m_sink);
    }

    // Warns about every member of `object` (at dotted `path`) that the manifest table does not
    // know there.
    void check_keys(const JsonValue& object, std::string_view path) {
        const std::vector<std::string_view> known = known_keys(path);
        for (const JsonValue::Member& member : object.members()) {
            if (std::find(known.begin(), known.end(), member.first) == known.end()) {
                warning(member.second, util::member_path(path, member.first),
                        "unknown key (ignored; it may belong to a newer manifest version)" +
                            did_you_mean(path, member.first));
                keep(path, member);
            } else if (path.empty() && member.first == "$schema") {
                keep(path, member);
            }
        }
    }

    // "; did you mean 'license'?" when `key` is a slip for a key known at `path`; at the top
    // level also for an artifact written flat ("training_data" for data.training).
    static std::string did_you_mean(std::string_view path, std::string_view key) {
        std::vector<std::string> candidates;
        for (std::string_view known : known_keys(path)) {
            if (known != "$schema") {
                candidates.emplace_back(known);
            }
        }
        if (std::optional<std::string> match = util::closest_match(key, candidates)) {
            return "; did you mean '" + *match + "'?";
        }
        if (!path.empty()) {
            return "";
        }
        for (const ArtifactSpec& s : artifact_specs()) {
            const std::size_t dot = s.key.find('.');
            if (dot == std::string_view::npos) {
                continue;
            }
            const std::string group(s.key.substr(0, dot));
            const std::string member(s.key.substr(dot + 1));
            const std::vector<std::string> flat = {group + "_" + member, member + "_" + group,
                                                   group + "." + member};
            if (std::find(flat.begin(), flat.end(), key) != flat.end() ||
                util::closest_match(key, flat)) {
                return "; did you mean " + std::string(s.key) + ", written \"" + group +
                       "\": {\"" + member + "\": {...}}?";
            }
        }
        return "";
    }

    void read_license(const JsonValue& value, const std::string& path,
                      std::optional<std::string>& out) {
        if (!expect(value, JsonValue::Kind::string, path)) {
            return;
        }
        if (util::is_blank(value.as_string())) {
            error(value, path,
                  "empty license; leave the key out, or write NONE (no license) or NOASSERTION "
                  "(unknown)");
            return;
        }
        // Nothing longer can be read as a license, and every verdict quotes the license text.
        if (value.as_string().size() > k_max_license_bytes) {
            error(value, path, fmt::format("license is longer than {} bytes", k_max_license_bytes));
            return;
        }
        out = value.as_string();
    }

    // Reads the fields of `object` (at dotted `path`) that the table lists for `kind`: missing
    // required keys, then each present field by its type.
    void read_fields(const JsonValue& object, FieldObject kind, std::string_view path,
                     Manifest& manifest, Artifact* artifact) {
        check_keys(object, path);
        for (const Field& field : manifest_fields()) {
            if (field.object != kind) {
                continue;
            }
            const JsonValue* value = object.find(field.key);
            if (value == nullptr) {
                if (field.required) {
                    error(object, std::string(path),
                          "missing required key '" + std::string(field.key) + "'" +
                              std::string(field.missing_hint));
                }
                continue;
            }
            read_field(field, *value, util::member_path(path, field.key), manifest, artifact);
        }
    }

    void read_field(const Field& field, const JsonValue& value, const std::string& path,
                    Manifest& manifest, Artifact* artifact) {
        switch (field.type) {
        case FieldType::string:
            if (std::string* out = string_slot(field.id, manifest, artifact);
                out != nullptr && expect(value, JsonValue::Kind::string, path)) {
                *out = value.as_string();
            }
            return;
        case FieldType::license:
            if (artifact != nullptr) {
                read_license(value, path, artifact->license);
            } else {
                read_license(value, path, manifest.license);
                manifest.license_position = value.location();
            }
            return;
        case FieldType::boolean:  // "available", the one boolean
            if (expect(value, JsonValue::Kind::boolean, path)) {
                artifact->availability =
                    value.as_bool() ? Availability::released : Availability::not_released;
            }
            return;
        case FieldType::version:
            if (!expect(value, JsonValue::Kind::number, path)) {
                return;
            }
            if (!value.is_integer() || value.as_integer() != 1) {
                error(value, path, "unsupported manifest version (this openness reads version 1)");
                return;
            }
            manifest.manifest_version = 1;
            return;
        case FieldType::access:
            if (!expect(value, JsonValue::Kind::string, path)) {
                return;
            }
            manifest.access = parse_access(value.as_string());
            if (!manifest.access) {
                error(value, path,
                      "unknown access '" + value.as_string() +
                          "' (expected one of none, api, gated, download)");
            }
            return;
        case FieldType::string_list:
            read_sources(value, manifest.sources);
            return;
        case FieldType::model:
            if (expect(value, JsonValue::Kind::object, path)) {
                read_fields(value, FieldObject::model, path, manifest, nullptr);
            }
            return;
        case FieldType::group:
            read_group(value, path, manifest);
            return;
        case FieldType::artifact:
            read_artifact(value, path, manifest.artifact(*find_artifact(path)), manifest);
            return;
        }
    }

    void read_artifact(const JsonValue& value, std::string_view path, Artifact& artifact,
                       Manifest& manifest) {
        artifact.listed = true;
        artifact.position = value.location();
        if (!expect(value, JsonValue::Kind::object, std::string(path))) {
            return;
        }
        read_fields(value, FieldObject::artifact, path, manifest, &artifact);
    }

    // Reads a group such as "weights" whose members are artifacts named "<group>.<member>".
    void read_group(const JsonValue& value, const std::string& group, Manifest& manifest) {
        if (!expect(value, JsonValue::Kind::object, group)) {
            return;
        }
        for (const JsonValue::Member& member : value.members()) {
            const std::string key = util::member_path(group, member.first);
            const std::optional<ArtifactId> id = find_artifact(key);
            if (!id) {
                warning(member.second, key,
                        "unknown artifact (ignored; it may belong to a newer manifest version)" +
                            did_you_mean(group, member.first));
                keep(group, member);
                continue;
            }
            read_artifact(member.second, spec(*id).key, manifest.artifact(*id), manifest);
        }
        place_unlisted(manifest, group, value.location());
    }

    void read_sources(const JsonValue& value, std::vector<std::string>& out) {
        if (!expect(value, JsonValue::Kind::array, "sources")) {
            return;
        }
        std::size_t index = 0;
        for (const JsonValue& item : value.items()) {
            const std::string path = util::index_path("sources", index++);
            if (expect(item, JsonValue::Kind::string, path)) {
                out.push_back(item.as_string());
            }
        }
    }

    void read_root(const JsonValue& root, Manifest& manifest) {
        if (expect(root, JsonValue::Kind::object, "")) {
            read_fields(root, FieldObject::root, "", manifest, nullptr);
        }
    }

private:
    util::DiagnosticSink m_sink;
    std::vector<ExtraMember>& m_extras;
};

}  // namespace

LoadResult load_manifest_json(const util::JsonValue& document, const std::string& source) {
    LoadResult result;
    Manifest manifest;
    manifest.source = source;
    Reader reader(source, result.diagnostics, manifest.extras);
    reader.read_root(document, manifest);
    // Report in document order, whatever order the checks ran in.
    std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                         return std::make_pair(a.location.line, a.location.column) <
                                std::make_pair(b.location.line, b.location.column);
                     });
    if (!util::has_error(result.diagnostics)) {
        result.manifest = std::move(manifest);
    }
    return result;
}

LoadResult load_manifest_json(std::string_view text, const std::string& source,
                              const util::JsonLimits& limits) {
    // Nearly every manifest in a batch is clean: one pass reads it. The rest get the document
    // tree and every diagnostic.
    if (std::optional<Manifest> clean = read_clean_manifest_json(text, source, limits)) {
        LoadResult result;
        result.manifest = std::move(clean);
        return result;
    }
    return load_manifest_json_diagnosed(text, source, limits);
}

namespace {

// The byte offset of a 1-based line and column; the end of `text` when it lies beyond.
std::size_t offset_of(std::string_view text, util::Location at) {
    std::size_t offset = 0;
    for (std::size_t line = 1; line < at.line; ++line) {
        const std::size_t end = text.find('\n', offset);
        if (end == std::string_view::npos) {
            return text.size();
        }
        offset = end + 1;
    }
    return std::min(text.size(), offset + (at.column == 0 ? 0 : at.column - 1));
}

bool starts_line_with(std::string_view line, bool (*is_key_char)(char), char separator) {
    std::size_t i = 0;
    while (i < line.size() && is_key_char(line[i])) {
        ++i;
    }
    while (i > 0 && i < line.size() && line[i] == ' ') {
        ++i;
    }
    return i > 0 && i < line.size() && line[i] == separator;
}

bool is_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.';
}

// What the text holds instead of JSON, judged by its first non-blank line: YAML, TOML or none.
const char* other_format(std::string_view text) {
    const std::size_t start = text.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) {
        return nullptr;
    }
    const std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    if (line.substr(0, 3) == "---" || starts_line_with(line, is_key_char, ':')) {
        return "YAML";
    }
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
        line.remove_suffix(1);
    }
    // A TOML table header ("[model]") or assignment ("name = ...").
    const bool header = line.size() > 2 && line.front() == '[' && line.back() == ']' &&
                        std::all_of(line.begin() + 1, line.end() - 1, is_key_char);
    if (header || starts_line_with(line, is_key_char, '=')) {
        return "TOML";
    }
    return nullptr;
}

// In plain words, the likely cause of a JSON syntax error at `at` (comments, trailing commas,
// single quotes, YAML or TOML content, UTF-16), as " (…)"; empty when none is recognised.
std::string json_mistake_hint(std::string_view text, util::Location at) {
    if (text.size() >= 2 &&
        ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF') ||
         text[0] == '\0' || text[1] == '\0')) {
        return " (the file looks like UTF-16 text: save it as UTF-8)";
    }
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && text[first] != '{') {
        if (const char* format = other_format(text.substr(first))) {
            return std::string(" (this looks like ") + format +
                   ", not JSON: a manifest v1 is JSON; a MOF model.yml is YAML with top-level "
                   "'framework' and 'release' keys)";
        }
    }
    const std::size_t offset = offset_of(text, at);
    if (offset >= text.size()) {
        return "";
    }
    const char c = text[offset];
    if (c == '/' && offset + 1 < text.size() && (text[offset + 1] == '/' || text[offset + 1] == '*')) {
        return " (JSON allows no comments: remove the comment, or put the text in a \"notes\" "
               "member)";
    }
    if (c == '}' || c == ']') {
        const std::size_t before = text.find_last_not_of(" \t\r\n", offset == 0 ? 0 : offset - 1);
        if (offset != 0 && before != std::string_view::npos && text[before] == ',') {
            return std::string(" (a comma before '") + c +
                   "': JSON allows no trailing comma after the last member: remove it)";
        }
    }
    if (c == '\'') {
        return " (JSON strings and keys take double quotes (\"), not single quotes)";
    }
    const std::size_t before = offset == 0 ? std::string_view::npos
                                           : text.find_last_not_of(" \t\r\n", offset - 1);
    const bool key_expected =
        before != std::string_view::npos && (text[before] == '{' || text[before] == ',');
    if (key_expected && is_key_char(c) && c != '-' && c != '.' && !(c >= '0' && c <= '9')) {
        return " (JSON keys take double quotes: write \"key\", not key)";
    }
    return "";
}

}  // namespace

LoadResult load_manifest_json_diagnosed(std::string_view text, const std::string& source,
                                        const util::JsonLimits& limits) {
    util::JsonParseResult parsed = util::parse_json(text, source, limits);
    if (!parsed.value) {
        LoadResult result;
        result.diagnostics = std::move(parsed.warnings);
        result.diagnostics.push_back(*parsed.error);
        result.diagnostics.back().message +=
            json_mistake_hint(text, result.diagnostics.back().location);
        return result;
    }
    LoadResult result = load_manifest_json(*parsed.value, source);
    result.diagnostics.insert(result.diagnostics.begin(), parsed.warnings.begin(),
                              parsed.warnings.end());
    return result;
}

std::string_view manifest_schema() {
    const std::string_view* schema = util::find_embedded("schema/manifest-v1.schema.json");
    return schema != nullptr ? *schema : std::string_view{};
}

}  // namespace openness::manifest
