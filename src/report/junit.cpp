#include "reporters.hpp"

#include "openness/util/utf8.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <stdexcept>
#include <string_view>

namespace openness::report {

namespace {

void append_attribute(std::string& out, const char* name, std::string_view value) {
    out += ' ';
    out += name;
    out += "=\"";
    append_xml(out, value, true);
    out += '"';
}

bool fails(const Outcome& outcome) {
    return !outcome.verdict || outcome.gate_failed;
}

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

// The suite's counts go on its opening tag, before the test cases, and are known only at the
// end; the cases wait in a temporary file meanwhile, so memory stays flat however many there are.
class JunitReporter final : public Reporter {
public:
    JunitReporter(std::ostream& out, const Options& options)
        : m_out(out), m_rubric(options.rubric) {}

    void begin() override {
        m_cases.reset(std::tmpfile());
        if (!m_cases) {
            throw std::runtime_error(
                fmt::format(FMT_COMPILE("cannot create a temporary file for the JUnit report: {}"),
                            std::strerror(errno)));
        }
    }

    std::string render(const Outcome& outcome) const override {
        std::string out = "    <testcase";
        std::string classname = "openness";
        if (m_rubric) {
            classname = m_rubric->ref();
        } else if (outcome.verdict) {
            classname = outcome.verdict->rubric->ref();
        }
        append_attribute(out, "classname", classname);
        append_attribute(out, "name", outcome.source);
        out += ">\n";
        if (!outcome.verdict) {
            const util::Diagnostic* error = first_error(outcome);
            out += "      <failure";
            append_attribute(out, "message",
                             error != nullptr ? util::render(*error) : "not a manifest");
            append_attribute(out, "type", "invalid");
            out += '>';
            for (const util::Diagnostic& d : outcome.diagnostics) {
                if (d.severity == util::Severity::error) {
                    append_xml(out, util::render(d), false);
                    out += '\n';
                }
            }
            out += "</failure>\n    </testcase>\n";
            return out;
        }
        const engine::Verdict& v = *outcome.verdict;
        const std::string tier =
            fmt::format(FMT_COMPILE("{} ({})"), v.tier_info().id, v.tier_info().label);
        if (outcome.gate_failed) {
            out += "      <failure";
            append_attribute(out, "message", outcome.gate_reason);
            append_attribute(out, "type", "gate");
            out += '>';
            std::string details =
                fmt::format(FMT_COMPILE("tier {}, score {}\n"), tier, format_score(v.score));
            // Errors on a scored input are contradictions with its release (verify,
            // --verify-against): they are what failed.
            for (const util::Diagnostic& d : outcome.diagnostics) {
                if (d.severity == util::Severity::error) {
                    fmt::format_to(std::back_inserter(details),
                                   FMT_COMPILE("contradicted by the release: {}\n"),
                                   util::render(d));
                }
            }
            details += shortfall_text(outcome);
            // Below a minimum tier, that tier's needs say it all; otherwise the next tier's.
            const rubric::Tier* next = v.next_tier();
            if (outcome.gate_shortfalls.empty() && next != nullptr) {
                fmt::format_to(std::back_inserter(details), FMT_COMPILE("to reach {} ({}):\n"),
                               next->id, next->label);
                for (std::size_t r : v.missing) {
                    fmt::format_to(std::back_inserter(details), FMT_COMPILE("- {}\n  {}\n"),
                                   v.rubric->rules[r].description, v.reason(r));
                }
            }
            append_xml(out, details, false);
            out += "</failure>\n";
        }
        std::string text =
            fmt::format(FMT_COMPILE("tier: {}\nscore: {}\nrubric: {} sha256:{}\n"), tier,
                        format_score(v.score), v.rubric->ref(), v.rubric->sha256);
        for (const util::Diagnostic& d : outcome.diagnostics) {
            if (d.severity != util::Severity::error) {
                fmt::format_to(std::back_inserter(text), FMT_COMPILE("warning: {}\n"),
                               util::render(d));
            }
        }
        for (const std::string& w : v.warnings) {
            fmt::format_to(std::back_inserter(text), FMT_COMPILE("warning: {}\n"), w);
        }
        out += "      <system-out>";
        append_xml(out, text, false);
        out += "</system-out>\n    </testcase>\n";
        return out;
    }

    void write(const Outcome& outcome, const std::string& rendered) override {
        ++m_tests;
        if (fails(outcome)) {
            ++m_failures;
        }
        if (m_suite.empty() && outcome.verdict) {
            m_suite = outcome.verdict->rubric->ref();
        }
        if (std::fwrite(rendered.data(), 1, rendered.size(), m_cases.get()) != rendered.size()) {
            throw std::runtime_error(
                fmt::format(FMT_COMPILE("cannot write the JUnit report's temporary file: {}"),
                            std::strerror(errno)));
        }
    }

    void end(const Summary&) override {
        std::string suite = m_rubric ? m_rubric->ref() : m_suite.empty() ? "openness" : m_suite;
        const std::string tests = fmt::format(FMT_COMPILE("{}"), m_tests);
        const std::string failures = fmt::format(FMT_COMPILE("{}"), m_failures);
        std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites";
        append_attribute(head, "name", "openness");
        append_attribute(head, "tests", tests);
        append_attribute(head, "failures", failures);
        append_attribute(head, "errors", "0");
        head += ">\n  <testsuite";
        append_attribute(head, "name", suite);
        append_attribute(head, "tests", tests);
        append_attribute(head, "failures", failures);
        append_attribute(head, "errors", "0");
        append_attribute(head, "skipped", "0");
        head += ">\n";
        m_out << head;
        std::FILE* cases = m_cases.get();
        if (std::fflush(cases) != 0 || std::fseek(cases, 0, SEEK_SET) != 0) {
            throw std::runtime_error(
                fmt::format(FMT_COMPILE("cannot read back the JUnit report's temporary file: {}"),
                            std::strerror(errno)));
        }
        char buffer[64 * 1024];
        std::size_t n = 0;
        while ((n = std::fread(buffer, 1, sizeof buffer, cases)) != 0) {
            m_out.write(buffer, static_cast<std::streamsize>(n));
        }
        if (std::ferror(cases) != 0) {
            throw std::runtime_error("cannot read back the JUnit report's temporary file");
        }
        m_cases.reset();
        m_out << "  </testsuite>\n</testsuites>\n";
        m_out.flush();
    }

private:
    std::ostream& m_out;
    std::shared_ptr<const rubric::Rubric> m_rubric;
    std::unique_ptr<std::FILE, FileCloser> m_cases;  // the rendered test cases, in order
    std::size_t m_tests = 0;
    std::size_t m_failures = 0;
    std::string m_suite;  // without a rubric in the options: the first verdict's rubric
};

}  // namespace

std::unique_ptr<Reporter> make_junit_reporter(std::ostream& out, const Options& options) {
    return std::make_unique<JunitReporter>(out, options);
}

}  // namespace openness::report
