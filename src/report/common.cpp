#include "reporters.hpp"

#include "openness/util/json_document.hpp"
#include "openness/util/json_writer.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <iterator>

namespace openness::report {

void append_score(std::string& out, double score) {
    // A score is a whole number of tenths (the engine rounds it so): written from the integer,
    // with the digits "{:.1f}" gives for the nearest double. Any other value goes through fmt.
    const double tenths = std::round(score * 10.0);
    if (tenths >= 0.0 && tenths <= 1e6 && !std::signbit(score) && tenths / 10.0 == score) {
        const auto whole = static_cast<unsigned long>(tenths);
        char digits[16];
        const std::to_chars_result end = std::to_chars(digits, digits + sizeof digits, whole / 10);
        out.append(digits, end.ptr);
        out += '.';
        out += static_cast<char>('0' + whole % 10);
        return;
    }
    fmt::format_to(std::back_inserter(out), "{:.1f}", score);
}

std::string format_score(double score) {
    std::string out;
    append_score(out, score);
    return out;
}

std::string manifest_count(std::size_t count) {
    return fmt::format("{} {}", count, count == 1 ? "manifest" : "manifests");
}

std::string shortfall_heading(const engine::Shortfall& shortfall) {
    const rubric::Tier& tier = shortfall.rubric->tiers[shortfall.tier];
    std::string out = "missing for " + tier.id + " (" + tier.label + ")";
    if (shortfall.tier == shortfall.minimum) {
        return out + ", the gate's minimum";
    }
    return out + ", the nearest tier above the gate's minimum " +
           shortfall.rubric->tiers[shortfall.minimum].id +
           " that releasing or relicensing reaches (" +
           shortfall.rubric->tiers[shortfall.minimum].id + " itself would take a less open release)";
}

std::string shortfall_terms_note(const engine::Shortfall& shortfall) {
    if (!shortfall.terms_only) {
        return "";
    }
    return "every component " + shortfall.rubric->tiers[shortfall.tier].id +
           " needs is released: only license terms stand in the way";
}

namespace {

// The heading of one shortfall, named by rubric when the outcome has several verdicts.
std::string heading_of(const Outcome& outcome, const engine::Shortfall& shortfall) {
    const std::string heading = shortfall_heading(shortfall) + ", by artifact";
    return outcome.more_verdicts.empty() ? heading : shortfall.rubric->ref() + ": " + heading;
}

}  // namespace

std::string shortfall_text(const Outcome& outcome) {
    std::string out;
    for (const engine::Shortfall& shortfall : outcome.gate_shortfalls) {
        out += heading_of(outcome, shortfall) + ":\n";
        for (const engine::Need& need : shortfall.needs) {
            out += "- " + need.text + " (rules: " + rule_id_list(*shortfall.rubric, need.rules) +
                   ")\n";
        }
        if (const std::string note = shortfall_terms_note(shortfall); !note.empty()) {
            out += note + "\n";
        }
    }
    return out;
}

std::string shortfall_markdown(const Outcome& outcome, const std::string& indent) {
    std::string out;
    for (const engine::Shortfall& shortfall : outcome.gate_shortfalls) {
        std::string heading = heading_of(outcome, shortfall);
        if (const std::string note = shortfall_terms_note(shortfall); !note.empty()) {
            heading += " (" + note + ")";
        }
        out += indent + markdown_text(heading, false) + ":\n";
        for (const engine::Need& need : shortfall.needs) {
            out += indent + "- " + markdown_text(need.text, false) + " (rules: " +
                   markdown_text(rule_id_list(*shortfall.rubric, need.rules), false) + ")\n";
        }
    }
    return out;
}

std::string rule_id_list(const rubric::Rubric& rubric, const std::vector<std::size_t>& rules) {
    std::string out;
    for (std::size_t r : rules) {
        out += (out.empty() ? "" : ", ") + rubric.rules[r].id;
    }
    return out;
}

const util::Diagnostic* first_error(const Outcome& outcome) {
    for (const util::Diagnostic& d : outcome.diagnostics) {
        if (d.severity == util::Severity::error) {
            return &d;
        }
    }
    return nullptr;
}

std::vector<util::Diagnostic> read_as_warnings(const Outcome& outcome) {
    std::vector<util::Diagnostic> out;
    if (!outcome.verdict) {
        return out;
    }
    std::vector<std::string> sentences;  // parallel to out: the reading, without the labels
    for (const engine::ArtifactVerdict& a : outcome.verdict->artifacts) {
        const std::string_view label = manifest::spec(a.id).label;
        for (const std::string& sentence : a.classification->read_as) {
            std::size_t i = 0;
            while (i < out.size() && !(sentences[i] == sentence &&
                                       out[i].location.line == a.position.line &&
                                       out[i].location.column == a.position.column)) {
                ++i;
            }
            if (i == out.size()) {
                util::Diagnostic d;
                d.severity = util::Severity::warning;
                d.file = outcome.source;
                d.location = a.position;
                d.message = std::string(label);
                out.push_back(std::move(d));
                sentences.push_back(sentence);
            } else {
                out[i].message += ", ";
                out[i].message += label;
            }
        }
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i].message += ": " + sentences[i];
    }
    return out;
}

const char* markup_entity(char32_t c) {
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    default:
        return nullptr;
    }
}

void append_more(std::string& out, std::size_t total, std::size_t listed) {
    if (total > listed) {
        out += fmt::format("\n… and {} more.\n", total - listed);
    }
}

void append_json_key(std::string& out, const char* name) {
    util::append_json_string(out, name);
    out += ':';
}

void append_json_member(std::string& out, const char* name, std::string_view text) {
    append_json_key(out, name);
    util::append_json_string(out, text);
}

void append_rubric_json(std::string& out, const rubric::Rubric& rubric) {
    out += '{';
    append_json_member(out, "id", rubric.id);
    out += ',';
    append_json_member(out, "version", rubric.version);
    out += ',';
    append_json_member(out, "sha256", rubric.sha256);
    out += '}';
}

util::Json rubric_json(const rubric::Rubric& rubric) {
    return {{"id", rubric.id}, {"version", rubric.version}, {"sha256", rubric.sha256}};
}

std::size_t error_count(const Outcome& outcome) {
    std::size_t count = 0;
    for (const util::Diagnostic& d : outcome.diagnostics) {
        count += d.severity == util::Severity::error ? 1 : 0;
    }
    return count;
}

}  // namespace openness::report
