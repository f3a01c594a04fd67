#include "openness/cli/run.hpp"

#include "commands.hpp"
#include "openness/cli/inputs.hpp"
#include "openness/engine/diff.hpp"
#include "openness/engine/evaluate.hpp"
#include "openness/manifest/json_writer.hpp"
#include "openness/manifest/load.hpp"
#include "openness/manifest/mof_loader.hpp"
#include "openness/report/diff.hpp"
#include "openness/report/report.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/atomic_file.hpp"
#include "openness/util/file_system.hpp"
#include "openness/util/ordered_pool.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <exception>
#include <thread>
#include <iostream>
#include <sstream>

#include <sys/stat.h>

#ifndef OPENNESS_VERSION
#define OPENNESS_VERSION "0.0.0"
#endif

namespace openness::cli {

namespace {

constexpr std::uint64_t k_default_max_file_size = 16U * 1024U * 1024U;

constexpr const char* k_exit_codes =
    "Exit codes:\n"
    "  0  every manifest was scored and every gate passed\n"
    "  1  a gate failed: a manifest is below --min-tier\n"
    "  2  usage error: unknown flag, unknown rubric or tier, malformed rubric\n"
    "  3  a manifest could not be read or is invalid (takes precedence over 1)\n"
    "  4  internal error, or the report could not be written\n"
    "  130  interrupted by SIGINT (143: by SIGTERM); what was scored is reported, --output is\n"
    "       not written\n";

int code(ExitCode c) {
    return static_cast<int>(c);
}

// The signal that asked the run to stop, or 0.
int interrupt_signal(const Environment& environment) {
    return environment.interrupt != nullptr ? environment.interrupt->load() : 0;
}

struct ClassifyOptions {
    std::vector<std::string> paths;
    std::string rubric{rubric::k_default_rubric};
    std::string format = "text";
    std::vector<std::string> min_tiers;  // TIER or RUBRIC:TIER, each a gate
    std::string color = "auto";
    std::uint64_t max_file_size = k_default_max_file_size;
    std::optional<double> min_score;
    unsigned jobs = 0;  // 0: the machine's hardware threads
    bool quiet = false;
    bool summary_only = false;
    std::string output;  // write the report here (atomically) instead of stdout
    std::optional<manifest::InputFormat> input_format;  // nullopt: detect from content
    bool lenient = false;  // importers accept known real-world mistakes with warnings
};

bool use_color(const std::string& mode, const Environment& environment) {
    if (mode == "always") {
        return true;
    }
    if (mode == "never") {
        return false;
    }
    const auto& vars = environment.variables;
    if (vars.count("NO_COLOR") != 0 && !vars.at("NO_COLOR").empty()) {
        return false;
    }
    if (vars.count("CLICOLOR_FORCE") != 0 && vars.at("CLICOLOR_FORCE") != "0") {
        return true;
    }
    return environment.stdout_is_terminal;
}

// Reads and loads one input into `manifest`, reusing its memory (a batch keeps one per thread),
// and returns the outcome without a verdict; `valid` tells whether `manifest` holds the input.
report::Outcome load(const Input& input, const util::FileSystem& files,
                     const ClassifyOptions& options, const Environment& environment,
                     manifest::Manifest& manifest, bool& valid) {
    valid = false;
    report::Outcome outcome;
    outcome.source = input.path == "-" ? "<stdin>" : input.path;
    if (!input.error.empty()) {
        outcome.diagnostics.push_back({util::Severity::error, outcome.source, {}, "", input.error});
        return outcome;
    }
    std::string text;
    if (input.path == "-") {
        if (environment.in == nullptr) {
            outcome.diagnostics.push_back(
                {util::Severity::error, outcome.source, {}, "", "standard input is not available"});
            return outcome;
        }
        // Read in chunks so an endless or huge stream is refused at the limit.
        char chunk[65536];
        while (*environment.in) {
            environment.in->read(chunk, sizeof chunk);
            text.append(chunk, static_cast<std::size_t>(environment.in->gcount()));
            if (text.size() > options.max_file_size) {
                outcome.diagnostics.push_back(
                    {util::Severity::error, outcome.source, {}, "",
                     "input is over the limit of " + util::format_size(options.max_file_size) +
                         " (--max-file-size)"});
                return outcome;
            }
        }
    } else {
        util::ReadResult read = files.read(input.path, options.max_file_size);
        if (!read.content) {
            outcome.diagnostics.push_back(
                {util::Severity::error, outcome.source, {}, "", read.error});
            return outcome;
        }
        text = std::move(*read.content);
    }
    if (text.empty()) {
        outcome.diagnostics.push_back(
            {util::Severity::error, outcome.source, {}, "", "empty file: not a manifest"});
        return outcome;
    }
    const bool utf16_mark = text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') ||
                                                 (text[0] == '\xFE' && text[1] == '\xFF'));
    if (utf16_mark || (text.size() >= 2 && (text[0] == '\0' || text[1] == '\0'))) {
        outcome.diagnostics.push_back({util::Severity::error, outcome.source, {}, "",
                                       "looks like UTF-16 text: manifests must be UTF-8"});
        return outcome;
    }
    if (text.find('\0') != std::string::npos) {
        outcome.diagnostics.push_back({util::Severity::error, outcome.source, {}, "",
                                       "binary file (contains NUL bytes): not a manifest"});
        return outcome;
    }
    manifest::ImportOptions import_options;
    import_options.lenient = options.lenient;
    valid = manifest::load_manifest_into(text, outcome.source, options.input_format, {},
                                         import_options, manifest, outcome.diagnostics);
    return outcome;
}

// A --min-tier gate: a tier of one of the run's rubrics.
struct Gate {
    std::size_t rubric_index = 0;
    std::size_t tier = 0;
};

std::string tier_list(const rubric::Rubric& rubric) {
    std::string tiers;
    for (const rubric::Tier& t : rubric.tiers) {
        tiers += (tiers.empty() ? "" : ", ") + t.id;
    }
    return tiers;
}

// Resolves "--rubric A,B" or "all" (every bundled rubric, openness first) into rubrics.
bool resolve_rubrics(const std::string& spec, const util::FileSystem& files,
                     std::vector<std::shared_ptr<const rubric::Rubric>>& out, std::ostream& err) {
    std::vector<std::string> specs;
    if (spec == "all") {
        specs.emplace_back(rubric::k_default_rubric);
        for (const rubric::BundledRubric& b : rubric::bundled_rubrics()) {
            if (b.id != rubric::k_default_rubric &&
                std::find(specs.begin(), specs.end(), b.id) == specs.end()) {
                specs.push_back(b.id);
            }
        }
    } else {
        std::size_t start = 0;
        while (start <= spec.size()) {
            const std::size_t comma = spec.find(',', start);
            const std::size_t end = comma == std::string::npos ? spec.size() : comma;
            specs.push_back(spec.substr(start, end - start));
            start = end + 1;
        }
    }
    for (const std::string& one : specs) {
        if (one.empty()) {
            err << "openness: error: empty rubric name in --rubric '" << spec << "'\n";
            return false;
        }
        rubric::RubricLoadResult loaded = rubric::resolve_rubric(one, files);
        if (!loaded.rubric) {
            for (const util::Diagnostic& d : loaded.diagnostics) {
                err << "openness: " << util::render(d) << "\n";
            }
            return false;
        }
        out.push_back(loaded.rubric);
    }
    return true;
}

// Parses "TIER" (a tier of the first rubric that has it) or "RUBRIC:TIER".
std::optional<Gate> parse_gate(const std::string& spec,
                               const std::vector<std::shared_ptr<const rubric::Rubric>>& rubrics,
                               std::ostream& err) {
    const std::size_t colon = spec.find(':');
    if (colon != std::string::npos) {
        const std::string name = spec.substr(0, colon);
        const std::string tier = spec.substr(colon + 1);
        for (std::size_t i = 0; i < rubrics.size(); ++i) {
            if (rubrics[i]->id == name || rubrics[i]->ref() == name) {
                if (std::optional<std::size_t> t = rubrics[i]->find_tier(tier)) {
                    return Gate{i, *t};
                }
                err << "openness: error: unknown tier '" << tier << "' for " << rubrics[i]->ref()
                    << " (tiers, lowest first: " << tier_list(*rubrics[i]) << ")\n";
                return std::nullopt;
            }
        }
        err << "openness: error: --min-tier " << spec << ": '" << name
            << "' is not one of the rubrics of this run (add it to --rubric)\n";
        return std::nullopt;
    }
    for (std::size_t i = 0; i < rubrics.size(); ++i) {
        if (std::optional<std::size_t> t = rubrics[i]->find_tier(spec)) {
            return Gate{i, *t};
        }
    }
    err << "openness: error: unknown tier '" << spec << "' for " << rubrics.front()->ref()
        << " (tiers, lowest first: " << tier_list(*rubrics.front()) << ")\n";
    return std::nullopt;
}

// One scored input on its way from a worker to the writer.
struct Scored {
    report::Outcome outcome;
    std::string rendered;
};

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
        char line[160];
        if (total >= done && total > 0) {
            const double left = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
            std::snprintf(line, sizeof line, "\r%zu/%zu manifests, %.0f/s, %.0fs left   ", done,
                          total, rate, left);
        } else {
            std::snprintf(line, sizeof line, "\r%zu manifests, %.0f/s   ", done, rate);
        }
        m_err << line << std::flush;
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

int classify(const ClassifyOptions& options, std::ostream& out, std::ostream& err,
             const Environment& environment) {
    util::RealFileSystem real_files;
    const util::FileSystem& files =
        environment.files != nullptr ? *environment.files : real_files;
    std::vector<std::shared_ptr<const rubric::Rubric>> rubrics;
    if (!resolve_rubrics(options.rubric, files, rubrics, err)) {
        return code(ExitCode::usage);
    }
    const std::shared_ptr<const rubric::Rubric> rubric = rubrics.front();
    std::vector<Gate> gates;
    for (const std::string& spec : options.min_tiers) {
        std::optional<Gate> g = parse_gate(spec, rubrics, err);
        if (!g) {
            return code(ExitCode::usage);
        }
        gates.push_back(*g);
    }
    if (options.min_score && (*options.min_score < 0 || *options.min_score > 100)) {
        err << "openness: error: --min-score must be between 0 and 100\n";
        return code(ExitCode::usage);
    }
    report::Options report_options;
    report_options.color = use_color(options.color, environment);
    report_options.summary_only = options.summary_only;
    report_options.width = environment.stdout_is_terminal ? environment.terminal_columns : 0;
    if (auto it = environment.variables.find("GITHUB_STEP_SUMMARY");
        it != environment.variables.end()) {
        report_options.step_summary_file = it->second;
    }
    report_options.rubric = rubric;
    report_options.more_rubrics.assign(rubrics.begin() + 1, rubrics.end());
    std::unique_ptr<report::Reporter> reporter =
        report::make_reporter(options.format, out, report_options);
    report::Summary summary;
    for (const rubric::Tier& t : rubric->tiers) {
        summary.tier_order.push_back(t.id);
    }
    for (std::size_t i = 1; i < rubrics.size(); ++i) {
        report::Summary::RubricCounts counts;
        counts.rubric = rubrics[i]->ref();
        for (const rubric::Tier& t : rubrics[i]->tiers) {
            counts.tier_order.push_back(t.id);
        }
        summary.more_rubrics.push_back(std::move(counts));
    }
    if (!gates.empty() || options.min_score) {
        summary.gate_set = true;
        for (const std::string& spec : options.min_tiers) {
            summary.gate += (summary.gate.empty() ? "" : " ") + ("--min-tier " + spec);
        }
        if (options.min_score) {
            char text[64];
            std::snprintf(text, sizeof text, "--min-score %g", *options.min_score);
            summary.gate += (summary.gate.empty() ? "" : " ") + std::string(text);
        }
    }

    const bool ci = environment.variables.count("CI") != 0 &&
                    !environment.variables.at("CI").empty() &&
                    environment.variables.at("CI") != "false";
    Progress progress(err, environment.stderr_is_terminal && !ci && !options.quiet);
    // Counting the inputs runs beside the scoring so the bar can show a total; it walks names
    // only, so it costs no memory per manifest.
    std::atomic<bool> stop_counting{false};
    std::thread counter;
    if (environment.stderr_is_terminal && !ci && !options.quiet) {
        counter = std::thread([&] {
            InputWalker walker(options.paths);
            std::size_t n = 0;
            while (!stop_counting.load() && walker.next()) {
                ++n;
            }
            if (!stop_counting.load()) {
                progress.set_total(n);
            }
        });
    }

    InputWalker inputs(options.paths);
    reporter->begin();
    std::size_t jobs =
        options.jobs != 0 ? options.jobs : std::max(1U, std::thread::hardware_concurrency());
    // Named files (no directory) are all the inputs there are: more threads than files would
    // only cost their start-up, a fifth of a one-file run.
    const bool only_files = std::all_of(options.paths.begin(), options.paths.end(),
                                        [](const std::string& path) {
                                            struct stat info {};
                                            return path == "-" || ::stat(path.c_str(), &info) != 0 ||
                                                   !S_ISDIR(info.st_mode);
                                        });
    if (only_files) {
        jobs = std::max<std::size_t>(1, std::min(jobs, options.paths.size()));
    }
    // One manifest per thread, reused: its strings keep their memory from input to input.
    std::vector<manifest::Manifest> manifests(jobs);
    try {
        util::ordered_map<Input, Scored>(
            jobs, jobs * 64,
            [&]() -> std::optional<Input> {
                // After SIGINT/SIGTERM no new input is taken; what is in flight still finishes.
                if (interrupt_signal(environment) != 0) {
                    return std::nullopt;
                }
                return inputs.next();
            },
            [&](Input&& input, std::size_t thread) {
                Scored scored;
                manifest::Manifest& manifest = manifests[thread];
                bool valid = false;
                scored.outcome = load(input, files, options, environment, manifest, valid);
                report::Outcome& outcome = scored.outcome;
                if (valid) {
                    outcome.verdict = engine::evaluate(rubric, manifest);
                    for (std::size_t i = 1; i < rubrics.size(); ++i) {
                        outcome.more_verdicts.push_back(engine::evaluate(rubrics[i], manifest));
                    }
                    for (const Gate& g : gates) {
                        const engine::Verdict& v = g.rubric_index == 0
                                                       ? *outcome.verdict
                                                       : outcome.more_verdicts[g.rubric_index - 1];
                        if (v.tier < g.tier) {
                            outcome.gate_reason += (outcome.gate_failed ? "; " : "") +
                                                   v.rubric->ref() + " tier " + v.tier_info().id +
                                                   " is below the minimum " +
                                                   v.rubric->tiers[g.tier].id;
                            outcome.gate_failed = true;
                        }
                    }
                    const engine::Verdict& v = *outcome.verdict;
                    if (options.min_score && v.score < *options.min_score) {
                        char text[96];
                        std::snprintf(text, sizeof text, "score %.1f is below the minimum %g",
                                      v.score, *options.min_score);
                        outcome.gate_reason +=
                            (outcome.gate_failed ? "; " : "") + std::string(text);
                        outcome.gate_failed = true;
                    }
                } else if (!gates.empty() || options.min_score) {
                    outcome.gate_failed = true;
                    outcome.gate_reason = "invalid manifest";
                }
                scored.rendered = reporter->render(outcome);
                return scored;
            },
            [&](Scored& scored) {
                for (const util::Diagnostic& d : scored.outcome.diagnostics) {
                    err << util::render(d) << "\n";
                }
                summary.add(scored.outcome);
                reporter->write(scored.outcome, scored.rendered);
                progress.tick(summary.total);
            },
            // Standard input and pipes may wait on their writer: a helper thread reads them.
            [](const Input& input) { return input.regular_file; });
    } catch (...) {
        stop_counting.store(true);
        if (counter.joinable()) {
            counter.join();
        }
        throw;
    }
    stop_counting.store(true);
    if (counter.joinable()) {
        counter.join();
    }
    progress.finish();
    const int signal = interrupt_signal(environment);
    if (signal != 0) {
        summary.interrupted = signal == SIGTERM ? "SIGTERM" : "SIGINT";
    }
    reporter->end(summary);
    if (signal != 0) {
        err << "openness: interrupted by " << summary.interrupted << ": " << summary.total
            << (summary.total == 1 ? " manifest" : " manifests")
            << " scored, the remaining inputs were not read\n";
        return code(signal == SIGTERM ? ExitCode::terminated : ExitCode::interrupted);
    }
    if (summary.total == 0) {
        err << "openness: error: no manifests found in the given paths\n";
        return code(ExitCode::invalid_input);
    }
    if (summary.invalid_count != 0) {
        return code(ExitCode::invalid_input);
    }
    return summary.gate_failure_count == 0 ? code(ExitCode::ok) : code(ExitCode::gate_failed);
}

// The formats `convert --to` writes.
const std::vector<std::string> k_convert_targets = {"manifest", "mof"};

// Reads one input in any format and writes it as a native manifest to complete by hand, or as
// a MOF model.yml.
int convert(const ClassifyOptions& options, const std::string& target, const std::string& output,
            std::ostream& out, std::ostream& err, const Environment& environment) {
    util::RealFileSystem real_files;
    const util::FileSystem& files =
        environment.files != nullptr ? *environment.files : real_files;
    manifest::Manifest manifest;
    bool valid = false;
    const report::Outcome outcome =
        load(Input{options.paths.front(), {}}, files, options, environment, manifest, valid);
    for (const util::Diagnostic& d : outcome.diagnostics) {
        err << util::render(d) << "\n";
    }
    if (!valid) {
        return code(ExitCode::invalid_input);
    }
    const std::string text = target == "mof" ? manifest::write_mof_yaml(manifest)
                                             : manifest::write_manifest_json(manifest);
    if (output.empty()) {
        out << text;
        return code(ExitCode::ok);
    }
    util::AtomicFile file(output);
    if (!file.ok()) {
        err << "openness: error: " << file.error() << "\n";
        return code(ExitCode::usage);
    }
    file.stream() << text;
    if (!file.commit()) {
        err << "openness: error: " << file.error() << "\n";
        return code(ExitCode::internal);
    }
    return code(ExitCode::ok);
}

std::string version_text() {
    std::string text = std::string("openness ") + OPENNESS_VERSION + "\nbundled rubrics:\n";
    util::RealFileSystem files;
    for (const rubric::BundledRubric& b : rubric::bundled_rubrics()) {
        rubric::RubricLoadResult loaded = rubric::resolve_rubric(b.id + "@" + b.version, files);
        text += "  " + b.id + "@" + b.version;
        if (loaded.rubric) {
            text += "  sha256:" + loaded.rubric->sha256;
        }
        text += "\n";
    }
    return text;
}

int rubric_list(std::ostream& out) {
    util::RealFileSystem files;
    for (const rubric::BundledRubric& b : rubric::bundled_rubrics()) {
        rubric::RubricLoadResult loaded = rubric::resolve_rubric(b.id + "@" + b.version, files);
        out << b.id << "@" << b.version;
        if (loaded.rubric) {
            out << "  " << loaded.rubric->title << "  sha256:" << loaded.rubric->sha256;
        }
        out << "\n";
    }
    return code(ExitCode::ok);
}

int rubric_show(const std::string& spec, const std::string& format, std::ostream& out,
                std::ostream& err) {
    util::RealFileSystem files;
    rubric::RubricLoadResult loaded = rubric::resolve_rubric(spec, files);
    if (!loaded.rubric) {
        for (const util::Diagnostic& d : loaded.diagnostics) {
            err << "openness: " << util::render(d) << "\n";
        }
        return code(ExitCode::usage);
    }
    const rubric::Rubric& r = *loaded.rubric;
    if (format == "json") {
        out << r.document;
        return code(ExitCode::ok);
    }
    out << r.ref() << ": " << r.title << "\n";
    out << "sha256: " << r.sha256 << "\n";
    if (!r.source.empty()) {
        out << "source: " << r.source << "\n";
    }
    out << "licenses: " << r.licenses->id() << "@" << r.licenses->version();
    if (r.corrected_licenses) {
        out << " (corrected reading: " << r.corrected_licenses->id() << "@"
            << r.corrected_licenses->version() << ")";
    }
    out << "\n\n" << r.description << "\n\ntiers, lowest first:\n";
    for (const rubric::Tier& t : r.tiers) {
        out << "  " << t.id << " (" << t.label << "): " << t.description << "\n";
        if (!t.requires_rules.empty()) {
            out << "    requires:";
            for (std::size_t i : t.requires_rules) {
                out << " " << r.rules[i].id;
            }
            out << "\n";
        }
    }
    out << "\nrules:\n";
    for (const rubric::Rule& rule : r.rules) {
        char points[32];
        std::snprintf(points, sizeof points, "%g", rule.points);
        out << "  " << rule.id << " [" << points << " points]\n    " << rule.description
            << "\n    check: " << rubric::describe(rule.check) << "\n";
        if (rule.applies_when) {
            out << "    applies when: " << rubric::describe(*rule.applies_when) << "\n";
        }
    }
    if (!r.advisories.empty()) {
        out << "\nadvisories:\n";
        for (const rubric::Advisory& a : r.advisories) {
            out << "  " << a.id << ": when " << rubric::describe(a.when) << "\n    " << a.message
                << "\n";
        }
    }
    return code(ExitCode::ok);
}

int rubric_check(const std::string& path, std::ostream& out, std::ostream& err) {
    util::RealFileSystem files;
    rubric::RubricLoadResult loaded = rubric::resolve_rubric(path, files);
    for (const util::Diagnostic& d : loaded.diagnostics) {
        err << util::render(d) << "\n";
    }
    if (!loaded.rubric) {
        return code(ExitCode::usage);
    }
    out << path << ": ok: " << loaded.rubric->ref() << ", " << loaded.rubric->tiers.size()
        << " tiers, " << loaded.rubric->rules.size() << " rules, sha256:"
        << loaded.rubric->sha256 << "\n";
    return code(ExitCode::ok);
}

// `openness diff OLD NEW`: two releases of one model under one rubric.
struct DiffOptions {
    std::string before;
    std::string after;
    std::string rubric{rubric::k_default_rubric};
    std::string format = "text";
    bool fail_on_regression = false;
};

constexpr const char* k_diff_exit_codes =
    "Exit codes:\n"
    "  0  compared (and, with --fail-on-regression, the new release is not less open)\n"
    "  1  --fail-on-regression: the new release has a lower tier or a lower score\n"
    "  2  usage error: unknown flag, unknown rubric, malformed rubric\n"
    "  3  a manifest could not be read or is invalid\n"
    "  4  internal error\n";

int diff_command(const DiffOptions& options, std::ostream& out, std::ostream& err,
                 const Environment& environment) {
    util::RealFileSystem real_files;
    const util::FileSystem& files =
        environment.files != nullptr ? *environment.files : real_files;
    rubric::RubricLoadResult loaded = rubric::resolve_rubric(options.rubric, files);
    if (!loaded.rubric) {
        for (const util::Diagnostic& d : loaded.diagnostics) {
            err << "openness: " << util::render(d) << "\n";
        }
        return code(ExitCode::usage);
    }
    const ClassifyOptions limits;  // the size limit classify uses by default
    std::optional<engine::Verdict> verdicts[2];
    const std::string* paths[2] = {&options.before, &options.after};
    for (std::size_t i = 0; i < 2; ++i) {
        manifest::Manifest manifest;
        bool valid = false;
        const report::Outcome outcome =
            load(Input{*paths[i], {}}, files, limits, environment, manifest, valid);
        for (const util::Diagnostic& d : outcome.diagnostics) {
            err << util::render(d) << "\n";
        }
        if (valid) {
            verdicts[i] = engine::evaluate(loaded.rubric, manifest);
        }
    }
    if (!verdicts[0] || !verdicts[1]) {
        return code(ExitCode::invalid_input);
    }
    const engine::Diff diff = engine::compare(std::move(*verdicts[0]), std::move(*verdicts[1]));
    out << report::render_diff(diff, report::parse_diff_format(options.format)
                                         .value_or(report::DiffFormat::text));
    out.flush();
    return options.fail_on_regression && diff.regressed() ? code(ExitCode::gate_failed)
                                                          : code(ExitCode::ok);
}

int run_app(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
            const Environment& environment) {
    CLI::App app{"openness: how open is this AI model release, really?"};
    app.name("openness");
    app.footer(k_exit_codes);
    app.require_subcommand(0, 1);
    bool show_version = false;
    app.add_flag("--version", show_version, "Print the version and the bundled rubrics");

    ClassifyOptions options;
    CLI::App* classify_cmd =
        app.add_subcommand("classify", "Score manifests against a rubric and print verdicts");
    classify_cmd->add_option("paths", options.paths,
                             "Manifests, model cards, CycloneDX or SPDX 3 files, directories "
                             "(walked for *.json and README.md model cards) or - for stdin")
        ->required();
    classify_cmd->add_option("--rubric", options.rubric,
                             "Bundled rubric ID or ID@VERSION, or a rubric file; several "
                             "separated by commas, or 'all' (default: openness)");
    classify_cmd->add_option("--format", options.format, "Output format")
        ->check(CLI::IsMember(report::format_names()));
    classify_cmd->add_option("--min-tier", options.min_tiers,
                             "Fail (exit 1) when a manifest is below this tier; RUBRIC:TIER for "
                             "one of several rubrics (repeatable)")
        ->allow_extra_args(false);  // one tier per flag, so paths may follow (pre-commit)
    classify_cmd->add_option("--color", options.color, "Colour the text output")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    classify_cmd->add_option("--min-score", options.min_score,
                             "Fail (exit 1) when a manifest scores below this (0-100)");
    // Each thread keeps a window of 64 results in flight, so thousands of threads would only
    // cost memory.
    classify_cmd
        ->add_option("--jobs,-j", options.jobs,
                     "Threads to score with, at most 1024 (default or 0: the machine's hardware "
                     "threads)")
        ->check(CLI::Range(0U, 1024U));
    classify_cmd->add_flag("--quiet,-q", options.quiet, "No progress bar");
    classify_cmd->add_flag("--summary-only", options.summary_only,
                           "Text format: print only the summary");
    std::string input_format;
    classify_cmd
        ->add_option("--input-format", input_format,
                     "Read every input as this format instead of detecting it from content")
        ->check(CLI::IsMember(manifest::format_names()));
    classify_cmd->add_flag("--lenient", options.lenient,
                           "Accept the mistakes real CycloneDX/SPDX files are published with "
                           "(trailing commas, ...) with a warning each");
    classify_cmd->add_option("--output,-o", options.output,
                             "Write the report to this file (atomically: a temporary file, then "
                             "a rename)");
    classify_cmd->add_option("--max-file-size", options.max_file_size,
                             "Refuse manifests larger than this many bytes (default 16 MiB)");
    classify_cmd->footer(k_exit_codes);

    ClassifyOptions convert_options;
    std::string convert_path;
    std::string convert_to;
    std::string convert_output;
    std::string convert_input_format;
    CLI::App* convert_cmd = app.add_subcommand(
        "convert",
        "Turn a model card, CycloneDX BOM, SPDX 3 document, MOF model.yml or manifest into a "
        "native manifest (--to manifest) or a MOF model.yml (--to mof)");
    convert_cmd->add_option("file", convert_path, "The file to convert, or - for stdin")
        ->required();
    convert_cmd->add_option("--to", convert_to, "Output format")
        ->required()
        ->check(CLI::IsMember(k_convert_targets));
    convert_cmd->add_option("--output,-o", convert_output,
                            "Write to this file (atomically) instead of stdout");
    convert_cmd
        ->add_option("--input-format", convert_input_format,
                     "Read the input as this format instead of detecting it from content")
        ->check(CLI::IsMember(manifest::format_names()));
    convert_cmd->add_flag("--lenient", convert_options.lenient,
                          "Accept the mistakes real CycloneDX/SPDX files are published with");
    convert_cmd->add_option("--max-file-size", convert_options.max_file_size,
                            "Refuse inputs larger than this many bytes (default 16 MiB)");
    convert_cmd->footer(k_exit_codes);

    CLI::App* schema_cmd =
        app.add_subcommand("schema", "Print the JSON Schema of manifest format v1");

    DiffOptions diff_options;
    CLI::App* diff_cmd = app.add_subcommand(
        "diff", "Compare two releases of a model: tier, score, flipped rules, changed artifacts");
    diff_cmd->add_option("old", diff_options.before, "The earlier release's manifest")
        ->required();
    diff_cmd->add_option("new", diff_options.after, "The later release's manifest")->required();
    diff_cmd->add_option("--rubric", diff_options.rubric,
                         "Bundled rubric ID or ID@VERSION, or a rubric file (default: openness)");
    diff_cmd->add_option("--format", diff_options.format, "Output format")
        ->check(CLI::IsMember(report::diff_format_names()));
    diff_cmd->add_flag("--fail-on-regression", diff_options.fail_on_regression,
                       "Exit 1 when the new release has a lower tier or a lower score");
    diff_cmd->footer(k_diff_exit_codes);

    CLI::App* rubric_cmd = app.add_subcommand("rubric", "List bundled rubrics or check a file");
    rubric_cmd->require_subcommand(1);
    CLI::App* rubric_list_cmd = rubric_cmd->add_subcommand("list", "List the bundled rubrics");
    std::string show_spec;
    std::string show_format = "text";
    CLI::App* rubric_show_cmd =
        rubric_cmd->add_subcommand("show", "Print a rubric: its tiers and rules, or its JSON");
    rubric_show_cmd->add_option("rubric", show_spec, "Bundled rubric ID[@VERSION] or a file")
        ->required();
    rubric_show_cmd->add_option("--format", show_format, "text (a readable table) or json")
        ->check(CLI::IsMember({"text", "json"}));
    std::string check_path;
    CLI::App* rubric_check_cmd =
        rubric_cmd->add_subcommand("check", "Validate a rubric file with precise errors");
    rubric_check_cmd->add_option("file", check_path, "Rubric file")->required();
    const std::vector<Command> more_commands = add_commands(app);  // badge, init, completion, ...

    std::vector<std::string> rest(args.size() > 1 ? args.begin() + 1 : args.end(), args.end());
    std::reverse(rest.begin(), rest.end());
    try {
        app.parse(rest);
    } catch (const CLI::CallForHelp&) {
        out << app.help();
        return code(ExitCode::ok);
    } catch (const CLI::CallForAllHelp&) {
        out << app.help("", CLI::AppFormatMode::All);
        return code(ExitCode::ok);
    } catch (const CLI::ParseError& e) {
        err << "openness: error: " << e.what() << "\n";
        err << "Run 'openness --help' for usage.\n";
        return code(ExitCode::usage);
    }
    if (show_version) {
        out << version_text();
        return code(ExitCode::ok);
    }
    if (classify_cmd->parsed()) {
        if (!input_format.empty()) {
            options.input_format = manifest::parse_format_name(input_format);
        }
        if (options.output.empty()) {
            const int status = classify(options, out, err, environment);
            // A verdict that did not reach its reader must not look like a pass.
            if (!out.flush() && status != code(ExitCode::interrupted) &&
                status != code(ExitCode::terminated)) {
                err << "openness: error: cannot write the report to standard output\n";
                return code(ExitCode::internal);
            }
            return status;
        }
        util::AtomicFile file(options.output);
        if (!file.ok()) {
            err << "openness: error: " << file.error() << "\n";
            return code(ExitCode::usage);
        }
        const int status = classify(options, file.stream(), err, environment);
        if (status == code(ExitCode::usage)) {
            return status;  // nothing was scored: leave any earlier report in place
        }
        if (status == code(ExitCode::interrupted) || status == code(ExitCode::terminated)) {
            // A partial report is never left behind; the temporary file goes with `file`.
            err << "openness: " << options.output << " was not written\n";
            return status;
        }
        if (!file.commit()) {
            err << "openness: error: " << file.error() << "\n";
            return code(ExitCode::internal);
        }
        return status;
    }
    if (convert_cmd->parsed()) {
        convert_options.paths = {convert_path};
        if (!convert_input_format.empty()) {
            convert_options.input_format = manifest::parse_format_name(convert_input_format);
        }
        return convert(convert_options, convert_to, convert_output, out, err, environment);
    }
    if (schema_cmd->parsed()) {
        out << manifest::manifest_schema();
        return code(ExitCode::ok);
    }
    if (diff_cmd->parsed()) {
        return diff_command(diff_options, out, err, environment);
    }
    if (rubric_list_cmd->parsed()) {
        return rubric_list(out);
    }
    if (rubric_show_cmd->parsed()) {
        return rubric_show(show_spec, show_format, out, err);
    }
    if (rubric_check_cmd->parsed()) {
        return rubric_check(check_path, out, err);
    }
    for (const Command& command : more_commands) {
        if (command.app->parsed()) {
            return command.run(out, err, environment);
        }
    }
    out << app.help();
    return code(ExitCode::usage);
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const Environment& environment) {
    try {
        return run_app(args, out, err, environment);
    } catch (const std::exception& e) {
        err << "openness: error: " << e.what() << "\n";
    } catch (...) {
        err << "openness: error: unexpected failure\n";
    }
    return code(ExitCode::internal);
}

}  // namespace openness::cli
