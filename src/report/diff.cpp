#include "openness/report/diff.hpp"

#include "openness/report/neutralise.hpp"

#include "reporters.hpp"

#include "openness/util/json_document.hpp"

#include <fmt/format.h>

namespace openness::report {

namespace {

using engine::ArtifactState;
using engine::Diff;
using engine::Verdict;
using manifest::Availability;

// Untrusted text (from the manifests and the rubric) for the text format.
std::string t(std::string_view text) {
    return terminal_text(text);
}

std::string model_text(const Verdict& v) {
    std::string out = v.model.name;
    if (!v.model.version.empty()) {
        out += " " + v.model.version;
    }
    if (!v.model.organization.empty()) {
        out += " (" + v.model.organization + ")";
    }
    return out;
}

std::string tier_text(const Verdict& v) {
    return v.tier_info().id + " (" + v.tier_info().label + ")";
}

std::string signed_score_text(double change) {
    return fmt::format("{:+.1f}", change);
}

std::string passed_text(bool passed) {
    return passed ? "passed" : "failed";
}

// `text` in an ANSI colour when `color` (green for better, red for worse), else as it is.
std::string paint(bool color, bool good, const std::string& text) {
    return color ? std::string(good ? "\x1b[32m" : "\x1b[31m") + text + "\x1b[0m" : text;
}

// "improved: higher tier, same score".
std::string result_text(const Diff& diff) {
    const int tier = diff.tier_change();
    const double score = diff.score_change();
    std::string out = diff.regressed() ? "regressed" : diff.improved() ? "improved" : "unchanged";
    out += tier > 0 ? ": higher tier" : tier < 0 ? ": lower tier" : ": same tier";
    out += score > 0 ? ", higher score" : score < 0 ? ", lower score" : ", same score";
    if (diff.less_specific()) {
        out += ", a license less specific";
    }
    return out;
}

// "released under Apache-2.0 (inherited, osi)", "not released", ...
std::string state_text(const ArtifactState& s) {
    switch (s.availability) {
    case Availability::not_released:
        return "not released";
    case Availability::unknown:
        return "not stated by the source";
    case Availability::released:
        break;
    }
    const std::string class_name = license::class_id(s.license_class);
    if (!s.license) {
        return "released, no license stated (" + class_name + ")";
    }
    return "released under " + *s.license + " (" + (s.inherited ? "inherited, " : "") +
           class_name + ")";
}

// state_text(after), and why the change is a regression when the license became less specific.
std::string after_text(const engine::ArtifactChange& change) {
    std::string out = state_text(change.after);
    if (change.less_specific) {
        out += " [less specific: " + change.less_specific_why + "]";
    }
    return out;
}

std::string label(manifest::ArtifactId id) {
    return std::string(manifest::spec(id).label);
}

std::string render_text(const Diff& diff, bool color) {
    const Verdict& a = diff.before;
    const Verdict& b = diff.after;
    std::string out = t(a.source) + " -> " + t(b.source) + "\n";
    const std::string model_a = t(model_text(a));
    const std::string model_b = t(model_text(b));
    out += "  model    " + (model_a == model_b ? model_a : model_a + " -> " + model_b) + "\n";
    out += "  rubric   " + t(a.rubric->ref()) + "\n";
    out += "  tier     " +
           (a.tier == b.tier ? t(tier_text(a)) + ", unchanged"
                             : t(tier_text(a)) + " -> " + t(tier_text(b))) +
           "\n";
    out += "  score    " +
           (a.score == b.score ? format_score(a.score) + ", unchanged"
                               : format_score(a.score) + " -> " + format_score(b.score) + " (" +
                                     signed_score_text(diff.score_change()) + ")") +
           "\n";
    const std::string result = result_text(diff);
    out += "  result   " +
           (diff.regressed() || diff.improved()
                ? paint(color, diff.improved(), result.substr(0, result.find(':'))) +
                      result.substr(result.find(':'))
                : result) +
           "\n";
    if (diff.rules.empty()) {
        out += "  rules that flipped: none\n";
    } else {
        out += fmt::format("  rules that flipped ({})\n", diff.rules.size());
        for (const engine::RuleChange& change : diff.rules) {
            const rubric::Rule& rule = b.rubric->rules[change.rule];
            out += "    - " + t(rule.id) + ": " + passed_text(change.passed_before) + " -> " +
                   paint(color, change.passed_after, passed_text(change.passed_after)) + "\n";
            out += "      " + t(rule.description) + "\n";
            if (!change.reason_after.empty()) {
                out += "      now: " + t(change.reason_after) + "\n";
            }
        }
    }
    if (diff.artifacts.empty()) {
        out += "  artifacts that changed: none\n";
    } else {
        out += fmt::format("  artifacts that changed ({})\n", diff.artifacts.size());
        for (const engine::ArtifactChange& change : diff.artifacts) {
            out += "    - " + label(change.id) + ": " + t(state_text(change.before)) + " -> " +
                   t(after_text(change)) + "\n";
        }
    }
    return out;
}

using util::Json;
using util::report_number;

Json side_json(const Verdict& v) {
    return {{"path", v.source},
            {"model",
             {{"name", v.model.name},
              {"version", v.model.version},
              {"organization", v.model.organization}}},
            {"tier", v.tier_info().id},
            {"tier_label", v.tier_info().label},
            {"tier_rank", v.tier},
            {"score", report_number(v.score)}};
}

Json state_json(const ArtifactState& s) {
    return {{"released", s.availability == Availability::unknown
                             ? Json()
                             : Json(s.availability == Availability::released)},
            {"license", s.license ? Json(*s.license) : Json()},
            {"license_inherited", s.inherited},
            {"license_class", license::class_id(s.license_class)}};
}

Json diff_json(const Diff& diff) {
    const rubric::Rubric& r = *diff.after.rubric;
    Json rules = Json::array();
    for (const engine::RuleChange& change : diff.rules) {
        const rubric::Rule& rule = r.rules[change.rule];
        rules.push_back({{"id", rule.id},
                         {"description", rule.description},
                         {"points", report_number(rule.points)},
                         {"before", change.passed_before},
                         {"after", change.passed_after},
                         {"reason_after", change.reason_after}});
    }
    Json artifacts = Json::array();
    for (const engine::ArtifactChange& change : diff.artifacts) {
        artifacts.push_back({{"id", manifest::spec(change.id).key},
                             {"before", state_json(change.before)},
                             {"after", state_json(change.after)},
                             {"less_specific", change.less_specific}});
    }
    return {{"rubric", rubric_json(r)},
            {"before", side_json(diff.before)},
            {"after", side_json(diff.after)},
            {"tier_change", diff.tier_change()},
            {"score_change", report_number(diff.score_change())},
            {"regressed", diff.regressed()},
            {"improved", diff.improved()},
            {"rules", std::move(rules)},
            {"artifacts", std::move(artifacts)}};
}

// One document, or an array of them for several pairs, on one line.
std::string render_json(const Json& document) {
    std::string out;
    util::append_json(out, document);
    out += '\n';
    return out;
}

std::string cell(const std::string& text) {
    return markdown_text(text, true);
}

std::string code(const std::string& text, bool in_cell = false) {
    return markdown_code(text, in_cell);
}

// A Markdown table of `items`, one `row` each under `columns`, or the line `none` when empty.
template <typename Items, typename Row>
void append_table(std::string& out, const Items& items, const char* none, const char* columns,
                  Row row) {
    if (items.empty()) {
        out += none;
        return;
    }
    out += columns;
    for (const auto& item : items) {
        out += row(item);
    }
}

std::string render_markdown(const Diff& diff) {
    const Verdict& a = diff.before;
    const Verdict& b = diff.after;
    std::string out = "## openness diff: " + code(a.source) + " \u2192 " + code(b.source) + "\n\n";
    std::string result = result_text(diff);
    const std::size_t colon = result.find(':');
    out += "**" + result.substr(0, colon) + "** (" + result.substr(colon + 2) + ") under " +
           code(a.rubric->ref()) + ".\n\n";
    out += "| | before | after |\n| --- | --- | --- |\n";
    out += "| model | " + cell(model_text(a)) + " | " + cell(model_text(b)) + " |\n";
    out += "| tier | " + cell(tier_text(a)) + " | " + cell(tier_text(b)) + " |\n";
    out += "| score | " + format_score(a.score) + " | " + format_score(b.score);
    if (a.score != b.score) {
        out += " (" + signed_score_text(diff.score_change()) + ")";
    }
    out += " |\n\n### Rules that flipped\n\n";
    append_table(out, diff.rules, "No rule flipped.\n",
                 "| rule | before | after | reason now |\n| --- | --- | --- | --- |\n",
                 [&](const engine::RuleChange& change) {
                     const rubric::Rule& rule = b.rubric->rules[change.rule];
                     return "| " + code(rule.id, true) + ": " + cell(rule.description) + " | " +
                            passed_text(change.passed_before) + " | " +
                            passed_text(change.passed_after) + " | " + cell(change.reason_after) +
                            " |\n";
                 });
    out += "\n### Artifacts that changed\n\n";
    append_table(out, diff.artifacts, "No artifact changed.\n",
                 "| artifact | before | after |\n| --- | --- | --- |\n",
                 [&](const engine::ArtifactChange& change) {
                     return "| " + label(change.id) + " | " + cell(state_text(change.before)) +
                            " | " + cell(after_text(change)) + " |\n";
                 });
    return out;
}

}  // namespace

std::vector<std::string> diff_format_names() {
    return {"text", "json", "markdown"};
}

std::optional<DiffFormat> parse_diff_format(std::string_view name) {
    if (name == "text") {
        return DiffFormat::text;
    }
    if (name == "json") {
        return DiffFormat::json;
    }
    if (name == "markdown") {
        return DiffFormat::markdown;
    }
    return std::nullopt;
}

std::string render_diff(const Diff& diff, DiffFormat format, bool color) {
    switch (format) {
    case DiffFormat::text:
        return render_text(diff, color);
    case DiffFormat::json:
        return render_json(diff_json(diff));
    case DiffFormat::markdown:
        return render_markdown(diff);
    }
    return render_text(diff, color);
}

std::string render_diffs(const std::vector<Diff>& diffs, DiffFormat format, bool color) {
    if (diffs.size() == 1) {
        return render_diff(diffs.front(), format, color);
    }
    if (format == DiffFormat::json) {
        Json all = Json::array();
        for (const Diff& diff : diffs) {
            all.push_back(diff_json(diff));
        }
        return render_json(all);
    }
    std::string out;
    for (std::size_t i = 0; i < diffs.size(); ++i) {
        out += (i == 0 ? "" : "\n") + render_diff(diffs[i], format, color);
    }
    return out;
}

}  // namespace openness::report
