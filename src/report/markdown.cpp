#include "reporters.hpp"

#include "openness/report/neutralise.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <iterator>
#include <string_view>
#include <vector>

namespace openness::report {

namespace {

// A comment on a pull request has room for a page, not for a million verdicts: the summary
// names at most this many invalid files and explains at most this many gate failures.
constexpr std::size_t k_max_listed = 50;

std::string cell(std::string_view text) {
    return markdown_text(text, true);
}

std::string inline_text(std::string_view text) {
    return markdown_text(text, false);
}

class MarkdownReporter final : public Reporter {
public:
    MarkdownReporter(std::ostream& out, const Options& options)
        : m_out(out), m_rubric(options.rubric) {}

    void begin() override {
        std::string out = "## openness report";
        if (m_rubric) {
            fmt::format_to(std::back_inserter(out), FMT_COMPILE(" ({})"),
                           inline_text(m_rubric->ref()));
        }
        out += "\n\n| manifest | model | tier | score | gate |\n| --- | --- | --- | ---: | --- |\n";
        m_out << out;
    }

    // The table row, then (for a valid manifest below the gate) its "to reach" paragraph: the
    // row is one line, so write() splits the two at the first newline.
    std::string render(const Outcome& outcome) const override {
        const char* gate = outcome.gate_failed ? "**fail**" : "pass";
        if (!outcome.verdict) {
            return fmt::format(FMT_COMPILE("| {} |  | invalid |  | {} |\n"), cell(outcome.source),
                               gate);
        }
        const engine::Verdict& v = *outcome.verdict;
        std::string model = v.model.name;
        if (!v.model.version.empty()) {
            fmt::format_to(std::back_inserter(model), FMT_COMPILE(" {}"), v.model.version);
        }
        std::string out =
            fmt::format(FMT_COMPILE("| {} | {} | {} | {} | {} |\n"), cell(outcome.source),
                        cell(model), cell(v.tier_info().id), format_score(v.score), gate);
        if (outcome.gate_failed) {
            fmt::format_to(std::back_inserter(out), FMT_COMPILE("**{}**: {}"),
                           inline_text(outcome.source), inline_text(outcome.gate_reason));
            if (!outcome.gate_shortfalls.empty()) {
                // Below a minimum tier: all that tier lacks, rather than the next tier's needs.
                out += ".\n" + shortfall_markdown(outcome, "");
            } else if (const rubric::Tier* next = v.next_tier()) {
                fmt::format_to(std::back_inserter(out), FMT_COMPILE(". To reach {}:\n"),
                               inline_text(next->id));
                for (std::size_t r : v.missing) {
                    fmt::format_to(std::back_inserter(out), FMT_COMPILE("- {} ({})\n"),
                                   inline_text(v.rubric->rules[r].description),
                                   inline_text(v.reason(r)));
                }
            } else {
                out += ".\n";
            }
        }
        return out;
    }

    void write(const Outcome& outcome, const std::string& rendered) override {
        const std::size_t row_end = rendered.find('\n') + 1;
        m_out.write(rendered.data(), static_cast<std::streamsize>(row_end));
        const auto list = [this](const util::Diagnostic& d) {
            if (m_warnings.size() < k_max_listed) {
                m_warnings.push_back(util::render(d));
            }
            ++m_warning_count;
        };
        for (const util::Diagnostic& d : outcome.diagnostics) {
            if (d.severity == util::Severity::warning) {
                list(d);
            }
        }
        for (const util::Diagnostic& d : read_as_warnings(outcome)) {
            list(d);
        }
        if (outcome.verdict) {
            // Errors on a scored input are contradictions with its release (verify,
            // --verify-against).
            for (const util::Diagnostic& d : outcome.diagnostics) {
                if (d.severity == util::Severity::error) {
                    if (m_contradictions.size() < k_max_listed) {
                        m_contradictions.push_back(util::render(d));
                    }
                    ++m_contradiction_count;
                }
            }
        }
        if (!outcome.verdict) {
            if (m_invalid.size() < k_max_listed) {
                const util::Diagnostic* error = first_error(outcome);
                m_invalid.push_back(error != nullptr ? util::render(*error) : outcome.source);
            }
        } else if (outcome.gate_failed) {
            if (m_below.size() < k_max_listed) {
                m_below.push_back(rendered.substr(row_end));
            }
            ++m_below_count;
        }
    }

    void end(const Summary& summary) override {
        std::string out = "\n### Summary\n\n" + manifest_count(summary.total);
        if (m_rubric) {
            fmt::format_to(std::back_inserter(out), FMT_COMPILE(", rubric {}"),
                           inline_text(m_rubric->ref()));
        }
        out += ".\n\n| tier | manifests |\n| --- | ---: |\n";
        for (const auto& [tier, count] : summary.tier_counts()) {
            fmt::format_to(std::back_inserter(out), FMT_COMPILE("| {} | {} |\n"), cell(tier),
                           count);
        }
        if (summary.invalid_count != 0) {
            fmt::format_to(std::back_inserter(out), FMT_COMPILE("| invalid | {} |\n"),
                           summary.invalid_count);
        }
        out += '\n';
        if (!summary.interrupted.empty()) {
            fmt::format_to(
                std::back_inserter(out),
                FMT_COMPILE("**Interrupted** by {}: the inputs after these were not read.\n\n"),
                summary.interrupted);
        }
        if (summary.gate_set) {
            // The gate text is ours: flags, a tier id and a number, never a backquote.
            fmt::format_to(std::back_inserter(out), FMT_COMPILE("Gate `{}`: "), summary.gate);
            if (summary.gate_passed()) {
                out += "**passed**.\n";
            } else {
                fmt::format_to(std::back_inserter(out),
                               FMT_COMPILE("**failed** ({} below, {} invalid).\n"), m_below_count,
                               summary.invalid_count);
            }
        } else {
            out += "No gate set (see `--min-tier` and `--min-score`).\n";
        }
        if (summary.invalid_count != 0) {
            append_list(out, "Invalid manifests", m_invalid, summary.invalid_count);
        }
        if (!m_contradictions.empty()) {
            append_list(out, "Contradicted by the release", m_contradictions, m_contradiction_count);
        }
        if (!m_warnings.empty()) {
            append_list(out, "Input warnings", m_warnings, m_warning_count);
        }
        if (!m_below.empty()) {
            out += "\n#### Below the gate\n";
            for (const std::string& paragraph : m_below) {
                out += '\n';
                out += paragraph;
            }
            append_more(out, m_below_count, m_below.size());
        }
        m_out << out;
        m_out.flush();
    }

private:
    // A "####" section listing `items` (neutralised), the first of `total`.
    static void append_list(std::string& out, const char* heading,
                            const std::vector<std::string>& items, std::size_t total) {
        fmt::format_to(std::back_inserter(out), FMT_COMPILE("\n#### {}\n\n"), heading);
        for (const std::string& item : items) {
            fmt::format_to(std::back_inserter(out), FMT_COMPILE("- {}\n"), inline_text(item));
        }
        append_more(out, total, items.size());
    }

    std::ostream& m_out;
    std::shared_ptr<const rubric::Rubric> m_rubric;
    std::vector<std::string> m_invalid;  // first error of each listed invalid file
    std::vector<std::string> m_below;    // "to reach" paragraphs of the listed gate failures
    std::size_t m_below_count = 0;
    std::vector<std::string> m_warnings;  // input warnings (unknown keys, did-you-mean, licenses
                                          // read loosely), listed
    std::size_t m_warning_count = 0;
    std::vector<std::string> m_contradictions;  // claims the release contradicts, listed
    std::size_t m_contradiction_count = 0;
};

}  // namespace

std::unique_ptr<Reporter> make_markdown_reporter(std::ostream& out, const Options& options) {
    return std::make_unique<MarkdownReporter>(out, options);
}

}  // namespace openness::report
