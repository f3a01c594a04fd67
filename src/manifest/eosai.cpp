#include "openness/manifest/eosai.hpp"

#include "openness/manifest/fields.hpp"
#include "openness/util/suggest.hpp"

#include "import_support.hpp"
#include "openness/util/strings.hpp"
#include "yaml_limits.hpp"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace openness::manifest {

namespace {

using util::DiagnosticSink;
using util::Location;

constexpr const char* k_unstated = "not rated by the European Open Source AI Index";

// The two layouts of an index project file.
enum class Schema { current, legacy };

enum class Rating { unrated, closed, partial, open };

const char* rating_name(Rating rating) {
    return util::enum_name(rating, {"not rated", "closed", "partial", "open"});
}

// Which license the file names for an artifact: the end model's, the one licenses.notes gives
// for code or for data, or none (the index names no license for base weights or documents).
enum class LicenseSource { end_weights, code, data, none };

// One artifact and the dimensions that rate it (several are combined).
struct Mapping {
    ArtifactId artifact;
    std::vector<const char*> dimensions;
    LicenseSource license;
};

// What one layout of an index file holds: how its dimensions map onto artifacts, the keys of its
// rating dimensions and the keys of its system (or project) entry.
struct Layout {
    std::vector<Mapping> mappings;
    std::vector<std::string> dimension_keys;
    std::vector<std::string> system_keys;
};

// docs/FRAMEWORKS.md, "The European Open Source AI Index as an input", explains each mapping.
// weights.intermediate (the base model's weights) is added only when the file names a base
// model of its own.
const Layout& layout(Schema schema) {
    static const Layout current{
        {
            {ArtifactId::weights_final, {"weights_endmodel"}, LicenseSource::end_weights},
            {ArtifactId::weights_intermediate, {"weights_basemodel"}, LicenseSource::none},
            {ArtifactId::data_training,
             {"datasources_basemodel", "datasources_endmodel"},
             LicenseSource::data},
            {ArtifactId::code_training, {"trainingcode"}, LicenseSource::code},
            {ArtifactId::code_data_processing, {"trainingcode"}, LicenseSource::code},
            {ArtifactId::architecture, {"hardware_architecture"}, LicenseSource::none},
            {ArtifactId::hyperparameters, {"hardware_architecture"}, LicenseSource::none},
            {ArtifactId::documentation_technical_report, {"preprint"}, LicenseSource::none},
            {ArtifactId::documentation_research_paper, {"paper"}, LicenseSource::none},
            {ArtifactId::documentation_model_card, {"modelcard"}, LicenseSource::none},
            {ArtifactId::data_card, {"datasheet"}, LicenseSource::none},
        },
        {"datasources_basemodel", "datasources_endmodel", "weights_basemodel", "weights_endmodel",
         "trainingcode", "code", "hardware_architecture", "preprint", "paper", "modelcard",
         "datasheet", "licenses"},
        {"name", "link", "type", "performanceclass", "basemodelname", "endmodelname",
         "endmodellicense", "releasedate", "notes"}};
    static const Layout legacy{
        {
            {ArtifactId::weights_final, {"rlweights"}, LicenseSource::end_weights},
            {ArtifactId::weights_intermediate, {"llmweights"}, LicenseSource::none},
            {ArtifactId::data_training, {"llmdata", "rldata"}, LicenseSource::data},
            {ArtifactId::code_training, {"opencode"}, LicenseSource::code},
            {ArtifactId::code_data_processing, {"opencode"}, LicenseSource::code},
            {ArtifactId::code_inference, {"package"}, LicenseSource::code},
            {ArtifactId::architecture, {"architecture"}, LicenseSource::none},
            {ArtifactId::hyperparameters, {"architecture"}, LicenseSource::none},
            {ArtifactId::documentation_technical_report, {"preprint"}, LicenseSource::none},
            {ArtifactId::documentation_research_paper, {"paper"}, LicenseSource::none},
            {ArtifactId::documentation_model_card, {"modelcard"}, LicenseSource::none},
            {ArtifactId::data_card, {"datasheet"}, LicenseSource::none},
        },
        {"opencode", "llmdata", "llmweights", "rldata", "rlweights", "license", "code",
         "architecture", "preprint", "paper", "modelcard", "datasheet", "package", "api"},
        {"name", "link", "notes", "llmbase", "rlbase", "license"}};
    return schema == Schema::current ? current : legacy;
}

const std::vector<std::string> k_org_keys = {"name", "link", "notes"};
const std::vector<std::string> k_rating_keys = {"class", "link", "notes"};

// A key as people slip when typing it: lower case, without blanks, '_' or '-'.
std::string loose_key(std::string_view key) {
    std::string out;
    for (char c : util::lower(key)) {
        if (c != ' ' && c != '_' && c != '-') {
            out += c;
        }
    }
    return out;
}

// True when a license value is one of the index's ways of saying that no license is named.
bool names_no_license(std::string_view text) {
    std::string value = util::lower(util::trim(text));
    while (!value.empty() && (value.back() == '.' || value.back() == ' ')) {
        value.pop_back();
    }
    static const char* const k_none[] = {"",
                                         "none",
                                         "na",
                                         "n/a",
                                         "unclear",
                                         "undisclosed",
                                         "unspecified",
                                         "unlicensed",
                                         "no license",
                                         "not specified",
                                         "not disclosed",
                                         "not released",
                                         "not available"};
    for (const char* none : k_none) {
        if (value == none) {
            return true;
        }
    }
    return util::starts_with(value, "unknown") || util::starts_with(value, "not ");
}

// True when a per-kind license value says the thing itself is not there.
bool says_not_released(std::string_view text) {
    const std::string value = util::lower(util::trim(text));
    for (const char* phrase : {"not released", "not available", "not disclosed", "not shared"}) {
        if (util::starts_with(value, phrase)) {
            return true;
        }
    }
    return false;
}

// "Apache 2.0" and "apache-2.0" are the same text to a reader; used only to decide whether two
// values the file gives for one license differ enough to warn.
std::string loose_text(std::string_view text) {
    std::string out;
    for (char c : util::lower(text)) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out += c;
        }
    }
    // Each word removed wherever it stands, also where a removal joins its halves: kept text
    // grows as a stack whose end is checked for the word, one pass per word (erasing each
    // match in place was quadratic: 560 KB of "license" took 0.9 s, issue 14). The words
    // overlap no copy of themselves, so this is what repeated removal gives.
    for (std::string_view noise : {"license", "licence", "agreement"}) {
        std::string kept;
        kept.reserve(out.size());
        for (char c : out) {
            kept += c;
            if (kept.size() >= noise.size() &&
                kept.compare(kept.size() - noise.size(), noise.size(), noise) == 0) {
                kept.resize(kept.size() - noise.size());
            }
        }
        out = std::move(kept);
    }
    return out;
}

// Whether two license values the file gives differ enough to warn (and to apply both). Values
// longer than a license may be are never compared (a hostile file could make the comparison
// quadratic): they differ, and the longer one is refused where it is applied.
bool differ(std::string_view a, std::string_view b) {
    if (a.size() > k_max_license_bytes || b.size() > k_max_license_bytes) {
        return true;
    }
    const std::string loose_a = loose_text(a);
    const std::string loose_b = loose_text(b);
    return loose_a.find(loose_b) == std::string::npos && loose_b.find(loose_a) == std::string::npos;
}

// A value quoted in a message: at most 120 bytes, cut at a character boundary.
std::string shown(std::string_view text) {
    constexpr std::size_t k_shown = 120;
    if (text.size() <= k_shown) {
        return std::string(text);
    }
    std::size_t cut = k_shown;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
        --cut;
    }
    return std::string(text.substr(0, cut)) + "...";
}

// The licenses that `licenses.notes` names per kind, when it is written as
// "Weights: X. Code: Y. Data: Z." (as many of the index's files are).
struct KindLicenses {
    bool found = false;
    std::string weights;
    std::string code;
    std::string data;
};

std::string value_between(std::string_view text, std::size_t from, std::size_t to) {
    std::string value(util::trim(text.substr(from, to - from)));
    while (!value.empty() && (value.back() == '.' || value.back() == ' ')) {
        value.pop_back();
    }
    return value;
}

KindLicenses kind_licenses(std::string_view notes) {
    KindLicenses out;
    const std::string text(util::trim(notes));
    if (!util::starts_with(text, "Weights:")) {
        return out;
    }
    const std::size_t code = text.find("Code:", 8);
    const std::size_t data = code == std::string::npos ? code : text.find("Data:", code + 5);
    if (data == std::string::npos) {
        return out;
    }
    out.found = true;
    out.weights = value_between(text, 8, code);
    out.code = value_between(text, code + 5, data);
    out.data = value_between(text, data + 5, text.size());
    return out;
}

// One dimension as the file rates it.
struct Rated {
    bool present = false;
    Rating rating = Rating::unrated;
    std::string link;  // its links, separated by blanks
    std::string notes;
    Location at;
};

// Reads the file's blocks into plain values, warning about every quirk on the way.
class IndexReader {
public:
    explicit IndexReader(DiagnosticSink& sink) : m_sink(sink) {}

    Location at(const YAML::Node& node) const {
        const YAML::Mark mark = node.Mark();
        if (mark.is_null() || mark.line < 0 || mark.column < 0) {
            return {};
        }
        return {static_cast<std::size_t>(mark.line) + 1, static_cast<std::size_t>(mark.column) + 1};
    }

    void warn(const YAML::Node& node, const std::string& path, const std::string& message) {
        m_sink.warning(at(node), path, message);
    }

    // The members of a mapping under their known names: a misspelled key is read as the key it
    // stands for, an unknown one is left out; both with a warning. `misplaced` are keys that
    // belong elsewhere in the file (a dimension written inside `system`).
    std::map<std::string, YAML::Node> members(const YAML::Node& map, const std::string& path,
                                              const std::vector<std::string>& known,
                                              const std::vector<std::string>& misplaced) {
        std::map<std::string, YAML::Node> out;
        struct Slip {
            std::string known;
            std::string written;
            Location at;
            std::string path;
            YAML::Node value;
        };
        std::vector<Slip> slips;
        for (const auto& entry : map) {
            const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
            const std::string where = util::member_path(path, key);
            if (std::find(known.begin(), known.end(), key) != known.end()) {
                out[key] = entry.second;
                m_key_at[where] = at(entry.first);
                continue;
            }
            const auto loose = std::find_if(known.begin(), known.end(), [&](const std::string& k) {
                return loose_key(k) == loose_key(key);
            });
            if (loose != known.end()) {
                slips.push_back({*loose, key, at(entry.first), where, entry.second});
                continue;
            }
            if (std::find(misplaced.begin(), misplaced.end(), key) != misplaced.end()) {
                m_sink.warning(at(entry.first), where,
                               "'" + key +
                                   "' is a dimension of the index, rated at the top "
                                   "level, not inside '" +
                                   path + "': not read");
                continue;
            }
            std::string message = "unknown key '" + key + "'";
            if (std::optional<std::string> near = util::closest_match(key, known)) {
                message += " (did you mean '" + *near + "'?)";
            }
            m_sink.warning(at(entry.first), where, message + ": not read");
        }
        // A slip is read only when the key it stands for is not also given.
        for (const Slip& slip : slips) {
            if (out.count(slip.known) != 0) {
                m_sink.warning(slip.at, slip.path,
                               "'" + slip.written + "' looks like a misspelling of '" + slip.known +
                                   "', which is given too: not read");
                continue;
            }
            m_sink.warning(
                slip.at, slip.path,
                "read '" + slip.written + "' as '" + slip.known + "' (a misspelled key)");
            out[slip.known] = slip.value;
            m_key_at[util::member_path(path, slip.known)] = slip.at;
        }
        return out;
    }

    // A scalar's text; "" for null, and a warning for a list or mapping.
    std::string text(const std::map<std::string, YAML::Node>& members, const std::string& key,
                     const std::string& path) {
        const auto found = members.find(key);
        if (found == members.end() || !found->second.IsDefined() || found->second.IsNull()) {
            return {};
        }
        if (!found->second.IsScalar()) {
            warn(found->second, util::member_path(path, key),
                 "expected a string, got a list or mapping: not read");
            return {};
        }
        return std::string(util::trim(found->second.Scalar()));
    }

    // A string or a list of strings, joined by blanks.
    std::string links(const std::map<std::string, YAML::Node>& members, const std::string& key,
                      const std::string& path) {
        const auto found = members.find(key);
        if (found == members.end() || !found->second.IsSequence()) {
            return text(members, key, path);
        }
        std::string out;
        for (const YAML::Node& item : found->second) {
            if (item.IsScalar() && !util::is_blank(item.Scalar())) {
                out += out.empty() ? "" : " ";
                out += util::trim(item.Scalar());
            }
        }
        return out;
    }

    Rated rated(const YAML::Node& root, const std::string& key) {
        Rated out;
        const YAML::Node node = root[key];
        if (!node.IsDefined()) {
            m_sink.warning({}, key, "the file does not rate '" + key + "': read as not rated");
            return out;
        }
        out.present = true;
        out.at = at(node);
        if (node.IsNull()) {
            return out;
        }
        if (!node.IsMap()) {
            warn(node, key, "expected a mapping with class, link and notes: read as not rated");
            return out;
        }
        const std::map<std::string, YAML::Node> m = members(node, key, k_rating_keys, {});
        const std::string value = text(m, "class", key);
        out.link = links(m, "link", key);
        out.notes = text(m, "notes", key);
        const std::string lowered = util::lower(value);
        if (lowered == "open") {
            out.rating = Rating::open;
        } else if (lowered == "partial") {
            out.rating = Rating::partial;
        } else if (lowered == "closed") {
            out.rating = Rating::closed;
        } else if (!value.empty()) {
            warn(m.at("class"), key + ".class",
                 "class '" + shown(value) + "' is not open, partial or closed: read as not rated");
        }
        return out;
    }

    // Where the key at `path` ("system.endmodelname") is written; nowhere when it is not.
    Location key_at(const std::string& path) const {
        const auto found = m_key_at.find(path);
        return found == m_key_at.end() ? Location{} : found->second;
    }

private:
    DiagnosticSink& m_sink;
    std::map<std::string, Location> m_key_at;
};

// What the file says about the system as a whole.
struct System {
    std::string name;
    std::string link;
    std::string base_name;
    std::string end_name;
    Location end_at;
    std::string license;  // the end model's license as written ("" when none)
    bool license_given = false;
    std::string license_path;  // "system.endmodellicense" or "project.license"
    Location license_at;
    std::string type;
    std::string release_date;
    std::string notes;
    std::string organization;
};

// Combines the ratings of the dimensions that cover one artifact: open only when all are open,
// not released only when all that are rated are closed, partial otherwise.
Rating combine(const std::vector<const Rated*>& ratings) {
    std::size_t rated = 0;
    std::size_t open = 0;
    std::size_t closed = 0;
    for (const Rated* r : ratings) {
        rated += r->rating != Rating::unrated ? 1 : 0;
        open += r->rating == Rating::open ? 1 : 0;
        closed += r->rating == Rating::closed ? 1 : 0;
    }
    if (rated == 0) {
        return Rating::unrated;
    }
    if (open == ratings.size()) {
        return Rating::open;
    }
    return closed == rated ? Rating::closed : Rating::partial;
}

class Importer {
public:
    Importer(DiagnosticSink& sink, Schema schema, Manifest& manifest)
        : m_sink(sink),
          m_reader(sink),
          m_schema(schema),
          m_manifest(manifest),
          m_final_key(schema == Schema::current ? "weights_endmodel" : "rlweights"),
          m_notes_path(schema == Schema::current ? "licenses.notes" : "license.notes") {}

    void run(const YAML::Node& root) {
        read_top_level(root);
        read_system(root);
        for (const std::string& key : layout(m_schema).dimension_keys) {
            m_rated[key] = m_reader.rated(root, key);
        }
        const Rated& licenses = m_rated[m_schema == Schema::current ? "licenses" : "license"];
        m_kinds = kind_licenses(licenses.notes);
        const bool separate_base = has_separate_base();
        m_base_only = is_base_only();
        for (Mapping mapping : layout(m_schema).mappings) {
            if (mapping.artifact == ArtifactId::weights_intermediate &&
                (!separate_base || m_base_only)) {
                continue;
            }
            if (m_base_only) {
                read_base_as_release(mapping);
            }
            apply(mapping);
        }
        set_access();
        check_contradictions(separate_base);
        describe();
        detail::mark_unstated(m_manifest, k_unstated);
    }

private:
    void read_top_level(const YAML::Node& root) {
        std::vector<std::string> known = layout(m_schema).dimension_keys;
        known.emplace_back(m_schema == Schema::current ? "system" : "project");
        known.emplace_back("org");
        m_reader.members(root, "", known, {});
    }

    void read_system(const YAML::Node& root) {
        const std::string block = m_schema == Schema::current ? "system" : "project";
        const YAML::Node node = root[block];
        std::map<std::string, YAML::Node> m;
        if (node.IsMap()) {
            m = m_reader.members(node, block, layout(m_schema).system_keys,
                                 layout(m_schema).dimension_keys);
        } else if (node.IsDefined() && !node.IsNull()) {
            m_reader.warn(node, block, "expected a mapping: not read");
        }
        m_system.name = m_reader.text(m, "name", block);
        m_system.link = m_reader.text(m, "link", block);
        m_system.notes = m_reader.text(m, "notes", block);
        const std::string license_key = m_schema == Schema::current ? "endmodellicense" : "license";
        m_system.license_path = block + "." + license_key;
        m_system.license_given = m.count(license_key) != 0;
        m_system.license = m_reader.text(m, license_key, block);
        m_system.license_at = m_reader.key_at(m_system.license_path);
        if (m_schema == Schema::current) {
            m_system.base_name = m_reader.text(m, "basemodelname", block);
            m_system.end_name = m_reader.text(m, "endmodelname", block);
            m_system.end_at = m_reader.key_at(block + ".endmodelname");
            m_system.type = m_reader.text(m, "type", block);
            m_system.release_date = m_reader.text(m, "releasedate", block);
        } else {
            m_system.base_name = m_reader.text(m, "llmbase", block);
            m_system.end_name = m_reader.text(m, "rlbase", block);
        }
        const YAML::Node org = root["org"];
        if (org.IsDefined() && org.IsMap()) {
            const std::map<std::string, YAML::Node> o =
                m_reader.members(org, "org", k_org_keys, {});
            m_system.organization = m_reader.text(o, "name", "org");
        }
    }

    // The index rates the base model's weights and data apart from the end model's only when
    // there is a base model of its own; otherwise those entries mirror the end model's.
    bool has_separate_base() const {
        if (m_schema == Schema::legacy) {
            return true;  // llmweights (the base LLM) and rlweights (the tuned model) always
        }
        return !m_system.base_name.empty() && !m_system.end_name.empty() &&
               !util::iequals(m_system.base_name, m_system.end_name);
    }

    // A file that names a base model but no end model rates a system that is only a base
    // model: the base model is what is released, and the end-model entries rate nothing.
    bool is_base_only() const {
        return m_schema == Schema::current && m_system.end_name.empty() &&
               !m_system.base_name.empty();
    }

    void read_base_as_release(Mapping& mapping) {
        std::vector<const char*> kept;
        for (const char* key : mapping.dimensions) {
            const std::string_view k(key);
            if (k == "weights_endmodel") {
                kept.push_back("weights_basemodel");
            } else if (k != "datasources_endmodel") {
                kept.push_back(key);
            }
        }
        mapping.dimensions = kept;
        if (mapping.artifact == ArtifactId::weights_final) {
            m_final_key = "weights_basemodel";
            m_sink.warning(
                m_system.end_at, "system.endmodelname",
                "the file names no end model, only the base model '" + shown(m_system.base_name) +
                    "': read as the release, so weights_basemodel and "
                    "datasources_basemodel stand for its final weights and "
                    "training data, and weights_endmodel (" +
                    rating_name(m_rated["weights_endmodel"].rating) +
                    ") and datasources_endmodel (" +
                    rating_name(m_rated["datasources_endmodel"].rating) + ") are not read");
        }
    }

    // The license the file names for an artifact, and where it says so; nullopt when none.
    std::optional<std::pair<std::string, std::string>> named_license(LicenseSource source) {
        switch (source) {
            case LicenseSource::end_weights: {
                const bool own = !names_no_license(m_system.license);
                const bool noted = m_kinds.found && !names_no_license(m_kinds.weights);
                if (own && noted && differ(m_system.license, m_kinds.weights)) {
                    return std::make_pair(
                        detail::all_of({m_system.license, m_kinds.weights}),
                        m_system.license_path + " and " + m_notes_path + " (both apply)");
                }
                if (own) {
                    return std::make_pair(m_system.license, m_system.license_path);
                }
                if (noted) {
                    return std::make_pair(m_kinds.weights,
                                          m_notes_path + " (Weights:)");
                }
                return std::nullopt;
            }
            case LicenseSource::code:
                if (m_kinds.found && !names_no_license(m_kinds.code)) {
                    return std::make_pair(m_kinds.code, m_notes_path + " (Code:)");
                }
                return std::nullopt;
            case LicenseSource::data:
                if (m_kinds.found && !names_no_license(m_kinds.data)) {
                    return std::make_pair(m_kinds.data, m_notes_path + " (Data:)");
                }
                return std::nullopt;
            case LicenseSource::none:
                break;
        }
        return std::nullopt;
    }

    void apply(const Mapping& mapping) {
        std::vector<const Rated*> ratings;
        std::string provenance = "eosai ";
        std::string links;
        std::string notes;
        Location at;
        for (const char* key : mapping.dimensions) {
            const Rated& r = m_rated[key];
            ratings.push_back(&r);
            provenance +=
                std::string(ratings.size() > 1 ? ", " : "") + key + ": " + rating_name(r.rating);
            if (!r.link.empty()) {
                links += (links.empty() ? "" : " ") + r.link;
            }
            if (!r.notes.empty()) {
                notes += (notes.empty() ? "" : " ") +
                         (mapping.dimensions.size() > 1 ? std::string(key) + ": " : "") + r.notes;
            }
            if (at.line == 0) {
                at = r.at;
            }
        }
        const Rating rating = combine(ratings);
        if (rating == Rating::unrated) {
            return;  // left "not stated" by mark_unstated, with its own phrase
        }
        Artifact& artifact = m_manifest.artifact(mapping.artifact);
        artifact.listed = true;
        artifact.position = at;
        artifact.location = links;
        artifact.notes = notes;
        const auto license = named_license(mapping.license);
        if (rating == Rating::closed) {
            artifact.availability = Availability::not_released;
            artifact.provenance = provenance;
            return;
        }
        artifact.availability = Availability::released;
        if (rating == Rating::partial) {
            // Partial is some of it, or gated: never open, whatever license is named.
            provenance += "; partly released or on conditions, so no open license is counted";
            if (license) {
                provenance += " (" + license->second + " names '" + shown(license->first) + "')";
            }
        } else if (license) {
            if (license->first.size() > k_max_license_bytes) {
                const std::string path = license->second.substr(0, license->second.find(' '));
                m_sink.warning(m_reader.key_at(path), path,
                               fmt::format("license is longer than {} bytes: read as no license "
                                           "named",
                                           k_max_license_bytes));
                provenance += "; no license named for it";
            } else {
                artifact.license = license->first;
                provenance += "; license from " + license->second;
            }
        } else {
            provenance += "; the index names no license for it";
        }
        artifact.provenance = provenance;
    }

    void set_access() {
        const Artifact& weights = m_manifest.artifact(ArtifactId::weights_final);
        const Rating final_rating = m_rated[m_final_key].rating;
        if (weights.availability == Availability::released) {
            m_manifest.access = final_rating == Rating::open ? Access::download : Access::gated;
            if (final_rating != Rating::open) {
                m_manifest.limitations.push_back(
                    "the index rates the end model's weights partial (not fully shared, e.g. "
                    "gated): read as access 'gated', released without an open license");
            }
            return;
        }
        if (m_schema == Schema::legacy) {
            const Rating api = m_rated["api"].rating;
            if (api == Rating::open || api == Rating::partial) {
                m_manifest.access = Access::api;
                return;
            }
            if (api == Rating::closed) {
                m_manifest.access = Access::none;
                return;
            }
        }
        m_manifest.limitations.push_back(
            "the index does not rate access (an API) when the weights are not shared: access is "
            "not stated");
    }

    // The index's ratings that cannot all be true, said once each as warnings.
    void check_contradictions(bool separate_base) {
        const bool current = m_schema == Schema::current;
        const Rated& weights = m_rated[m_final_key];
        const Rated& licenses = m_rated[current ? "licenses" : "license"];
        const bool weights_out =
            weights.rating == Rating::open || weights.rating == Rating::partial;
        if (weights_out && names_no_license(m_system.license)) {
            const std::string said =
                !m_system.license_given ? "no " + m_system.license_path + " is given"
                : m_system.license.empty()
                    ? m_system.license_path + " is empty"
                    : m_system.license_path + " says '" + shown(m_system.license) + "'";
            m_sink.warning(m_system.license_at, m_system.license_path,
                           "the end model's weights are rated " +
                               std::string(rating_name(weights.rating)) + " but " + said +
                               ": they count as released without a license");
        }
        if (licenses.rating == Rating::open && names_no_license(m_system.license) &&
            m_system.license_given && !m_system.license.empty()) {
            const std::string path = current ? "licenses.class" : "license.class";
            m_sink.warning(m_reader.key_at(path), path,
                           "licenses are rated open but " + m_system.license_path + " says '" +
                               shown(m_system.license) + "' (a contradiction)");
        }
        if (m_kinds.found) {
            if (!names_no_license(m_system.license) && !names_no_license(m_kinds.weights) &&
                differ(m_system.license, m_kinds.weights)) {
                const std::string& path = m_notes_path;
                m_sink.warning(m_reader.key_at(path), path,
                               path + " names the weights' license '" +
                                   shown(m_kinds.weights) + "' but " + m_system.license_path +
                                   " says '" + shown(m_system.license) +
                                   "' (a contradiction): both are taken to apply");
            }
            const std::pair<const char*, const std::string*> kinds[] = {
                {current ? "trainingcode" : "opencode", &m_kinds.code},
                {current ? "weights_endmodel" : "rlweights", &m_kinds.weights}};
            for (const auto& [key, value] : kinds) {
                const Rated& r = m_rated[key];
                if (r.rating == Rating::open && says_not_released(*value)) {
                    m_sink.warning(m_reader.key_at(std::string(key) + ".class"),
                                   std::string(key) + ".class",
                                   std::string(key) + " is rated open but " + m_notes_path +
                                       " says '" + shown(*value) + "' (a contradiction)");
                }
            }
        }
        if (current && !separate_base && !m_base_only) {
            for (const auto& [base, end] :
                 {std::pair<const char*, const char*>{"weights_basemodel", "weights_endmodel"},
                  {"datasources_basemodel", "datasources_endmodel"}}) {
                const Rated& b = m_rated[base];
                const Rated& e = m_rated[end];
                if (b.rating != e.rating && b.rating != Rating::unrated &&
                    e.rating != Rating::unrated) {
                    m_sink.warning(
                        m_reader.key_at(std::string(base) + ".class"), std::string(base) + ".class",
                        "the file names no base model of its own, so " + std::string(base) +
                            " should mirror " + end + ", but it is rated " + rating_name(b.rating) +
                            " against " + rating_name(e.rating));
                }
            }
        }
    }

    // The model's name and the ratings openness has no artifact for, in the notes.
    void describe() {
        m_manifest.model.name = !m_system.name.empty()       ? m_system.name
                                : !m_system.end_name.empty() ? m_system.end_name
                                                             : std::string();
        if (m_manifest.model.name.empty()) {
            std::string base = detail::name_from_source(m_manifest.source);
            for (std::string_view suffix : {".yaml", ".yml"}) {
                if (base.size() > suffix.size() && util::iends_with(base, suffix)) {
                    base.resize(base.size() - suffix.size());
                }
            }
            m_manifest.model.name = base;
        }
        m_manifest.model.organization = m_system.organization;
        if (util::starts_with(m_system.link, "http")) {
            m_manifest.model.url = m_system.link;
            m_manifest.sources.push_back(m_system.link);
        }
        std::string notes = m_schema == Schema::current
                                ? "Rated by the European Open Source AI Index."
                                : "Rated by Opening up ChatGPT (the index's legacy files).";
        if (!m_system.end_name.empty()) {
            notes += std::string(m_schema == Schema::current ? " End model: " : " RL base: ") +
                     m_system.end_name + ".";
        }
        if (!m_system.base_name.empty()) {
            notes += std::string(m_schema == Schema::current ? " Base model: " : " LLM base: ") +
                     m_system.base_name + ".";
        }
        if (!m_system.release_date.empty()) {
            notes += " Released " + m_system.release_date + ".";
        }
        if (!m_system.type.empty()) {
            notes += " Type: " + m_system.type + ".";
        }
        notes += " Not counted here: code documentation (code: " +
                 std::string(rating_name(m_rated["code"].rating)) + "), licenses (" +
                 (m_schema == Schema::current ? "licenses: " : "license: ") +
                 rating_name(m_rated[m_schema == Schema::current ? "licenses" : "license"].rating) +
                 ")";
        if (m_schema == Schema::legacy) {
            notes += ", api (" + std::string(rating_name(m_rated["api"].rating)) + ")";
        }
        notes += ".";
        m_manifest.notes = notes;
        m_manifest.limitations.insert(
            m_manifest.limitations.begin(),
            std::string("the tier is a lower bound from the European Open Source AI Index: it "
                        "does not rate ") +
                (m_schema == Schema::current ? "inference, evaluation or library code"
                                             : "evaluation or library code") +
                ", evaluation data or results, and names licenses only for the end model (and, "
                "in some notes, for code and data), so what it does not rate or license is not "
                "counted");
    }

    DiagnosticSink& m_sink;
    IndexReader m_reader;
    Schema m_schema;
    Manifest& m_manifest;
    System m_system;
    KindLicenses m_kinds;
    std::map<std::string, Rated> m_rated;
    bool m_base_only = false;
    std::string m_final_key;   // the dimension read as the final weights
    std::string m_notes_path;  // where the file's license notes are: licenses.notes, or the
                               // legacy layout's license.notes
};

// True when a line starts with `key:` (no indentation).
bool line_has_key(std::string_view line, std::string_view key) {
    return line.substr(0, key.size()) == key && line.substr(key.size(), 1) == ":";
}

}  // namespace

bool looks_like_eosai(std::string_view text) {
    bool system = false;
    bool project = false;
    bool weights = false;
    bool legacy_weights = false;
    std::size_t lines = 0;
    std::string_view line;
    for (std::string_view rest = text; util::next_line(rest, line);) {
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        // A second YAML document, or the end of front matter, closes the search.
        if (lines > 0 && (line == "---" || line == "...")) {
            break;
        }
        system = system || line_has_key(line, "system");
        project = project || line_has_key(line, "project");
        weights = weights || line_has_key(line, "weights_endmodel");
        legacy_weights =
            legacy_weights || line_has_key(line, "rlweights") || line_has_key(line, "llmweights");
        ++lines;
    }
    return (system && weights) || (project && legacy_weights);
}

LoadResult load_eosai(std::string_view text, const std::string& source,
                      const ImportOptions& /*options: the index's quirks are always warnings*/) {
    LoadResult result;
    DiagnosticSink sink(source, result.diagnostics);
    Manifest m;
    m.source = source;
    m.format = "eosai";
    try {
        YAML::Node root;
        if (std::optional<detail::YamlProblem> problem =
                detail::load_bounded_yaml(text, "a European Open Source AI Index file", 0, root)) {
            sink.error(problem->location, "", std::move(problem->message));
            return result;
        }
        if (!root.IsMap()) {
            sink.error({1, 1}, "",
                       "not a European Open Source AI Index file: expected a mapping of keys");
            return result;
        }
        Schema schema = Schema::current;
        if (root["system"].IsDefined()) {
            schema = Schema::current;
        } else if (root["project"].IsDefined()) {
            schema = Schema::legacy;
        } else {
            sink.error({1, 1}, "",
                       "not a European Open Source AI Index file: no top-level 'system' (the "
                       "index's files) or 'project' (its legacy Opening up ChatGPT files)");
            return result;
        }
        Importer importer(sink, schema, m);
        importer.run(root);
    } catch (const YAML::Exception& e) {
        sink.error({}, "", "cannot read the YAML document: " + e.msg);
        return result;
    }
    if (!sink.failed()) {
        result.manifest = std::move(m);
    }
    return result;
}

}  // namespace openness::manifest
