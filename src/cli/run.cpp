#include "openness/cli/run.hpp"

#include "openness/cli/inputs.hpp"
#include "openness/engine/diff.hpp"
#include "openness/engine/evaluate.hpp"
#include "openness/manifest/json_loader.hpp"
#include "openness/report/diff.hpp"
#include "openness/report/report.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/file_system.hpp"
#include "openness/util/ordered_pool.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <thread>
#include <iostream>
#include <iterator>
#include <sstream>

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
    "  4  internal error\n";

int code(ExitCode c) {
    return static_cast<int>(c);
}

struct ClassifyOptions {
    std::vector<std::string> paths;
    std::string rubric{rubric::k_default_rubric};
    std::string format = "text";
    std::string min_tier;
    std::string color = "auto";
    std::uint64_t max_file_size = k_default_max_file_size;
    std::optional<double> min_score;
    unsigned jobs = 0;  // 0: the machine's hardware threads
    bool quiet = false;
    bool summary_only = false;
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

// Reads and loads one input into an outcome (without scoring it).
report::Outcome load(const Input& input, const util::FileSystem& files,
                     const ClassifyOptions& options, const Environment& environment,
                     std::optional<manifest::Manifest>& manifest) {
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
        // A read loop rather than istreambuf_iterator, which g++ 12 -O2 flags with
        // -Wnull-dereference (a false positive that breaks -Werror builds).
        char chunk[65536];
        while (environment.in->read(chunk, sizeof chunk) || environment.in->gcount() > 0) {
            text.append(chunk, static_cast<std::size_t>(environment.in->gcount()));
        }
        if (text.size() > options.max_file_size) {
            outcome.diagnostics.push_back(
                {util::Severity::error, outcome.source, {}, "",
                 "input is over the limit of " + util::format_size(options.max_file_size) +
                     " (--max-file-size)"});
            return outcome;
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
    if (text.find('\0') != std::string::npos) {
        outcome.diagnostics.push_back({util::Severity::error, outcome.source, {}, "",
                                       "binary file (contains NUL bytes): not a manifest"});
        return outcome;
    }
    manifest::LoadResult loaded = manifest::load_manifest_json(text, outcome.source);
    outcome.diagnostics = std::move(loaded.diagnostics);
    manifest = std::move(loaded.manifest);
    return outcome;
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
    rubric::RubricLoadResult loaded = rubric::resolve_rubric(options.rubric, files);
    if (!loaded.rubric) {
        for (const util::Diagnostic& d : loaded.diagnostics) {
            err << "openness: " << util::render(d) << "\n";
        }
        return code(ExitCode::usage);
    }
    const std::shared_ptr<const rubric::Rubric> rubric = loaded.rubric;
    std::optional<std::size_t> gate;
    if (!options.min_tier.empty()) {
        gate = rubric->find_tier(options.min_tier);
        if (!gate) {
            std::string tiers;
            for (const rubric::Tier& t : rubric->tiers) {
                tiers += (tiers.empty() ? "" : ", ") + t.id;
            }
            err << "openness: error: unknown tier '" << options.min_tier << "' for "
                << rubric->ref() << " (tiers, lowest first: " << tiers << ")\n";
            return code(ExitCode::usage);
        }
    }
    if (options.min_score && (*options.min_score < 0 || *options.min_score > 100)) {
        err << "openness: error: --min-score must be between 0 and 100\n";
        return code(ExitCode::usage);
    }
    report::Options report_options;
    report_options.color = use_color(options.color, environment);
    report_options.summary_only = options.summary_only;
    std::unique_ptr<report::Reporter> reporter =
        report::make_reporter(options.format, out, report_options);
    report::Summary summary;
    for (const rubric::Tier& t : rubric->tiers) {
        summary.tier_order.push_back(t.id);
    }
    if (gate || options.min_score) {
        summary.gate_set = true;
        if (gate) {
            summary.gate = "--min-tier " + options.min_tier;
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
    const std::size_t jobs = options.jobs != 0 ? options.jobs
                                               : std::max(1U, std::thread::hardware_concurrency());
    try {
        util::ordered_map<Input, Scored>(
            jobs, jobs * 64, [&] { return inputs.next(); },
            [&](Input&& input) {
                Scored scored;
                std::optional<manifest::Manifest> manifest;
                scored.outcome = load(input, files, options, environment, manifest);
                report::Outcome& outcome = scored.outcome;
                if (manifest) {
                    outcome.verdict = engine::evaluate(rubric, *manifest);
                    const engine::Verdict& v = *outcome.verdict;
                    if (gate && v.tier < *gate) {
                        outcome.gate_failed = true;
                        outcome.gate_reason = "tier " + v.tier_info().id +
                                              " is below the minimum " + options.min_tier;
                    }
                    if (options.min_score && v.score < *options.min_score) {
                        char text[96];
                        std::snprintf(text, sizeof text, "score %.1f is below the minimum %g",
                                      v.score, *options.min_score);
                        outcome.gate_reason +=
                            (outcome.gate_failed ? "; " : "") + std::string(text);
                        outcome.gate_failed = true;
                    }
                } else if (gate || options.min_score) {
                    outcome.gate_failed = true;
                    outcome.gate_reason = "invalid manifest";
                }
                scored.rendered = reporter->render(outcome);
                return scored;
            },
            [&](Scored&& scored) {
                for (const util::Diagnostic& d : scored.outcome.diagnostics) {
                    err << util::render(d) << "\n";
                }
                summary.add(scored.outcome);
                reporter->write(scored.outcome, scored.rendered);
                progress.tick(summary.total);
            });
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
    reporter->end(summary);
    if (summary.total == 0) {
        err << "openness: error: no manifests found in the given paths\n";
        return code(ExitCode::invalid_input);
    }
    if (!summary.invalid.empty()) {
        return code(ExitCode::invalid_input);
    }
    return summary.gate_failures.empty() ? code(ExitCode::ok) : code(ExitCode::gate_failed);
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
        std::optional<manifest::Manifest> manifest;
        const report::Outcome outcome =
            load(Input{*paths[i], {}}, files, limits, environment, manifest);
        for (const util::Diagnostic& d : outcome.diagnostics) {
            err << util::render(d) << "\n";
        }
        if (manifest) {
            verdicts[i] = engine::evaluate(loaded.rubric, *manifest);
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
                             "Manifest files, directories (walked for *.json) or - for stdin")
        ->required();
    classify_cmd->add_option("--rubric", options.rubric,
                             "Bundled rubric ID or ID@VERSION, or a rubric file (default: "
                             "openness)");
    classify_cmd->add_option("--format", options.format, "Output format")
        ->check(CLI::IsMember(report::format_names()));
    classify_cmd->add_option("--min-tier", options.min_tier,
                             "Fail (exit 1) when a manifest is below this tier");
    classify_cmd->add_option("--color", options.color, "Colour the text output")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    classify_cmd->add_option("--min-score", options.min_score,
                             "Fail (exit 1) when a manifest scores below this (0-100)");
    classify_cmd->add_option("--jobs,-j", options.jobs,
                             "Threads to score with (default: the machine's hardware threads)");
    classify_cmd->add_flag("--quiet,-q", options.quiet, "No progress bar");
    classify_cmd->add_flag("--summary-only", options.summary_only,
                           "Text format: print only the summary");
    classify_cmd->add_option("--max-file-size", options.max_file_size,
                             "Refuse manifests larger than this many bytes (default 16 MiB)");
    classify_cmd->footer(k_exit_codes);

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
    std::string check_path;
    CLI::App* rubric_check_cmd =
        rubric_cmd->add_subcommand("check", "Validate a rubric file with precise errors");
    rubric_check_cmd->add_option("file", check_path, "Rubric file")->required();

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
        return classify(options, out, err, environment);
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
    if (rubric_check_cmd->parsed()) {
        return rubric_check(check_path, out, err);
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
