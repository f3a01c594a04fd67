#include "openness/cli/run.hpp"

#include "openness/cli/inputs.hpp"
#include "openness/engine/evaluate.hpp"
#include "openness/manifest/json_loader.hpp"
#include "openness/report/report.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/file_system.hpp"

#include <CLI/CLI.hpp>

#include <exception>
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
        text.assign(std::istreambuf_iterator<char>(*environment.in),
                    std::istreambuf_iterator<char>());
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
    manifest::LoadResult loaded = manifest::load_manifest_json(text, outcome.source);
    outcome.diagnostics = std::move(loaded.diagnostics);
    manifest = std::move(loaded.manifest);
    return outcome;
}

int classify(const ClassifyOptions& options, std::ostream& out, std::ostream& err,
             const Environment& environment) {
    util::RealFileSystem files;
    rubric::RubricLoadResult loaded = rubric::resolve_rubric(options.rubric, files);
    if (!loaded.rubric) {
        for (const util::Diagnostic& d : loaded.diagnostics) {
            err << "openness: " << util::render(d) << "\n";
        }
        return code(ExitCode::usage);
    }
    const std::shared_ptr<const rubric::Rubric>& rubric = loaded.rubric;
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
    report::Options report_options;
    report_options.color = use_color(options.color, environment);
    std::unique_ptr<report::Reporter> reporter =
        report::make_reporter(options.format, out, report_options);
    report::Summary summary;
    if (gate) {
        summary.gate_set = true;
        summary.gate = "--min-tier " + options.min_tier;
    }
    reporter->begin();
    InputWalker inputs(options.paths);
    while (std::optional<Input> next = inputs.next()) {
        const Input& input = *next;
        std::optional<manifest::Manifest> manifest;
        report::Outcome outcome = load(input, files, options, environment, manifest);
        for (const util::Diagnostic& d : outcome.diagnostics) {
            err << util::render(d) << "\n";
        }
        if (manifest) {
            outcome.verdict = engine::evaluate(rubric, *manifest);
            if (gate && outcome.verdict->tier < *gate) {
                outcome.gate_failed = true;
                outcome.gate_reason = "tier " + outcome.verdict->tier_info().id +
                                      " is below the minimum " + options.min_tier;
            }
        } else if (gate) {
            outcome.gate_failed = true;
            outcome.gate_reason = "invalid manifest";
        }
        summary.add(outcome);
        reporter->add(outcome);
    }
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
    classify_cmd->add_option("--max-file-size", options.max_file_size,
                             "Refuse manifests larger than this many bytes (default 16 MiB)");
    classify_cmd->footer(k_exit_codes);

    CLI::App* schema_cmd =
        app.add_subcommand("schema", "Print the JSON Schema of manifest format v1");

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
