// GitHub Actions: one log line per manifest plus workflow commands (::error / ::warning) that
// GitHub turns into annotations on the files, and a Markdown summary appended to the job's
// summary file ($GITHUB_STEP_SUMMARY, passed in by the CLI).

#include "reporters.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string_view>

namespace openness::report {

namespace {

// The job summary has room for an overview, not for a million rows (GitHub caps it at 1 MiB):
// at most this many manifests get a row, and this many failures a paragraph.
constexpr std::size_t k_max_rows = 100;
constexpr std::size_t k_max_listed = 50;

// One workflow command: `::kind file=…,line=…,col=…,title=…::message`; no file property
// when `file` is empty.
std::string command(const char* kind, const std::string& file, util::Location where,
                    std::string_view title, std::string_view message) {
    std::string out = fmt::format(FMT_COMPILE("::{} "), kind);
    if (!file.empty()) {
        fmt::format_to(std::back_inserter(out), FMT_COMPILE("file={},"), github_property(file));
        if (where.line != 0) {
            fmt::format_to(std::back_inserter(out), FMT_COMPILE("line={},"), where.line);
            if (where.column != 0) {
                fmt::format_to(std::back_inserter(out), FMT_COMPILE("col={},"), where.column);
            }
        }
    }
    fmt::format_to(std::back_inserter(out), FMT_COMPILE("title={}::{}\n"), github_property(title),
                   github_data(message));
    return out;
}

// A diagnostic's message after its document path, if any: the annotation already names the
// file, line and column.
std::string path_and_message(const util::Diagnostic& d) {
    return d.path.empty() ? d.message : fmt::format(FMT_COMPILE("{}: {}"), d.path, d.message);
}

// Standard input has no file to annotate.
std::string annotated_file(const std::string& source) {
    return source == "<stdin>" ? std::string() : source;
}

// The gate's reason, then all that each failed minimum tier lacks, by artifact; without a
// failed minimum tier (a score or a contradiction failed it), the next tier's missing rules.
std::string gate_message(const Outcome& outcome, const engine::Verdict& v) {
    std::string out = outcome.gate_reason;
    if (!outcome.gate_shortfalls.empty()) {
        out += "\n" + shortfall_text(outcome);
        out.pop_back();
        return out;
    }
    const rubric::Tier* next = v.next_tier();
    if (next == nullptr || v.missing.empty()) {
        return out;
    }
    fmt::format_to(std::back_inserter(out), FMT_COMPILE(". To reach {} ({}), still missing:"),
                   next->id, next->label);
    for (std::size_t i = 0; i < v.missing.size(); ++i) {
        fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}{}"), i == 0 ? " " : ", ",
                       v.rubric->rules[v.missing[i]].id);
    }
    return out;
}

std::string model_text(const engine::Verdict& v) {
    return v.model.version.empty()
               ? v.model.name
               : fmt::format(FMT_COMPILE("{} {}"), v.model.name, v.model.version);
}

class GithubReporter final : public Reporter {
public:
    GithubReporter(std::ostream& out, const Options& options)
        : m_out(out), m_rubric(options.rubric), m_summary_file(options.step_summary_file) {}

    // A warning annotation at its line for each input warning (an unknown key and its
    // did-you-mean), so a CI run shows a typo where it was made.
    static void append_input_warnings(std::string& out, const Outcome& outcome) {
        for (const util::Diagnostic& d : outcome.diagnostics) {
            if (d.severity == util::Severity::warning) {
                out += command("warning", annotated_file(outcome.source), d.location,
                               "openness: input warning", path_and_message(d));
            }
        }
        for (const util::Diagnostic& d : read_as_warnings(outcome)) {
            out += command("warning", annotated_file(outcome.source), d.location,
                           "openness: license read as", d.message);
        }
    }

    std::string render(const Outcome& outcome) const override {
        std::string out;
        if (!outcome.verdict) {
            fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}: invalid (not scored)\n"),
                           terminal_text(outcome.source));
            for (const util::Diagnostic& d : outcome.diagnostics) {
                if (d.severity == util::Severity::error) {
                    out += command("error", annotated_file(outcome.source), d.location,
                                   "openness: invalid manifest", path_and_message(d));
                }
            }
            append_input_warnings(out, outcome);
            return out;
        }
        const engine::Verdict& v = *outcome.verdict;
        fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}: {} ({}), score {} under {}\n"),
                       terminal_text(outcome.source), terminal_text(v.tier_info().id),
                       terminal_text(v.tier_info().label), format_score(v.score),
                       terminal_text(v.rubric->ref()));
        append_input_warnings(out, outcome);
        if (outcome.gate_failed) {
            out += command("error", annotated_file(outcome.source), {}, "openness: below the gate",
                           gate_message(outcome, v));
        }
        // Errors on a scored input are contradictions with its release (openness verify).
        for (const util::Diagnostic& d : outcome.diagnostics) {
            if (d.severity == util::Severity::error) {
                out += command("error", annotated_file(outcome.source), d.location,
                               "openness: contradicted by the release", path_and_message(d));
            }
        }
        for (std::size_t r : v.missing) {
            util::Location where;
            if (const auto& artifact = v.rubric->rules[r].artifact) {
                where = v.artifacts[static_cast<std::size_t>(*artifact)].position;
            }
            const rubric::Tier& next = *v.next_tier();
            out += command(
                "warning", annotated_file(outcome.source), where,
                fmt::format(FMT_COMPILE("openness: {} needs {}"), next.id, v.rubric->rules[r].id),
                fmt::format(FMT_COMPILE("{} {}"), v.rubric->rules[r].description, v.reason(r)));
        }
        return out;
    }

    void write(const Outcome& outcome, const std::string& rendered) override {
        m_out << rendered;
        if (m_summary_file.empty()) {
            return;
        }
        // Keep what the summary lists; the rest is counted.
        if (m_rows.size() < k_max_rows) {
            const char* gate = outcome.gate_failed ? "**fail**" : "pass";
            std::string row;
            if (outcome.verdict) {
                const engine::Verdict& v = *outcome.verdict;
                row = fmt::format(
                    FMT_COMPILE("| {} | {} | {} | {} | {} |\n"),
                    markdown_text(outcome.source, true), markdown_text(model_text(v), true),
                    markdown_text(v.tier_info().id, true), format_score(v.score), gate);
            } else {
                row = fmt::format(FMT_COMPILE("| {} |  | invalid |  | {} |\n"),
                                  markdown_text(outcome.source, true), gate);
            }
            m_rows.push_back(std::move(row));
        }
        if (!outcome.verdict) {
            if (m_invalid.size() < k_max_listed) {
                const util::Diagnostic* error = first_error(outcome);
                m_invalid.push_back(fmt::format(
                    FMT_COMPILE("- {}\n"),
                    markdown_text(error != nullptr ? util::render(*error) : outcome.source,
                                  false)));
            }
        } else if (outcome.gate_failed && m_below.size() < k_max_listed) {
            const engine::Verdict& v = *outcome.verdict;
            std::string paragraph =
                fmt::format(FMT_COMPILE("- **{}**: {}"), markdown_text(outcome.source, false),
                            markdown_text(outcome.gate_reason, false));
            if (!outcome.gate_shortfalls.empty()) {
                paragraph += ".\n" + shortfall_markdown(outcome, "  ");
            } else if (const rubric::Tier* next = v.next_tier()) {
                fmt::format_to(std::back_inserter(paragraph), FMT_COMPILE(". To reach {}:\n"),
                               markdown_text(next->id, false));
                for (std::size_t r : v.missing) {
                    fmt::format_to(std::back_inserter(paragraph), FMT_COMPILE("  - {} ({})\n"),
                                   markdown_text(v.rubric->rules[r].description, false),
                                   markdown_text(v.reason(r), false));
                }
            } else {
                paragraph += ".\n";
            }
            m_below.push_back(std::move(paragraph));
        }
    }

    void end(const Summary& summary) override {
        const bool passed = summary.gate_failure_count == 0 && summary.invalid_count == 0;
        std::string line = manifest_count(summary.total);
        const char* separator = ": ";
        const auto count_of = [&](const std::string& name, std::size_t count) {
            if (count != 0) {
                fmt::format_to(std::back_inserter(line), FMT_COMPILE("{}{} {}"), separator, name,
                               count);
                separator = ", ";
            }
        };
        for (const auto& [tier, count] : summary.tier_counts()) {
            count_of(tier, count);
        }
        count_of("invalid", summary.invalid_count);
        if (summary.gate_set) {
            fmt::format_to(std::back_inserter(line), FMT_COMPILE("; gate {} {}"), summary.gate,
                           passed ? "passed" : "failed");
        }
        m_out << command(summary.gate_set && !passed ? "error" : "notice", "", {},
                         "openness summary", line);
        m_out.flush();
        if (!m_summary_file.empty()) {
            append_step_summary(summary, passed);
        }
    }

private:
    void append_step_summary(const Summary& summary, bool passed) const {
        std::string out = "### openness: " + manifest_count(summary.total);
        if (m_rubric) {
            fmt::format_to(std::back_inserter(out), FMT_COMPILE(" ({})"),
                           markdown_text(m_rubric->ref(), false));
        }
        out += "\n\n| tier | manifests |\n| --- | ---: |\n";
        for (const auto& [tier, count] : summary.tier_counts()) {
            fmt::format_to(std::back_inserter(out), FMT_COMPILE("| {} | {} |\n"),
                           markdown_text(tier, true), count);
        }
        if (summary.invalid_count != 0) {
            fmt::format_to(std::back_inserter(out), FMT_COMPILE("| invalid | {} |\n"),
                           summary.invalid_count);
        }
        out += '\n';
        if (summary.gate_set) {
            // The gate text is ours: flags, tier ids and a number, never a backquote.
            fmt::format_to(std::back_inserter(out), FMT_COMPILE("Gate `{}`: "), summary.gate);
            if (passed) {
                out += "**passed**.\n";
            } else {
                fmt::format_to(std::back_inserter(out),
                               FMT_COMPILE("**failed** ({} below, {} invalid).\n"),
                               summary.gate_failure_count, summary.invalid_count);
            }
        } else {
            out += "No gate set (see `--min-tier` and `--min-score`).\n";
        }
        if (!m_below.empty()) {
            out += "\n#### Below the gate\n\n";
            for (const std::string& paragraph : m_below) {
                out += paragraph;
            }
            append_more(out, summary.gate_failure_count, m_below.size());
        }
        if (!m_invalid.empty()) {
            out += "\n#### Invalid manifests\n\n";
            for (const std::string& item : m_invalid) {
                out += item;
            }
            append_more(out, summary.invalid_count, m_invalid.size());
        }
        if (!m_rows.empty()) {
            out += "\n<details><summary>Manifests</summary>\n\n"
                   "| manifest | model | tier | score | gate |\n"
                   "| --- | --- | --- | ---: | --- |\n";
            for (const std::string& row : m_rows) {
                out += row;
            }
            append_more(out, summary.total, m_rows.size());
            out += "\n</details>\n";
        }
        out += '\n';
        std::ofstream file(m_summary_file, std::ios::binary | std::ios::app);
        file << out;
        file.flush();
        if (!file) {
            throw std::runtime_error(fmt::format(
                FMT_COMPILE("cannot append the job summary to {} (GITHUB_STEP_SUMMARY): {}"),
                m_summary_file, std::strerror(errno)));
        }
    }

    std::ostream& m_out;
    std::shared_ptr<const rubric::Rubric> m_rubric;
    std::string m_summary_file;
    std::vector<std::string> m_rows;
    std::vector<std::string> m_below;
    std::vector<std::string> m_invalid;
};

}  // namespace

std::unique_ptr<Reporter> make_github_reporter(std::ostream& out, const Options& options) {
    return std::make_unique<GithubReporter>(out, options);
}

}  // namespace openness::report
