#include "openness/manifest/load.hpp"

#include "openness/manifest/fields.hpp"

#include "openness/manifest/cyclonedx.hpp"
#include "openness/manifest/eosai.hpp"
#include "openness/manifest/hf_card.hpp"
#include "openness/manifest/mof_loader.hpp"
#include "openness/manifest/spdx3.hpp"
#include "openness/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace openness::manifest {

namespace {

struct FormatEntry {
    InputFormat format;
    const char* name;
};

constexpr FormatEntry k_formats[] = {
    {InputFormat::manifest_v1, "manifest"},
    {InputFormat::mof, "mof"},
    {InputFormat::hf_card, "hf-card"},
    {InputFormat::cyclonedx, "cyclonedx"},
    {InputFormat::spdx3, "spdx3"},
    {InputFormat::eosai, "eosai"},
};

// Content sniffing works on the raw text so that a malformed file still reaches the importer
// that can explain (or, with --lenient, repair) it.

// The offset just after `quoted` (a key in double quotes, e.g. "\"bomFormat\"") followed by
// optional blanks and a colon; npos when absent.
std::size_t json_key(std::string_view text, std::string_view quoted) {
    for (std::size_t at = text.find(quoted); at != std::string_view::npos;
         at = text.find(quoted, at + 1)) {
        std::size_t i = at + quoted.size();
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
                                   text[i] == '\n')) {
            ++i;
        }
        if (i < text.size() && text[i] == ':') {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

bool is_cyclonedx(std::string_view text) {
    const std::size_t value = json_key(text, "\"bomFormat\"");
    if (value == std::string_view::npos) {
        return false;
    }
    const std::size_t quote = text.find('"', value);
    return quote != std::string_view::npos && util::is_blank(text.substr(value, quote - value)) &&
           text.substr(quote, 11) == "\"CycloneDX\"";
}

bool is_spdx3(std::string_view text) {
    const std::size_t value = json_key(text, "\"@context\"");
    if (value == std::string_view::npos) {
        return false;
    }
    return util::lower(text.substr(value, 512)).find("spdx") != std::string::npos;
}

// A first line of exactly "---" opens front matter.
bool opens_front_matter(std::string_view text) {
    if (text.substr(0, 3) != "---") {
        return false;
    }
    const std::size_t end = text.find('\n');
    const std::string_view rest = text.substr(3, end == std::string_view::npos ? end : end - 3);
    return util::is_blank(rest, " \t\r");
}

// True when a line of the YAML document (up to a closing "---" or "...") starts with `key:`.
bool has_top_level_key(std::string_view text, std::string_view key) {
    std::string_view line;
    std::string_view rest = text;
    util::next_line(rest, line);  // the opening line
    while (util::next_line(rest, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line == "---" || line == "...") {
            return false;
        }
        if (line.substr(0, key.size()) == key && line.substr(key.size(), 1) == ":") {
            return true;
        }
    }
    return false;
}

bool ends_with_md(const std::string& source) {
    return source.size() > 3 && (util::ends_with(source, ".md") || util::ends_with(source, ".MD"));
}

}  // namespace

const char* format_name(InputFormat format) {
    for (const FormatEntry& entry : k_formats) {
        if (entry.format == format) {
            return entry.name;
        }
    }
    return "manifest";
}

std::optional<InputFormat> parse_format_name(std::string_view name) {
    for (const FormatEntry& entry : k_formats) {
        if (name == entry.name) {
            return entry.format;
        }
    }
    return std::nullopt;
}

std::vector<std::string> format_names() {
    std::vector<std::string> out;
    for (const FormatEntry& entry : k_formats) {
        out.emplace_back(entry.name);
    }
    return out;
}

namespace {

bool ends_with_yaml(const std::string& source) {
    return util::ends_with(source, ".yml") || util::ends_with(source, ".yaml");
}

// An importer may meet an empty license field (`license: ""` in a card, a BOM's empty name). It
// says nothing, so it becomes "no license stated" (never open), with a warning, for every format
// at once; a native manifest already refuses one. A license longer than an expression may be is
// refused as in a native manifest (issue 14: imports skipped that cap).
void check_imported_licenses(Manifest& manifest, std::vector<util::Diagnostic>& diagnostics) {
    util::DiagnosticSink sink(manifest.source, diagnostics);
    auto check = [&](std::optional<std::string>& license, util::Location at, std::string path) {
        if (!license) {
            return;
        }
        if (util::is_blank(*license)) {
            license.reset();
            sink.warning(at, std::move(path), "empty license: read as no license stated");
        } else if (license->size() > k_max_license_bytes) {
            sink.error(at, std::move(path),
                       fmt::format("license is longer than {} bytes", k_max_license_bytes));
        }
    };
    check(manifest.license, {}, "license");
    for (const ArtifactSpec& spec : artifact_specs()) {
        Artifact& artifact = manifest.artifact(spec.id);
        check(artifact.license, artifact.position, std::string(spec.key) + ".license");
    }
}

}  // namespace

InputFormat detect_format(std::string_view text, const std::string& source) {
    // Content decides; a YAML file name only breaks the tie for YAML that is none of the other
    // formats, so its error speaks of the MOF keys rather than of JSON syntax. JSON is told
    // first, by its opening brace, so a batch of JSON manifests never scans for YAML keys.
    const std::string_view body = util::without_bom(text);
    const std::size_t first = body.find_first_not_of(" \t\r\n");
    if ((first == std::string_view::npos || body[first] != '{') && looks_like_mof(text)) {
        return InputFormat::mof;
    }
    if (first != std::string_view::npos && body[first] == '{') {
        if (json_key(body, "\"manifest_version\"") != std::string_view::npos) {
            return InputFormat::manifest_v1;
        }
        if (is_cyclonedx(body)) {
            return InputFormat::cyclonedx;
        }
        // SPDX 2 (spdxVersion) goes to the SPDX 3 importer, which says what it is.
        if (is_spdx3(body) || json_key(body, "\"spdxVersion\"") != std::string_view::npos) {
            return InputFormat::spdx3;
        }
        return InputFormat::manifest_v1;
    }
    // An index project file opens with '---' too; its `system:`/`project:` keys and ratings
    // tell it from front matter.
    if (looks_like_eosai(body)) {
        return InputFormat::eosai;
    }
    // YAML with `framework` or `release` keys is a MOF model.yml, not front matter.
    if (opens_front_matter(body) && !has_top_level_key(body, "framework") &&
        !has_top_level_key(body, "release")) {
        return InputFormat::hf_card;
    }
    if (first != std::string_view::npos && ends_with_md(source)) {
        return InputFormat::hf_card;  // a Markdown file without front matter: the card importer says so
    }
    if (has_top_level_key(body, "framework") || has_top_level_key(body, "release") ||
        ends_with_yaml(source)) {
        return InputFormat::mof;
    }
    return InputFormat::manifest_v1;
}

namespace {

LoadResult load_format(InputFormat format, std::string_view text, const std::string& source,
                       const util::JsonLimits& limits, const ImportOptions& options) {
    LoadResult result;
    switch (format) {
    case InputFormat::manifest_v1:
        // The clean reader has already given up on it (load_manifest_into).
        result = load_manifest_json_diagnosed(text, source, limits);
        break;
    case InputFormat::mof:
        result = load_mof_yaml(text, source);
        break;
    case InputFormat::hf_card:
        result = load_hf_card(text, source, options);
        break;
    case InputFormat::cyclonedx:
        result = load_cyclonedx(text, source, options, limits);
        break;
    case InputFormat::spdx3:
        result = load_spdx3(text, source, options, limits);
        break;
    case InputFormat::eosai:
        result = load_eosai(text, source, options);
        break;
    }
    if (result.manifest && format != InputFormat::manifest_v1) {
        check_imported_licenses(*result.manifest, result.diagnostics);
        if (util::has_error(result.diagnostics)) {
            result.manifest.reset();
        }
    }
    util::cap_diagnostics(result.diagnostics, source);
    return result;
}

}  // namespace

LoadResult load_manifest(std::string_view text, const std::string& source,
                         std::optional<InputFormat> forced, const util::JsonLimits& limits,
                         const ImportOptions& options) {
    LoadResult result;
    Manifest manifest;
    if (load_manifest_into(text, source, forced, limits, options, manifest, result.diagnostics)) {
        result.manifest = std::move(manifest);
    }
    return result;
}

namespace {

// The keys at the start of unindented lines ("name: x" gives "name"), at most `limit`.
std::vector<std::string> top_level_keys(std::string_view text, std::size_t limit) {
    std::vector<std::string> keys;
    std::string_view line;
    for (std::string_view rest = text; keys.size() < limit && util::next_line(rest, line);) {
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos && colon > 0 && colon <= 64 &&
            line.find_first_of(" \t#-\"'{[") != 0 &&
            line.substr(0, colon).find_first_of(" \t\"'") == std::string_view::npos) {
            keys.emplace_back(line.substr(0, colon));
        }
    }
    return keys;
}

// Detection fell back to MOF for YAML that has neither of its top-level keys: say what the file
// is not, and what was found, rather than list MOF's missing keys.
std::optional<util::Diagnostic> yaml_not_a_manifest(std::string_view text,
                                                    const std::string& source) {
    std::string_view line;
    for (std::string_view rest = text; util::next_line(rest, line);) {
        if (util::starts_with(line, "framework:") || util::starts_with(line, "release:")) {
            return std::nullopt;
        }
    }
    std::string message =
        "not a manifest: YAML without the top-level 'framework' and 'release' keys of a MOF "
        "model.yml";
    const std::vector<std::string> keys = top_level_keys(text, 6);
    if (!keys.empty()) {
        message += " (its top-level keys: ";
        for (std::size_t i = 0; i < keys.size() && i < 5; ++i) {
            message += (i == 0 ? "" : ", ") + keys[i];
        }
        message += keys.size() > 5 ? ", ...)" : ")";
    }
    message += "; a manifest v1 is JSON (see openness init), and --input-format mof reads it as "
               "MOF anyway";
    return util::Diagnostic{util::Severity::error, source, {}, "", message};
}

}  // namespace

bool load_manifest_into(std::string_view text, const std::string& source,
                        std::optional<InputFormat> forced, const util::JsonLimits& limits,
                        const ImportOptions& options, Manifest& into,
                        std::vector<util::Diagnostic>& diagnostics) {
    const InputFormat format = forced ? *forced : detect_format(text, source);
    diagnostics.clear();
    if (format == InputFormat::mof && !forced) {
        if (std::optional<util::Diagnostic> error = yaml_not_a_manifest(text, source)) {
            diagnostics.push_back(std::move(*error));
            return false;
        }
    }
    // A clean native manifest (nearly every one in a batch) has nothing to report.
    if (format == InputFormat::manifest_v1 && read_clean_manifest_json(text, source, limits, into)) {
        return true;
    }
    LoadResult result = load_format(format, text, source, limits, options);
    diagnostics = std::move(result.diagnostics);
    if (!result.manifest) {
        return false;
    }
    into = std::move(*result.manifest);
    return true;
}

}  // namespace openness::manifest
