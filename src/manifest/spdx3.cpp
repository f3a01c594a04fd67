#include "openness/manifest/spdx3.hpp"

#include "openness/util/strings.hpp"

#include "import_support.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace openness::manifest {

namespace {

using namespace detail;  // member, set_released, JsonValue, Kind, ... (import_support.hpp)

constexpr JsonDocumentKind k_document{
    "an SPDX 3 JSON-LD document", "not stated in the SPDX document",
    "tier and score are lower bounds from an SPDX document: artifacts it does not state are not "
    "counted"};
constexpr std::string_view k_license_list = "https://spdx.org/licenses/";

struct Element {
    const JsonValue* value = nullptr;
    std::string path;  // "@graph[3]"
    std::string type;
    std::string id;
};

struct Relationship {
    std::size_t element = 0;  // index into the elements
    std::string type;
    std::string from;
    std::vector<std::string> to;
};

// Ids in first-seen order, each once (a hash set beside the list: searching the list for each
// new id was quadratic in the number of source files).
struct IdList {
    std::vector<std::string> ids;
    std::unordered_set<std::string> seen;
    void add(const std::string& id) {
        if (seen.insert(id).second) {
            ids.push_back(id);
        }
    }
};

struct LicenseFact {
    std::string text;
    std::string where;  // "hasConcludedLicense @graph[25]"
    std::string why;    // " (used over hasDeclaredLicense @graph[24], which says the same)"
    std::string owner;  // "@graph[20]" when inherited from a containing package

    std::string provenance() const {
        return owner.empty() ? where + why : where + " of the containing package " + owner;
    }
};

std::string string_of(const JsonValue& object, std::string_view key) {
    const JsonValue* value = object.find(key);
    return value != nullptr && value->is_string() ? value->as_string() : std::string();
}

class SpdxReader {
public:
    explicit SpdxReader(DiagnosticSink& sink) : m_sink(sink) {}

    void read(const JsonValue& root, Manifest& m) {
        if (root.find("@context") == nullptr) {
            if (const JsonValue* version = root.find("spdxVersion")) {
                m_sink.error(version->location(), "spdxVersion",
                             "an SPDX 2 document: openness reads SPDX 3 JSON-LD (with "
                             "@context and @graph)");
            } else {
                m_sink.error(root.location(), "",
                             "missing '@context': not an SPDX 3 JSON-LD document");
            }
            return;
        }
        const JsonValue* graph = root.find("@graph");
        if (graph == nullptr) {
            m_sink.error(root.location(), "",
                         "missing '@graph': openness reads SPDX 3 documents serialized as "
                         "JSON-LD with a @graph of elements");
            return;
        }
        if (!util::expect_kind(*graph, Kind::array, "@graph", m_sink)) {
            return;
        }
        index_graph(*graph);
        if (m_sink.failed()) {
            return;
        }
        m.format = "spdx-" + spec_version();
        std::vector<std::size_t> models = of_type("ai_AIPackage");
        if (models.empty()) {
            read_without_model(m);
            return;
        }
        if (models.size() > 1) {
            const Element& first = m_elements[models.front()];
            m_sink.warning(first.value->location(), first.path,
                           fmt::format("{} ai_AIPackage elements; this one (the first) is scored",
                                       models.size()));
        }
        read_model(m_elements[models.front()], m);
    }

private:
    void index_graph(const JsonValue& graph) {
        std::size_t index = 0;
        for (const JsonValue& item : graph.items()) {
            Element e;
            e.path = index_path("@graph", index++);
            if (!util::expect_kind(item, Kind::object, e.path, m_sink)) {
                continue;
            }
            e.value = &item;
            e.type = string_of(item, "type");
            if (e.type.empty()) {
                e.type = string_of(item, "@type");
            }
            e.id = string_of(item, "spdxId");
            if (e.id.empty()) {
                e.id = string_of(item, "@id");
            }
            const std::size_t at = m_elements.size();
            if (!e.id.empty()) {
                m_by_id.emplace(e.id, at);
            }
            if (util::ends_with(e.type, "Relationship")) {
                read_relationship(item, e.path, at);
            }
            m_elements.push_back(std::move(e));
        }
    }

    void read_relationship(const JsonValue& item, const std::string& path, std::size_t at) {
        Relationship r;
        r.element = at;
        r.type = detail::string_member(item, "relationshipType", path, m_sink);
        r.from = detail::string_member(item, "from", path, m_sink);
        if (const JsonValue* to = item.find("to")) {
            if (to->is_string()) {
                r.to.push_back(to->as_string());
            } else if (to->is_array()) {
                for (const JsonValue& target : to->items()) {
                    if (target.is_string()) {
                        r.to.push_back(target.as_string());
                    }
                }
            } else {
                util::expect_kind(*to, Kind::array, member_path(path, "to"), m_sink);
            }
        }
        if (r.type.empty() || r.from.empty()) {
            return;
        }
        const std::size_t index = m_relationships.size();
        m_from[r.from].push_back(index);
        if (r.type == "contains") {
            for (const std::string& child : r.to) {
                m_children[r.from].push_back(child);
                m_parents[child].push_back(r.from);
            }
        }
        m_relationships.push_back(std::move(r));
    }

    std::string spec_version() const {
        for (const Element& e : m_elements) {
            if (e.type == "CreationInfo") {
                std::string version = string_of(*e.value, "specVersion");
                if (!version.empty()) {
                    return version;
                }
            }
        }
        return "3";
    }

    std::vector<std::size_t> of_type(std::string_view type) const {
        std::vector<std::size_t> out;
        for (std::size_t i = 0; i < m_elements.size(); ++i) {
            if (m_elements[i].type == type) {
                out.push_back(i);
            }
        }
        return out;
    }

    const Element* find(const std::string& id) const {
        const auto found = m_by_id.find(id);
        return found == m_by_id.end() ? nullptr : &m_elements[found->second];
    }

    std::string label(const std::string& id) const {
        const Element* e = find(id);
        std::string name = e != nullptr ? string_of(*e->value, "name") : std::string();
        if (name.empty()) {
            const std::size_t slash = id.find_last_of('/');
            name = slash == std::string::npos ? id : id.substr(slash + 1);
        }
        return name;
    }

    // Everything an element contains, directly or not, with the element itself.
    std::unordered_set<std::string> closure(
        const std::string& id,
        const std::unordered_map<std::string, std::vector<std::string>>& edges) const {
        std::unordered_set<std::string> seen{id};
        std::vector<std::string> stack{id};
        while (!stack.empty()) {
            const std::string next = std::move(stack.back());
            stack.pop_back();
            const auto found = edges.find(next);
            if (found == edges.end()) {
                continue;
            }
            for (const std::string& child : found->second) {
                if (seen.insert(child).second) {
                    stack.push_back(child);
                }
            }
        }
        return seen;
    }

    std::vector<const Relationship*> relationships_from(const std::string& id,
                                                        std::string_view type) const {
        std::vector<const Relationship*> out;
        const auto found = m_from.find(id);
        if (found != m_from.end()) {
            for (std::size_t index : found->second) {
                if (m_relationships[index].type == type) {
                    out.push_back(&m_relationships[index]);
                }
            }
        }
        return out;
    }

    std::optional<std::string> license_text(const std::string& target,
                                            const Relationship& relationship) {
        if (const Element* e = find(target)) {
            if (e->type == "simplelicensing_LicenseExpression") {
                const std::string expression =
                    string_of(*e->value, "simplelicensing_licenseExpression");
                if (!expression.empty()) {
                    return expression;
                }
            } else if (e->type == "expandedlicensing_ListedLicense" &&
                       util::starts_with(target, k_license_list)) {
                return target.substr(k_license_list.size());
            } else if (e->type == "expandedlicensing_ListedLicense" ||
                       e->type == "expandedlicensing_CustomLicense") {
                const std::string name = string_of(*e->value, "name");
                if (!name.empty()) {
                    return name;
                }
            }
        } else if (util::ends_with(target, "NoAssertionLicense") ||
                   util::ends_with(target, "Licensing/NoAssertion")) {
            return std::string("NOASSERTION");
        } else if (util::ends_with(target, "NoneLicense") ||
                   util::ends_with(target, "Licensing/None")) {
            return std::string("NONE");
        } else if (util::starts_with(target, k_license_list)) {
            return target.substr(k_license_list.size());
        }
        const Element& at = m_elements[relationship.element];
        const JsonValue* to = at.value->find("to");
        m_sink.warning(to != nullptr ? to->location() : at.value->location(),
                       member_path(at.path, "to"),
                       "license '" + target +
                           "' is not a license this document defines "
                           "(ignored)");
        return std::nullopt;
    }

    // An element's license: its concluded license where it has one, else its declared one.
    std::optional<LicenseFact> license_of(const std::string& id) {
        const auto found = m_license_cache.find(id);
        if (found != m_license_cache.end()) {
            return found->second;
        }
        auto collect = [&](std::string_view type, std::string& where) {
            std::vector<std::string> texts;
            for (const Relationship* r : relationships_from(id, type)) {
                for (const std::string& target : r->to) {
                    if (std::optional<std::string> text = license_text(target, *r)) {
                        texts.push_back(*text);
                        if (where.empty()) {
                            where = m_elements[r->element].path;
                        }
                    }
                }
            }
            return texts;
        };
        std::string concluded_at;
        std::string declared_at;
        const std::vector<std::string> concluded = collect("hasConcludedLicense", concluded_at);
        const std::vector<std::string> declared = collect("hasDeclaredLicense", declared_at);
        std::optional<LicenseFact> fact;
        if (!concluded.empty()) {
            const std::string text = detail::all_of(concluded);
            std::string why;
            if (!declared.empty()) {
                const std::string other = detail::all_of(declared);
                why =
                    other == text
                        ? " (used over hasDeclaredLicense " + declared_at + ", which says the same)"
                        : " (used over hasDeclaredLicense " + declared_at + ": " + other + ")";
            }
            fact = LicenseFact{text, "hasConcludedLicense " + concluded_at, why, {}};
        } else if (!declared.empty()) {
            fact = LicenseFact{detail::all_of(declared),
                               "hasDeclaredLicense " + declared_at,
                               " (no concluded license)",
                               {}};
        }
        m_license_cache.emplace(id, fact);
        return fact;
    }

    // An element's own license, else that of the nearest package containing it.
    std::optional<LicenseFact> license_within(const std::string& id) {
        if (std::optional<LicenseFact> own = license_of(id)) {
            return own;
        }
        std::unordered_set<std::string> seen{id};
        std::vector<std::string> level{id};
        while (!level.empty()) {
            std::vector<std::string> next;
            for (const std::string& child : level) {
                const auto parents = m_parents.find(child);
                if (parents == m_parents.end()) {
                    continue;
                }
                for (const std::string& parent : parents->second) {
                    if (!seen.insert(parent).second) {
                        continue;
                    }
                    if (std::optional<LicenseFact> inherited = license_of(parent)) {
                        inherited->owner = find(parent) != nullptr ? find(parent)->path : parent;
                        return inherited;
                    }
                    next.push_back(parent);
                }
            }
            level = std::move(next);
        }
        return std::nullopt;
    }

    bool is_source(const Element& e) const {
        if (string_of(*e.value, "software_primaryPurpose") == "source") {
            return true;
        }
        const JsonValue* more = e.value->find("software_additionalPurpose");
        if (more != nullptr && more->is_array()) {
            for (const JsonValue& purpose : more->items()) {
                if (purpose.is_string() && purpose.as_string() == "source") {
                    return true;
                }
            }
        }
        return false;
    }

    // The dataset package an element belongs to (itself, or a package containing it).
    std::string dataset_of(const std::string& id) const {
        for (const std::string& candidate : closure(id, m_parents)) {
            const Element* e = find(candidate);
            if (e != nullptr && e->type == "dataset_DatasetPackage") {
                return candidate;
            }
        }
        return {};
    }

    detail::DatasetFact dataset_fact(const std::string& id) {
        detail::DatasetFact fact;
        fact.name = label(id);
        const Element* e = find(id);
        if (e == nullptr) {
            return fact;
        }
        fact.location = string_of(*e->value, "software_downloadLocation");
        const std::string availability = string_of(*e->value, "dataset_datasetAvailability");
        if (availability == "directDownload" || availability == "query") {
            fact.availability = Availability::released;
            if (availability == "query") {
                fact.note = "available through queries (dataset_datasetAvailability: query)";
            }
        } else if (availability == "clickthrough" || availability == "registration") {
            fact.availability = Availability::released;
            fact.note = "available after " + std::string(availability == "clickthrough"
                                                             ? "accepting terms (clickthrough)"
                                                             : "registration");
        } else if (availability == "scrapingScript") {
            fact.availability = Availability::not_released;
            fact.note = "only a script to scrape it is provided (scrapingScript)";
        } else if (!fact.location.empty() && e->type == "dataset_DatasetPackage") {
            fact.availability = Availability::released;
        }
        if (std::optional<LicenseFact> license = license_within(id)) {
            fact.license = license->text;
        }
        return fact;
    }

    // The datasets `model` (or anything it contains) has a relationship of `type` to.
    std::vector<std::string> datasets_by(const std::unordered_set<std::string>& model,
                                         std::string_view type,
                                         std::vector<std::string>& relationship_paths) {
        std::vector<std::string> out;
        std::unordered_set<std::string> seen;  // a hash set: a vector search was quadratic
        for (const Relationship& r : m_relationships) {
            if (r.type != type || model.count(r.from) == 0) {
                continue;
            }
            relationship_paths.push_back(m_elements[r.element].path);
            for (const std::string& target : r.to) {
                std::string dataset = dataset_of(target);
                if (dataset.empty()) {
                    dataset = target;
                }
                if (seen.insert(dataset).second) {
                    out.push_back(std::move(dataset));
                }
            }
        }
        return out;
    }

    void set_data(Manifest& m, ArtifactId id, const std::unordered_set<std::string>& model,
                  std::string_view type) {
        std::vector<std::string> paths;
        const std::vector<std::string> datasets = datasets_by(model, type, paths);
        std::vector<detail::DatasetFact> facts;
        facts.reserve(datasets.size());
        for (const std::string& dataset : datasets) {
            facts.push_back(dataset_fact(dataset));
        }
        std::string where =
            "spdx " + std::string(type) + " " + (paths.empty() ? std::string() : paths[0]);
        if (paths.size() > 1) {
            where += fmt::format(" and {} more", paths.size() - 1);
        }
        detail::set_datasets(m.artifact(id), facts, where);
    }

    // A code artifact from the source files found for it.
    void set_code(Manifest& m, ArtifactId id, const std::vector<std::string>& files,
                  const std::string& how) {
        if (files.empty()) {
            return;
        }
        std::vector<std::string> names;
        std::vector<std::string> licenses;
        std::string license_from;
        bool all_licensed = true;
        for (const std::string& file : files) {
            names.push_back(label(file) + " (" + find(file)->path + ")");
            if (std::optional<LicenseFact> license = license_within(file)) {
                licenses.push_back(license->text);
                if (license_from.empty()) {
                    license_from = license->provenance();
                }
            } else {
                all_licensed = false;
            }
        }
        std::string where = "spdx ";
        for (std::size_t i = 0; i < names.size(); ++i) {
            where += (i == 0 ? "" : ", ") + names[i];
        }
        where += " " + how;
        std::optional<std::string> license;
        if (all_licensed) {
            license = detail::all_of(licenses);
            where += "; license: " + license_from;
        }
        set_released(m.artifact(id), where, {}, license);
    }

    void read_code(Manifest& m, const Element& package,
                   const std::unordered_set<std::string>& model) {
        std::unordered_set<std::string> data_members;
        std::vector<std::string> unused;
        for (const char* type : {"trainedOn", "testedOn"}) {
            for (const std::string& dataset : datasets_by(model, type, unused)) {
                for (const std::string& member : closure(dataset, m_children)) {
                    data_members.insert(member);
                }
            }
        }
        IdList training;
        IdList processing;
        IdList inference;
        IdList evaluation;
        for (const Relationship& r : m_relationships) {
            const Element* from = find(r.from);
            if (from == nullptr || !is_source(*from)) {
                continue;
            }
            // The model is the package and what it holds, except data files it may also hold.
            const bool to_model = std::any_of(r.to.begin(), r.to.end(), [&](const std::string& t) {
                return model.count(t) != 0 && data_members.count(t) == 0 && t != r.from;
            });
            const bool to_data = std::any_of(r.to.begin(), r.to.end(), [&](const std::string& t) {
                return data_members.count(t) != 0;
            });
            if (r.type == "generates" && to_model) {
                training.add(r.from);
            } else if (r.type == "generates" && to_data) {
                processing.add(r.from);
            } else if (r.type == "hasDataFile" && to_model) {
                inference.add(r.from);
            }
        }
        for (const std::string& id : closure(package.id, m_children)) {
            const Element* e = find(id);
            if (e != nullptr && is_source(*e) &&
                string_of(*e->value, "software_primaryPurpose") == "test") {
                evaluation.add(id);
            }
        }
        std::sort(evaluation.ids.begin(), evaluation.ids.end(),
                  [&](const std::string& a, const std::string& b) {
                      return m_by_id.at(a) < m_by_id.at(b);
                  });
        set_code(m, ArtifactId::code_training, training.ids, "generates the model");
        set_code(m, ArtifactId::code_data_processing, processing.ids, "generates its data");
        set_code(m, ArtifactId::code_inference, inference.ids, "reads the model (hasDataFile)");
        set_code(m, ArtifactId::code_evaluation, evaluation.ids,
                 "is a test (software_primaryPurpose) in the package");
    }

    void read_documentation(Manifest& m, const Element& package,
                            const std::unordered_set<std::string>& training_sets) {
        std::vector<std::string> docs;
        std::string where;
        for (const Relationship* r : relationships_from(package.id, "hasDocumentation")) {
            if (where.empty()) {
                where = m_elements[r->element].path;
            }
            docs.insert(docs.end(), r->to.begin(), r->to.end());
        }
        if (!docs.empty()) {
            std::vector<std::string> names;
            std::vector<std::string> licenses;
            bool all_licensed = true;
            std::string license_from;
            for (const std::string& doc : docs) {
                names.push_back(label(doc));
                if (std::optional<LicenseFact> license = license_within(doc)) {
                    licenses.push_back(license->text);
                    license_from = license->provenance();
                } else {
                    all_licensed = false;
                }
            }
            std::string list;
            for (const std::string& name : names) {
                list += (list.empty() ? "" : ", ") + name;
            }
            std::string from = "spdx hasDocumentation " + where + " (" + list + ")";
            std::optional<std::string> license;
            if (all_licensed) {
                license = detail::all_of(licenses);
                from += "; license: " + license_from;
            }
            set_released(m.artifact(ArtifactId::documentation_model_card), from, list, license);
        }
        // A data card: a training dataset that documents how it was made and what it is for.
        for (const std::string& id : training_sets) {
            const Element* e = find(id);
            if (e == nullptr) {
                continue;
            }
            std::string fields;
            for (const char* key : {"dataset_dataCollectionProcess", "dataset_dataPreprocessing",
                                    "dataset_intendedUse", "dataset_knownBias"}) {
                if (e->value->find(key) != nullptr) {
                    fields += (fields.empty() ? "" : ", ") + std::string(key);
                }
            }
            if (!fields.empty()) {
                set_released(m.artifact(ArtifactId::data_card),
                             "spdx " + e->path + " " + fields + " (" + label(id) + ")");
                break;
            }
        }
    }

    void read_model(const Element& package, Manifest& m) {
        const JsonValue& p = *package.value;
        m.model.name = string_of(p, "name");
        if (m.model.name.empty()) {
            m.model.name = detail::name_from_source(m.source);
        }
        m.model.version = string_of(p, "software_packageVersion");
        m.model.release_date = string_of(p, "releaseTime").substr(0, 10);
        const JsonValue* originated = p.find("originatedBy");
        if (originated != nullptr && originated->is_array() && !originated->items().empty() &&
            originated->items().front().is_string()) {
            m.model.organization = label(originated->items().front().as_string());
        }
        if (m.model.organization.empty() && !string_of(p, "suppliedBy").empty()) {
            m.model.organization = label(string_of(p, "suppliedBy"));
        }
        const std::string download = string_of(p, "software_downloadLocation");
        m.model.url = string_of(p, "software_homePage");
        if (m.model.url.empty()) {
            m.model.url = download;
        }

        const std::optional<LicenseFact> license = license_of(package.id);
        Artifact& weights = m.artifact(ArtifactId::weights_final);
        if (!download.empty()) {
            set_released(weights, "spdx " + member_path(package.path, "software_downloadLocation"),
                         download);
            m.access = Access::download;
            m.limitations.push_back(
                "access read as download from the ai_AIPackage's "
                "software_downloadLocation; SPDX cannot say whether "
                "downloads are gated");
        } else {
            m.limitations.push_back(
                "the ai_AIPackage has no software_downloadLocation: weights "
                "and access are not counted");
        }
        if (license) {
            weights.license = license->text;
            weights.provenance += "; license: " + license->provenance();
        }

        for (const char* key : {"ai_hyperparameter", "ai_metric"}) {
            const JsonValue* list = member(p, key, Kind::array, package.path, m_sink);
            if (list == nullptr || list->items().empty()) {
                continue;
            }
            const ArtifactId id = std::string(key) == "ai_hyperparameter"
                                      ? ArtifactId::hyperparameters
                                      : ArtifactId::documentation_evaluation_results;
            const std::size_t entries = list->items().size();
            set_released(m.artifact(id),
                         fmt::format("spdx {} ({} {})", member_path(package.path, key), entries,
                                     entries == 1 ? "entry" : "entries"));
        }

        const std::unordered_set<std::string> model = closure(package.id, m_children);
        set_data(m, ArtifactId::data_training, model, "trainedOn");
        set_data(m, ArtifactId::data_evaluation, model, "testedOn");
        std::vector<std::string> unused;
        const std::vector<std::string> training_list = datasets_by(model, "trainedOn", unused);
        read_code(m, package, model);
        read_documentation(
            m, package,
            std::unordered_set<std::string>(training_list.begin(), training_list.end()));

        std::string notes;
        const JsonValue* types = p.find("ai_typeOfModel");
        if (types != nullptr && types->is_array() && !types->items().empty()) {
            std::string list;
            for (const JsonValue& type : types->items()) {
                if (type.is_string()) {
                    list += (list.empty() ? "" : ", ") + type.as_string();
                }
            }
            notes += "Type of model (ai_typeOfModel): " + list + ".";
        }
        const std::string training = string_of(p, "ai_informationAboutTraining");
        if (!training.empty()) {
            notes += (notes.empty() ? "" : " ") + std::string("About training: ") + training;
        }
        m.notes = notes;
    }

    void read_without_model(Manifest& m) {
        for (const Element& e : m_elements) {
            if (e.type == "SpdxDocument" && !string_of(*e.value, "name").empty()) {
                m.model.name = string_of(*e.value, "name");
                break;
            }
        }
        if (m.model.name.empty()) {
            m.model.name = detail::name_from_source(m.source);
        }
        std::string held;
        for (std::size_t index : of_type("dataset_DatasetPackage")) {
            const Element& e = m_elements[index];
            held += (held.empty() ? "" : ", ") + std::string("'") + label(e.id) + "'";
            if (std::optional<LicenseFact> license = license_of(e.id)) {
                held += " (" + license->text + ")";
            }
        }
        m.limitations.push_back("the document has no ai_AIPackage, so it describes no model" +
                                (held.empty() ? std::string()
                                              : "; it holds the dataset_DatasetPackage " + held +
                                                    ", not linked to any model"));
    }

    DiagnosticSink& m_sink;
    std::vector<Element> m_elements;
    std::unordered_map<std::string, std::size_t> m_by_id;
    std::vector<Relationship> m_relationships;
    std::unordered_map<std::string, std::vector<std::size_t>> m_from;
    std::unordered_map<std::string, std::vector<std::string>> m_children;
    std::unordered_map<std::string, std::vector<std::string>> m_parents;
    std::unordered_map<std::string, std::optional<LicenseFact>> m_license_cache;
};

}  // namespace

LoadResult load_spdx3(std::string_view text, const std::string& source,
                      const ImportOptions& options, const util::JsonLimits& limits) {
    return import_json_document(text, source, options, limits, k_document,
                                [](const JsonValue& root, Manifest& m, DiagnosticSink& sink) {
                                    SpdxReader(sink).read(root, m);
                                });
}

}  // namespace openness::manifest
