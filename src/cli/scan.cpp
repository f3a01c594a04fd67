// `openness scan PATH`: the manifest a release folder's files support, each fact with the file
// or link that showed it.

#include "commands.hpp"
#include "openness/engine/evaluate.hpp"
#include "openness/evidence/hub.hpp"
#include "openness/evidence/release.hpp"
#include "openness/manifest/json_writer.hpp"
#include "openness/report/neutralise.hpp"
#include "openness/rubric/rubric.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>

namespace openness::cli {

namespace {

struct ScanOptions {
    std::string path;
    bool offline = false;
    std::string format = "text";
    std::string rubric{rubric::k_default_rubric};
};

// Text from a release's files is hostile: one neutralising function for the terminal.
std::string plain(std::string_view text) {
    return report::terminal_text(text);
}

void print_text(const manifest::Manifest& m, const evidence::Evidence& e,
                const engine::Verdict& verdict, std::ostream& out) {
    out << plain(m.source) << ": " << plain(m.model.name) << "\n";
    out << "  evidence map: " << e.map_ref << "\n";
    if (!m.model.version.empty()) {
        out << "  revision: " << plain(m.model.version) << "\n";
    }
    out << "  access: " << (m.access ? manifest::access_name(*m.access) : "not shown") << "\n";
    out << "  tier: " << verdict.tier_info().id << " (" << verdict.rubric->ref() << ", score "
        << static_cast<long long>(verdict.score + 0.5) << ")\n";
    for (const manifest::ArtifactSpec& s : manifest::artifact_specs()) {
        const manifest::Artifact& a = m.artifact(s.id);
        const char* state = a.availability == manifest::Availability::released ? "released"
                            : a.availability == manifest::Availability::unknown
                                ? "unknown"
                                : "not released";
        out << "  " << s.key << ": " << state;
        if (a.license) {
            out << " under " << plain(*a.license);
        }
        out << "\n    from " << plain(a.provenance) << "\n";
    }
    for (const std::string& c : e.conflicts) {
        out << "  contradiction: " << plain(c) << "\n";
    }
    for (const std::string& l : m.limitations) {
        out << "  note: " << plain(l) << "\n";
    }
    for (const std::string& n : e.notes) {
        out << "  found: " << plain(n) << "\n";
    }
}

}  // namespace

evidence::ScanResult scan_release(const std::string& what, bool offline,
                                  const evidence::ScanOptions& options,
                                  const Environment& environment) {
    if (!evidence::is_hub_id(what)) {
        return evidence::scan_folder(file_system(environment), what, options);
    }
    const tl::expected<evidence::HubId, std::string> id = evidence::parse_hub_id(what);
    if (!id) {
        evidence::ScanResult bad;
        bad.diagnostics.push_back({util::Severity::error, what, {}, "", id.error()});
        return bad;
    }
    evidence::HubSettings settings = evidence::hub_settings(environment.variables);
    settings.offline = settings.offline || offline;
    return evidence::scan_hub(*id, settings, options);
}

namespace {

int scan(const ScanOptions& options, std::ostream& out, std::ostream& err,
         const Environment& environment) {
    const std::shared_ptr<const rubric::Rubric> rubric =
        load_one_rubric(options.rubric, "scan", file_system(environment), err);
    if (!rubric) {
        return exit_code(ExitCode::usage);
    }
    evidence::ScanOptions scan_options;
    scan_options.licenses = rubric->licenses.get();
    evidence::ScanResult result = scan_release(options.path, options.offline, scan_options, environment);
    for (const util::Diagnostic& d : result.diagnostics) {
        err << plain(util::render(d)) << "\n";
    }
    if (!result.manifest) {
        return exit_code(ExitCode::invalid_input);
    }
    if (options.format == "json") {
        out << manifest::write_manifest_json(*result.manifest);
        return exit_code(ExitCode::ok);
    }
    const engine::Verdict verdict = engine::evaluate(rubric, *result.manifest);
    print_text(*result.manifest, result.evidence, verdict, out);
    return exit_code(ExitCode::ok);
}

}  // namespace

void add_scan_command(CLI::App& app, Commands& commands) {
    auto options = std::make_shared<ScanOptions>();
    CLI::App* cmd = app.add_subcommand(
        "scan", "Derive a manifest from a release folder's files, each fact with its source");
    cmd->add_option("path", options->path,
                    "A release folder (e.g. a Hugging Face clone; LFS pointers are enough) or "
                    "hf:ORG/NAME[@REVISION]")
        ->required();
    cmd->add_flag("--offline", options->offline,
                  "hf: ids: use only the cache, never the network (as HF_HUB_OFFLINE=1)");
    cmd->add_option("--format", options->format,
                    "text (facts and where each came from) or json (a manifest v1 to complete)")
        ->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("--rubric", options->rubric,
                    "Rubric for the tier shown with the text output (default: openness)");
    cmd->footer("Exit codes:\n"
                "  0  the release was read and its manifest printed\n"
                "  2  usage error: unknown flag, unknown rubric, malformed rubric\n"
                "  3  the release could not be read (no such folder, an hf: id not found)\n"
                "  4  internal error\n");
    add_command(commands, cmd, options, scan);
}

}  // namespace openness::cli
