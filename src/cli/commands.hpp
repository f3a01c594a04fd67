#pragma once

// Subcommands that live in their own files under src/cli/, each behind a small hook that adds it
// to the CLI11 app; run.cpp calls add_commands() once and runs whichever was parsed.

#include "openness/cli/run.hpp"
#include "openness/manifest/manifest.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/file_system.hpp"

#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace openness::cli {

// One subcommand: the CLI11 app it added, and what runs when the command line names it. The
// options it parses into live in state the function shares.
struct Command {
    CLI::App* app = nullptr;
    std::function<int(std::ostream& out, std::ostream& err, const Environment& environment)> run;
};

// Adds badge, init, completion and the hidden __describe and __man to `app`.
std::vector<Command> add_commands(CLI::App& app);

// The hooks, one per file.
Command add_badge_command(CLI::App& app);       // badge.cpp
Command add_init_command(CLI::App& app);        // init.cpp
Command add_scan_command(CLI::App& app);        // scan.cpp
std::vector<Command> add_completion_commands(CLI::App& app);  // completion.cpp

// Shared by the commands: the process exit code of `c`.
inline int exit_code(ExitCode c) {
    return static_cast<int>(c);
}

// The version string, "0.1.0".
std::string tool_version();

// Reads and loads one manifest in any supported format from a file or "-" (standard input),
// writing its diagnostics to `err`; nullopt when it could not be loaded.
std::optional<manifest::Manifest> read_one_manifest(const std::string& path,
                                                    const Environment& environment,
                                                    std::ostream& err);

// The file system a command reads through: the environment's, else the real one in `real`.
const util::FileSystem& files_of(const Environment& environment, const util::RealFileSystem& real);

// The rubric a --rubric spec names, its problems written to `err`; nullptr when none.
std::shared_ptr<const rubric::Rubric> resolve_rubric_or_report(const std::string& spec,
                                                               const Environment& environment,
                                                               std::ostream& err);

// Writes `content` to `path`: atomically over an existing file with `replace`, else only when
// no file is there. False, with a message on `err`, when it could not.
bool write_output_file(const std::string& path, const std::string& content, bool replace,
                       std::ostream& err);

}  // namespace openness::cli
