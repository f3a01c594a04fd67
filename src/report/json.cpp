#include "openness/report/report.hpp"

#include "openness/util/json_writer.hpp"
#include "reporters.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <utility>

namespace openness::report {

namespace {

using util::append_json_number;
using util::append_json_string;

constexpr auto key = append_json_key;
constexpr auto member = append_json_member;

void append_diagnostics(std::string& out, const std::vector<util::Diagnostic>& diagnostics,
                        util::Severity severity) {
    out += '[';
    bool first = true;
    for (const util::Diagnostic& d : diagnostics) {
        if (d.severity != severity) {
            continue;
        }
        out += first ? "" : ",";
        first = false;
        out += '{';
        member(out, "message", util::render(d));
        out += ',';
        key(out, "line");
        append_json_number(out, static_cast<double>(d.location.line));
        out += ',';
        key(out, "column");
        append_json_number(out, static_cast<double>(d.location.column));
        out += ',';
        member(out, "path", d.path);
        out += '}';
    }
    out += ']';
}

const char* released_json(manifest::Availability availability) {
    constexpr const char* k_released[] = {"false", "true", "null"};  // Availability's order
    return k_released[static_cast<std::size_t>(availability)];
}

// The number of engine::Failure values.
constexpr std::size_t k_failures = 4;

// Progress texts are precomputed for tiers that need at most this many rules (the bundled
// rubrics' tiers need fewer than 40): 2,145 texts at most, whatever a rubric file says.
constexpr std::size_t k_precomputed_needed = 64;

// The parts of a verdict's JSON that depend only on the rubric (its id and hash, tier names,
// rule ids, sentences and points): escaped once per rubric instead of once per manifest, which
// is most of the bytes of a result.
struct RubricJson {
    std::shared_ptr<const rubric::Rubric> rubric;
    std::string rubric_member;             // "rubric":{...},
    std::vector<std::string> tier_members;  // per tier: "tier":..,"tier_label":..,"tier_rank":N,"score":
    std::vector<std::string> next_tier;     // per target tier: "next_tier":{..,"missing":[
    // Per rule, for a failed [0] and a passed [1] rule:
    //   {"id":..,"description":..,"passed":false,"points":N,"reason":
    std::array<std::vector<std::string>, 2> rule_heads;
    // Per rule, a failed rule without its description (--detail failed):
    //   {"id":..,"points":N,"reason":
    std::vector<std::string> compact_rule_heads;
    // Per rule, its id as a JSON string (--detail none lists the missing rules by id).
    std::vector<std::string> rule_ids;
    // Per artifact and state (released: false, true, null; listed: false, true):
    //   {"id":..,"released":..,"listed":..,"license":
    std::array<std::array<std::string, 6>, manifest::k_artifact_count> artifact_heads;
    // Per inherited (false, true) and license class:
    //   ,"license_inherited":..,"license_class":..,"license_explanation":
    std::array<std::array<std::string, 5>, 2> license_middles;
    // What follows a rule's reason, by rule_tail(): ,"failure":..,"applies":false}
    std::array<std::string, 2 * k_failures * 2> rule_tails;
    // Per tier, its key in "progress": "id": (with a comma before all but the first).
    std::vector<std::string> progress_keys;
    // Every progress the engine can give (100 * held / needed for the needed counts the tiers
    // allow), sorted, with its text: to_chars with two decimals costs more than the rest of a
    // progress object.
    std::vector<std::pair<double, std::string>> progress_texts;

    explicit RubricJson(std::shared_ptr<const rubric::Rubric> r) : rubric(std::move(r)) {
        const rubric::Rubric& rb = *rubric;
        key(rubric_member, "rubric");
        append_rubric_json(rubric_member, rb);
        rubric_member += ',';
        for (std::size_t t = 0; t < rb.tiers.size(); ++t) {
            const auto id_and_label = [&rb, t](std::string& out, const char* id_key,
                                               const char* label_key) {
                member(out, id_key, rb.tiers[t].id);
                out += ',';
                member(out, label_key, rb.tiers[t].label);
                out += ',';
            };
            std::string tier;
            id_and_label(tier, "tier", "tier_label");
            key(tier, "tier_rank");
            append_json_number(tier, static_cast<double>(t));
            tier += ',';
            key(tier, "score");
            tier_members.push_back(std::move(tier));
            // The tier as a verdict's target: "to reach" it.
            std::string next;
            key(next, "next_tier");
            next += '{';
            id_and_label(next, "id", "label");
            key(next, "missing");
            next += '[';
            next_tier.push_back(std::move(next));
        }
        for (const rubric::Rule& rule : rb.rules) {
            std::string id;
            append_json_string(id, rule.id);
            std::string compact = "{";
            key(compact, "id");
            compact += id;
            compact += ',';
            key(compact, "points");
            append_json_number(compact, rule.points);
            compact += ',';
            key(compact, "reason");
            compact_rule_heads.push_back(std::move(compact));
            rule_ids.push_back(std::move(id));
            for (const bool passed : {false, true}) {
                std::string head = "{";
                member(head, "id", rule.id);
                head += ',';
                member(head, "description", rule.description);
                head += ',';
                key(head, "passed");
                head += passed ? "true" : "false";
                head += ',';
                key(head, "points");
                append_json_number(head, rule.points);
                head += ',';
                key(head, "reason");
                rule_heads[passed ? 1 : 0].push_back(std::move(head));
            }
        }
        for (const manifest::ArtifactSpec& s : manifest::artifact_specs()) {
            for (const manifest::Availability availability :
                 {manifest::Availability::not_released, manifest::Availability::released,
                  manifest::Availability::unknown}) {
                for (const bool listed : {false, true}) {
                    std::string& head = artifact_heads[static_cast<std::size_t>(s.id)]
                                                      [artifact_state(availability, listed)];
                    head = "{";
                    member(head, "id", s.key);
                    head += ',';
                    key(head, "released");
                    head += released_json(availability);
                    head += ',';
                    key(head, "listed");
                    head += listed ? "true" : "false";
                    head += ',';
                    key(head, "license");
                }
            }
        }
        for (const bool inherited : {false, true}) {
            for (std::size_t c = 0; c < 5; ++c) {
                std::string& middle = license_middles[inherited ? 1 : 0][c];
                middle = ",";
                key(middle, "license_inherited");
                middle += inherited ? "true" : "false";
                middle += ',';
                member(middle, "license_class",
                       license::class_id(static_cast<license::LicenseClass>(c)));
                middle += ',';
                key(middle, "license_explanation");
            }
        }
        for (std::size_t id = 0; id < manifest::k_artifact_count; ++id) {
            for (std::size_t state = 0; state < 6; ++state) {
                std::string& object = unlicensed[id][state];
                object = artifact_heads[id][state];
                object += "null";
                object += license_middles[0][static_cast<std::size_t>(license::LicenseClass::unknown)];
                append_json_string(object, engine::k_no_license_explanation);
                object += ",\"open\":false,\"from\":null}";
            }
        }
        for (const bool passed : {false, true}) {
            for (std::size_t f = 0; f < k_failures; ++f) {
                for (const bool applies : {false, true}) {
                    const auto failure = static_cast<engine::Failure>(f);
                    std::string& tail = rule_tails[rule_tail(passed, failure, applies)];
                    if (!passed) {
                        tail += ',';
                        member(tail, "failure", engine::failure_name(failure));
                    }
                    if (!applies) {
                        tail += ',';
                        key(tail, "applies");
                        tail += "false";
                    }
                    tail += '}';
                }
            }
        }
        std::size_t most_needed = 0;
        for (std::size_t t = 0; t < rb.tiers.size(); ++t) {
            std::string progress_key = t == 0 ? "" : ",";
            append_json_string(progress_key, rb.tiers[t].id);
            progress_key += ':';
            progress_keys.push_back(std::move(progress_key));
            most_needed = std::max(most_needed, rb.tiers[t].requires_rules.size());
        }
        // Every progress the engine's formula gives for these counts (0 for cumulative tiers
        // below an incomplete one), up to k_precomputed_needed rules: the table grows with the
        // square of the count, so a rubric file with one tier of 10,000 rules would make 50
        // million entries (2.5 GB, issue 14). Any other value is written the slow way.
        most_needed = std::min(most_needed, k_precomputed_needed);
        progress_texts.emplace_back(0.0, std::string());
        for (std::size_t needed = 0; needed <= most_needed; ++needed) {
            for (std::size_t held = 0; held <= needed; ++held) {
                progress_texts.emplace_back(engine::tier_progress(held, needed), std::string());
            }
        }
        std::sort(progress_texts.begin(), progress_texts.end());
        progress_texts.erase(std::unique(progress_texts.begin(), progress_texts.end()),
                             progress_texts.end());
        for (std::pair<double, std::string>& entry : progress_texts) {
            util::append_json_decimal(entry.second, entry.first, 2);
        }
    }

    // Per artifact and state, the whole object of an artifact with no license, as a manifest
    // (not an importer) states it: most artifacts of most releases.
    std::array<std::array<std::string, 6>, manifest::k_artifact_count> unlicensed;

    // Index into rule_tails.
    static std::size_t rule_tail(bool passed, engine::Failure failure, bool applies) {
        return ((passed ? 1U : 0U) * k_failures + static_cast<std::size_t>(failure)) * 2 +
               (applies ? 1U : 0U);
    }

    // Appends a tier's progress, as append_json_decimal(out, progress, 2) would.
    void append_progress(std::string& out, double progress) const {
        const auto it = std::lower_bound(
            progress_texts.begin(), progress_texts.end(), progress,
            [](const std::pair<double, std::string>& entry, double value) {
                return entry.first < value;
            });
        if (it != progress_texts.end() && it->first == progress) {
            out += it->second;
        } else {
            util::append_json_decimal(out, progress, 2);
        }
    }

    // Index into an artifact's heads.
    static std::size_t artifact_state(manifest::Availability availability, bool listed) {
        return static_cast<std::size_t>(availability) * 2 + (listed ? 1 : 0);
    }
};

void append_artifacts(std::string& out, const RubricJson& fragments, const engine::Verdict& v) {
    out += '[';
    for (std::size_t i = 0; i < v.artifacts.size(); ++i) {
        const engine::ArtifactVerdict& a = v.artifacts[i];
        if (i != 0) {
            out += ',';
        }
        const std::size_t state = RubricJson::artifact_state(a.availability, a.listed);
        if (!a.license && !a.inherited && a.provenance.empty() &&
            a.classification->license_class == license::LicenseClass::unknown &&
            a.classification->explanation == engine::k_no_license_explanation) {
            out += fragments.unlicensed[static_cast<std::size_t>(a.id)][state];
            continue;
        }
        out += fragments.artifact_heads[static_cast<std::size_t>(a.id)][state];
        if (a.license) {
            append_json_string(out, *a.license);
        } else {
            out.append("null", 4);
        }
        out += fragments.license_middles[a.inherited ? 1 : 0]
                                        [static_cast<std::size_t>(a.classification->license_class)];
        append_json_string(out, a.classification->explanation);
        // Tables with resolver rules (2.0): how a loose spelling was read, or why it was not.
        if (!a.classification->read_as.empty()) {
            out += ",\"license_read_as\":";
            append_json_string(out, a.classification->canonical);
        }
        if (!a.classification->detail.empty()) {
            out += ",\"license_detail\":";
            append_json_string(out, a.classification->detail);
        }
        if (!a.classification->suggestions.empty()) {
            out += ",\"license_suggestions\":";
            append_json_array(out, a.classification->suggestions, append_json_string);
        }
        // The engine's decision: released under a class the rubric counts as open for it.
        out += a.open ? ",\"open\":true" : ",\"open\":false";
        if (a.provenance.empty()) {
            out += ",\"from\":null}";  // a native manifest: the facts are the manifest's own
        } else {
            out += ",\"from\":";
            append_json_string(out, a.provenance);
            out += '}';
        }
    }
    out += ']';
}

void append_rule(std::string& out, const RubricJson& fragments, const engine::Verdict& v,
                 std::size_t index) {
    const engine::RuleResult& result = v.rules[index];
    out += fragments.rule_heads[result.passed ? 1 : 0][index];
    append_json_string(out, v.reason(result));
    out += fragments.rule_tails[RubricJson::rule_tail(result.passed, result.failure, result.applies)];
}

// A failed rule as --detail failed writes it: no description, no "passed".
void append_compact_rule(std::string& out, const RubricJson& fragments, const engine::Verdict& v,
                         std::size_t index) {
    const engine::RuleResult& result = v.rules[index];
    out += fragments.compact_rule_heads[index];
    append_json_string(out, v.reason(result));
    out += fragments.rule_tails[RubricJson::rule_tail(false, result.failure, result.applies)];
}

void append_verdict(std::string& out, const RubricJson& fragments, const engine::Verdict& v,
                    Detail detail) {
    out += "{\"path\":";
    append_json_string(out, v.source);
    out += ",\"valid\":true,\"format\":";
    append_json_string(out, v.format);
    out += ",\"model\":{\"name\":";
    append_json_string(out, v.model.name);
    out += ",\"version\":";
    append_json_string(out, v.model.version);
    out += ",\"organization\":";
    append_json_string(out, v.model.organization);
    out += "},\"access\":";
    if (v.access) {
        append_json_string(out, manifest::access_name(*v.access));
    } else {
        out += "null";
    }
    out += ',';
    out += fragments.rubric_member;
    out += fragments.tier_members[v.tier];
    append_json_number(out, v.score);
    out += ',';
    key(out, "progress");
    out += '{';
    for (std::size_t t = 0; t < v.progress.size(); ++t) {
        out += fragments.progress_keys[t];
        fragments.append_progress(out, v.progress[t]);
    }
    out += "},";
    if (!v.target) {
        out += "\"next_tier\":null";
    } else {
        out += fragments.next_tier[*v.target];
        for (std::size_t i = 0; i < v.missing.size(); ++i) {
            if (i != 0) {
                out += ',';
            }
            if (detail == Detail::full) {
                append_rule(out, fragments, v, v.missing[i]);
            } else {
                out += fragments.rule_ids[v.missing[i]];  // the reasons are in "rules"
            }
        }
        out += "]}";
    }
    if (detail == Detail::full) {
        out += ",\"artifacts\":";
        append_artifacts(out, fragments, v);
        out += ",\"rules\":[";
        for (std::size_t i = 0; i < v.rules.size(); ++i) {
            if (i != 0) {
                out += ',';
            }
            append_rule(out, fragments, v, i);
        }
        out += ']';
    } else if (detail == Detail::failed) {
        out += ",\"rules\":[";
        bool first = true;
        for (std::size_t i = 0; i < v.rules.size(); ++i) {
            if (!v.rules[i].passed) {
                out += first ? "" : ",";
                first = false;
                append_compact_rule(out, fragments, v, i);
            }
        }
        out += ']';
    }
    out += ",\"warnings\":";
    append_json_array(out, v.warnings, append_json_string);
    out += '}';
}

void append_rule_ids(std::string& out, const rubric::Rubric& rubric,
                     const std::vector<std::size_t>& rules) {
    append_json_array(out, rules, [&rubric](std::string& o, std::size_t r) {
        append_json_string(o, rubric.rules[r].id);
    });
}

// All a verdict lacks for a gate's tier: {"rubric", "minimum", "tier", "tier_label", "rules",
// "by_artifact": [{"kind", "artifacts", "rules", "text"}], "terms_only"}.
void append_shortfall(std::string& out, const engine::Shortfall& s) {
    const rubric::Rubric& rubric = *s.rubric;
    out += '{';
    member(out, "rubric", rubric.ref());
    out += ',';
    member(out, "minimum", rubric.tiers[s.minimum].id);
    out += ',';
    member(out, "tier", rubric.tiers[s.tier].id);
    out += ',';
    member(out, "tier_label", rubric.tiers[s.tier].label);
    out += ',';
    key(out, "rules");
    append_rule_ids(out, rubric, s.rules);
    out += ',';
    key(out, "by_artifact");
    append_json_array(out, s.needs, [&rubric](std::string& o, const engine::Need& need) {
        o += '{';
        member(o, "kind", engine::need_kind_name(need.kind));
        o += ',';
        key(o, "artifacts");
        append_json_array(o, need.artifacts, [](std::string& a, manifest::ArtifactId id) {
            append_json_string(a, manifest::spec(id).key);
        });
        o += ',';
        key(o, "rules");
        append_rule_ids(o, rubric, need.rules);
        o += ',';
        member(o, "text", need.text);
        o += '}';
    });
    out += ',';
    key(out, "terms_only");
    out += s.terms_only ? "true}" : "false}";
}

void append_outcome(std::string& out, const RubricJson* fragments, const Outcome& outcome,
                    Detail detail) {
    if (outcome.verdict) {
        append_verdict(out, *fragments, *outcome.verdict, detail);
        out.pop_back();  // reopen the object to add the input diagnostics and the gate
        if (!outcome.more_verdicts.empty()) {
            // Several rubrics: the top level is the first one's verdict, and "verdicts" holds
            // every rubric's, in --rubric order.
            out += ',';
            key(out, "verdicts");
            out += '[';
            append_verdict_json(out, *outcome.verdict, detail);
            for (const engine::Verdict& more : outcome.more_verdicts) {
                out += ',';
                append_verdict_json(out, more, detail);
            }
            out += ']';
        }
    } else {
        out += '{';
        member(out, "path", outcome.source);
        out += ',';
        key(out, "valid");
        out += "false,";
        key(out, "errors");
        append_diagnostics(out, outcome.diagnostics, util::Severity::error);
    }
    if (outcome.verdict && first_error(outcome) != nullptr) {
        // Errors on a scored input are contradictions with its release (verify,
        // --verify-against), each at the manifest line that made the claim.
        out += ',';
        key(out, "contradictions");
        append_diagnostics(out, outcome.diagnostics, util::Severity::error);
    }
    out += ',';
    key(out, "input_warnings");
    append_diagnostics(out, outcome.diagnostics, util::Severity::warning);
    out += ',';
    key(out, "gate");
    if (outcome.gate_failed) {
        out += '{';
        key(out, "passed");
        out += "false,";
        member(out, "reason", outcome.gate_reason);
        if (!outcome.gate_shortfalls.empty()) {
            out += ',';
            key(out, "missing");
            append_json_array(out, outcome.gate_shortfalls, append_shortfall);
        }
        out += '}';
    } else {
        out += "{\"passed\":true}";
    }
    out += '}';
}

// The fragments of the rubrics the verdicts use. render() runs on several threads; a batch uses
// one rubric, so after the first verdict a lookup is one atomic load of a pointer that never
// changes, with no lock and no reference count to bounce between cores.
class FragmentCache {
public:
    const RubricJson& get(const std::shared_ptr<const rubric::Rubric>& r) const {
        const RubricJson* current = m_current.load(std::memory_order_acquire);
        if (current != nullptr && current->rubric == r) {
            return *current;
        }
        std::lock_guard<std::mutex> lock(m_mutex);
        for (const std::unique_ptr<const RubricJson>& fragments : m_all) {
            if (fragments->rubric == r) {
                m_current.store(fragments.get(), std::memory_order_release);
                return *fragments;
            }
        }
        m_all.push_back(std::make_unique<const RubricJson>(r));
        m_current.store(m_all.back().get(), std::memory_order_release);
        return *m_all.back();
    }

    // The outcome's JSON object, using the cached fragments of its rubric.
    void append(std::string& out, const Outcome& outcome, Detail detail) const {
        append_outcome(out, outcome.verdict ? &get(outcome.verdict->rubric) : nullptr, outcome,
                       detail);
    }

private:
    mutable std::mutex m_mutex;
    mutable std::vector<std::unique_ptr<const RubricJson>> m_all;  // kept: m_current points in
    mutable std::atomic<const RubricJson*> m_current{nullptr};
};

}  // namespace

std::optional<Detail> parse_detail(std::string_view text) {
    static constexpr std::pair<std::string_view, Detail> k_details[] = {
        {"full", Detail::full}, {"failed", Detail::failed}, {"none", Detail::none}};
    for (const auto& [name, detail] : k_details) {
        if (text == name) {
            return detail;
        }
    }
    return std::nullopt;
}

void append_verdict_json(std::string& out, const engine::Verdict& v, Detail detail) {
    append_verdict(out, RubricJson(v.rubric), v, detail);
}

void append_outcome_json(std::string& out, const Outcome& outcome, Detail detail) {
    FragmentCache().append(out, outcome, detail);
}

namespace {

// {"tier":count,...}, in the order given.
void append_counts(std::string& out,
                   const std::vector<std::pair<std::string, std::size_t>>& counts) {
    out += '{';
    for (const auto& [tier, count] : counts) {
        out += out.back() == '{' ? "" : ",";
        append_json_string(out, tier);
        out += ':';
        append_json_number(out, static_cast<double>(count));
    }
    out += '}';
}

// JSON Lines (`lines`): one object per line, as each arrives. JSON: one document, the objects in
// "results", then a "summary".
class JsonReporter final : public Reporter {
public:
    JsonReporter(std::ostream& out, bool lines, Detail detail)
        : m_out(out), m_lines(lines), m_detail(detail) {}

    void begin() override {
        if (!m_lines) {
            m_out << "{\"results\":[";
        }
    }

    std::string render(const Outcome& outcome) const override {
        std::string out;
        out.reserve(16384);
        m_fragments.append(out, outcome, m_detail);
        if (m_lines) {
            out += '\n';
        }
        return out;
    }

    void write(const Outcome&, const std::string& rendered) override {
        if (!m_lines) {
            m_out << (m_count++ != 0 ? ",\n" : "\n");
        }
        m_out << rendered;
    }

    void end(const Summary& summary) override {
        if (m_lines) {
            m_out.flush();
            return;
        }
        std::string out = m_count == 0 ? "],\n" : "\n],\n";
        key(out, "summary");
        out += '{';
        key(out, "total");
        append_json_number(out, static_cast<double>(summary.total));
        out += ',';
        if (!summary.interrupted.empty()) {
            member(out, "interrupted", summary.interrupted);
            out += ',';
        }
        key(out, "tiers");
        append_counts(out, summary.tier_counts());
        out += ',';
        if (!summary.more_rubrics.empty()) {
            key(out, "frameworks");
            out += '{';
            for (const Summary::RubricCounts& counts : summary.more_rubrics) {
                out += out.back() == '{' ? "" : ",";
                append_json_string(out, counts.rubric);
                out += ':';
                std::vector<std::pair<std::string, std::size_t>> tiers;
                for (const std::string& tier : counts.tier_order) {
                    const auto it = counts.per_tier.find(tier);
                    tiers.emplace_back(tier, it == counts.per_tier.end() ? 0 : it->second);
                }
                append_counts(out, tiers);
            }
            out += "},";
        }
        key(out, "invalid");
        append_json_array(out, summary.invalid, append_json_string);
        out += ',';
        if (summary.invalid_count > summary.invalid.size()) {
            key(out, "invalid_not_listed");
            append_json_number(out, static_cast<double>(summary.invalid_count -
                                                        summary.invalid.size()));
            out += ',';
        }
        key(out, "gate");
        out += '{';
        key(out, "set");
        out += summary.gate_set ? "true," : "false,";
        key(out, "passed");
        out += summary.gate_passed() ? "true," : "false,";
        key(out, "failures");
        append_json_array(out, summary.gate_failures, append_json_string);
        if (summary.gate_failure_count > summary.gate_failures.size()) {
            out += ',';
            key(out, "failures_not_listed");
            append_json_number(out, static_cast<double>(summary.gate_failure_count -
                                                        summary.gate_failures.size()));
        }
        out += "}}}\n";
        m_out << out;
        m_out.flush();
    }

    // full: every rule's reason; failed: the failed rules'; none: no reason.
    engine::Reasons reasons() const override {
        switch (m_detail) {
        case Detail::full:
            return engine::Reasons::all;
        case Detail::failed:
            return engine::Reasons::failed;
        case Detail::none:
            break;
        }
        return engine::Reasons::none;
    }

private:
    std::ostream& m_out;
    bool m_lines;
    std::size_t m_count = 0;
    FragmentCache m_fragments;
    Detail m_detail;
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter(std::ostream& out, bool lines, Detail detail) {
    return std::make_unique<JsonReporter>(out, lines, detail);
}

}  // namespace openness::report
