#include "openness/report/diff.hpp"

#include "openness/report/neutralise.hpp"

#include "reporters.hpp"

#include "openness/util/json_writer.hpp"

#include <fmt/format.h>

namespace openness::report {

namespace {

using engine::ArtifactState;
using engine::Diff;
using engine::Verdict;
using manifest::Availability;
using util::append_json_number;
using util::append_json_string;

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

constexpr auto key = append_json_key;

void append_side_json(std::string& out, const Verdict& v) {
    out += '{';
    key(out, "path");
    append_json_string(out, v.source);
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
    out += '}';
}

void append_state_json(std::string& out, const ArtifactState& s) {
    out += '{';
    key(out, "released");
    out += s.availability == Availability::released       ? "true"
           : s.availability == Availability::not_released ? "false"
                                                          : "null";
    out += ',';
    key(out, "license");
    if (s.license) {
        append_json_string(out, *s.license);
    } else {
        out += "null";
    }
    out += ',';
    key(out, "license_inherited");
    out += s.inherited ? "true" : "false";
    out += ',';
    key(out, "license_class");
    append_json_string(out, license::class_id(s.license_class));
    out += '}';
}

std::string render_json(const Diff& diff) {
    const rubric::Rubric& r = *diff.after.rubric;
    std::string out = "{";
    key(out, "rubric");
    append_rubric_json(out, r);
    out += ',';
    key(out, "before");
    append_side_json(out, diff.before);
    out += ',';
    key(out, "after");
    append_side_json(out, diff.after);
    out += ',';
    key(out, "tier_change");
    append_json_number(out, static_cast<double>(diff.tier_change()));
    out += ',';
    key(out, "score_change");
    append_json_number(out, diff.score_change());
    out += ',';
    key(out, "regressed");
    out += diff.regressed() ? "true," : "false,";
    key(out, "improved");
    out += diff.improved() ? "true," : "false,";
    key(out, "rules");
    out += '[';
    for (std::size_t i = 0; i < diff.rules.size(); ++i) {
        const engine::RuleChange& change = diff.rules[i];
        const rubric::Rule& rule = r.rules[change.rule];
        out += i == 0 ? "{" : ",{";
        key(out, "id");
        append_json_string(out, rule.id);
        out += ',';
        key(out, "description");
        append_json_string(out, rule.description);
        out += ',';
        key(out, "points");
        append_json_number(out, rule.points);
        out += ',';
        key(out, "before");
        out += change.passed_before ? "true," : "false,";
        key(out, "after");
        out += change.passed_after ? "true," : "false,";
        key(out, "reason_after");
        append_json_string(out, change.reason_after);
        out += '}';
    }
    out += "],";
    key(out, "artifacts");
    out += '[';
    for (std::size_t i = 0; i < diff.artifacts.size(); ++i) {
        const engine::ArtifactChange& change = diff.artifacts[i];
        out += i == 0 ? "{" : ",{";
        key(out, "id");
        append_json_string(out, manifest::spec(change.id).key);
        out += ',';
        key(out, "before");
        append_state_json(out, change.before);
        out += ',';
        key(out, "after");
        append_state_json(out, change.after);
        out += ',';
        key(out, "less_specific");
        out += change.less_specific ? "true}" : "false}";
    }
    out += "]}\n";
    return out;
}

std::string cell(const std::string& text) {
    return markdown_text(text, true);
}

std::string code(const std::string& text, bool in_cell = false) {
    return markdown_code(text, in_cell);
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
    if (diff.rules.empty()) {
        out += "No rule flipped.\n";
    } else {
        out += "| rule | before | after | reason now |\n| --- | --- | --- | --- |\n";
        for (const engine::RuleChange& change : diff.rules) {
            const rubric::Rule& rule = b.rubric->rules[change.rule];
            out += "| " + code(rule.id, true) + ": " + cell(rule.description) + " | " +
                   passed_text(change.passed_before) + " | " + passed_text(change.passed_after) +
                   " | " + cell(change.reason_after) + " |\n";
        }
    }
    out += "\n### Artifacts that changed\n\n";
    if (diff.artifacts.empty()) {
        out += "No artifact changed.\n";
    } else {
        out += "| artifact | before | after |\n| --- | --- | --- |\n";
        for (const engine::ArtifactChange& change : diff.artifacts) {
            out += "| " + label(change.id) + " | " + cell(state_text(change.before)) + " | " +
                   cell(after_text(change)) + " |\n";
        }
    }
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
        return render_json(diff);
    case DiffFormat::markdown:
        return render_markdown(diff);
    }
    return render_text(diff, color);
}

std::string render_diffs(const std::vector<Diff>& diffs, DiffFormat format, bool color) {
    if (diffs.size() == 1) {
        return render_diff(diffs.front(), format, color);
    }
    std::string out = format == DiffFormat::json ? "[" : "";
    for (std::size_t i = 0; i < diffs.size(); ++i) {
        std::string one = render_diff(diffs[i], format, color);
        if (format == DiffFormat::json) {
            while (!one.empty() && one.back() == '\n') {
                one.pop_back();
            }
            out += (i == 0 ? "" : ",") + one;
        } else {
            out += (i == 0 ? "" : "\n") + one;
        }
    }
    return format == DiffFormat::json ? out + "]\n" : out;
}

}  // namespace openness::report
