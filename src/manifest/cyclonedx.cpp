#include "openness/manifest/cyclonedx.hpp"

#include "import_support.hpp"
#include "openness/util/strings.hpp"

#include <fmt/format.h>

#include <unordered_map>

namespace openness::manifest {

namespace {

using namespace detail;  // member, set_released, JsonValue, Kind, ... (import_support.hpp)

constexpr JsonDocumentKind k_document{
    "a CycloneDX BOM", "not stated in the CycloneDX BOM",
    "tier and score are lower bounds from a CycloneDX BOM: artifacts it does not state are not "
    "counted"};
constexpr std::string_view k_property_prefix = "openness:";

// Where a bom-ref points: a component, or one `data` entry of a component.
struct RefTarget {
    const JsonValue* component = nullptr;
    std::string component_path;
    const JsonValue* data = nullptr;
    std::string data_path;
};

struct LicenseFact {
    std::string text;
    std::string provenance;
};

bool contains(const std::string& text, std::string_view word) {
    return text.find(word) != std::string::npos;
}

// The code artifact a vcs or source-distribution reference stands for. Its comment may say
// which code it is; without one it is read as the code to run the model.
ArtifactId code_artifact(const std::string& comment) {
    const std::string c = util::lower(comment);
    if (contains(c, "data processing") || contains(c, "data-processing") ||
        contains(c, "preprocess") || contains(c, "data pipeline")) {
        return ArtifactId::code_data_processing;
    }
    if (contains(c, "training")) {
        return ArtifactId::code_training;
    }
    if (contains(c, "evaluat") || contains(c, "benchmark")) {
        return ArtifactId::code_evaluation;
    }
    return ArtifactId::code_inference;
}

class BomReader {
public:
    BomReader(DiagnosticSink& sink, bool lenient) : m_sink(sink), m_lenient(lenient) {}

    // A mistake the CycloneDX examples themselves make: a warning with --lenient, else an error.
    void mistake(const JsonValue& at, const std::string& path, const std::string& message,
                 const std::string& lenient_reading) {
        if (m_lenient) {
            m_sink.warning(at.location(), path,
                           message + " (" + lenient_reading + " because of --lenient)");
        } else {
            m_sink.error(at.location(), path, message + " (--lenient accepts it with a warning)");
        }
    }

    void read(const JsonValue& root, Manifest& m) {
        read_header(root, m);
        if (const JsonValue* metadata = member(root, "metadata", Kind::object, "", m_sink)) {
            if (const JsonValue* c =
                    member(*metadata, "component", Kind::object, "metadata", m_sink)) {
                collect(*c, "metadata.component");
            }
        }
        if (const JsonValue* list = member(root, "components", Kind::array, "", m_sink)) {
            collect_list(*list, "components");
        }
        if (m_sink.failed()) {
            return;
        }
        const JsonValue* model = nullptr;
        std::string model_path;
        std::size_t models = 0;
        for (const auto& [component, path] : m_components) {
            const JsonValue* type = component->find("type");
            if (type != nullptr && type->is_string() &&
                type->as_string() == "machine-learning-model") {
                if (models++ == 0) {
                    model = component;
                    model_path = path;
                }
            }
        }
        if (model == nullptr) {
            m_sink.error(root.location(), "",
                         "no component of type machine-learning-model: this BOM describes "
                         "no model to score");
            return;
        }
        if (models > 1) {
            m_sink.warning(model->location(), model_path,
                           fmt::format("{} machine-learning-model components; this one (the "
                                       "first) is scored",
                                       models));
        }
        read_model(*model, model_path, m);
    }

private:
    void read_header(const JsonValue& root, Manifest& m) {
        const JsonValue* format = root.find("bomFormat");
        if (format == nullptr || !format->is_string() || format->as_string() != "CycloneDX") {
            m_sink.error(format != nullptr ? format->location() : root.location(), "bomFormat",
                         "expected \"CycloneDX\": not a CycloneDX BOM");
            return;
        }
        std::string version;
        if (const JsonValue* spec = root.find("specVersion")) {
            if (spec->is_string()) {
                version = spec->as_string();
            } else if (spec->is_number()) {
                version = fmt::format("{:.1f}", spec->as_number());
                mistake(*spec, "specVersion", "expected a string such as \"1.6\", got a number",
                        "read as \"" + version + "\"");
            } else {
                util::expect_kind(*spec, Kind::string, "specVersion", m_sink);
            }
        }
        if (!version.empty() && version != "1.5" && version != "1.6" && version != "1.7") {
            m_sink.warning(root.find("specVersion")->location(), "specVersion",
                           "CycloneDX " + version +
                               ": openness reads 1.6 and 1.7 (and 1.5); read as if it were "
                               "1.6");
        }
        m.format = version.empty() ? "cyclonedx" : "cyclonedx-" + version;
    }

    void collect_list(const JsonValue& list, const std::string& path) {
        std::size_t index = 0;
        for (const JsonValue& item : list.items()) {
            const std::string item_path = index_path(path, index++);
            if (!util::expect_kind(item, Kind::object, item_path, m_sink)) {
                continue;
            }
            collect(item, item_path);
        }
    }

    // Records a component, its bom-refs (its own and its data entries') and its children.
    void collect(const JsonValue& component, const std::string& path) {
        m_components.emplace_back(&component, path);
        if (const JsonValue* ref = member(component, "bom-ref", Kind::string, path, m_sink)) {
            m_refs.emplace(ref->as_string(), RefTarget{&component, path, nullptr, {}});
        }
        if (const JsonValue* data = member(component, "data", Kind::array, path, m_sink)) {
            std::size_t index = 0;
            for (const JsonValue& entry : data->items()) {
                const std::string entry_path = index_path(member_path(path, "data"), index++);
                const JsonValue* ref = entry.find("bom-ref");
                if (ref != nullptr && ref->is_string()) {
                    m_refs.emplace(ref->as_string(),
                                   RefTarget{&component, path, &entry, entry_path});
                }
            }
        }
        if (const JsonValue* children =
                member(component, "components", Kind::array, path, m_sink)) {
            collect_list(*children, member_path(path, "components"));
        }
    }

    // The licenses of a component: every entry applies; concluded ones win over declared.
    std::optional<LicenseFact> read_licenses(const JsonValue& component, const std::string& path) {
        const JsonValue* list = member(component, "licenses", Kind::array, path, m_sink);
        if (list == nullptr || list->items().empty()) {
            return std::nullopt;
        }
        const std::string list_path = member_path(path, "licenses");
        std::vector<std::string> all;
        std::vector<std::string> all_paths;
        std::vector<std::string> concluded;
        std::vector<std::string> concluded_paths;
        std::size_t index = 0;
        for (const JsonValue& entry : list->items()) {
            const std::string entry_path = index_path(list_path, index++);
            if (!util::expect_kind(entry, Kind::object, entry_path, m_sink)) {
                continue;
            }
            std::string text;
            const JsonValue* acknowledged = &entry;
            if (const JsonValue* expression =
                    member(entry, "expression", Kind::string, entry_path, m_sink)) {
                text = expression->as_string();
            } else if (const JsonValue* license =
                           member(entry, "license", Kind::object, entry_path, m_sink)) {
                const std::string license_path = member_path(entry_path, "license");
                const JsonValue* id = member(*license, "id", Kind::string, license_path, m_sink);
                const JsonValue* name =
                    member(*license, "name", Kind::string, license_path, m_sink);
                if (id != nullptr && name != nullptr) {
                    mistake(*license, license_path,
                            "has both 'id' and 'name', but CycloneDX allows only one",
                            "'id' is read");
                }
                if (id != nullptr) {
                    text = id->as_string();
                } else if (name != nullptr) {
                    text = name->as_string();
                } else if (license->find("id") == nullptr && license->find("name") == nullptr) {
                    m_sink.error(license->location(), license_path,
                                 "a license needs an 'id' or a 'name'");
                }
                acknowledged = license;
            } else if (entry.find("license") == nullptr) {
                m_sink.error(entry.location(), entry_path,
                             "expected a 'license' object or an 'expression'");
            }
            if (text.empty()) {
                continue;
            }
            all.push_back(text);
            all_paths.push_back(entry_path);
            const JsonValue* ack = acknowledged->find("acknowledgement");
            if (ack != nullptr && ack->is_string() && ack->as_string() == "concluded") {
                concluded.push_back(text);
                concluded_paths.push_back(entry_path);
            }
        }
        if (all.empty()) {
            return std::nullopt;
        }
        const bool use_concluded = !concluded.empty() && concluded.size() < all.size();
        const std::vector<std::string>& chosen = use_concluded ? concluded : all;
        const std::vector<std::string>& paths = use_concluded ? concluded_paths : all_paths;
        LicenseFact fact;
        fact.text = detail::all_of(chosen);
        fact.provenance = "cyclonedx " + (paths.size() == 1 ? paths.front() : list_path);
        if (paths.size() > 1) {
            fact.provenance += " (all of them apply)";
        }
        if (use_concluded) {
            fact.provenance += " (concluded, which wins over declared)";
        }
        return fact;
    }

    // "has a download location" for a dataset: contents.url or contents.attachment.
    static std::string data_location(const JsonValue& data) {
        const JsonValue* contents = data.find("contents");
        if (contents == nullptr || !contents->is_object()) {
            return {};
        }
        const JsonValue* url = contents->find("url");
        if (url != nullptr && url->is_string() && !url->as_string().empty()) {
            return url->as_string();
        }
        return contents->find("attachment") != nullptr ? "attached to the BOM" : std::string();
    }

    static std::string name_of(const JsonValue& value, const std::string& fallback) {
        const JsonValue* name = value.find("name");
        return name != nullptr && name->is_string() ? name->as_string() : fallback;
    }

    detail::DatasetFact dataset(const JsonValue& entry, const std::string& path) {
        detail::DatasetFact fact;
        if (!util::expect_kind(entry, Kind::object, path, m_sink)) {
            return fact;
        }
        if (const JsonValue* ref = member(entry, "ref", Kind::string, path, m_sink)) {
            const auto found = m_refs.find(ref->as_string());
            if (found == m_refs.end()) {
                m_sink.warning(
                    ref->location(), member_path(path, "ref"),
                    "'" + ref->as_string() + "' names no component or data entry in this BOM");
                fact.name = ref->as_string();
                return fact;
            }
            const RefTarget& target = found->second;
            if (target.data != nullptr) {
                fact.name = name_of(*target.data, name_of(*target.component, ref->as_string()));
                fact.location = data_location(*target.data);
            } else {
                fact.name = name_of(*target.component, ref->as_string());
                if (const JsonValue* data = target.component->find("data");
                    data != nullptr && data->is_array()) {
                    for (const JsonValue& d : data->items()) {
                        const std::string location = data_location(d);
                        if (!location.empty()) {
                            fact.location += (fact.location.empty() ? "" : " ") + location;
                        }
                    }
                }
                if (fact.location.empty()) {
                    fact.location = reference_url(*target.component, "distribution");
                }
            }
            if (std::optional<LicenseFact> license =
                    read_licenses(*target.component, target.component_path)) {
                fact.license = license->text;
            }
        } else {
            fact.name = name_of(entry, path);
            fact.location = data_location(entry);
        }
        if (!fact.location.empty()) {
            fact.availability = Availability::released;
        }
        return fact;
    }

    static std::string reference_url(const JsonValue& component, std::string_view type) {
        const JsonValue* refs = component.find("externalReferences");
        if (refs == nullptr || !refs->is_array()) {
            return {};
        }
        for (const JsonValue& ref : refs->items()) {
            const JsonValue* t = ref.find("type");
            const JsonValue* url = ref.find("url");
            if (t != nullptr && t->is_string() && t->as_string() == type && url != nullptr &&
                url->is_string()) {
                return url->as_string();
            }
        }
        return {};
    }

    void read_model_info(const JsonValue& c, const std::string& path, Manifest& m) {
        m.model.name = detail::string_member(c, "name", path, m_sink);
        m.model.version = detail::string_member(c, "version", path, m_sink);
        // The maker of the model first, then whoever published or supplied it.
        const JsonValue* manufacturer = c.find("manufacturer");
        const JsonValue* publisher = c.find("publisher");
        const JsonValue* supplier = c.find("supplier");
        if (manufacturer != nullptr && manufacturer->is_object()) {
            m.model.organization = name_of(*manufacturer, "");
        }
        if (m.model.organization.empty() && publisher != nullptr && publisher->is_string()) {
            m.model.organization = publisher->as_string();
        }
        if (m.model.organization.empty() && supplier != nullptr && supplier->is_object()) {
            m.model.organization = name_of(*supplier, "");
        }
        if (m.model.organization.empty()) {
            m.model.organization = detail::string_member(c, "group", path, m_sink);
        }
        if (m.model.name.empty()) {
            m.model.name = detail::name_from_source(m.source);
        }
    }

    void read_references(const JsonValue& c, const std::string& path, Manifest& m,
                         std::string& weights_from, std::string& weights_at) {
        const JsonValue* refs = member(c, "externalReferences", Kind::array, path, m_sink);
        if (refs == nullptr) {
            return;
        }
        const std::string refs_path = member_path(path, "externalReferences");
        std::size_t index = 0;
        for (const JsonValue& ref : refs->items()) {
            const std::string ref_path = index_path(refs_path, index++);
            if (!util::expect_kind(ref, Kind::object, ref_path, m_sink)) {
                continue;
            }
            const std::string type = detail::string_member(ref, "type", ref_path, m_sink);
            const std::string url = detail::string_member(ref, "url", ref_path, m_sink);
            const std::string comment = detail::string_member(ref, "comment", ref_path, m_sink);
            const std::string from = "cyclonedx " + ref_path + " (" + type + ")";
            if (type == "distribution" && weights_from.empty()) {
                weights_from = from;
                weights_at = url;
            } else if (type == "vcs" || type == "source-distribution") {
                Artifact& code = m.artifact(code_artifact(comment));
                if (!code.listed) {
                    set_released(code, comment.empty() ? from : from + ": " + comment, url);
                }
            } else if (type == "model-card") {
                set_released(m.artifact(ArtifactId::documentation_model_card), from, url);
            } else if (type == "website") {
                if (m.model.url.empty()) {
                    m.model.url = url;
                }
                m.sources.push_back(url);
            }
        }
    }

    void read_model_card(const JsonValue& c, const std::string& path, Manifest& m) {
        const JsonValue* card = member(c, "modelCard", Kind::object, path, m_sink);
        if (card == nullptr) {
            return;
        }
        const std::string card_path = member_path(path, "modelCard");
        Artifact& model_card = m.artifact(ArtifactId::documentation_model_card);
        const bool has_content = card->members().size() > (card->find("bom-ref") ? 1U : 0U);
        if (has_content && !model_card.listed) {
            set_released(model_card, "cyclonedx " + card_path + " (embedded in the BOM)");
        }
        if (const JsonValue* analysis =
                member(*card, "quantitativeAnalysis", Kind::object, card_path, m_sink)) {
            const std::string analysis_path = member_path(card_path, "quantitativeAnalysis");
            const JsonValue* metrics =
                member(*analysis, "performanceMetrics", Kind::array, analysis_path, m_sink);
            if (metrics != nullptr && !metrics->items().empty()) {
                set_released(m.artifact(ArtifactId::documentation_evaluation_results),
                             "cyclonedx " + member_path(analysis_path, "performanceMetrics"));
            }
        }
        const JsonValue* parameters =
            member(*card, "modelParameters", Kind::object, card_path, m_sink);
        if (parameters == nullptr) {
            return;
        }
        const std::string parameters_path = member_path(card_path, "modelParameters");
        std::string architecture;
        std::vector<std::string> architecture_keys;
        for (const char* key : {"architectureFamily", "modelArchitecture"}) {
            const std::string value =
                detail::string_member(*parameters, key, parameters_path, m_sink);
            if (!value.empty()) {
                architecture +=
                    (architecture.empty() ? "" : "; ") + std::string(key) + ": " + value;
                architecture_keys.emplace_back(key);
            }
        }
        if (!architecture.empty()) {
            Artifact& a = m.artifact(ArtifactId::architecture);
            set_released(a, "cyclonedx " + member_path(parameters_path, architecture_keys.front()) +
                                (architecture_keys.size() > 1 ? " and " + architecture_keys[1]
                                                              : std::string()) +
                                " (described; no code or license stated)");
            a.notes = architecture;
        }
        if (const JsonValue* datasets =
                member(*parameters, "datasets", Kind::array, parameters_path, m_sink)) {
            const std::string datasets_path = member_path(parameters_path, "datasets");
            std::vector<detail::DatasetFact> facts;
            std::size_t index = 0;
            for (const JsonValue& entry : datasets->items()) {
                facts.push_back(dataset(entry, index_path(datasets_path, index++)));
            }
            if (!facts.empty()) {
                detail::set_datasets(m.artifact(ArtifactId::data_training), facts,
                                     "cyclonedx " + datasets_path);
                m.limitations.push_back(
                    "CycloneDX lists the datasets that trained and that evaluated a model "
                    "together: all are read as training data");
            }
        }
    }

    // `openness:<artifact>` (a location, or true/false) and `openness:<artifact>:license`.
    void read_properties(const JsonValue& c, const std::string& path, Manifest& m) {
        const JsonValue* properties = member(c, "properties", Kind::array, path, m_sink);
        if (properties == nullptr) {
            return;
        }
        const std::string list_path = member_path(path, "properties");
        std::vector<std::pair<ArtifactId, std::pair<std::string, std::string>>> licenses;
        std::size_t index = 0;
        for (const JsonValue& property : properties->items()) {
            const std::string property_path = index_path(list_path, index++);
            if (property.kind() != Kind::object) {
                continue;
            }
            const std::string name = detail::string_member(property, "name", property_path, m_sink);
            if (!util::starts_with(name, k_property_prefix)) {
                continue;
            }
            const std::string value =
                detail::string_member(property, "value", property_path, m_sink);
            std::string key = name.substr(k_property_prefix.size());
            constexpr std::string_view license_suffix = ":license";
            const bool is_license =
                key.size() > license_suffix.size() && util::ends_with(key, license_suffix);
            if (is_license) {
                key.resize(key.size() - license_suffix.size());
            }
            const std::optional<ArtifactId> id = find_artifact(key);
            if (!id) {
                m_sink.warning(property.location(), property_path,
                               "'" + name + "' names no artifact (ignored)");
                continue;
            }
            const std::string from = "cyclonedx " + property_path;
            if (is_license) {
                licenses.push_back({*id, {value, from}});
                continue;
            }
            Artifact& a = m.artifact(*id);
            const std::string flag = util::lower(value);
            if (flag == "false" || flag == "no") {
                a = Artifact{};
                a.listed = true;
                a.provenance = from;
            } else {
                a.location.clear();
                set_released(a, from, flag == "true" || flag == "yes" ? std::string() : value);
            }
        }
        for (const auto& [id, license] : licenses) {
            Artifact& a = m.artifact(id);
            a.license = license.first;
            a.provenance += (a.provenance.empty() ? "license: " : "; license: ") + license.second;
        }
    }

    void read_model(const JsonValue& c, const std::string& path, Manifest& m) {
        read_model_info(c, path, m);
        std::string weights_from;
        std::string weights_at;
        read_references(c, path, m, weights_from, weights_at);
        if (weights_from.empty()) {
            if (const JsonValue* hashes = member(c, "hashes", Kind::array, path, m_sink);
                hashes != nullptr && !hashes->items().empty()) {
                weights_from = "cyclonedx " + member_path(path, "hashes") +
                               " (digests of the "
                               "weights)";
            }
        }
        const std::optional<LicenseFact> license = read_licenses(c, path);
        Artifact& weights = m.artifact(ArtifactId::weights_final);
        if (!weights_from.empty()) {
            set_released(weights, weights_from, weights_at);
        }
        if (license) {
            weights.license = license->text;
            weights.provenance += "; license: " + license->provenance;
        }
        read_model_card(c, path, m);
        read_properties(c, path, m);
        if (weights.availability == Availability::released) {
            m.access = Access::download;
            m.limitations.push_back("access read as download from " +
                                    (weights_from.empty() ? weights.provenance : weights_from) +
                                    "; a BOM cannot say whether downloads are gated");
        } else {
            m.limitations.push_back(
                "the BOM says nowhere how to get the weights (no "
                "distribution reference or hashes): weights and access are "
                "not counted");
        }
    }

    DiagnosticSink& m_sink;
    bool m_lenient;
    std::vector<std::pair<const JsonValue*, std::string>> m_components;
    std::unordered_map<std::string, RefTarget> m_refs;
};

}  // namespace

LoadResult load_cyclonedx(std::string_view text, const std::string& source,
                          const ImportOptions& options, const util::JsonLimits& limits) {
    return import_json_document(text, source, options, limits, k_document,
                                [&](const JsonValue& root, Manifest& m, DiagnosticSink& sink) {
                                    BomReader(sink, options.lenient).read(root, m);
                                });
}

}  // namespace openness::manifest
