#include "reporters.hpp"

#include "openness/report/neutralise.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <utility>

namespace openness::report {

namespace {

using license::LicenseClass;
using manifest::Availability;

constexpr const char* k_reset = "\x1b[0m";
constexpr const char* k_bold = "\x1b[1m";
constexpr const char* k_green = "\x1b[32m";
constexpr const char* k_yellow = "\x1b[33m";
constexpr const char* k_red = "\x1b[31m";
constexpr const char* k_dim = "\x1b[2m";

// Columns a string takes on a terminal: colour sequences take none, a UTF-8 character one.
std::size_t visible_width(const std::string& text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\x1b') {
            const std::size_t end = text.find('m', i);
            i = end == std::string::npos ? text.size() : end;
            continue;
        }
        width += (static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U ? 1U : 0U;
    }
    return width;
}

// `prefix` then `text`, broken at spaces so no line passes `width` columns where a break can
// help; continuation lines start with `hang` spaces. Width 0 leaves the line whole.
// `text` comes from input and is neutralised here (terminal_text); `prefix` is ours.
std::string wrap(const std::string& prefix, const std::string& untrusted, std::size_t hang,
                 std::size_t width) {
    const std::string text = terminal_text(untrusted);
    if (width == 0 || visible_width(prefix) + visible_width(text) <= width) {
        return prefix + text + "\n";
    }
    // On a narrow terminal a deep hanging indent would leave no room for the text.
    if (hang + 20 > width) {
        hang = std::min<std::size_t>(hang, 4);
    }
    std::string out = prefix;
    std::size_t column = visible_width(prefix);
    bool line_has_word = false;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        const std::string word = text.substr(start, end - start);
        start = end + 1;
        if (word.empty()) {
            continue;
        }
        const std::size_t word_width = visible_width(word);
        if (line_has_word && column + 1 + word_width > width) {
            out += "\n" + std::string(hang, ' ');
            column = hang;
            line_has_word = false;
        }
        if (line_has_word) {
            out += ' ';
            ++column;
        }
        out += word;
        column += word_width;
        line_has_word = true;
    }
    return out + "\n";
}

class TextReporter final : public Reporter {
public:
    TextReporter(std::ostream& out, const Options& options) : m_out(out), m_options(options) {}

    std::string render(const Outcome& outcome) const override {
        std::string out;
        if (m_options.summary_only) {
            return out;
        }
        if (outcome.verdict) {
            write_verdict(out, outcome, *outcome.verdict);
        } else {
            out += paint(k_bold, terminal_text(outcome.source));
            fmt::format_to(std::back_inserter(out), FMT_COMPILE("\n  {}: not scored\n"),
                           paint(k_red, "invalid"));
            for (const util::Diagnostic& d : outcome.diagnostics) {
                if (d.severity == util::Severity::error) {
                    out += wrap("    ", util::render(d), 6, m_options.width);
                }
            }
        }
        return out;
    }

    void write(const Outcome&, const std::string& rendered) override {
        if (rendered.empty()) {
            return;
        }
        if (m_count++ != 0) {
            m_out << '\n';
        }
        m_out << rendered;
    }

    void end(const Summary& summary) override {
        // One valid input needs no summary under its verdict, unless only the summary was
        // asked for.
        if (summary.total > 1 || summary.invalid_count != 0 || summary.gate_set ||
            !summary.interrupted.empty() || m_options.summary_only) {
            std::string out = m_count != 0 ? "\n" : "";
            const auto line = [&out](std::string_view indent, const std::string& name,
                                     std::size_t count) {
                fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}{}{}\n"), indent,
                               pad(name, 20), count);
            };
            fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}: {}\n"),
                           paint(k_bold, "summary"), manifest_count(summary.total));
            const char* indent = summary.more_rubrics.empty() ? "  " : "    ";
            if (!summary.more_rubrics.empty() && m_options.rubric) {
                fmt::format_to(std::back_inserter(out), FMT_COMPILE("  {}\n"),
                               terminal_text(m_options.rubric->ref()));
            }
            for (const auto& [tier, count] : summary.tier_counts()) {
                line(indent, terminal_text(tier), count);
            }
            for (const Summary::RubricCounts& counts : summary.more_rubrics) {
                fmt::format_to(std::back_inserter(out), FMT_COMPILE("  {}\n"),
                               terminal_text(counts.rubric));
                for (const std::string& tier : counts.tier_order) {
                    auto it = counts.per_tier.find(tier);
                    line("    ", terminal_text(tier), it == counts.per_tier.end() ? 0 : it->second);
                }
            }
            if (summary.invalid_count != 0) {
                line("  ", "invalid", summary.invalid_count);
                for (const std::string& path : summary.invalid) {
                    fmt::format_to(std::back_inserter(out), FMT_COMPILE("    {}\n"),
                                   terminal_text(path));
                }
                if (summary.invalid_count > summary.invalid.size()) {
                    fmt::format_to(std::back_inserter(out),
                                   FMT_COMPILE("    and {} more, not listed\n"),
                                   summary.invalid_count - summary.invalid.size());
                }
            }
            if (!summary.interrupted.empty()) {
                fmt::format_to(std::back_inserter(out),
                               FMT_COMPILE("  {} by {}: the inputs after these were not read\n"),
                               paint(k_red, "interrupted"), summary.interrupted);
            }
            if (summary.gate_set) {
                const bool passed = summary.gate_passed();
                fmt::format_to(std::back_inserter(out), FMT_COMPILE("  gate {}: {}"),
                               terminal_text(summary.gate),
                               passed ? paint(k_green, "passed") : paint(k_red, "failed"));
                if (!passed) {
                    fmt::format_to(std::back_inserter(out),
                                   FMT_COMPILE(" ({} below, {} invalid{})"),
                                   summary.gate_failure_count, summary.invalid_count,
                                   summary.interrupted.empty() ? "" : ", interrupted");
                }
                out += "\n";
            }
            m_out << out;
        }
        m_out.flush();
    }

private:
    std::string paint(const char* code, const std::string& text) const {
        if (!m_options.color) {
            return text;
        }
        return std::string(code) + text + k_reset;
    }

    static std::string pad(const std::string& text, std::size_t width) {
        return text.size() >= width ? text + " " : text + std::string(width - text.size(), ' ');
    }

    const char* tier_color(const engine::Verdict& v) const {
        const std::size_t top = v.rubric->tiers.size() - 1;
        if (v.tier == top) {
            return k_green;
        }
        return v.tier * 2 >= top ? k_yellow : k_red;
    }

    void write_artifact(std::string& out, const engine::Verdict& v,
                        const engine::ArtifactVerdict& a) const {
        const std::string label(manifest::spec(a.id).label);
        std::string status;
        switch (a.availability) {
        case Availability::released:
            status = paint(k_green, "yes");
            break;
        case Availability::not_released:
            status = paint(k_dim, "no");
            break;
        case Availability::unknown:
            status = paint(k_yellow, "?");
            break;
        }
        out += "    " + pad(label, 24) + status;
        // Keep the license column aligned whatever the status word's length.
        const std::string gap = a.availability == Availability::released ? "" : std::string(
            a.availability == Availability::not_released ? 1 : 2, ' ');
        if (a.availability == Availability::released) {
            if (a.license) {
                out += "  " + terminal_text(*a.license);
                if (a.inherited) {
                    out += " (inherited)";
                }
                const LicenseClass c = a.classification->license_class;
                out += "  " + paint(a.open ? k_green : k_red, license::class_id(c));
                if (!a.open) {
                    const std::string indent(34, ' ');
                    std::string why = a.classification->explanation;
                    if (a.open_for_other_kinds) {
                        fmt::format_to(std::back_inserter(why),
                                       FMT_COMPILE("; {} does not count it as open for {}"),
                                       v.rubric->ref(),
                                       manifest::kind_name(manifest::spec(a.id).kind));
                    }
                    out += "\n" + wrap(indent, why, 34, m_options.width);
                    out.pop_back();  // the line ends below, like the others
                }
            } else {
                out += "  " + paint(k_red, "no license stated") + ": not open";
            }
        } else if (a.availability == Availability::unknown) {
            out += gap + "  " +
                   (a.provenance.empty() ? "not stated by the source" : terminal_text(a.provenance));
        } else if (!a.listed) {
            out += gap + paint(k_dim, "  (not listed)");
        }
        out += '\n';
        // Imported facts say where they came from; native manifests are their own source.
        if (a.availability != Availability::unknown && !a.provenance.empty()) {
            out += std::string(34, ' ') + paint(k_dim, "from: " + terminal_text(a.provenance)) + "\n";
        }
    }

    static std::string model_line(const engine::Verdict& v) {
        std::string model = v.model.name;
        if (!v.model.version.empty()) {
            fmt::format_to(std::back_inserter(model), FMT_COMPILE(" {}"), v.model.version);
        }
        if (!v.model.organization.empty()) {
            fmt::format_to(std::back_inserter(model), FMT_COMPILE(" ({})"), v.model.organization);
        }
        return terminal_text(model);
    }

    // All a verdict lacks for a gate's tier, one entry per artifact (or group) with the rules
    // behind it.
    void write_shortfall(std::string& out, const engine::Shortfall& shortfall,
                         const std::string& heading) const {
        out += wrap("  " + heading, shortfall_heading(shortfall) + ", by artifact:", 4,
                    m_options.width);
        for (const engine::Need& need : shortfall.needs) {
            out += wrap("    - ", need.text, 6, m_options.width);
            out += wrap("      ", "rules: " + rule_id_list(*shortfall.rubric, need.rules), 6,
                        m_options.width);
        }
        if (const std::string note = shortfall_terms_note(shortfall); !note.empty()) {
            out += wrap("  ", note, 4, m_options.width);
        }
    }

    // Warnings, the gate and "to reach": the part of a verdict that differs by rubric.
    void write_findings(std::string& out, const Outcome& outcome, const engine::Verdict& v,
                        bool with_input_warnings, const std::string& heading) const {
        const rubric::Tier& tier = v.tier_info();
        bool warned = false;
        auto warn = [&](const std::string& text) {
            out += warned ? "" : "  " + heading + "warnings\n";
            warned = true;
            out += wrap("    - ", text, 6, m_options.width);
        };
        if (with_input_warnings) {
            // Errors on a scored input are contradictions with its release (verify,
            // --verify-against): listed apart, before the warnings, as what fails the gate.
            bool contradicted = false;
            for (const util::Diagnostic& d : outcome.diagnostics) {
                if (d.severity == util::Severity::error) {
                    out += contradicted ? "" : "  " + heading + "contradicted by the release\n";
                    contradicted = true;
                    out += wrap("    - ", util::render(d), 6, m_options.width);
                }
            }
            for (const util::Diagnostic& d : outcome.diagnostics) {
                if (d.severity != util::Severity::error) {
                    warn(util::render(d));
                }
            }
        }
        for (const std::string& w : v.warnings) {
            warn(w);
        }
        if (with_input_warnings && outcome.gate_failed) {
            out += wrap("  " + paint(k_red, "gate failed") + ": ", outcome.gate_reason, 4,
                        m_options.width);
        }
        for (const engine::Shortfall& shortfall : outcome.gate_shortfalls) {
            if (shortfall.rubric == v.rubric) {
                write_shortfall(out, shortfall, heading);
            }
        }
        if (const rubric::Tier* next = v.next_tier()) {
            fmt::format_to(std::back_inserter(out), FMT_COMPILE("  {}to reach {} ({}):\n"), heading,
                           terminal_text(next->id), terminal_text(next->label));
            for (std::size_t r : v.missing) {
                out += wrap("    - ", v.rubric->rules[r].description, 6, m_options.width);
                out += wrap("      ", std::string(v.reason(r)), 6, m_options.width);
            }
            if (v.terms_only) {
                out += wrap("  ",
                            fmt::format("every component {} needs is released: only license "
                                        "terms stand in the way",
                                        next->id),
                            4, m_options.width);
            }
        } else {
            fmt::format_to(std::back_inserter(out),
                           FMT_COMPILE("  {}{} is the highest tier of {}\n"), heading,
                           terminal_text(tier.id), terminal_text(v.rubric->ref()));
        }
    }

    void write_verdict(std::string& out, const Outcome& outcome, const engine::Verdict& v) const {
        if (!outcome.more_verdicts.empty()) {
            write_side_by_side(out, outcome, v);
            return;
        }
        const rubric::Tier& tier = v.tier_info();
        out += paint(k_bold, terminal_text(v.source)) + "\n";
        out += "  model    " + model_line(v) + "\n";
        out += "  rubric   " + terminal_text(v.rubric->ref()) + "\n";
        fmt::format_to(std::back_inserter(out), FMT_COMPILE("  tier     {} ({})\n"),
                       paint(tier_color(v), terminal_text(tier.id)), terminal_text(tier.label));
        fmt::format_to(std::back_inserter(out), FMT_COMPILE("  score    {}/100\n"),
                       format_score(v.score));
        if (v.progress_reported) {
            out += "  progress ";
            for (std::size_t t = 1; t < v.progress.size(); ++t) {
                std::string text = fmt::format(FMT_COMPILE("{:.2f}"), v.progress[t]);
                while (text.back() == '0') {
                    text.pop_back();
                }
                if (text.back() == '.') {
                    text.pop_back();
                }
                fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}{} {}%"), t == 1 ? "" : ", ",
                               terminal_text(v.rubric->tiers[t].id), text);
            }
            out += "\n";
        }
        out += "  artifacts\n";
        for (const engine::ArtifactVerdict& a : v.artifacts) {
            write_artifact(out, v, a);
        }
        write_findings(out, outcome, v, true, "");
    }

    // Several rubrics: one row per framework, one license column per framework, then each
    // framework's findings.
    void write_side_by_side(std::string& out, const Outcome& outcome,
                            const engine::Verdict& first) const {
        std::vector<const engine::Verdict*> all = {&first};
        for (const engine::Verdict& more : outcome.more_verdicts) {
            all.push_back(&more);
        }
        out += paint(k_bold, terminal_text(first.source)) + "\n";
        out += "  model    " + model_line(first) + "\n";
        out += "  " + pad("framework", 16) + pad("tier", 48) + "score\n";
        for (const engine::Verdict* v : all) {
            const rubric::Tier& tier = v->tier_info();
            const std::string score = format_score(v->score);
            const std::string id = terminal_text(tier.id);
            const std::string tier_text = id + " (" + terminal_text(tier.label) + ")";
            // Padding counts the visible text only, so colour never breaks the columns.
            out += "  " + pad(terminal_text(v->rubric->ref()), 16) + paint(tier_color(*v), id) +
                   tier_text.substr(id.size()) +
                   std::string(tier_text.size() < 48 ? 48 - tier_text.size() : 1, ' ') + score +
                   "\n";
        }
        out += "  " + pad("artifacts", 28) + pad("license", 34);
        for (const engine::Verdict* v : all) {
            out += pad(terminal_text(v->rubric->id), 12);
        }
        out += "\n";
        for (std::size_t i = 0; i < first.artifacts.size(); ++i) {
            const engine::ArtifactVerdict& a = first.artifacts[i];
            std::string license;
            if (a.availability == Availability::released) {
                license = a.license ? terminal_text(*a.license) + (a.inherited ? " (inherited)" : "")
                                    : "no license stated";
            } else {
                license = a.availability == Availability::unknown ? "not stated" : "not released";
            }
            if (license.size() > 32) {
                // Cut between characters, never inside one.
                std::size_t cut = 29;
                while (cut > 0 && (static_cast<unsigned char>(license[cut]) & 0xC0U) == 0x80U) {
                    --cut;
                }
                license = license.substr(0, cut) + "...";
            }
            std::string line = "    " + pad(std::string(manifest::spec(a.id).label), 26) + pad(license, 34);
            for (const engine::Verdict* v : all) {
                const engine::ArtifactVerdict& mine = v->artifacts[i];
                if (mine.availability != Availability::released) {
                    line += pad("-", 12);
                    continue;
                }
                const LicenseClass c = mine.classification->license_class;
                const std::string id = license::class_id(c);
                line += paint(mine.open ? k_green : k_red, id) +
                        std::string(id.size() < 12 ? 12 - id.size() : 1, ' ');
            }
            while (!line.empty() && line.back() == ' ') {
                line.pop_back();
            }
            out += line + "\n";
        }
        for (std::size_t i = 0; i < all.size(); ++i) {
            write_findings(out, outcome, *all[i], i == 0, terminal_text(all[i]->rubric->ref()) + ": ");
        }
    }

    std::ostream& m_out;
    Options m_options;
    std::size_t m_count = 0;
};

}  // namespace

std::unique_ptr<Reporter> make_text_reporter(std::ostream& out, const Options& options) {
    return std::make_unique<TextReporter>(out, options);
}

namespace {

using MakeReporter = std::unique_ptr<Reporter> (*)(std::ostream& out, const Options& options);

// Every report format, in the order --help lists them.
constexpr std::pair<const char*, MakeReporter> k_formats[] = {
    {"text", make_text_reporter},
    {"json",
     [](std::ostream& out, const Options& o) { return make_json_reporter(out, false, o.detail); }},
    {"jsonl",
     [](std::ostream& out, const Options& o) { return make_json_reporter(out, true, o.detail); }},
    {"csv", make_csv_reporter},
    {"markdown", make_markdown_reporter},
    {"sarif", make_sarif_reporter},
    {"junit", make_junit_reporter},
    {"github", make_github_reporter},
    {"html", make_html_reporter},
};

}  // namespace

std::vector<std::string> format_names() {
    std::vector<std::string> names;
    for (const auto& format : k_formats) {
        names.emplace_back(format.first);
    }
    return names;
}

std::unique_ptr<Reporter> make_reporter(const std::string& format, std::ostream& out,
                                        const Options& options) {
    for (const auto& [name, make] : k_formats) {
        if (format == name) {
            return make(out, options);
        }
    }
    return nullptr;
}

}  // namespace openness::report
