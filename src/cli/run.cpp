// The top of the CLI: builds the CLI11 app from the command registry, parses the command line,
// runs the command it names, and holds the one catch that turns anything unexpected into
// "openness: error: ..." and exit 4.

#include "openness/cli/run.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/embedded.hpp"

#include "commands.hpp"

#include "openness/util/printable.hpp"
#include "openness/util/strings.hpp"
#include "openness/util/suggest.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
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

// After a parse error: what went wrong in a user's words when it is a mistyped command or an
// unknown long flag (with a did-you-mean when one is close), as lines for stderr; empty when the
// error is something else, which CLI11's own message then describes.
// Each line of `text` made safe for a terminal or a CI log (util::printable), its line breaks
// kept: CLI11's messages and mistakes() quote the arguments as given, escapes and all.
std::string printable_lines(const std::string& text) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        util::append_printable(out, std::string_view(text).substr(
                                        start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos) {
            break;
        }
        out += '\n';
        start = end + 1;
    }
    return out;
}

// "'x' is not a command; did you mean 'y'?", or with nothing close the list of what is.
std::string not_one_of(const std::string& arg, const std::vector<std::string>& names,
                       const std::string& what) {
    std::string out = "openness: error: '" + arg + "' is not a " + what;
    if (std::optional<std::string> match = util::closest_match(arg, names)) {
        return out + "; did you mean '" + *match + "'?\n";
    }
    out += " (" + what + "s:";
    for (const std::string& name : names) {
        out += " " + name;
    }
    return out + ")\n";
}

// The subcommand of `app` named `name`, or nullptr.
const CLI::App* find_subcommand(const CLI::App& app, const std::string& name) {
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (sub->get_name() == name) {
            return sub;
        }
    }
    return nullptr;
}

// The error line for `arg` (--name or --name=value) when it is no long flag of `owner`; empty
// when it is one.
std::string unknown_flag(const CLI::App& owner, const std::string& arg) {
    const std::size_t eq = arg.find('=');
    const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    std::vector<std::string> flags;
    for (const CLI::Option* option : owner.get_options()) {
        for (const std::string& long_name : option->get_lnames()) {
            if (long_name == name) {
                return "";
            }
            flags.push_back(long_name);
        }
    }
    std::string out = "openness: error: unknown flag '--" + name + "'";
    if (std::optional<std::string> match = util::closest_match(name, flags)) {
        out += "; did you mean '--" + *match + "'?";
    }
    return out + "\n";
}

std::string mistakes(const CLI::App& app, const std::vector<std::string>& args) {
    std::vector<std::string> commands;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (sub->get_name().rfind("__", 0) != 0) {
            commands.push_back(sub->get_name());
        }
    }
    std::string out;
    const CLI::App* command = nullptr;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--") {
            break;
        }
        const bool word = !arg.empty() && arg[0] != '-';
        if (word && command == nullptr) {
            command = find_subcommand(app, arg);
            if (command == nullptr) {
                return not_one_of(arg, commands, "command");
            }
        } else if (word) {
            // A subcommand of the command (rubric show, license identify) owns what follows; a
            // command that needs one gets a did-you-mean for a slip.
            const auto nested = command->get_subcommands([](const CLI::App*) { return true; });
            if (const CLI::App* found = find_subcommand(*command, arg)) {
                command = found;
            } else if (!nested.empty() && command->get_require_subcommand_min() > 0) {
                std::vector<std::string> names;
                for (const CLI::App* sub : nested) {
                    names.push_back(sub->get_name());
                }
                return not_one_of(arg, names, command->get_name() + " command");
            }
        } else if (arg.size() >= 3 && util::starts_with(arg, "--")) {
            out += unknown_flag(command != nullptr ? *command : app, arg);
        }
    }
    return out;
}

int run_app(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
            const Environment& environment) {
    CLI::App app{"openness: how open is this AI model release, really?"};
    app.name("openness");
    app.footer(std::string(k_rubric_versions) + k_exit_codes);
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
        const std::string explained = mistakes(app, args);
        err << printable_lines(explained.empty()
                                   ? "openness: error: " + std::string(e.what()) + "\n"
                                   : explained);
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
        const int status = run_app(args, out, err, environment);
        // Every command: output that did not reach its reader is a failure, never exit 0
        // (`openness schema > /dev/full`). A command that already said so keeps its words.
        out.flush();
        const int write_error = errno;
        if (!out && status != exit_code(ExitCode::internal) &&
            status != exit_code(ExitCode::interrupted) &&
            status != exit_code(ExitCode::terminated)) {
            err << "openness: error: cannot write to standard output"
                << write_error_reason(write_error)
                << "\n";
            return exit_code(ExitCode::internal);
        }
        return status;
    } catch (const std::exception& e) {
        err << "openness: error: " << util::printable(e.what()) << "\n";
    } catch (...) {
        err << "openness: error: unexpected failure\n";
    }
    return exit_code(ExitCode::internal);
}

}  // namespace openness::cli
