#include "openness/report/report.hpp"

#include "openness/util/json_writer.hpp"
#include "reporters.hpp"

namespace openness::report {

namespace {

using util::append_json_number;
using util::append_json_string;

void key(std::string& out, const char* name) {
    append_json_string(out, name);
    out += ':';
}

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
        key(out, "message");
        append_json_string(out, util::render(d));
        out += ',';
        key(out, "line");
        append_json_number(out, static_cast<double>(d.location.line));
        out += ',';
        key(out, "column");
        append_json_number(out, static_cast<double>(d.location.column));
        out += ',';
        key(out, "path");
        append_json_string(out, d.path);
        out += '}';
    }
    out += ']';
}

const char* released_json(manifest::Availability availability) {
    switch (availability) {
    case manifest::Availability::released:
        return "true";
    case manifest::Availability::not_released:
        return "false";
    case manifest::Availability::unknown:
        return "null";
    }
    return "null";
}

void append_artifacts(std::string& out, const engine::Verdict& v) {
    out += '[';
    for (std::size_t i = 0; i < v.artifacts.size(); ++i) {
        const engine::ArtifactVerdict& a = v.artifacts[i];
        out += i == 0 ? "{" : ",{";
        key(out, "id");
        append_json_string(out, manifest::spec(a.id).key);
        out += ',';
        key(out, "released");
        out += released_json(a.availability);
        out += ',';
        key(out, "listed");
        out += a.listed ? "true" : "false";
        out += ',';
        key(out, "license");
        if (a.license) {
            append_json_string(out, *a.license);
        } else {
            out += "null";
        }
        out += ',';
        key(out, "license_inherited");
        out += a.inherited ? "true" : "false";
        out += ',';
        key(out, "license_class");
        append_json_string(out, license::class_id(a.classification.license_class));
        out += ',';
        key(out, "license_explanation");
        append_json_string(out, a.classification.explanation);
        out += '}';
    }
    out += ']';
}

void append_rule(std::string& out, const engine::Verdict& v, std::size_t index) {
    const rubric::Rule& rule = v.rubric->rules[index];
    const engine::RuleResult& result = v.rules[index];
    out += '{';
    key(out, "id");
    append_json_string(out, rule.id);
    out += ',';
    key(out, "description");
    append_json_string(out, rule.description);
    out += ',';
    key(out, "passed");
    out += result.passed ? "true" : "false";
    out += ',';
    key(out, "points");
    append_json_number(out, rule.points);
    out += ',';
    key(out, "reason");
    append_json_string(out, result.reason);
    if (!result.passed) {
        out += ',';
        key(out, "failure");
        append_json_string(out, engine::failure_name(result.failure));
    }
    if (!result.applies) {
        out += ",\"applies\":false";
    }
    out += '}';
}

}  // namespace

void append_verdict_json(std::string& out, const engine::Verdict& v) {
    const rubric::Rubric& r = *v.rubric;
    out += '{';
    key(out, "path");
    append_json_string(out, v.source);
    out += ',';
    key(out, "valid");
    out += "true,";
    key(out, "format");
    append_json_string(out, v.format);
    out += ',';
    key(out, "model");
    out += '{';
    key(out, "name");
    append_json_string(out, v.model.name);
    out += ',';
    key(out, "version");
    append_json_string(out, v.model.version);
    out += ',';
    key(out, "organization");
    append_json_string(out, v.model.organization);
    out += "},";
    key(out, "access");
    if (v.access) {
        append_json_string(out, manifest::access_name(*v.access));
    } else {
        out += "null";
    }
    out += ',';
    key(out, "rubric");
    out += '{';
    key(out, "id");
    append_json_string(out, r.id);
    out += ',';
    key(out, "version");
    append_json_string(out, r.version);
    out += ',';
    key(out, "sha256");
    append_json_string(out, r.sha256);
    out += "},";
    key(out, "tier");
    append_json_string(out, v.tier_info().id);
    out += ',';
    key(out, "tier_label");
    append_json_string(out, v.tier_info().label);
    out += ',';
    key(out, "tier_rank");
    append_json_number(out, static_cast<double>(v.tier));
    out += ',';
    key(out, "score");
    append_json_number(out, v.score);
    out += ',';
    key(out, "progress");
    out += '{';
    for (std::size_t t = 0; t < v.progress.size(); ++t) {
        out += t == 0 ? "" : ",";
        append_json_string(out, r.tiers[t].id);
        out += ':';
        util::append_json_decimal(out, v.progress[t], 2);
    }
    out += "},";
    key(out, "next_tier");
    if (const rubric::Tier* next = v.next_tier()) {
        out += '{';
        key(out, "id");
        append_json_string(out, next->id);
        out += ',';
        key(out, "label");
        append_json_string(out, next->label);
        out += ',';
        key(out, "missing");
        out += '[';
        for (std::size_t i = 0; i < v.missing.size(); ++i) {
            out += i == 0 ? "" : ",";
            append_rule(out, v, v.missing[i]);
        }
        out += "]}";
    } else {
        out += "null";
    }
    out += ',';
    key(out, "artifacts");
    append_artifacts(out, v);
    out += ',';
    key(out, "rules");
    out += '[';
    for (std::size_t i = 0; i < v.rules.size(); ++i) {
        out += i == 0 ? "" : ",";
        append_rule(out, v, i);
    }
    out += "],";
    key(out, "warnings");
    out += '[';
    for (std::size_t i = 0; i < v.warnings.size(); ++i) {
        out += i == 0 ? "" : ",";
        append_json_string(out, v.warnings[i]);
    }
    out += "]}";
}

void append_outcome_json(std::string& out, const Outcome& outcome) {
    if (outcome.verdict) {
        append_verdict_json(out, *outcome.verdict);
        out.pop_back();  // reopen the object to add the input diagnostics and the gate
        if (!outcome.more_verdicts.empty()) {
            // Several rubrics: the top level is the first one's verdict, and "verdicts" holds
            // every rubric's, in --rubric order.
            out += ',';
            key(out, "verdicts");
            out += '[';
            append_verdict_json(out, *outcome.verdict);
            for (const engine::Verdict& more : outcome.more_verdicts) {
                out += ',';
                append_verdict_json(out, more);
            }
            out += ']';
        }
    } else {
        out += '{';
        key(out, "path");
        append_json_string(out, outcome.source);
        out += ',';
        key(out, "valid");
        out += "false,";
        key(out, "errors");
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
        key(out, "reason");
        append_json_string(out, outcome.gate_reason);
        out += '}';
    } else {
        out += "{\"passed\":true}";
    }
    out += '}';
}

namespace {

class JsonLinesReporter final : public Reporter {
public:
    explicit JsonLinesReporter(std::ostream& out) : m_out(out) {}

    std::string render(const Outcome& outcome) const override {
        std::string out;
        out.reserve(8192);
        append_outcome_json(out, outcome);
        out += '\n';
        return out;
    }

    void write(const Outcome&, const std::string& rendered) override { m_out << rendered; }

    void end(const Summary&) override { m_out.flush(); }

private:
    std::ostream& m_out;
};

class JsonReporter final : public Reporter {
public:
    explicit JsonReporter(std::ostream& out) : m_out(out) {}

    void begin() override { m_out << "{\"results\":["; }

    std::string render(const Outcome& outcome) const override {
        std::string out;
        out.reserve(8192);
        append_outcome_json(out, outcome);
        return out;
    }

    void write(const Outcome&, const std::string& rendered) override {
        m_out << (m_count++ != 0 ? ",\n" : "\n") << rendered;
    }

    void end(const Summary& summary) override {
        std::string out = m_count == 0 ? "],\n" : "\n],\n";
        key(out, "summary");
        out += '{';
        key(out, "total");
        append_json_number(out, static_cast<double>(summary.total));
        out += ',';
        if (!summary.interrupted.empty()) {
            key(out, "interrupted");
            append_json_string(out, summary.interrupted);
            out += ',';
        }
        key(out, "tiers");
        out += '{';
        bool first = true;
        for (const auto& [tier, count] : summary.tier_counts()) {
            out += first ? "" : ",";
            first = false;
            append_json_string(out, tier);
            out += ':';
            append_json_number(out, static_cast<double>(count));
        }
        out += "},";
        if (!summary.more_rubrics.empty()) {
            key(out, "frameworks");
            out += '{';
            for (std::size_t i = 0; i < summary.more_rubrics.size(); ++i) {
                const Summary::RubricCounts& counts = summary.more_rubrics[i];
                out += i == 0 ? "" : ",";
                append_json_string(out, counts.rubric);
                out += ":{";
                for (std::size_t t = 0; t < counts.tier_order.size(); ++t) {
                    out += t == 0 ? "" : ",";
                    append_json_string(out, counts.tier_order[t]);
                    out += ':';
                    auto it = counts.per_tier.find(counts.tier_order[t]);
                    append_json_number(out, static_cast<double>(it == counts.per_tier.end() ? 0 : it->second));
                }
                out += '}';
            }
            out += "},";
        }
        key(out, "invalid");
        out += '[';
        for (std::size_t i = 0; i < summary.invalid.size(); ++i) {
            out += i == 0 ? "" : ",";
            append_json_string(out, summary.invalid[i]);
        }
        out += "],";
        key(out, "gate");
        out += '{';
        key(out, "set");
        out += summary.gate_set ? "true," : "false,";
        key(out, "passed");
        out += summary.gate_passed() ? "true," : "false,";
        key(out, "failures");
        out += '[';
        for (std::size_t i = 0; i < summary.gate_failures.size(); ++i) {
            out += i == 0 ? "" : ",";
            append_json_string(out, summary.gate_failures[i]);
        }
        out += "]}}}\n";
        m_out << out;
        m_out.flush();
    }

private:
    std::ostream& m_out;
    std::size_t m_count = 0;
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter(std::ostream& out, bool lines) {
    if (lines) {
        return std::make_unique<JsonLinesReporter>(out);
    }
    return std::make_unique<JsonReporter>(out);
}

}  // namespace openness::report
