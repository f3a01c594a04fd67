#include "openness/manifest/mof_loader.hpp"

#include "openness/license/expression.hpp"
#include "openness/manifest/json_writer.hpp"
#include "openness/util/strings.hpp"
#include "openness/util/suggest.hpp"
#include "openness/util/utf8.hpp"

#include "yaml_limits.hpp"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <set>

namespace openness::manifest {

namespace {

using util::Diagnostic;

enum class ContentType { code, data, document };

constexpr std::size_t k_max_license_bytes = license::ExpressionLimits{}.max_length;

util::Location location_of(const YAML::Mark& mark) {
    if (mark.line < 0 || mark.column < 0) {
        return {};
    }
    return {static_cast<std::size_t>(mark.line) + 1, static_cast<std::size_t>(mark.column) + 1};
}

struct Component {
    ArtifactId id;
    std::string_view name;
    ContentType type;
};

// The 17 components of MOF 1.0 (mof.settings.yml) with their content types.
constexpr std::array<Component, k_artifact_count> k_components = {{
    {ArtifactId::weights_final, "Model parameters (Final)", ContentType::data},
    {ArtifactId::weights_intermediate, "Model parameters (Intermediate)", ContentType::data},
    {ArtifactId::architecture, "Model architecture", ContentType::code},
    {ArtifactId::hyperparameters, "Model metadata", ContentType::data},
    {ArtifactId::data_training, "Datasets", ContentType::data},
    {ArtifactId::data_evaluation, "Evaluation data", ContentType::data},
    {ArtifactId::data_card, "Data card", ContentType::document},
    {ArtifactId::code_training, "Training code", ContentType::code},
    {ArtifactId::code_inference, "Inference code", ContentType::code},
    {ArtifactId::code_evaluation, "Evaluation code", ContentType::code},
    {ArtifactId::code_data_processing, "Data preprocessing code", ContentType::code},
    {ArtifactId::code_libraries, "Supporting libraries and tools", ContentType::code},
    {ArtifactId::documentation_model_card, "Model card", ContentType::document},
    {ArtifactId::documentation_technical_report, "Technical report", ContentType::document},
    {ArtifactId::documentation_research_paper, "Research paper", ContentType::document},
    {ArtifactId::documentation_evaluation_results, "Evaluation results", ContentType::document},
    {ArtifactId::documentation_sample_outputs, "Sample model outputs", ContentType::document},
}};

const char* type_key(ContentType type) {
    switch (type) {
    case ContentType::code:
        return "code";
    case ContentType::data:
        return "data";
    case ContentType::document:
        return "document";
    }
    return "code";
}

const Component* find_component(std::string_view name) {
    for (const Component& c : k_components) {
        if (c.name == name) {
            return &c;
        }
    }
    return nullptr;
}

// "; did you mean 'X'?" when `word` is a slip for one of `known`, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& known) {
    const std::optional<std::string> match = util::closest_match(word, known);
    return match ? "; did you mean '" + *match + "'?" : std::string();
}

// The keys of each mapping a model.yml holds: MOF 1.0's schema (the MOT's mof_schema.json),
// plus the release's repository and huggingface links the MOT's files carry, and the
// `openness` section `convert --to mof` writes.
const std::vector<std::string> k_top_keys = {"framework", "release", "openness"};
const std::vector<std::string> k_framework_keys = {"name", "version", "date"};
const std::vector<std::string> k_release_keys = {
    "name",   "version", "date",         "license",   "producer",   "contact",    "origin",
    "repository", "huggingface", "type", "architecture", "treatment", "components"};
const std::vector<std::string> k_component_keys = {"name", "description", "license",
                                                   "license_path", "component_path"};

// A component's license as a model.yml writes it: no license and NONE are "unlicensed".
std::string mof_license_text(const std::optional<std::string>& license) {
    if (!license || *license == "NONE") {
        return "unlicensed";
    }
    return *license;
}

bool is_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    for (std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
    }
    const int month = (text[5] - '0') * 10 + (text[6] - '0');
    const int day = (text[8] - '0') * 10 + (text[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

const char* node_kind(const YAML::Node& node) { return detail::yaml_kind(node, "null"); }

class Reader {
public:
    Reader(const std::string& source, std::vector<Diagnostic>& diagnostics)
        : m_sink(source, diagnostics) {}

    static util::Location at(const YAML::Node& node) { return location_of(node.Mark()); }

    void error(const YAML::Node& node, const std::string& path, std::string message) {
        m_sink.error(at(node), path, std::move(message));
    }

    void warning(const YAML::Node& node, const std::string& path, std::string message) {
        m_sink.warning(at(node), path, std::move(message));
    }

    // A warning, with a did-you-mean, for each key of `map` that is not one of `known`: a
    // mistyped key (a component's "licence") would otherwise be dropped without a word.
    void unknown_keys(const YAML::Node& map, const std::string& path,
                      const std::vector<std::string>& known) {
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!it->first.IsScalar()) {
                continue;
            }
            const std::string& key = it->first.Scalar();
            if (std::find(known.begin(), known.end(), key) == known.end()) {
                warning(it->first, util::member_path(path, key),
                        "unknown key (ignored)" + did_you_mean(key, known));
            }
        }
    }

    bool is_map(const YAML::Node& node, const std::string& path) {
        if (node.IsMap()) {
            return true;
        }
        error(node, path, std::string("expected a mapping, got ") + node_kind(node));
        return false;
    }

    // A scalar as a string; nullopt (after an error) for anything else, and for null unless
    // null is allowed.
    std::optional<std::string> string_at(const YAML::Node& node, const std::string& path,
                                         bool null_allowed = false) {
        if (node.IsScalar()) {
            return node.Scalar();
        }
        if (node.IsNull() && null_allowed) {
            return std::nullopt;
        }
        error(node, path, std::string("expected a string, got ") + node_kind(node));
        return std::nullopt;
    }

    std::optional<std::string> optional_string(const YAML::Node& map, const char* key,
                                               const std::string& path, bool null_allowed) {
        const YAML::Node value = map[key];
        if (!value.IsDefined()) {
            return std::nullopt;
        }
        return string_at(value, path + "." + key, null_allowed);
    }

    void check_enum(const YAML::Node& map, const char* key, const std::string& path,
                    std::initializer_list<const char*> allowed) {
        const YAML::Node value = map[key];
        if (!value.IsDefined()) {
            return;
        }
        std::optional<std::string> text = string_at(value, path + "." + key);
        if (!text) {
            return;
        }
        std::string list;
        for (const char* option : allowed) {
            if (*text == option) {
                return;
            }
            list += list.empty() ? "" : ", ";
            list += *option == '\0' ? "''" : option;
        }
        error(value, path + "." + key, "'" + *text + "' is not one of " + list);
    }

    void check_date(const YAML::Node& map, const char* key, const std::string& path) {
        const YAML::Node value = map[key];
        if (!value.IsDefined()) {
            return;
        }
        std::optional<std::string> text = string_at(value, path + "." + key);
        if (text && !is_date(*text)) {
            error(value, path + "." + key, "'" + *text + "' is not a date (YYYY-MM-DD)");
        }
    }

    // Nothing longer can be read as a license, and every verdict quotes the license text.
    bool check_license_length(const YAML::Node& node, const std::string& path,
                              const std::string& text) {
        if (text.size() <= k_max_license_bytes) {
            return true;
        }
        error(node, path, fmt::format("license is longer than {} bytes", k_max_license_bytes));
        return false;
    }

    // Checks a top-level section (`section` is root[key]): present, a mapping, known keys only.
    bool check_section(const YAML::Node& root, const YAML::Node& section, const char* key,
                       const std::vector<std::string>& known) {
        if (!section.IsDefined()) {
            error(root, "", fmt::format("missing required key '{}'", key));
            return false;
        }
        if (!is_map(section, key)) {
            return false;
        }
        unknown_keys(section, key, known);
        return true;
    }

    void read_framework(const YAML::Node& root, Manifest&) {
        const YAML::Node framework = root["framework"];
        if (!check_section(root, framework, "framework", k_framework_keys)) {
            return;
        }
        for (const char* key : {"name", "version", "date"}) {
            if (!framework[key].IsDefined()) {
                error(framework, "framework", std::string("missing required key '") + key + "'");
            }
        }
        check_enum(framework, "name", "framework", {"Model Openness Framework"});
        optional_string(framework, "version", "framework", false);
        check_date(framework, "date", "framework");
    }

    // The release-level license for a content type, or the distribution license.
    std::optional<std::string> release_license(const YAML::Node& licenses, const char* type) {
        if (!licenses.IsDefined() || !licenses.IsMap()) {
            return std::nullopt;
        }
        for (const char* key : {type, "distribution"}) {
            const YAML::Node entry = licenses[key];
            if (entry.IsDefined() && entry.IsMap()) {
                const YAML::Node name = entry["name"];
                if (name.IsDefined() && name.IsScalar() && !name.Scalar().empty()) {
                    return name.Scalar();
                }
            }
        }
        return std::nullopt;
    }

    void read_release_licenses(const YAML::Node& licenses) {
        if (!is_map(licenses, "release.license")) {
            return;
        }
        for (const char* key : {"distribution", "code", "data", "document"}) {
            const YAML::Node entry = licenses[key];
            const std::string path = std::string("release.license.") + key;
            if (!entry.IsDefined()) {
                continue;
            }
            if (!is_map(entry, path)) {
                continue;
            }
            if (std::optional<std::string> name = optional_string(entry, "name", path, true)) {
                check_license_length(entry["name"], path + ".name", *name);
            }
            optional_string(entry, "path", path, true);
        }
    }

    void read_component(const YAML::Node& node, std::size_t index, const YAML::Node& licenses,
                        std::set<std::string>& seen, Manifest& manifest) {
        const std::string path = util::index_path("release.components", index);
        if (!is_map(node, path)) {
            return;
        }
        unknown_keys(node, path, k_component_keys);
        for (const char* key : {"name", "description", "license", "license_path", "component_path"}) {
            optional_string(node, key, path, false);
        }
        const YAML::Node name_node = node["name"];
        if (!name_node.IsDefined() || !name_node.IsScalar()) {
            if (!name_node.IsDefined()) {
                warning(node, path, "a component without a name counts as no component");
            }
            return;
        }
        const std::string name = name_node.Scalar();
        const Component* component = find_component(name);
        if (component == nullptr) {
            std::vector<std::string> names;
            for (const Component& c : k_components) {
                names.emplace_back(c.name);
            }
            warning(name_node, path + ".name",
                    "'" + name + "' is not a MOF component name (names match exactly); ignored" +
                        did_you_mean(name, names));
            return;
        }
        if (!seen.insert(name).second) {
            warning(name_node, path + ".name", "'" + name + "' is listed twice; the first is used");
            return;
        }
        Artifact& artifact = manifest.artifact(component->id);
        artifact.listed = true;
        artifact.availability = Availability::released;
        artifact.position = at(node);
        if (const YAML::Node location = node["component_path"]; location.IsDefined() && location.IsScalar()) {
            artifact.location = location.Scalar();
        }
        const YAML::Node own = node["license"];
        if (own.IsDefined()) {
            // A license key of its own wins, and `unlicensed` (or an empty value) means no
            // license: it does not inherit the release's.
            const std::string text = own.IsScalar() ? own.Scalar() : std::string();
            if (!check_license_length(own, path + ".license", text)) {
                return;
            }
            if (text.empty() || text == "unlicensed") {
                artifact.license = "NONE";
                artifact.notes = text.empty() ? "license: (empty)" : "license: unlicensed";
            } else {
                artifact.license = text;
            }
            return;
        }
        artifact.license = release_license(licenses, type_key(component->type));
        if (artifact.license) {
            artifact.notes = std::string("license from release.license (") +
                             type_key(component->type) + " or distribution)";
        }
    }

    // The manifest v1 that `convert --to mof` keeps under `openness.manifest` (what MOF cannot
    // say: access, the release's own license, sources, notes, unknown keys), when it loads and
    // agrees with the components: then it is the release, and a round trip loses nothing.
    // When it disagrees (the components were edited since), a warning says so and the
    // components decide.
    std::optional<Manifest> read_kept_manifest(const YAML::Node& root, const Manifest& from_mof) {
        const YAML::Node section = root["openness"];
        if (!section.IsDefined() || !section.IsMap() || !section["manifest"].IsDefined()) {
            return std::nullopt;
        }
        const YAML::Node text = section["manifest"];
        if (!text.IsScalar()) {
            warning(text, "openness.manifest", "expected the manifest's JSON text; ignored");
            return std::nullopt;
        }
        LoadResult kept = load_manifest_json(text.Scalar(), m_sink.source());
        if (!kept.manifest) {
            warning(text, "openness.manifest",
                    "the manifest kept here does not load; ignored (the components decide)");
            return std::nullopt;
        }
        for (const Component& c : k_components) {
            const Artifact& mof = from_mof.artifact(c.id);
            const bool released = kept.manifest->artifact(c.id).availability ==
                                  Availability::released;
            const bool agree = (mof.availability == Availability::released) == released &&
                               (!released || mof_license_text(mof.license) ==
                                                 mof_license_text(effective_license(
                                                     *kept.manifest, c.id).text));
            if (!agree) {
                warning(text, "openness.manifest",
                        "the manifest kept here disagrees with the component '" +
                            std::string(c.name) +
                            "' (edited since it was written?); ignored, the components decide");
                return std::nullopt;
            }
        }
        Manifest manifest = std::move(*kept.manifest);
        manifest.source = m_sink.source();
        // Positions point into this file: the components' lines, else the kept section.
        manifest.license_position = {};
        for (const Component& c : k_components) {
            const util::Location line = from_mof.artifact(c.id).position;
            manifest.artifact(c.id).position = line.line != 0 ? line : at(text);
        }
        // Its warnings (unknown keys) name their JSON path; the line is the section's.
        for (Diagnostic& d : kept.diagnostics) {
            d.location = at(text);
            d.path = "openness.manifest: " + d.path;
            m_sink.add(std::move(d));
        }
        return manifest;
    }

    void read_release(const YAML::Node& root, Manifest& manifest) {
        const YAML::Node release = root["release"];
        if (!check_section(root, release, "release", k_release_keys)) {
            return;
        }
        for (const char* key : {"name", "license", "producer", "components"}) {
            if (!release[key].IsDefined()) {
                error(release, "release", std::string("missing required key '") + key + "'");
            }
        }
        if (auto name = optional_string(release, "name", "release", false)) {
            if (name->empty()) {
                error(release["name"], "release.name", "must not be empty");
            }
            manifest.model.name = *name;
        }
        manifest.model.version = optional_string(release, "version", "release", false).value_or("");
        manifest.model.organization =
            optional_string(release, "producer", "release", false).value_or("");
        check_date(release, "date", "release");
        if (release["date"].IsDefined() && release["date"].IsScalar()) {
            manifest.model.release_date = release["date"].Scalar();
        }
        for (const char* key : {"origin", "contact", "repository", "huggingface"}) {
            optional_string(release, key, "release", false);
        }
        manifest.model.url = release["huggingface"].IsDefined() && release["huggingface"].IsScalar()
                                 ? release["huggingface"].Scalar()
                                 : std::string();
        if (manifest.model.url.empty() && release["repository"].IsDefined() &&
            release["repository"].IsScalar()) {
            manifest.model.url = release["repository"].Scalar();
        }
        check_enum(release, "type", "release",
                   {"", "language", "vision", "image", "audio", "video", "3d", "code",
                    "multimodal", "other"});
        check_enum(release, "architecture", "release",
                   {"", "transformer", "transformer decoder", "transformer encoder-decoder",
                    "decoder", "encoder", "diffusion", "RNN", "CNN", "LSTM", "NeRF", "hybrid",
                    "undisclosed", "other"});
        check_enum(release, "treatment", "release",
                   {"pre-trained", "instruct fine-tuned", "chat fine-tuned"});
        const YAML::Node licenses = release["license"];
        if (licenses.IsDefined()) {
            read_release_licenses(licenses);
        }
        const YAML::Node components = release["components"];
        if (!components.IsDefined()) {
            return;
        }
        if (!components.IsSequence()) {
            error(components, "release.components",
                  std::string("expected a list, got ") + node_kind(components));
            return;
        }
        if (components.size() > k_artifact_count) {
            error(components, "release.components",
                  "more than 17 components (the MOF has 17)");
            return;
        }
        std::set<std::string> seen;
        for (std::size_t i = 0; i < components.size(); ++i) {
            read_component(components[i], i, licenses, seen, manifest);
        }
    }

private:
    util::DiagnosticSink m_sink;
};

}  // namespace

bool looks_like_mof(std::string_view text) {
    bool framework = false;
    bool release = false;
    std::string_view line;
    for (std::string_view rest = text; util::next_line(rest, line);) {
        framework = framework || util::starts_with(line, "framework:");
        release = release || util::starts_with(line, "release:");
    }
    return framework && release;
}

LoadResult load_mof_yaml(std::string_view text, const std::string& source) {
    LoadResult result;
    Manifest manifest;
    manifest.source = source;
    manifest.format = "mof";
    // yaml-cpp passes invalid UTF-8 through, and its emitter then writes U+FFFD instead: a
    // license read from such a file is not the one written back, so such input is refused, as
    // is everything past the limits every YAML input shares.
    YAML::Node root;
    util::DiagnosticSink sink(source, result.diagnostics);
    if (std::optional<detail::YamlProblem> problem =
            detail::load_bounded_yaml(text, "a MOF manifest", 0, root)) {
        sink.error(problem->location, "", std::move(problem->message));
        return result;
    }
    Reader reader(source, result.diagnostics);
    try {
        if (!root.IsMap()) {
            reader.error(root, "", std::string("expected a mapping, got ") + node_kind(root));
            return result;
        }
        reader.unknown_keys(root, "", k_top_keys);
        reader.read_framework(root, manifest);
        reader.read_release(root, manifest);
        if (!util::has_error(result.diagnostics)) {
            if (std::optional<Manifest> kept = reader.read_kept_manifest(root, manifest)) {
                result.manifest = std::move(*kept);
                return result;
            }
        }
    } catch (const YAML::Exception& e) {
        sink.error({}, "", "cannot read the YAML document: " + e.msg);
        return result;
    }
    // A model.yml says nothing about access; the MOT lists released models, so listed final
    // parameters are taken as downloadable, and the verdict says so.
    if (manifest.artifact(ArtifactId::weights_final).availability == Availability::released) {
        manifest.access = Access::download;
        manifest.limitations.push_back(
            "a MOF model.yml does not state access: taken as 'download' because it lists the "
            "final parameters");
    } else {
        manifest.access = Access::none;
        manifest.limitations.push_back(
            "a MOF model.yml does not state access: taken as 'none' because it does not list "
            "the final parameters");
    }
    if (!util::has_error(result.diagnostics)) {
        result.manifest = std::move(manifest);
    }
    return result;
}

namespace {

// A string value; one holding a control character (such as CR, which a plain scalar would turn
// into a line break) is double-quoted, where yaml-cpp writes it as an escape.
void write_string(YAML::Emitter& out, const std::string& text) {
    const bool control = std::any_of(text.begin(), text.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
    });
    if (control) {
        out << YAML::DoubleQuoted;
    }
    out << text;
}

}  // namespace

std::string write_mof_yaml(const Manifest& manifest) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "framework" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << "Model Openness Framework";
    out << YAML::Key << "version" << YAML::Value << YAML::SingleQuoted << "1.0";
    out << YAML::Key << "date" << YAML::Value << YAML::SingleQuoted << "2024-12-15";
    out << YAML::EndMap;
    out << YAML::Key << "release" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value;
    write_string(out, manifest.model.name);
    out << YAML::Key << "version" << YAML::Value;
    write_string(out, manifest.model.version);
    if (manifest.model.release_date.size() == 10) {
        out << YAML::Key << "date" << YAML::Value;
        write_string(out, manifest.model.release_date);
    }
    out << YAML::Key << "producer" << YAML::Value;
    write_string(out, manifest.model.organization);
    if (!manifest.model.url.empty()) {
        out << YAML::Key << "huggingface" << YAML::Value;
        write_string(out, manifest.model.url);
    }
    // A license literally named "unlicensed" (inherited from a release license of that name)
    // cannot be a component's own: there it means no license. Such components leave the key
    // out and inherit it again from release.license.distribution.
    const auto named_unlicensed = [&](ArtifactId id) {
        return manifest.artifact(id).availability == Availability::released &&
               effective_license(manifest, id).text == std::optional<std::string>("unlicensed");
    };
    const bool any_named_unlicensed = std::any_of(
        k_components.begin(), k_components.end(),
        [&](const Component& c) { return named_unlicensed(c.id); });
    out << YAML::Key << "license" << YAML::Value << YAML::BeginMap;
    if (any_named_unlicensed) {
        out << YAML::Key << "distribution" << YAML::Value << YAML::BeginMap << YAML::Key
            << "name" << YAML::Value << "unlicensed" << YAML::EndMap;
    }
    out << YAML::EndMap;
    out << YAML::Key << "components" << YAML::Value << YAML::BeginSeq;
    for (const Component& c : k_components) {
        const Artifact& artifact = manifest.artifact(c.id);
        if (artifact.availability != Availability::released) {
            continue;
        }
        const EffectiveLicense license = effective_license(manifest, c.id);
        out << YAML::BeginMap;
        out << YAML::Key << "name" << YAML::Value << std::string(c.name);
        // Every component carries its license, so nothing depends on MOF's inheritance rules;
        // no license becomes MOF's explicit "unlicensed".
        // NOASSERTION (not known) stays itself: MOF has no word for it, and "unlicensed" would
        // turn an unknown license into a known absence of one.
        const std::string text = mof_license_text(license.text);
        if (!named_unlicensed(c.id)) {
            out << YAML::Key << "license" << YAML::Value;
            write_string(out, text);
        }
        if (!artifact.location.empty()) {
            out << YAML::Key << "component_path" << YAML::Value;
            write_string(out, artifact.location);
        }
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
    out << YAML::EndMap;
    // What MOF cannot say, kept whole so that converting back loses nothing (load_mof_yaml
    // reads it when the components agree with it). Other MOF readers ignore the key.
    out << YAML::Key << "openness" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "about" << YAML::Value
        << "The openness manifest v1 this file was written from: access, the release's own "
           "license, sources, notes and keys MOF has no place for. openness reads it back "
           "while the components above agree with it.";
    out << YAML::Key << "manifest" << YAML::Value << YAML::Literal << write_manifest_json(manifest);
    out << YAML::EndMap;
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

}  // namespace openness::manifest
