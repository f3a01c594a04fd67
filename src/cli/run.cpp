// The top of the CLI: builds the CLI11 app from the command registry, parses the command line,
// runs the command it names, and holds the one catch that turns anything unexpected into
// "openness: error: ..." and exit 4.

#include "openness/cli/run.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/embedded.hpp"

#include "commands.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <exception>
#include <ostream>

namespace openness::cli {

namespace {

// Names each bundled rubric with the digest computed at build time: nothing is parsed or hashed.
std::string version_text() {
    std::string text = "openness " + tool_version() + "\nbundled rubrics:\n";
    for (const rubric::BundledRubric& b : rubric::bundled_rubrics()) {
        text += "  " + b.id + "@" + b.version;
        if (const std::string_view* sha256 = util::bundled_rubric_sha256(b.path)) {
            text += "  sha256:" + std::string(*sha256);
        }
        text += "\n";
    }
    return text;
}

int run_app(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
            const Environment& environment) {
    CLI::App app{"openness: how open is this AI model release, really?"};
    app.name("openness");
    app.footer(k_exit_codes);
    app.require_subcommand(0, 1);
    bool show_version = false;
    app.add_flag("--version", show_version, "Print the version and the bundled rubrics");
    const Commands commands = add_commands(app);

    // CLI11 takes the arguments last first.
    std::vector<std::string> rest(args.size() > 1 ? args.begin() + 1 : args.end(), args.end());
    std::reverse(rest.begin(), rest.end());
    try {
        app.parse(rest);
    } catch (const CLI::CallForHelp&) {
        out << app.help();
        return exit_code(ExitCode::ok);
    } catch (const CLI::CallForAllHelp&) {
        out << app.help("", CLI::AppFormatMode::All);
        return exit_code(ExitCode::ok);
    } catch (const CLI::ParseError& e) {
        err << "openness: error: " << e.what() << "\n";
        err << "Run 'openness --help' for usage.\n";
        return exit_code(ExitCode::usage);
    }
    if (show_version) {
        out << version_text();
        return exit_code(ExitCode::ok);
    }
    for (const Command& command : commands) {
        if (command.app->parsed()) {
            return command.run(out, err, environment);
        }
    }
    out << app.help();
    return exit_code(ExitCode::usage);
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
    return exit_code(ExitCode::internal);
}

}  // namespace openness::cli
