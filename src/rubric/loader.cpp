#include "openness/rubric/rubric.hpp"

#include "openness/util/embedded.hpp"
#include "openness/util/file_system.hpp"
#include "openness/util/json.hpp"
#include "openness/util/sha256.hpp"
#include "openness/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace openness::rubric {

namespace {

using util::Diagnostic;
using util::JsonValue;
using util::Severity;

constexpr std::uint64_t k_max_rubric_bytes = 4U * 1024U * 1024U;
constexpr std::size_t k_max_condition_depth = 16;
constexpr std::size_t k_max_rules = 10000;
// Each tier holds the indices of every rule it needs, those of the tiers below included, so the
// tier count times the rule count bounds the memory of a rubric.
constexpr std::size_t k_max_tiers = 100;
constexpr std::size_t k_max_advisories = 1000;

bool valid_id(std::string_view id) {
    if (id.empty() || id.size() > 64) {
        return false;
    }
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    });
}

// "MAJOR.MINOR" or "MAJOR.MINOR.PATCH", digits only.
bool valid_version(std::string_view version) {
    std::size_t parts = 0;
    std::size_t digits = 0;
    for (char c : version) {
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c == '.' && digits > 0) {
            ++parts;
            digits = 0;
        } else {
            return false;
        }
    }
    return digits > 0 && (parts == 1 || parts == 2);
}

std::vector<long> version_parts(std::string_view version) {
    std::vector<long> parts;
    long current = 0;
    for (char c : version) {
        if (c == '.') {
            parts.push_back(current);
            current = 0;
        } else {
            current = current * 10 + (c - '0');
        }
    }
    parts.push_back(current);
    return parts;
}

class Loader {
public:
    Loader(const std::string& origin, std::vector<Diagnostic>& diagnostics)
        : m_sink(origin, diagnostics) {}

    void error(const JsonValue& at, const std::string& path, std::string message) {
        m_sink.error(at.location(), path, std::move(message));
    }

    bool expect(const JsonValue& value, JsonValue::Kind kind, const std::string& path) {
        return util::expect_kind(value, kind, path, m_sink);
    }

    // Rubrics are strict: an unknown key could silently change what a rule means.
    void check_keys(const JsonValue& object, const std::string& path,
                    std::initializer_list<std::string_view> known) {
        for (const JsonValue::Member& member : object.members()) {
            if (std::find(known.begin(), known.end(), member.first) == known.end()) {
                error(member.second, util::member_path(path, member.first), "unknown key");
            }
        }
    }

    const JsonValue* required(const JsonValue& object, std::string_view key,
                              JsonValue::Kind kind, const std::string& path) {
        const JsonValue* value = object.find(key);
        if (value == nullptr) {
            error(object, path, "missing required key '" + std::string(key) + "'");
            return nullptr;
        }
        return expect(*value, kind, util::member_path(path, key)) ? value : nullptr;
    }

    std::string optional_string(const JsonValue& object, std::string_view key,
                                const std::string& path) {
        const JsonValue* value = object.find(key);
        if (value == nullptr) {
            return {};
        }
        return expect(*value, JsonValue::Kind::string, path + "." + std::string(key))
                   ? value->as_string()
                   : std::string{};
    }

    // Reads a list of names into a bit mask; `parse` reads a name (nullopt: unknown), `what`
    // names the list in messages ("license class", "access"), `expected` lists the names.
    template <typename Parse>
    std::uint32_t read_name_mask(const JsonValue& value, const std::string& path, Parse parse,
                                 const std::string& what, const std::string& expected,
                                 const std::string& empty) {
        if (!expect(value, JsonValue::Kind::array, path)) {
            return 0;
        }
        std::uint32_t mask = 0;
        std::size_t index = 0;
        for (const JsonValue& item : value.items()) {
            const std::string item_path = util::index_path(path, index++);
            if (!expect(item, JsonValue::Kind::string, item_path)) {
                continue;
            }
            const auto parsed = parse(item.as_string());
            if (!parsed) {
                error(item, item_path,
                      "unknown " + what + " '" + item.as_string() + "' (expected one of " +
                          expected + ")");
                continue;
            }
            mask |= bit(*parsed);
        }
        if (index == 0) {
            error(value, path, "empty list of " + empty);
        }
        return mask;
    }

    std::uint32_t read_license_classes(const JsonValue& value, const std::string& path) {
        return read_name_mask(value, path, license::parse_class_id, "license class",
                              "unknown, proprietary, restricted, open-data, osi",
                              "license classes");
    }

    std::uint32_t read_access(const JsonValue& value, const std::string& path) {
        return read_name_mask(value, path, manifest::parse_access, "access",
                              "none, api, gated, download", "access modes");
    }

    void read_artifact_names(const JsonValue& value, const std::string& path, Condition& out) {
        auto add = [&](const JsonValue& item, const std::string& item_path) {
            if (!expect(item, JsonValue::Kind::string, item_path)) {
                return;
            }
            std::optional<manifest::ArtifactId> id = manifest::find_artifact(item.as_string());
            if (!id) {
                error(item, item_path, "unknown artifact '" + item.as_string() + "'");
                return;
            }
            out.artifacts.push_back(*id);
        };
        if (value.is_array()) {
            std::size_t index = 0;
            for (const JsonValue& item : value.items()) {
                add(item, util::index_path(path, index++));
            }
            if (index == 0) {
                error(value, path, "empty list of artifacts");
            }
        } else {
            add(value, path);
        }
    }

    // The artifacts a condition looks at, each once, in the order it names them.
    static void collect_artifacts(const Condition& c, std::vector<manifest::ArtifactId>& out) {
        for (manifest::ArtifactId id : c.artifacts) {
            if (std::find(out.begin(), out.end(), id) == out.end()) {
                out.push_back(id);
            }
        }
        for (const Condition& child : c.children) {
            collect_artifacts(child, out);
        }
    }

    // "license": "open": the classes the rubric's "open_licenses" counts as open for the kind
    // of the condition's artifacts, which must all be of one kind.
    std::uint32_t open_classes_of(const std::vector<manifest::ArtifactId>& artifacts,
                                  const JsonValue& value, const std::string& path) {
        if (!m_open) {
            error(value, path, "'open' needs the rubric's 'open_licenses'");
            return 0;
        }
        std::uint32_t mask = 0;
        for (manifest::ArtifactId id : artifacts) {
            const std::uint32_t kind_mask =
                (*m_open)[static_cast<std::size_t>(manifest::spec(id).kind)];
            if (mask != 0 && mask != kind_mask) {
                error(value, path,
                      "'open' needs artifacts whose kinds count the same licenses as open");
                return 0;
            }
            mask = kind_mask;
        }
        return mask;
    }

    // "open_licenses": {"weights": [...], "code": [...], "data": [...], "documentation": [...]}.
    void read_open_licenses(const JsonValue& value) {
        if (!expect(value, JsonValue::Kind::object, "open_licenses")) {
            return;
        }
        check_keys(value, "open_licenses", {"weights", "code", "data", "documentation"});
        std::array<std::uint32_t, k_kind_count> open{};
        for (std::size_t k = 0; k < k_kind_count; ++k) {
            const char* name = manifest::kind_name(static_cast<manifest::ArtifactKind>(k));
            if (const JsonValue* classes =
                    required(value, name, JsonValue::Kind::array, "open_licenses")) {
                open[k] = read_license_classes(*classes, std::string("open_licenses.") + name);
            }
        }
        m_open = open;
    }

    // Narrows `open` per kind to the classes a positive license check on an artifact of that
    // kind accepts (checks under 'not' ask the opposite, so they say nothing).
    static void narrow_open(const Condition& c, std::array<std::uint32_t, k_kind_count>& open) {
        if (c.kind == Condition::Kind::all || c.kind == Condition::Kind::any) {
            for (const Condition& child : c.children) {
                narrow_open(child, open);
            }
        } else if (c.kind == Condition::Kind::artifacts && c.license_classes != 0) {
            for (manifest::ArtifactId id : c.artifacts) {
                open[static_cast<std::size_t>(manifest::spec(id).kind)] &= c.license_classes;
            }
        }
    }

    // The rubric's open classes: as given, or else what its rules accept per kind (OSI-approved
    // or open data/content for a kind no rule checks).
    void settle_open_classes(Rubric& rubric) const {
        if (m_open) {
            rubric.open_classes = *m_open;
            return;
        }
        std::array<std::uint32_t, k_kind_count> open;
        open.fill(~0U);
        for (const Rule& rule : rubric.rules) {
            narrow_open(rule.check, open);
        }
        for (std::uint32_t& mask : open) {
            if (mask == ~0U) {
                mask = bit(license::LicenseClass::osi) | bit(license::LicenseClass::open_data);
            }
        }
        rubric.open_classes = open;
    }

    // A banded score: every tier has a band of one-decimal bounds within 0-100, each above the
    // one below it with room to spare, so a higher tier always scores above a lower one.
    bool read_band(const JsonValue& item, const std::string& path, Tier& tier) {
        const JsonValue* band = required(item, "score_band", JsonValue::Kind::array, path);
        if (band == nullptr) {
            return false;
        }
        std::vector<double> bounds;
        for (const JsonValue& bound : band->items()) {
            if (expect(bound, JsonValue::Kind::number, path + ".score_band")) {
                bounds.push_back(bound.as_number());
            }
        }
        const auto one_decimal = [](double x) {
            return std::fabs(x * 10.0 - std::round(x * 10.0)) < 1e-9;
        };
        if (bounds.size() != 2 || bounds[0] < 0 || bounds[1] > 100 || bounds[0] > bounds[1] ||
            !one_decimal(bounds[0]) || !one_decimal(bounds[1])) {
            error(*band, path + ".score_band",
                  "expected [low, high]: 0 <= low <= high <= 100, one decimal each");
            return false;
        }
        tier.band_low = bounds[0];
        tier.band_high = bounds[1];
        return true;
    }

    Condition read_condition(const JsonValue& value, const std::string& path, std::size_t depth) {
        Condition condition;
        if (!expect(value, JsonValue::Kind::object, path)) {
            return condition;
        }
        if (depth > k_max_condition_depth) {
            error(value, path, "conditions nested deeper than 16 levels");
            return condition;
        }
        const JsonValue* all = value.find("all");
        const JsonValue* any = value.find("any");
        const JsonValue* negated = value.find("not");
        const JsonValue* artifact = value.find("artifact");
        const JsonValue* artifacts = value.find("artifacts");
        const JsonValue* access = value.find("access");
        const int kinds = (all != nullptr) + (any != nullptr) + (negated != nullptr) +
                          (artifact != nullptr) + (artifacts != nullptr) + (access != nullptr);
        if (kinds != 1) {
            error(value, path,
                  "a condition needs exactly one of 'all', 'any', 'not', 'artifact', 'artifacts', "
                  "'access'");
            return condition;
        }
        if (all != nullptr || any != nullptr) {
            condition.kind = all != nullptr ? Condition::Kind::all : Condition::Kind::any;
            const JsonValue& list = all != nullptr ? *all : *any;
            const std::string list_path = path + (all != nullptr ? ".all" : ".any");
            check_keys(value, path, {all != nullptr ? "all" : "any"});
            if (expect(list, JsonValue::Kind::array, list_path)) {
                std::size_t index = 0;
                for (const JsonValue& item : list.items()) {
                    condition.children.push_back(
                        read_condition(item, util::index_path(list_path, index++), depth + 1));
                }
                if (index == 0) {
                    error(list, list_path, "empty list of conditions");
                }
            }
        } else if (negated != nullptr) {
            condition.kind = Condition::Kind::not_;
            check_keys(value, path, {"not"});
            condition.children.push_back(read_condition(*negated, path + ".not", depth + 1));
        } else if (access != nullptr) {
            condition.kind = Condition::Kind::access;
            check_keys(value, path, {"access"});
            condition.access = read_access(*access, path + ".access");
        } else {
            condition.kind = Condition::Kind::artifacts;
            const bool single = artifact != nullptr;
            check_keys(value, path, {single ? "artifact" : "artifacts", "released", "license"});
            read_artifact_names(single ? *artifact : *artifacts,
                                path + (single ? ".artifact" : ".artifacts"), condition);
            if (const JsonValue* released = value.find("released")) {
                if (expect(*released, JsonValue::Kind::boolean, path + ".released")) {
                    condition.released = released->as_bool();
                }
            }
            if (const JsonValue* classes = value.find("license")) {
                condition.license_classes =
                    classes->is_string() && classes->as_string() == "open"
                        ? open_classes_of(condition.artifacts, *classes, path + ".license")
                        : read_license_classes(*classes, path + ".license");
                if (condition.released == std::optional<bool>(false)) {
                    error(*classes, path + ".license",
                          "a license check needs the artifact released; drop 'released: false'");
                }
                condition.released = true;
            }
            if (!condition.released) {
                error(value, path, "an artifact condition needs 'released' or 'license'");
            }
        }
        return condition;
    }

    // Calls `read(item, path)` for each object in the list `key` ("rules"), `path` being
    // "rules[2]"; past `limit` items, one error and no more.
    template <typename Read>
    void read_list(const JsonValue& list, const char* key, std::size_t limit, Read read) {
        std::size_t index = 0;
        for (const JsonValue& item : list.items()) {
            std::string path = util::index_path(key, index++);
            if (index > limit) {
                error(item, key, fmt::format("more than {} {}", limit, key));
                return;
            }
            if (expect(item, JsonValue::Kind::object, path)) {
                read(item, path);
            }
        }
    }

    // An item's required "id", then named in `path` ("rules[2] (x)"); for a rule or a tier
    // (`kind`), also its spelling checked and that `taken` does not hold it yet.
    std::string read_id(const JsonValue& item, std::string& path, const char* kind,
                        const std::map<std::string, std::size_t>* taken) {
        const JsonValue* id = required(item, "id", JsonValue::Kind::string, path);
        if (id == nullptr) {
            return {};
        }
        std::string out = id->as_string();
        path += " (" + out + ")";
        if (taken != nullptr && !valid_id(out)) {
            error(*id, path + ".id",
                  fmt::format("a {} id uses only a-z, 0-9, '-', '_' and '.' (at most 64 "
                              "characters)",
                              kind));
        } else if (taken != nullptr && taken->count(out) != 0) {
            error(*id, path + ".id", fmt::format("duplicate {} id '{}'", kind, out));
        }
        return out;
    }

    void read_rules(const JsonValue& list, Rubric& rubric) {
        read_list(list, "rules", k_max_rules, [&](const JsonValue& item, std::string& path) {
            Rule rule;
            rule.id = read_id(item, path, "rule", &m_rule_index);
            check_keys(item, path, {"id", "description", "points", "check", "applies_when"});
            if (const JsonValue* d = required(item, "description", JsonValue::Kind::string, path)) {
                rule.description = d->as_string();
            }
            if (const JsonValue* points = item.find("points")) {
                if (expect(*points, JsonValue::Kind::number, path + ".points")) {
                    rule.points = points->as_number();
                    if (rule.points < 0 || rule.points > 1000) {
                        error(*points, path + ".points", "points must be between 0 and 1000");
                    }
                }
            }
            if (const JsonValue* check = item.find("check")) {
                rule.check = read_condition(*check, path + ".check", 0);
            } else {
                error(item, path, "missing required key 'check'");
            }
            if (const JsonValue* when = item.find("applies_when")) {
                rule.applies_when = read_condition(*when, path + ".applies_when", 0);
            }
            m_rule_index.emplace(rule.id, rubric.rules.size());
            rubric.rules.push_back(std::move(rule));
        });
    }

    void read_tiers(const JsonValue& list, Rubric& rubric) {
        std::map<std::string, std::size_t> tier_index;
        read_list(list, "tiers", k_max_tiers, [&](const JsonValue& item, std::string& path) {
            Tier tier;
            tier.id = read_id(item, path, "tier", &tier_index);
            check_keys(item, path,
                       {"id", "label", "description", "extends", "requires", "score_band"});
            if (rubric.score == ScoreMode::banded) {
                if (read_band(item, path, tier) && !rubric.tiers.empty() &&
                    tier.band_low < rubric.tiers.back().band_high + 0.1 - 1e-9) {
                    error(item, path + ".score_band",
                          "a tier's band must start at least 0.1 above the band of the tier "
                          "below");
                }
            } else if (const JsonValue* band = item.find("score_band")) {
                error(*band, path + ".score_band", "a score band needs \"score\": \"banded\"");
            }
            if (const JsonValue* label = required(item, "label", JsonValue::Kind::string, path)) {
                tier.label = label->as_string();
            }
            tier.description = optional_string(item, "description", path);
            if (const JsonValue* extends = item.find("extends")) {
                if (expect(*extends, JsonValue::Kind::string, path + ".extends")) {
                    auto base = tier_index.find(extends->as_string());
                    if (base == tier_index.end()) {
                        error(*extends, path + ".extends",
                              "'" + extends->as_string() + "' is not a tier listed before this one");
                    } else {
                        tier.requires_rules = rubric.tiers[base->second].requires_rules;
                    }
                }
            }
            if (const JsonValue* reqs = item.find("requires")) {
                if (expect(*reqs, JsonValue::Kind::array, path + ".requires")) {
                    // Marks the rules already listed, so a long list costs linear time.
                    std::vector<bool> listed(rubric.rules.size(), false);
                    for (std::size_t i : tier.requires_rules) {
                        listed[i] = true;
                    }
                    std::size_t r = 0;
                    for (const JsonValue& req : reqs->items()) {
                        const std::string req_path = fmt::format("{}.requires[{}]", path, r++);
                        if (!expect(req, JsonValue::Kind::string, req_path)) {
                            continue;
                        }
                        auto rule = m_rule_index.find(req.as_string());
                        if (rule == m_rule_index.end()) {
                            error(req, req_path, "unknown rule '" + req.as_string() + "'");
                        } else if (!listed[rule->second]) {
                            listed[rule->second] = true;
                            tier.requires_rules.push_back(rule->second);
                        }
                    }
                }
            }
            std::sort(tier.requires_rules.begin(), tier.requires_rules.end());
            if (rubric.tiers.empty() && !tier.requires_rules.empty()) {
                error(item, path,
                      "the lowest tier must require nothing: it is what a release gets when no "
                      "other tier holds");
            }
            tier_index.emplace(tier.id, rubric.tiers.size());
            rubric.tiers.push_back(std::move(tier));
        });
        if (rubric.tiers.empty()) {
            error(list, "tiers", "a rubric needs at least one tier");
        }
    }

    void read_advisories(const JsonValue& list, Rubric& rubric) {
        read_list(
            list, "advisories", k_max_advisories, [&](const JsonValue& item, std::string& path) {
                Advisory advisory;
                advisory.id = read_id(item, path, "advisory", nullptr);
                check_keys(item, path, {"id", "message", "when"});
                if (const JsonValue* m = required(item, "message", JsonValue::Kind::string, path)) {
                    advisory.message = m->as_string();
                }
                if (const JsonValue* when = item.find("when")) {
                    advisory.when = read_condition(*when, path + ".when", 0);
                } else {
                    error(item, path, "missing required key 'when'");
                }
                rubric.advisories.push_back(std::move(advisory));
            });
    }

    // An optional key naming one of two modes: true for `second`; an error for anything else.
    bool read_mode(const JsonValue& root, const char* name, const char* first,
                   const char* second) {
        const JsonValue* value = root.find(name);
        if (value == nullptr || !expect(*value, JsonValue::Kind::string, name)) {
            return false;
        }
        if (value->as_string() != first && value->as_string() != second) {
            error(*value, name,
                  std::string("unknown ") + name + " mode '" + value->as_string() +
                      "' (expected " + first + " or " + second + ")");
        }
        return value->as_string() == second;
    }

    // Loads the bundled license table a reference such as "openness-licenses@1.0" names.
    std::shared_ptr<const license::LicenseTable> read_license_table(const JsonValue& ref,
                                                                    const std::string& key,
                                                                    std::string& table_text) {
        if (!expect(ref, JsonValue::Kind::string, key)) {
            return nullptr;
        }
        const std::string& spec = ref.as_string();
        const std::size_t at = spec.find('@');
        if (at == std::string::npos) {
            error(ref, key, "expected 'ID@VERSION', e.g. 'openness-licenses@1.0'");
            return nullptr;
        }
        const std::string path =
            "rubric/licenses/" + spec.substr(0, at) + "-" + spec.substr(at + 1) + ".json";
        const std::string_view* text = util::find_embedded(path);
        if (text == nullptr) {
            error(ref, key, "no bundled license table '" + spec + "'");
            return nullptr;
        }
        std::vector<Diagnostic> table_diagnostics;
        std::optional<license::LicenseTable> table =
            license::LicenseTable::bundled(path, table_diagnostics);
        if (!table) {
            for (Diagnostic& d : table_diagnostics) {
                m_sink.add(std::move(d));
            }
            return nullptr;
        }
        table_text += '\n';
        table_text += *text;
        return std::make_shared<const license::LicenseTable>(std::move(*table));
    }

    void read(const JsonValue& root, Rubric& rubric, std::string& table_text) {
        if (!expect(root, JsonValue::Kind::object, "")) {
            return;
        }
        check_keys(root, "",
                   {"$schema", "rubric_format", "id", "version", "title", "description",
                    "source", "license_table", "corrected_license_table", "progress",
                    "warn_unsuited_licenses", "open_licenses", "score", "tiers", "rules",
                    "advisories"});
        if (const JsonValue* format =
                required(root, "rubric_format", JsonValue::Kind::number, "")) {
            if (!format->is_integer() || format->as_integer() != 1) {
                error(*format, "rubric_format",
                      "unsupported rubric format (this openness reads format 1)");
            }
        }
        if (const JsonValue* id = required(root, "id", JsonValue::Kind::string, "")) {
            rubric.id = id->as_string();
            if (!valid_id(rubric.id)) {
                error(*id, "id",
                      "a rubric id uses only a-z, 0-9, '-', '_' and '.' (at most 64 characters)");
            }
        }
        if (const JsonValue* version = required(root, "version", JsonValue::Kind::string, "")) {
            rubric.version = version->as_string();
            if (!valid_version(rubric.version)) {
                error(*version, "version", "expected MAJOR.MINOR or MAJOR.MINOR.PATCH");
            }
        }
        rubric.title = optional_string(root, "title", "");
        rubric.description = optional_string(root, "description", "");
        rubric.source = optional_string(root, "source", "");
        if (const JsonValue* ref = root.find("license_table")) {
            rubric.licenses = read_license_table(*ref, "license_table", table_text);
        } else {
            error(root, "", "missing required key 'license_table'");
        }
        if (const JsonValue* ref = root.find("corrected_license_table")) {
            rubric.corrected_licenses =
                read_license_table(*ref, "corrected_license_table", table_text);
        }
        if (read_mode(root, "progress", "independent", "cumulative")) {
            rubric.progress = ProgressMode::cumulative;
        }
        if (const JsonValue* warn = root.find("warn_unsuited_licenses")) {
            if (expect(*warn, JsonValue::Kind::boolean, "warn_unsuited_licenses")) {
                rubric.warn_unsuited_licenses = warn->as_bool();
            }
        }
        if (read_mode(root, "score", "points", "banded")) {
            rubric.score = ScoreMode::banded;
        }
        if (const JsonValue* open = root.find("open_licenses")) {
            read_open_licenses(*open);
        }
        if (const JsonValue* rules = required(root, "rules", JsonValue::Kind::array, "")) {
            read_rules(*rules, rubric);
        }
        settle_open_classes(rubric);
        if (const JsonValue* tiers = required(root, "tiers", JsonValue::Kind::array, "")) {
            read_tiers(*tiers, rubric);
        }
        if (const JsonValue* advisories = root.find("advisories")) {
            if (expect(*advisories, JsonValue::Kind::array, "advisories")) {
                read_advisories(*advisories, rubric);
            }
        }
        for (Rule& rule : rubric.rules) {
            rubric.total_points += rule.points;
            std::vector<manifest::ArtifactId> artifacts;
            collect_artifacts(rule.check, artifacts);
            if (artifacts.size() == 1) {
                rule.artifact = artifacts.front();
            }
        }
        for (std::size_t t = 0; t < rubric.tiers.size(); ++t) {
            for (std::size_t r : rubric.tiers[t].requires_rules) {
                rubric.rules[r].needed_up_to = t + 1;
            }
        }
    }

private:
    util::DiagnosticSink m_sink;
    std::map<std::string, std::size_t> m_rule_index;
    std::optional<std::array<std::uint32_t, k_kind_count>> m_open;  // "open_licenses", if given
};

// Parses "rubric/<id>-<version>.json" into its id and version.
std::optional<BundledRubric> bundled_from_path(std::string_view path) {
    constexpr std::string_view prefix = "rubric/";
    constexpr std::string_view suffix = ".json";
    if (path.substr(0, prefix.size()) != prefix || path.size() <= prefix.size() + suffix.size() ||
        path.substr(path.size() - suffix.size()) != suffix) {
        return std::nullopt;
    }
    std::string_view stem = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
    if (stem.find('/') != std::string_view::npos) {
        return std::nullopt;  // license tables and other data live in sub-folders
    }
    const std::size_t dash = stem.rfind('-');
    if (dash == std::string_view::npos || !valid_version(stem.substr(dash + 1))) {
        return std::nullopt;
    }
    return BundledRubric{std::string(stem.substr(0, dash)), std::string(stem.substr(dash + 1)),
                         std::string(path)};
}

bool looks_like_path(std::string_view spec) {
    return spec.find('/') != std::string_view::npos ||
           (spec.size() > 5 && spec.substr(spec.size() - 5) == ".json");
}

}  // namespace

std::string describe(const Condition& c) {
    switch (c.kind) {
    case Condition::Kind::all:
    case Condition::Kind::any: {
        std::string out = c.kind == Condition::Kind::all ? "all of (" : "any of (";
        for (std::size_t i = 0; i < c.children.size(); ++i) {
            out += (i == 0 ? "" : "; ") + describe(c.children[i]);
        }
        return out + ")";
    }
    case Condition::Kind::not_:
        return "not (" + describe(c.children.front()) + ")";
    case Condition::Kind::access: {
        std::string out = "access is ";
        bool first = true;
        for (manifest::Access a : {manifest::Access::none, manifest::Access::api,
                                   manifest::Access::gated, manifest::Access::download}) {
            if ((c.access & bit(a)) != 0) {
                out += (first ? "" : " or ") + std::string(manifest::access_name(a));
                first = false;
            }
        }
        return out;
    }
    case Condition::Kind::artifacts: {
        std::string out;
        for (std::size_t i = 0; i < c.artifacts.size(); ++i) {
            out += (i == 0 ? "" : ", ") + std::string(manifest::spec(c.artifacts[i]).key);
        }
        if (c.released == std::optional<bool>(false)) {
            return out + " not released";
        }
        out += " released";
        if (c.license_classes != 0) {
            out += " under ";
            bool first = true;
            for (license::LicenseClass l :
                 {license::LicenseClass::osi, license::LicenseClass::open_data,
                  license::LicenseClass::restricted, license::LicenseClass::proprietary,
                  license::LicenseClass::unknown}) {
                if ((c.license_classes & bit(l)) != 0) {
                    out += (first ? "" : " or ") + std::string(license::class_id(l));
                    first = false;
                }
            }
        }
        return out;
    }
    }
    return {};
}

namespace {

// Adds the kinds of the artifacts a condition checks to `kinds` (a bit per kind).
void collect_kinds(const Condition& c, std::uint32_t& kinds) {
    for (const Condition& child : c.children) {
        collect_kinds(child, kinds);
    }
    for (manifest::ArtifactId id : c.artifacts) {
        kinds |= 1U << static_cast<unsigned>(manifest::spec(id).kind);
    }
}

}  // namespace

std::array<double, k_kind_count + 1> points_by_kind(const Rubric& rubric) {
    std::array<double, k_kind_count + 1> points{};
    for (const Rule& rule : rubric.rules) {
        std::uint32_t kinds = 0;
        collect_kinds(rule.check, kinds);
        std::size_t group = k_kind_count;
        for (std::size_t k = 0; k < k_kind_count; ++k) {
            if (kinds == (1U << k)) {
                group = k;
            }
        }
        points[group] += rule.points;
    }
    return points;
}

std::optional<std::size_t> Rubric::find_tier(std::string_view tier_id) const {
    for (std::size_t i = 0; i < tiers.size(); ++i) {
        if (tiers[i].id == tier_id) {
            return i;
        }
    }
    return std::nullopt;
}

namespace {

// load_rubric, with the digest already known for a bundled rubric (computed at build time).
RubricLoadResult load_rubric_hashed(std::string_view text, const std::string& origin,
                                    const std::string_view* known_sha256) {
    RubricLoadResult result;
    util::JsonParseResult parsed = util::parse_json(text, origin);
    if (!parsed.value) {
        result.diagnostics.push_back(*parsed.error);
        return result;
    }
    for (Diagnostic& warning : parsed.warnings) {
        // A duplicate key in a rubric is ambiguous, so it is an error here.
        warning.severity = Severity::error;
        result.diagnostics.push_back(std::move(warning));
    }
    auto rubric = std::make_shared<Rubric>();
    rubric->origin = origin;
    std::string table_text;
    Loader loader(origin, result.diagnostics);
    loader.read(*parsed.value, *rubric, table_text);
    if (util::has_error(result.diagnostics)) {
        return result;
    }
    if (known_sha256 != nullptr) {
        rubric->sha256 = std::string(*known_sha256);
    } else {
        std::string hashed(text);
        hashed += table_text;
        rubric->sha256 = util::sha256_hex(hashed);
    }
    rubric->document = std::string(text);
    result.rubric = std::move(rubric);
    return result;
}

}  // namespace

RubricLoadResult load_rubric(std::string_view text, const std::string& origin) {
    return load_rubric_hashed(text, origin, nullptr);
}

std::vector<BundledRubric> bundled_rubrics() {
    std::vector<BundledRubric> out;
    for (const util::EmbeddedFile& file : util::embedded_files()) {
        if (std::optional<BundledRubric> b = bundled_from_path(file.path)) {
            out.push_back(std::move(*b));
        }
    }
    std::sort(out.begin(), out.end(), [](const BundledRubric& a, const BundledRubric& b) {
        if (a.id != b.id) {
            return a.id < b.id;
        }
        return version_parts(a.version) < version_parts(b.version);
    });
    return out;
}

RubricLoadResult resolve_rubric(std::string_view spec, const util::FileSystem& files) {
    if (!looks_like_path(spec)) {
        const std::size_t at = spec.find('@');
        const std::string_view id = spec.substr(0, at);
        const std::string_view version =
            at == std::string_view::npos ? std::string_view{} : spec.substr(at + 1);
        const BundledRubric* chosen = nullptr;
        const std::vector<BundledRubric> all = bundled_rubrics();
        for (const BundledRubric& b : all) {
            // "1" picks the latest 1.x; "1.0" the latest 1.0.x; an exact version picks itself.
            const bool version_matches =
                version.empty() || b.version == version ||
                (b.version.size() > version.size() && util::starts_with(b.version, version) &&
                 b.version[version.size()] == '.');
            if (b.id == id && version_matches) {
                chosen = &b;  // sorted ascending, so the last match is the latest
            }
        }
        if (chosen != nullptr) {
            const std::string_view* text = util::find_embedded(chosen->path);
            RubricLoadResult result =
                load_rubric_hashed(*text, chosen->path, util::bundled_rubric_sha256(chosen->path));
            if (result.rubric) {
                auto rubric = std::make_shared<Rubric>(*result.rubric);
                rubric->origin = "bundled";
                result.rubric = std::move(rubric);
            }
            return result;
        }
        util::ReadResult read = files.read(std::string(spec), k_max_rubric_bytes);
        if (!read.content) {
            std::string known;
            for (const BundledRubric& b : all) {
                known += (known.empty() ? "" : ", ") + b.id + "@" + b.version;
            }
            RubricLoadResult result;
            result.diagnostics.push_back(
                {Severity::error, "", {}, "",
                 "unknown rubric '" + std::string(spec) + "' (bundled: " + known +
                     "; or give a path to a rubric file)"});
            return result;
        }
        return load_rubric(*read.content, std::string(spec));
    }
    util::ReadResult read = files.read(std::string(spec), k_max_rubric_bytes);
    if (!read.content) {
        RubricLoadResult result;
        result.diagnostics.push_back({Severity::error, std::string(spec), {}, "", read.error});
        return result;
    }
    return load_rubric(*read.content, std::string(spec));
}

}  // namespace openness::rubric
