// `openness verify MANIFEST --against PATH|hf:ID`: a manifest's claims held against what the
// release shows. Each contradiction is an error at the manifest line that made the claim and
// fails the gate; the verdict is the lower of the two readings (claimed, shown).

#include "commands.hpp"
#include "openness/engine/evaluate.hpp"
#include "openness/evidence/verify.hpp"
#include "openness/report/neutralise.hpp"
#include "openness/util/printable.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iterator>
#include <ostream>

namespace openness::cli {

std::optional<evidence::ScanResult> read_evidence(const std::string& against, bool offline,
                                                  const rubric::Rubric& rubric, std::ostream& err,
                                                  const Environment& environment) {
    evidence::ScanOptions scan_options;
    scan_options.licenses = rubric.licenses.get();
    evidence::ScanResult shown = scan_release(against, offline, scan_options, environment);
    for (const util::Diagnostic& d : shown.diagnostics) {
        if (d.severity == util::Severity::error || !shown.manifest) {
            err << report::terminal_text(util::render(d)) << "\n";
        }
    }
    if (!shown.manifest) {
        return std::nullopt;
    }
    return shown;
}

Held hold_against(const manifest::Manifest& claimed, const evidence::ScanResult& shown,
                  const std::vector<std::shared_ptr<const rubric::Rubric>>& rubrics,
                  const util::FileSystem& files, std::uint64_t max_file_size,
                  report::Outcome& outcome) {
    const util::ReadResult text = files.read(claimed.source, max_file_size);
    const std::vector<util::Diagnostic> found =
        evidence::find_contradictions(claimed, text.content ? *text.content : std::string(),
                                      shown, rubrics.front()->licenses.get());
    manifest::Manifest release = *shown.manifest;
    release.source = claimed.source;  // reports point at the manifest's lines
    Held held;
    outcome.more_verdicts.clear();
    for (std::size_t i = 0; i < rubrics.size(); ++i) {
        engine::Verdict as_claimed = engine::evaluate(rubrics[i], claimed);
        engine::Verdict as_shown = engine::evaluate(rubrics[i], release);
        // The lower reading: a gate never passes on a claim the release does not bear out.
        const bool shown_lower =
            as_shown.tier < as_claimed.tier ||
            (as_shown.tier == as_claimed.tier && as_shown.score < as_claimed.score);
        engine::Verdict& lower = shown_lower ? as_shown : as_claimed;
        const engine::Verdict& higher = shown_lower ? as_claimed : as_shown;
        lower.warnings.push_back(fmt::format(
            "held against {}: this is the {} reading, the lower of the two (the {}'s: {}, score "
            "{:.1f})",
            shown.evidence.source, shown_lower ? "release's" : "manifest's",
            shown_lower ? "manifest" : "release", higher.tier_info().id, higher.score));
        if (i == 0) {
            held.shown_lower = shown_lower;
            outcome.verdict = std::move(lower);
        } else {
            outcome.more_verdicts.push_back(std::move(lower));
        }
    }
    outcome.diagnostics.insert(outcome.diagnostics.end(), found.begin(), found.end());
    held.contradictions = found.size();
    if (!found.empty()) {
        outcome.gate_failed = true;
        outcome.gate_reason = fmt::format("{} {} with {}", found.size(),
                                          found.size() == 1 ? "contradiction" : "contradictions",
                                          shown.evidence.source);
    }
    return held;
}

namespace {

struct VerifyOptions : ScoringOptions {
    std::string manifest;
    std::string against;
    std::string min_tier;
    bool offline = false;
};

int verify(const VerifyOptions& options, const RubricPtr& rubric, std::ostream& out,
           std::ostream& err, const Environment& environment) {
    std::optional<std::size_t> gate;
    if (!options.min_tier.empty()) {
        gate = rubric->find_tier(options.min_tier);
        if (!gate) {
            err << "openness: error: unknown tier '" << util::printable(options.min_tier)
                << "' for "
                << rubric->ref() << "\n";
            return exit_code(ExitCode::usage);
        }
    }
    Input input;
    input.path = options.manifest;
    input.regular_file = true;
    manifest::Manifest claimed;
    bool valid = false;
    report::Outcome outcome =
        read_input(input, file_system(environment), options.read, environment, claimed, valid);
    const std::optional<evidence::ScanResult> shown =
        read_evidence(options.against, options.offline, *rubric, err, environment);
    if (!shown) {
        return exit_code(ExitCode::invalid_input);
    }
    report::Options report_options;
    report_options.rubric = rubric;
    report_options.color = use_color(options.color, environment);
    std::unique_ptr<report::Reporter> reporter =
        report::make_reporter(options.format, out, report_options);
    report::Summary summary;
    for (const rubric::Tier& t : rubric->tiers) {
        summary.tier_order.push_back(t.id);
    }
    summary.gate_set = true;
    summary.gate = fmt::format("verify --against {}", options.against);
    if (!options.min_tier.empty()) {
        fmt::format_to(std::back_inserter(summary.gate), " --min-tier {}", options.min_tier);
    }
    reporter->begin();
    if (valid) {
        const std::size_t before = outcome.diagnostics.size();
        const Held held = hold_against(claimed, *shown, {rubric}, file_system(environment),
                                       options.read.max_file_size, outcome);
        if (gate && outcome.verdict->tier < *gate) {
            fmt::format_to(std::back_inserter(outcome.gate_reason),
                           "{}tier {} (the {} reading, the lower) is below the minimum {}",
                           outcome.gate_failed ? "; " : "", outcome.verdict->tier_info().id,
                           held.shown_lower ? "release's" : "manifest's", rubric->tiers[*gate].id);
            outcome.gate_failed = true;
            outcome.gate_shortfalls.push_back(engine::shortfall(*outcome.verdict, *gate));
        }
        for (std::size_t i = before; i < outcome.diagnostics.size(); ++i) {
            err << report::terminal_text(util::render(outcome.diagnostics[i])) << "\n";
        }
    } else {
        for (const util::Diagnostic& d : outcome.diagnostics) {
            err << report::terminal_text(util::render(d)) << "\n";
        }
        outcome.gate_failed = true;
        outcome.gate_reason = "invalid manifest";
    }
    summary.add(outcome);
    reporter->add(outcome);
    reporter->end(summary);
    if (!valid) {
        return exit_code(ExitCode::invalid_input);
    }
    return outcome.gate_failed ? exit_code(ExitCode::gate_failed) : exit_code(ExitCode::ok);
}

}  // namespace

void add_verify_command(CLI::App& app, Commands& commands) {
    auto options = std::make_shared<VerifyOptions>();
    CLI::App* cmd = app.add_subcommand(
        "verify", "Hold a manifest's claims against what its release folder or Hub repository shows");
    cmd->add_option("manifest", options->manifest, "The manifest (any format classify reads)")
        ->required();
    cmd->add_option("--against", options->against,
                    "The release: a folder (e.g. a Hugging Face clone) or hf:ORG/NAME[@REVISION]")
        ->required();
    cmd->add_option("--rubric", options->rubric,
                    "Bundled rubric ID or ID@VERSION, or a rubric file (default: openness)");
    cmd->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember(report::format_names()));
    add_color_option(cmd, options->color);
    cmd->add_option("--min-tier", options->min_tier,
                    "Also fail when the lower of the two readings is below this tier");
    add_offline_flag(cmd, options->offline);
    cmd->footer(exit_codes_footer(
        {{ExitCode::ok, "the release bears out every claim, and the gate passed"},
         {ExitCode::gate_failed,
          "a claim contradicts the release, or the lower reading is below --min-tier"},
         k_exit_usage_tier,
         {ExitCode::invalid_input,
          "the manifest or the release could not be read, or the manifest is invalid"},
         k_exit_internal}));
    add_rubric_command(commands, cmd, options, verify);
}

}  // namespace openness::cli
