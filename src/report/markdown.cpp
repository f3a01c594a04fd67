#include "reporters.hpp"

#include "openness/report/neutralise.hpp"

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
            out += " (" + inline_text(m_rubric->ref()) + ")";
        }
        out += "\n\n| manifest | model | tier | score | gate |\n| --- | --- | --- | ---: | --- |\n";
        m_out << out;
    }

    // The table row, then (for a valid manifest below the gate) its "to reach" paragraph: the
    // row is one line, so write() splits the two at the first newline.
    std::string render(const Outcome& outcome) const override {
        std::string out = "| " + cell(outcome.source) + " | ";
        const char* gate = outcome.gate_failed ? " | **fail** |\n" : " | pass |\n";
        if (!outcome.verdict) {
            out += " | invalid | ";
            out += gate;
            return out;
        }
        const engine::Verdict& v = *outcome.verdict;
        std::string model = v.model.name;
        if (!v.model.version.empty()) {
            model += " " + v.model.version;
        }
        out += cell(model) + " | " + cell(v.tier_info().id) + " | " + format_score(v.score) + gate;
        if (outcome.gate_failed) {
            out += "**" + inline_text(outcome.source) + "**: " + inline_text(outcome.gate_reason);
            if (!outcome.gate_shortfalls.empty()) {
                // Below a minimum tier: all that tier lacks, rather than the next tier's needs.
                out += ".\n" + shortfall_markdown(outcome, "");
            } else if (const rubric::Tier* next = v.next_tier()) {
                out += ". To reach " + inline_text(next->id) + ":\n";
                for (std::size_t r : v.missing) {
                    out += "- " + inline_text(v.rubric->rules[r].description) + " (" +
                           inline_text(v.reason(r)) + ")\n";
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
        std::string out = "\n### Summary\n\n" + std::to_string(summary.total) +
                          (summary.total == 1 ? " manifest" : " manifests");
        if (m_rubric) {
            out += ", rubric " + inline_text(m_rubric->ref());
        }
        out += ".\n\n| tier | manifests |\n| --- | ---: |\n";
        for (const auto& [tier, count] : summary.tier_counts()) {
            out += "| " + cell(tier) + " | " + std::to_string(count) + " |\n";
        }
        if (summary.invalid_count != 0) {
            out += "| invalid | " + std::to_string(summary.invalid_count) + " |\n";
        }
        out += '\n';
        if (!summary.interrupted.empty()) {
            out += "**Interrupted** by " + summary.interrupted +
                   ": the inputs after these were not read.\n\n";
        }
        if (summary.gate_set) {
            const bool passed = summary.gate_passed();
            // The gate text is ours: flags, a tier id and a number, never a backquote.
            out += "Gate `" + summary.gate + "`: ";
            out += passed ? "**passed**.\n" : "**failed** (" + std::to_string(m_below_count) +
                                                  " below, " +
                                                  std::to_string(summary.invalid_count) +
                                                  " invalid).\n";
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
                out += "\n" + paragraph;
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
        out += std::string("\n#### ") + heading + "\n\n";
        for (const std::string& item : items) {
            out += "- " + inline_text(item) + "\n";
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
