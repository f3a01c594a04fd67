// `openness classify PATH...`: scores manifests against one or more rubrics on a pool of
// threads, checks each against the gates (--min-tier, --min-score) and streams the report.

#include "commands.hpp"
#include "openness/evidence/hub.hpp"
#include "openness/engine/evaluate.hpp"
#include "openness/engine/gate.hpp"
#include "openness/report/neutralise.hpp"
#include "openness/util/ordered_pool.hpp"
#include "openness/util/printable.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ostream>
#include <thread>

namespace openness::cli {

namespace {

struct ClassifyOptions : ScoringOptions {
    std::vector<std::string> paths;
    std::vector<std::string> min_tiers;  // TIER or RUBRIC:TIER, each a gate
    std::optional<double> min_score;
    unsigned jobs = 0;  // 0: the machine's hardware threads
    bool quiet = false;
    bool summary_only = false;
    // json, jsonl: by default each verdict is what a CI gate or a batch dashboard reads (tier,
    // score, progress, the next tier's missing rule ids, the gate): under 1 KB, where a full one
    // is ~13 KB, mostly rule descriptions repeated per manifest (docs/PERFORMANCE.md).
    std::string detail = "none";
    std::string output;        // write the report here (atomically) instead of stdout
    std::string input_format;  // empty: detect from content
    WalkOptions walk;  // --follow-links, --no-ignore, --exclude, --include, --verbose
    std::vector<std::string> releases;  // --release: release folders and hf: ids
    std::string hf_list;                // --hf-list: a file of Hub ids, one per line
    bool offline = false;               // --offline: hf: ids from the cache only
    std::string verify_against;  // --verify-against: the release the manifest is held against
};

// The signal that asked the run to stop, or 0.
int interrupt_signal(const Environment& environment) {
    return environment.interrupt != nullptr ? environment.interrupt->load() : 0;
}

// What a run scores with: its rubrics (the first is the main one), its gate, and the rule
// reasons its report shows (the engine writes no others).
struct Plan {
    Rubrics rubrics;
    engine::Gate gate;
    engine::Reasons reasons = engine::Reasons::all;
};

// Resolves the rubrics and the gate; nullopt (after a message) on a usage error.
std::optional<Plan> make_plan(const ClassifyOptions& options, const util::FileSystem& files,
                              std::ostream& err) {
    Rubrics rubrics;
    if (!resolve_rubrics(options.rubric, files, rubrics, err)) {
        return std::nullopt;
    }
    Plan plan{rubrics, engine::Gate(rubrics)};
    for (const std::string& spec : options.min_tiers) {
        if (auto added = plan.gate.add_min_tier(spec); !added) {
            err << "openness: error: " << util::printable(added.error()) << "\n";
            return std::nullopt;
        }
    }
    if (options.min_score) {
        if (auto set = plan.gate.set_min_score(*options.min_score); !set) {
            err << "openness: error: " << util::printable(set.error()) << "\n";
            return std::nullopt;
        }
    }
    return plan;
}

// Scores a loaded manifest with every rubric of the plan and checks it against the gate.
void score(const Plan& plan, const manifest::Manifest& manifest, report::Outcome& outcome) {
    outcome.verdict = engine::evaluate(plan.rubrics.front(), manifest, plan.reasons);
    for (std::size_t i = 1; i < plan.rubrics.size(); ++i) {
        outcome.more_verdicts.push_back(engine::evaluate(plan.rubrics[i], manifest, plan.reasons));
    }
    outcome.gate_reason = plan.gate.check(*outcome.verdict, outcome.more_verdicts);
    outcome.gate_failed = !outcome.gate_reason.empty();
    if (outcome.gate_failed) {
        outcome.gate_shortfalls = plan.gate.shortfalls(*outcome.verdict, outcome.more_verdicts);
    }
}

report::Options make_report_options(const ClassifyOptions& options, const Plan& plan,
                                    const Environment& environment) {
    report::Options report_options;
    report_options.color = use_color(options.color, environment);
    report_options.summary_only = options.summary_only;
    report_options.detail = report::parse_detail(options.detail).value_or(report::Detail::full);
    report_options.width = environment.stdout_is_terminal ? environment.terminal_columns : 0;
    if (auto it = environment.variables.find("GITHUB_STEP_SUMMARY");
        it != environment.variables.end()) {
        report_options.step_summary_file = it->second;
    }
    report_options.rubric = plan.rubrics.front();
    report_options.more_rubrics.assign(plan.rubrics.begin() + 1, plan.rubrics.end());
    return report_options;
}

// An empty summary that knows the tiers of every rubric and the gates of the run.
report::Summary make_summary(const Plan& plan) {
    report::Summary summary;
    for (const rubric::Tier& t : plan.rubrics.front()->tiers) {
        summary.tier_order.push_back(t.id);
    }
    for (std::size_t i = 1; i < plan.rubrics.size(); ++i) {
        report::Summary::RubricCounts counts;
        counts.rubric = plan.rubrics[i]->ref();
        for (const rubric::Tier& t : plan.rubrics[i]->tiers) {
            counts.tier_order.push_back(t.id);
        }
        summary.more_rubrics.push_back(std::move(counts));
    }
    summary.gate_set = plan.gate.set();
    summary.gate = plan.gate.flags();
    return summary;
}

// Draws "done/total, rate, time left" on a terminal's stderr; silent everywhere else.
class Progress {
public:
    Progress(std::ostream& err, bool enabled) : m_err(err), m_enabled(enabled) {
        m_start = std::chrono::steady_clock::now();
    }

    void set_total(std::size_t total) { m_total.store(total); }

    void tick(std::size_t done) {
        if (!m_enabled) {
            return;
        }
        const auto now = std::chrono::steady_clock::now();
        const double elapsed = std::chrono::duration<double>(now - m_start).count();
        // Only runs longer than about a second get a bar, redrawn at most ten times a second.
        if (elapsed < 1.0 || std::chrono::duration<double>(now - m_last).count() < 0.1) {
            return;
        }
        m_last = now;
        const double rate = static_cast<double>(done) / elapsed;
        const std::size_t total = m_total.load();
        if (total >= done && total > 0) {
            const double left = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
            m_err << fmt::format("\r{}/{} manifests, {:.0f}/s, {:.0f}s left   ", done, total, rate,
                                 left);
        } else {
            m_err << fmt::format("\r{} manifests, {:.0f}/s   ", done, rate);
        }
        m_err << std::flush;
        m_drawn = true;
    }

    void finish() {
        if (m_drawn) {
            m_err << "\r" << std::string(60, ' ') << "\r" << std::flush;
        }
    }

private:
    std::ostream& m_err;
    bool m_enabled;
    bool m_drawn = false;
    std::atomic<std::size_t> m_total{0};
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last;
};

// Counts the inputs beside the scoring so the progress bar can show a total; it walks names
// only, so it costs no memory per manifest. Stopped and joined by stop() or the destructor.
class InputCounter {
public:
    InputCounter(const std::vector<std::string>& paths, const WalkOptions& walk,
                 const util::FileSystem& files, Progress& progress, bool enabled) {
        if (enabled) {
            m_thread = std::thread([this, paths, walk, &files, &progress] {
                InputWalker walker(paths, walk, files);
                std::size_t n = 0;
                while (!m_stop.load()) {
                    const std::optional<Input> input = walker.next();
                    if (!input) {
                        break;
                    }
                    n += input->skipped.empty() ? 1U : 0U;  // a note of what was left out is none
                }
                if (!m_stop.load()) {
                    progress.set_total(n);
                }
            });
        }
    }
    ~InputCounter() { stop(); }
    InputCounter(const InputCounter&) = delete;
    InputCounter& operator=(const InputCounter&) = delete;

    void stop() {
        m_stop.store(true);
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }

private:
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

// Hub ids are read on at most this many threads at once, so a long --hf-list holds few
// connections to the Hub.
constexpr std::size_t k_max_hub_connections = 4;

// The threads to score with: --jobs or the machine's, and no more than named files (no
// directory), since more would only cost their start-up, a fifth of a one-file run.
std::size_t thread_count(const ClassifyOptions& options, const util::FileSystem& files,
                         std::size_t releases, std::size_t hub_ids) {
    std::size_t jobs =
        options.jobs != 0 ? options.jobs : std::max(1U, std::thread::hardware_concurrency());
    const bool only_files =
        std::all_of(options.paths.begin(), options.paths.end(), [&](const std::string& path) {
            return path == "-" || files.stat(path).kind != util::FileKind::directory;
        });
    if (only_files) {
        jobs = std::max<std::size_t>(1, std::min(jobs, options.paths.size() + releases));
    }
    if (hub_ids != 0) {
        jobs = std::min(jobs, k_max_hub_connections);  // each thread holds one Hub connection
    }
    return jobs;
}

// One scored input on its way from a worker to the writer.
struct Scored {
    report::Outcome outcome;
    std::string rendered;
    std::string note;  // --verbose: what the walk left out and why, instead of an outcome
};

// Scores a manifest held against its release (--verify-against): the lower of the two readings
// under every rubric, contradictions failing the gate, and the gate checked on the lower reading.
void score_held(const Plan& plan, const manifest::Manifest& manifest,
                const evidence::ScanResult& shown, const ClassifyOptions& options,
                const util::FileSystem& files, report::Outcome& outcome) {
    const Held held = hold_against(manifest, shown, plan.rubrics, files,
                                   options.read.max_file_size, outcome);
    const std::string reason = plan.gate.check(*outcome.verdict, outcome.more_verdicts);
    if (!reason.empty()) {
        const std::string which =
            plan.rubrics.size() > 1
                ? " (each rubric's lower reading, the manifest's or the release's)"
                : std::string(" (the ") + (held.shown_lower ? "release's" : "manifest's") +
                      " reading, the lower of the two)";
        outcome.gate_reason += (outcome.gate_failed ? "; " : "") + reason + which;
        outcome.gate_failed = true;
        outcome.gate_shortfalls = plan.gate.shortfalls(*outcome.verdict, outcome.more_verdicts);
    }
}

// Reads, scores and reports every input on `jobs` threads, in input order, into `summary`.
// With `shown`, each manifest is held against that release's evidence.
void score_inputs(const ClassifyOptions& options, const std::vector<Input>& releases,
                  const evidence::ScanResult* shown, const Plan& plan, report::Reporter& reporter,
                  report::Summary& summary, Progress& progress, std::ostream& err,
                  const Environment& environment) {
    const util::FileSystem& files = file_system(environment);
    InputWalker inputs(options.paths, options.walk, files);
    std::size_t hub_ids = 0;
    for (const Input& r : releases) {
        hub_ids += evidence::is_hub_id(r.path) ? 1U : 0U;
    }
    const std::size_t jobs = thread_count(options, files, releases.size(), hub_ids);
    std::size_t next_release = 0;
    // One manifest per thread, reused: its strings keep their memory from input to input.
    std::vector<manifest::Manifest> manifests(jobs);
    util::ordered_map<Input, Scored>(
        jobs, jobs * 64,
        [&]() -> std::optional<Input> {
            // After SIGINT/SIGTERM no new input is taken; what is in flight still finishes.
            if (interrupt_signal(environment) != 0) {
                return std::nullopt;
            }
            if (next_release < releases.size()) {
                return releases[next_release++];
            }
            return inputs.next();
        },
        [&](Input&& input, std::size_t thread) {
            Scored scored;
            if (!input.skipped.empty()) {
                scored.note = "openness: note: skipped " + report::terminal_text(input.path) +
                              ": " + report::terminal_text(input.skipped) + "\n";
                return scored;
            }
            manifest::Manifest& manifest = manifests[thread];
            bool valid = false;
            scored.outcome =
                input.release
                    ? read_release(input, options.offline, plan.rubrics.front()->licenses.get(),
                                   environment, manifest, valid)
                    : read_input(input, files, options.read, environment, manifest, valid);
            if (valid && shown != nullptr) {
                score_held(plan, manifest, *shown, options, files, scored.outcome);
            } else if (valid) {
                score(plan, manifest, scored.outcome);
            } else if (plan.gate.set()) {
                scored.outcome.gate_failed = true;
                scored.outcome.gate_reason = "invalid manifest";
            }
            scored.rendered = reporter.render(scored.outcome);
            return scored;
        },
        [&](Scored& scored) {
            if (!scored.note.empty()) {
                err << scored.note;
                return;
            }
            for (const util::Diagnostic& d : scored.outcome.diagnostics) {
                err << util::render(d) << "\n";
            }
            summary.add(scored.outcome);
            reporter.write(scored.outcome, scored.rendered);
            progress.tick(summary.total);
        },
        // Standard input and pipes may wait on their writer: a helper thread reads them.
        [](const Input& input) { return input.regular_file; });
}

// The exit code of a finished (or interrupted) run, with its closing message.
int finish(const report::Summary& summary, int signal, std::ostream& err) {
    if (signal != 0) {
        err << "openness: interrupted by " << summary.interrupted << ": " << summary.total
            << (summary.total == 1 ? " manifest" : " manifests")
            << " scored, the remaining inputs were not read\n";
        return exit_code(signal == SIGTERM ? ExitCode::terminated : ExitCode::interrupted);
    }
    if (summary.total == 0) {
        err << "openness: error: no manifests found in the given paths\n";
        return exit_code(ExitCode::invalid_input);
    }
    if (summary.invalid_count != 0) {
        return exit_code(ExitCode::invalid_input);
    }
    return summary.gate_failure_count == 0 ? exit_code(ExitCode::ok)
                                           : exit_code(ExitCode::gate_failed);
}

int classify(const ClassifyOptions& options, std::ostream& out, std::ostream& err,
             const Environment& environment) {
    std::optional<Plan> plan = make_plan(options, file_system(environment), err);
    if (!plan) {
        return exit_code(ExitCode::usage);
    }
    std::unique_ptr<report::Reporter> reporter = report::make_reporter(
        options.format, out, make_report_options(options, *plan, environment));
    plan->reasons = reporter->reasons();
    report::Summary summary = make_summary(*plan);
    const bool ci = environment.variables.count("CI") != 0 &&
                    !environment.variables.at("CI").empty() &&
                    environment.variables.at("CI") != "false";
    const bool show_progress = environment.stderr_is_terminal && !ci && !options.quiet;
    Progress progress(err, show_progress);
    InputCounter counter(options.paths, options.walk, file_system(environment), progress,
                         show_progress);
    reporter->begin();
    std::vector<Input> releases;
    if (!release_inputs(options.releases, options.hf_list, file_system(environment), releases,
                        err)) {
        return exit_code(ExitCode::usage);
    }
    std::optional<evidence::ScanResult> shown;
    if (!options.verify_against.empty()) {
        shown = read_evidence(options.verify_against, options.offline, *plan->rubrics.front(), err,
                              environment);
        if (!shown) {
            return exit_code(ExitCode::invalid_input);
        }
    }
    score_inputs(options, releases, shown ? &*shown : nullptr, *plan, *reporter, summary,
                 progress, err, environment);
    counter.stop();
    progress.finish();
    const int signal = interrupt_signal(environment);
    if (signal != 0) {
        summary.interrupted = signal == SIGTERM ? "SIGTERM" : "SIGINT";
    }
    reporter->end(summary);
    return finish(summary, signal, err);
}

// classify with its report on standard output, or atomically into --output.
int run_classify(ClassifyOptions& options, std::ostream& out, std::ostream& err,
                 const Environment& environment) {
    if (options.paths.empty() && options.releases.empty() && options.hf_list.empty()) {
        err << "openness: error: classify needs inputs: paths, --release PATH|hf:ID or "
               "--hf-list FILE\n";
        return exit_code(ExitCode::usage);
    }
    if (!options.verify_against.empty()) {
        // One manifest, read from a file (its lines are where contradictions point), held
        // against one release.
        const bool one_file = options.paths.size() == 1 && options.paths.front() != "-" &&
                              file_system(environment).stat(options.paths.front()).kind ==
                                  util::FileKind::regular;
        if (!one_file || !options.releases.empty() || !options.hf_list.empty()) {
            err << "openness: error: --verify-against holds one manifest file against a release: "
                   "name exactly one manifest file (not a directory, -, --release or --hf-list)\n";
            return exit_code(ExitCode::usage);
        }
    }
    if (!options.input_format.empty()) {
        options.read.input_format = manifest::parse_format_name(options.input_format);
    }
    if (options.output.empty()) {
        const int status = classify(options, out, err, environment);
        // A verdict that did not reach its reader must not look like a pass.
        if (!out.flush() && status != exit_code(ExitCode::interrupted) &&
            status != exit_code(ExitCode::terminated)) {
            const int write_error = errno;
            err << "openness: error: cannot write the report to standard output"
                << write_error_reason(write_error)
                << "\n";
            return exit_code(ExitCode::internal);
        }
        return status;
    }
    const std::unique_ptr<util::OutputFile> file =
        file_system(environment).write_atomically(options.output);
    if (!file->ok()) {
        err << "openness: error: " << util::printable(file->error()) << "\n";
        return exit_code(ExitCode::usage);
    }
    const int status = classify(options, file->stream(), err, environment);
    if (status == exit_code(ExitCode::usage)) {
        return status;  // nothing was scored: leave any earlier report in place
    }
    if (status == exit_code(ExitCode::interrupted) || status == exit_code(ExitCode::terminated)) {
        // A partial report is never left behind; the temporary file goes with `file`.
        err << "openness: " << util::printable(options.output) << " was not written\n";
        return status;
    }
    if (!file->commit()) {
        err << "openness: error: " << util::printable(file->error()) << "\n";
        return exit_code(ExitCode::internal);
    }
    return status;
}

}  // namespace

void add_classify_command(CLI::App& app, Commands& commands) {
    auto options = std::make_shared<ClassifyOptions>();
    CLI::App* cmd =
        app.add_subcommand("classify", "Score manifests against a rubric and print verdicts");
    cmd->add_option("paths", options->paths,
                    "Manifests, model cards, CycloneDX or SPDX 3 files, directories "
                    "(walked for *.json and README.md model cards) or - for stdin");
    cmd->add_option("--rubric", options->rubric,
                    "Bundled rubric ID or ID@VERSION, or a rubric file; several "
                    "separated by commas, or 'all' (default: openness, the latest: "
                    "openness@2.0; pin openness@1.0 for 1.0's scores)");
    cmd->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember(report::format_names()));
    cmd->add_option("--min-tier", options->min_tiers,
                    "Fail (exit 1) when a manifest is below this tier; RUBRIC:TIER for "
                    "one of several rubrics (repeatable)")
        ->allow_extra_args(false);  // one tier per flag, so paths may follow (pre-commit)
    add_color_option(cmd, options->color);
    cmd->add_option("--min-score", options->min_score,
                    "Fail (exit 1) when a manifest scores below this (0-100)");
    // Each thread keeps a window of 64 results in flight, so thousands of threads would only
    // cost memory.
    cmd->add_option("--jobs,-j", options->jobs,
                    "Threads to score with, at most 1024 (default or 0: the machine's hardware "
                    "threads)")
        ->check(CLI::Range(0U, 1024U));
    cmd->add_flag("--quiet,-q", options->quiet, "No progress bar");
    cmd->add_flag("--follow-links", options->walk.follow_links,
                  "Follow symbolic links inside directories (each real directory once)");
    cmd->add_flag("--summary-only", options->summary_only, "Text format: print only the summary");
    cmd->add_option("--detail", options->detail,
                    "json, jsonl: none (tier, score, progress, missing rule ids; the default), "
                    "failed (also each failed rule's reason) or full (every rule and artifact)")
        ->check(CLI::IsMember({"full", "failed", "none"}));
    cmd->add_option("--input-format", options->input_format,
                    "Read every input as this format instead of detecting it from content")
        ->check(CLI::IsMember(manifest::format_names()));
    cmd->add_flag("--lenient", options->read.lenient,
                  "Importers only: accept the mistakes real CycloneDX/SPDX files are published "
                  "with (trailing commas, ...) with a warning each; a native manifest must be "
                  "valid JSON");
    cmd->add_flag("--no-ignore", [options](std::int64_t) { options->walk.ignore = false; },
                  "Walk directories whole: also .git, node_modules, hidden directories, what "
                  ".gitignore files exclude, and files that are clearly not manifests "
                  "(package.json, tsconfig.json, config.json, ...)");
    cmd->add_flag("--verbose,-v", options->walk.report_skipped,
                  "Say on stderr what a directory walk leaves out, and why");
    cmd->add_option("--exclude", options->walk.exclude,
                    "Skip walked paths matching this glob (a path or a file name; repeatable)");
    cmd->add_option("--include", options->walk.include,
                    "Walk only files matching this glob (repeatable); named files are always read");
    cmd->add_flag("--strict", options->read.strict,
                  "Treat every input warning (an unknown key, a repaired mistake) as an error: "
                  "the input is invalid (exit 3)");
    cmd->add_option("--output,-o", options->output,
                    "Write the report to this file (atomically: a temporary file, then "
                    "a rename)");
    cmd->add_option("--max-file-size", options->read.max_file_size,
                    "Refuse manifests larger than this many bytes (default 16 MiB)");
    cmd->add_option("--release", options->releases,
                    "Classify what a release shows: a release folder (e.g. a Hugging Face clone; "
                    "LFS pointers are enough) or hf:ORG/NAME[@REVISION] (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--hf-list", options->hf_list,
                    "Classify the Hub ids in this file (one per line, hf: optional, # comments)");
    add_offline_flag(cmd, options->offline);
    cmd->add_option("--verify-against", options->verify_against,
                    "Hold the manifest's claims against this release (a folder or "
                    "hf:ORG/NAME[@REVISION]), as 'openness verify' does: each contradiction is an "
                    "error and fails the gate, and the verdict is the lower of the two readings");
    cmd->footer(classify_footer());
    add_command(commands, cmd, options, run_classify);
}

}  // namespace openness::cli
