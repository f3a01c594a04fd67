#include "openness/manifest/json_loader.hpp"

#include "openness/license/expression.hpp"
#include "openness/util/embedded.hpp"
#include "openness/util/json_writer.hpp"

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace openness::manifest {

namespace {

using util::Diagnostic;
using util::JsonValue;
using util::Severity;

constexpr std::size_t k_max_license_bytes = license::ExpressionLimits{}.max_length;

// Walks one document, collecting every problem rather than stopping at the first.
class Reader {
public:
    Reader(const std::string& source, std::vector<Diagnostic>& diagnostics,
           std::vector<ExtraMember>& extras)
        : m_source(source), m_diagnostics(diagnostics), m_extras(extras) {}

    // Keeps a member openness does not read, so that a rewrite of the manifest keeps it too.
    void keep(std::string_view object, const JsonValue::Member& member) {
        std::string json;
        util::append_json_value(json, member.second);
        m_extras.push_back({std::string(object), member.first, std::move(json)});
    }

    void error(const JsonValue& at, const std::string& path, std::string message) {
        m_diagnostics.push_back(
            {Severity::error, m_source, at.location(), path, std::move(message)});
    }

    void warning(const JsonValue& at, const std::string& path, std::string message) {
        m_diagnostics.push_back(
            {Severity::warning, m_source, at.location(), path, std::move(message)});
    }

    bool expect(const JsonValue& value, JsonValue::Kind kind, const std::string& path) {
        if (value.kind() == kind) {
            return true;
        }
        error(value, path,
              std::string("expected ") + JsonValue::kind_name(kind) + ", got " +
                  JsonValue::kind_name(value.kind()));
        return false;
    }

    // Warns about every member of `object` whose key is not in `known`.
    void check_keys(const JsonValue& object, std::string_view path,
                    std::initializer_list<std::string_view> known) {
        for (const JsonValue::Member& member : object.members()) {
            bool found = false;
            for (std::string_view key : known) {
                if (member.first == key) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                warning(member.second, join(path, member.first),
                        "unknown key (ignored; it may belong to a newer manifest version)");
                keep(path, member);
            } else if (path.empty() && member.first == "$schema") {
                keep(path, member);
            }
        }
    }

    // Reads an optional string member into `out`; false only on a type error. Paths for
    // messages are built only when there is a message: a valid manifest allocates none.
    bool optional_string(const JsonValue& object, std::string_view key, std::string_view path,
                         std::string& out) {
        const JsonValue* value = object.find(key);
        if (value == nullptr) {
            return true;
        }
        if (!value->is_string()) {
            return expect(*value, JsonValue::Kind::string, join(path, key));
        }
        out = value->as_string();
        return true;
    }

    static std::string join(std::string_view path, std::string_view key) {
        std::string out(path);
        if (!out.empty()) {
            out += '.';
        }
        out += key;
        return out;
    }

    void read_license(const JsonValue& value, std::string_view parent, std::string_view key,
                      std::optional<std::string>& out) {
        if (!value.is_string()) {
            expect(value, JsonValue::Kind::string, join(parent, key));
            return;
        }
        if (value.as_string().find_first_not_of(" \t\r\n") == std::string::npos) {
            error(value, join(parent, key),
                  "empty license; leave the key out, or write NONE (no license) or NOASSERTION "
                  "(unknown)");
            return;
        }
        // Nothing longer can be read as a license, and every verdict quotes the license text.
        if (value.as_string().size() > k_max_license_bytes) {
            error(value, join(parent, key),
                  "license is longer than " + std::to_string(k_max_license_bytes) + " bytes");
            return;
        }
        out = value.as_string();
    }

    void read_artifact(const JsonValue& value, std::string_view path, Artifact& artifact) {
        artifact.listed = true;
        artifact.position = value.location();
        if (!value.is_object()) {
            expect(value, JsonValue::Kind::object, std::string(path));
            return;
        }
        check_keys(value, path, {"available", "license", "location", "notes"});
        const JsonValue* available = value.find("available");
        if (available == nullptr) {
            error(value, std::string(path), "missing required key 'available' (true or false)");
        } else if (available->is_bool() ||
                   expect(*available, JsonValue::Kind::boolean, join(path, "available"))) {
            artifact.availability =
                available->as_bool() ? Availability::released : Availability::not_released;
        }
        if (const JsonValue* license = value.find("license")) {
            read_license(*license, path, "license", artifact.license);
        }
        optional_string(value, "location", path, artifact.location);
        optional_string(value, "notes", path, artifact.notes);
    }

    // Reads a group such as "weights" whose members are artifacts named "<group>.<member>".
    void read_group(const JsonValue& value, const std::string& group, Manifest& manifest) {
        if (!expect(value, JsonValue::Kind::object, group)) {
            return;
        }
        char buffer[64];  // "<group>.<member>" without an allocation; every artifact key fits
        for (const JsonValue::Member& member : value.members()) {
            std::optional<ArtifactId> id;
            if (group.size() + 1 + member.first.size() <= sizeof buffer) {
                group.copy(buffer, group.size());
                buffer[group.size()] = '.';
                member.first.copy(buffer + group.size() + 1, member.first.size());
                id = find_artifact(
                    std::string_view(buffer, group.size() + 1 + member.first.size()));
            }
            if (!id) {
                warning(member.second, join(group, member.first),
                        "unknown artifact (ignored; it may belong to a newer manifest version)");
                keep(group, member);
                continue;
            }
            read_artifact(member.second, spec(*id).key, manifest.artifact(*id));
        }
        place_unlisted(manifest, group, value.location());
    }

    void read_model(const JsonValue& value, ModelInfo& model) {
        if (!expect(value, JsonValue::Kind::object, "model")) {
            return;
        }
        check_keys(value, "model", {"name", "version", "organization", "release_date", "url"});
        if (value.find("name") == nullptr) {
            error(value, "model", "missing required key 'name'");
        }
        optional_string(value, "name", "model", model.name);
        optional_string(value, "version", "model", model.version);
        optional_string(value, "organization", "model", model.organization);
        optional_string(value, "release_date", "model", model.release_date);
        optional_string(value, "url", "model", model.url);
    }

    void read_sources(const JsonValue& value, std::vector<std::string>& out) {
        if (!expect(value, JsonValue::Kind::array, "sources")) {
            return;
        }
        std::size_t index = 0;
        for (const JsonValue& item : value.items()) {
            const std::string path = "sources[" + std::to_string(index++) + "]";
            if (expect(item, JsonValue::Kind::string, path)) {
                out.push_back(item.as_string());
            }
        }
    }

    void read_version(const JsonValue& root, Manifest& manifest) {
        const JsonValue* version = root.find("manifest_version");
        if (version == nullptr) {
            error(root, "", "missing required key 'manifest_version' (this openness reads 1)");
            return;
        }
        if (!expect(*version, JsonValue::Kind::number, "manifest_version")) {
            return;
        }
        if (!version->is_integer() || version->as_integer() != 1) {
            error(*version, "manifest_version",
                  "unsupported manifest version (this openness reads version 1)");
            return;
        }
        manifest.manifest_version = 1;
    }

    void read_access(const JsonValue& root, Manifest& manifest) {
        const JsonValue* access = root.find("access");
        if (access == nullptr) {
            error(root, "",
                  "missing required key 'access' (one of none, api, gated, download)");
            return;
        }
        if (!expect(*access, JsonValue::Kind::string, "access")) {
            return;
        }
        manifest.access = parse_access(access->as_string());
        if (!manifest.access) {
            error(*access, "access",
                  "unknown access '" + access->as_string() +
                      "' (expected one of none, api, gated, download)");
        }
    }

    void read_root(const JsonValue& root, Manifest& manifest) {
        if (!expect(root, JsonValue::Kind::object, "")) {
            return;
        }
        check_keys(root, "",
                   {"$schema", "manifest_version", "model", "access", "license", "weights",
                    "architecture", "hyperparameters", "data", "code", "documentation", "sources",
                    "notes"});
        read_version(root, manifest);
        if (const JsonValue* model = root.find("model")) {
            read_model(*model, manifest.model);
        } else {
            error(root, "", "missing required key 'model'");
        }
        read_access(root, manifest);
        if (const JsonValue* license = root.find("license")) {
            read_license(*license, "", "license", manifest.license);
            manifest.license_position = license->location();
        }
        for (const char* group : {"weights", "data", "code", "documentation"}) {
            if (const JsonValue* value = root.find(group)) {
                read_group(*value, group, manifest);
            }
        }
        for (const char* single : {"architecture", "hyperparameters"}) {
            if (const JsonValue* value = root.find(single)) {
                read_artifact(*value, single, manifest.artifact(*find_artifact(single)));
            }
        }
        if (const JsonValue* sources = root.find("sources")) {
            read_sources(*sources, manifest.sources);
        }
        optional_string(root, "notes", "", manifest.notes);
    }

private:
    const std::string& m_source;
    std::vector<Diagnostic>& m_diagnostics;
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

LoadResult load_manifest_json_diagnosed(std::string_view text, const std::string& source,
                                        const util::JsonLimits& limits) {
    util::JsonParseResult parsed = util::parse_json(text, source, limits);
    if (!parsed.value) {
        LoadResult result;
        result.diagnostics = std::move(parsed.warnings);
        result.diagnostics.push_back(*parsed.error);
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
