// `openness diff OLD NEW`: two releases of one model under one rubric.

#include "openness/engine/diff.hpp"
#include "commands.hpp"
#include "openness/engine/evaluate.hpp"
#include "openness/report/diff.hpp"

#include <CLI/CLI.hpp>

#include <ostream>

namespace openness::cli {

namespace {

// Its inputs are read with the size limit classify uses by default; --strict.
struct DiffOptions : ScoringOptions {
    std::string before;
    std::string after;
    bool fail_on_regression = false;
};

int diff(const DiffOptions& options, std::ostream& out, std::ostream& err,
         const Environment& environment) {
    const util::FileSystem& files = file_system(environment);
    Rubrics rubrics;
    if (!resolve_rubrics(options.rubric, files, rubrics, err)) {
        return exit_code(ExitCode::usage);
    }
    std::optional<manifest::Manifest> manifests[2];
    const std::string* paths[2] = {&options.before, &options.after};
    for (std::size_t i = 0; i < 2; ++i) {
        manifests[i] = read_one_manifest(*paths[i], options.read, environment, err);
    }
    if (!manifests[0] || !manifests[1]) {
        return exit_code(ExitCode::invalid_input);
    }
    std::vector<engine::Diff> diffs;
    bool regressed = false;
    for (const std::shared_ptr<const rubric::Rubric>& rubric : rubrics) {
        diffs.push_back(engine::compare(engine::evaluate(rubric, *manifests[0]),
                                        engine::evaluate(rubric, *manifests[1])));
        regressed = regressed || diffs.back().regressed();
    }
    out << report::render_diffs(
        diffs, report::parse_diff_format(options.format).value_or(report::DiffFormat::text),
        use_color(options.color, environment));
    out.flush();
    return options.fail_on_regression && regressed ? exit_code(ExitCode::gate_failed)
                                                   : exit_code(ExitCode::ok);
}

}  // namespace

void add_diff_command(CLI::App& app, Commands& commands) {
    auto options = std::make_shared<DiffOptions>();
    CLI::App* cmd = app.add_subcommand(
        "diff", "Compare two releases of a model: tier, score, flipped rules, changed artifacts");
    cmd->add_option("old", options->before, "The earlier release's manifest")->required();
    cmd->add_option("new", options->after, "The later release's manifest")->required();
    cmd->add_option("--rubric", options->rubric,
                    "Bundled rubric ID or ID@VERSION, or a rubric file; several separated by "
                    "commas, or 'all', each compared in turn (default: openness, the latest: "
                    "openness@2.0; pin openness@1.0 for 1.0's scores)");
    cmd->add_option("--format", options->format,
                    "Output format (json: one object, an array of them for several rubrics)")
        ->check(CLI::IsMember(report::diff_format_names()));
    add_color_option(cmd, options->color);
    cmd->add_flag("--fail-on-regression", options->fail_on_regression,
                  "Exit 1 when the new release has a lower tier or a lower score, or an "
                  "artifact's license became less specific");
    cmd->add_flag("--strict", options->read.strict,
                  "Treat every input warning (an unknown key, a repaired mistake) as an error "
                  "(exit 3)");
    cmd->footer(exit_codes_footer(
        {{ExitCode::ok,
          "compared (and, with --fail-on-regression, the new release is not less open)"},
         {ExitCode::gate_failed,
          "--fail-on-regression: the new release has a lower tier or a lower score, or an\n"
          "artifact's license became less specific (under any of the rubrics)"},
         k_exit_usage_rubric,
         {ExitCode::invalid_input, "a manifest could not be read or is invalid"},
         k_exit_internal}));
    add_command(commands, cmd, options, diff);
}

}  // namespace openness::cli
