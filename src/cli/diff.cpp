// `openness diff OLD NEW`: two releases of one model under one rubric.

#include "openness/engine/diff.hpp"
#include "commands.hpp"
#include "openness/engine/evaluate.hpp"
#include "openness/report/diff.hpp"

#include <CLI/CLI.hpp>

#include <ostream>

namespace openness::cli {

namespace {

struct DiffOptions {
    std::string before;
    std::string after;
    std::string rubric{rubric::k_default_rubric};
    std::string format = "text";
    bool fail_on_regression = false;
    ReadOptions read;  // the size limit classify uses by default; --strict
};

constexpr const char* k_diff_exit_codes =
    "Exit codes:\n"
    "  0  compared (and, with --fail-on-regression, the new release is not less open)\n"
    "  1  --fail-on-regression: the new release has a lower tier or a lower score, or an\n"
    "     artifact's license became less specific\n"
    "  2  usage error: unknown flag, unknown rubric, malformed rubric\n"
    "  3  a manifest could not be read or is invalid\n"
    "  4  internal error\n";

int diff(const DiffOptions& options, std::ostream& out, std::ostream& err,
         const Environment& environment) {
    const util::FileSystem& files = file_system(environment);
    const std::shared_ptr<const rubric::Rubric> rubric = load_rubric(options.rubric, files, err);
    if (!rubric) {
        return exit_code(ExitCode::usage);
    }
    std::optional<engine::Verdict> verdicts[2];
    const std::string* paths[2] = {&options.before, &options.after};
    for (std::size_t i = 0; i < 2; ++i) {
        if (std::optional<manifest::Manifest> m =
                read_one_manifest(*paths[i], options.read, environment, err)) {
            verdicts[i] = engine::evaluate(rubric, *m);
        }
    }
    if (!verdicts[0] || !verdicts[1]) {
        return exit_code(ExitCode::invalid_input);
    }
    const engine::Diff result = engine::compare(std::move(*verdicts[0]), std::move(*verdicts[1]));
    out << report::render_diff(
        result, report::parse_diff_format(options.format).value_or(report::DiffFormat::text));
    out.flush();
    return options.fail_on_regression && result.regressed() ? exit_code(ExitCode::gate_failed)
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
                    "Bundled rubric ID or ID@VERSION, or a rubric file (default: openness, the "
                    "latest: openness@2.0; pin openness@1.0 for 1.0's scores)");
    cmd->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember(report::diff_format_names()));
    cmd->add_flag("--fail-on-regression", options->fail_on_regression,
                  "Exit 1 when the new release has a lower tier or a lower score, or an "
                  "artifact's license became less specific");
    cmd->add_flag("--strict", options->read.strict,
                  "Treat every input warning (an unknown key, a repaired mistake) as an error "
                  "(exit 3)");
    cmd->footer(k_diff_exit_codes);
    add_command(commands, cmd, options, diff);
}

}  // namespace openness::cli
