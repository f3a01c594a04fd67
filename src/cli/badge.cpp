// `openness badge MANIFEST`: a README badge for one release, as SVG or shields.io endpoint JSON.

#include "commands.hpp"
#include "openness/engine/evaluate.hpp"
#include "openness/report/badge.hpp"
#include "openness/rubric/rubric.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>

namespace openness::cli {

namespace {

struct BadgeOptions {
    std::string manifest;
    std::string output;  // empty: stdout
    std::string format = "svg";
    std::string rubric{rubric::k_default_rubric};
    std::string label;  // empty: the rubric's id, which names what the badge measures
};

int badge(const BadgeOptions& options, const RubricPtr& rubric, std::ostream& out,
          std::ostream& err, const Environment& environment) {
    std::optional<manifest::Manifest> manifest =
        read_one_manifest(options.manifest, {}, environment, err);
    if (!manifest) {
        return exit_code(ExitCode::invalid_input);
    }
    const engine::Verdict verdict = engine::evaluate(rubric, *manifest);
    const std::string color = report::badge_color(verdict);
    const std::string& message = verdict.tier_info().label;
    const std::string& label = options.label.empty() ? rubric->id : options.label;
    const std::string content = options.format == "shields"
                                    ? report::badge_shields_json(label, message, color)
                                    : report::badge_svg(label, message, color);
    if (options.output.empty()) {
        out << content;
        return exit_code(ExitCode::ok);
    }
    const bool written =
        write_output_file(file_system(environment), options.output, content, true, err);
    return written ? exit_code(ExitCode::ok) : exit_code(ExitCode::internal);
}

}  // namespace

void add_badge_command(CLI::App& app, Commands& commands) {
    auto options = std::make_shared<BadgeOptions>();
    CLI::App* cmd = app.add_subcommand(
        "badge", "Write a README badge for a manifest's tier (flat SVG or shields.io JSON)");
    cmd->add_option("manifest", options->manifest, "Manifest file, or - for stdin")->required();
    cmd->add_option("--output,-o", options->output,
                    "Write the badge to this file (atomically) instead of stdout");
    cmd->add_option("--format", options->format,
                    "svg (the badge) or shields (a shields.io endpoint JSON)")
        ->check(CLI::IsMember({"svg", "shields"}));
    cmd->add_option("--rubric", options->rubric,
                    "Bundled rubric ID or ID@VERSION, or a rubric file (default: openness, the "
                    "latest: openness@2.0; pin openness@1.0 for 1.0's scores)");
    cmd->add_option("--label", options->label,
                    "Text of the badge's left half (default: the rubric's id: openness, mof, "
                    "osaid)");
    cmd->footer(exit_codes_footer(
        {k_exit_written,
         k_exit_usage_rubric,
         {ExitCode::invalid_input, "the manifest could not be read or is invalid"},
         {ExitCode::internal, "internal error, or the badge could not be written"}}));
    add_rubric_command(commands, cmd, options, badge);
}

}  // namespace openness::cli
