#pragma once

#include "openness/engine/evaluate.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/diagnostic.hpp"

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace openness::report {

// What happened to one input: a verdict, or the errors that stopped it; loader warnings either way.
struct Outcome {
    std::string source;
    std::optional<engine::Verdict> verdict;     // under the first (or only) rubric
    std::vector<engine::Verdict> more_verdicts;  // under each further rubric, in --rubric order
    std::vector<util::Diagnostic> diagnostics;
    bool gate_failed = false;          // below --min-tier / --min-score
    std::string gate_reason;           // why, when it failed
    // For each --min-tier it fails: all that its verdict lacks for that tier, by artifact.
    std::vector<engine::Shortfall> gate_shortfalls;
};

// Totals over a run.
struct Summary {
    std::size_t total = 0;
    std::vector<std::string> tier_order;          // the rubric's tiers, lowest first
    std::map<std::string, std::size_t> per_tier;  // tier id -> count
    // Sources that could not be scored, and scored sources below the gate: the first
    // k_max_listed of each are kept (so a batch's memory stays flat), and all are counted.
    std::vector<std::string> invalid;
    std::vector<std::string> gate_failures;
    std::size_t invalid_count = 0;
    std::size_t gate_failure_count = 0;
    static constexpr std::size_t k_max_listed = 10000;
    bool gate_set = false;
    std::string gate;                             // e.g. "--min-tier open-weights"
    std::string interrupted;  // "SIGINT" or "SIGTERM" when a signal stopped the run early

    // Tier counts under each further rubric (--rubric A,B,...), in order.
    struct RubricCounts {
        std::string rubric;  // "mof@1.0"
        std::vector<std::string> tier_order;
        std::map<std::string, std::size_t> per_tier;
    };
    std::vector<RubricCounts> more_rubrics;

    // Records one outcome.
    void add(const Outcome& outcome);
    // True when the run was complete and no input failed the gate or was invalid.
    bool gate_passed() const {
        return interrupted.empty() && gate_failure_count == 0 && invalid_count == 0;
    }
    // Tier ids with their counts, in the rubric's order (zero counts included).
    std::vector<std::pair<std::string, std::size_t>> tier_counts() const;
};

// How much of each verdict the JSON and JSON Lines formats write. full: every rule (with its
// description) and every artifact; failed: the failed rules only, without the descriptions the
// rubric already holds, and no artifacts; none: tier, score, progress and the ids of the rules
// the next tier misses.
enum class Detail { full, failed, none };

// "full", "failed" or "none" as a Detail; nullopt for anything else.
std::optional<Detail> parse_detail(std::string_view text);

struct Options {
    Detail detail = Detail::full;  // json, jsonl
    bool color = false;
    bool summary_only = false;  // text: print just the summary
    std::size_t width = 0;      // text wraps long lines at this column; 0: never wraps
    // The run's rubric, for formats whose header names it or lists its rules (sarif, markdown,
    // junit); may be null, and those formats then fall back to what the verdicts carry.
    std::shared_ptr<const rubric::Rubric> rubric;
    // Further rubrics scored side by side (--rubric A,B,...); empty for one rubric.
    std::vector<std::shared_ptr<const rubric::Rubric>> more_rubrics;
    // github: append a Markdown summary to this file at the end (the CLI passes
    // $GITHUB_STEP_SUMMARY); empty: none.
    std::string step_summary_file;
};

// Writes outcomes in one output format as they arrive, then the closing part. render() runs on
// worker threads (so it is const and touches no shared state); the rest runs on one thread.
class Reporter {
public:
    virtual ~Reporter() = default;
    // Called once, before any outcome.
    virtual void begin() {}
    // This outcome's part of the report; thread-safe.
    virtual std::string render(const Outcome& outcome) const = 0;
    // Writes one outcome's rendered part; called once per input, in input order.
    virtual void write(const Outcome& outcome, const std::string& rendered) = 0;
    // Called once, after the last outcome.
    virtual void end(const Summary& summary) = 0;

    // render() then write(), for callers that do not run in parallel.
    void add(const Outcome& outcome) { write(outcome, render(outcome)); }
};

// The reporter for a format name (see format_names()); nullptr for an unknown name.
std::unique_ptr<Reporter> make_reporter(const std::string& format, std::ostream& out,
                                        const Options& options);

// The names make_reporter accepts.
std::vector<std::string> format_names();

// Appends one verdict as a JSON object (no trailing newline): the shape the README documents.
void append_verdict_json(std::string& out, const engine::Verdict& verdict,
                         Detail detail = Detail::full);

// Appends one outcome as a JSON object: a verdict, or {"path", "valid": false, "errors"}.
void append_outcome_json(std::string& out, const Outcome& outcome,
                         Detail detail = Detail::full);

}  // namespace openness::report
