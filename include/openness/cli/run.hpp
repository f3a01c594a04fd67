#pragma once

#include <atomic>
#include <cstddef>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace openness::util {
class FileSystem;
}

namespace openness::cli {

// Exit codes; documented in --help and the README.
enum class ExitCode : int {
    ok = 0,             // every manifest scored, every gate passed
    gate_failed = 1,    // a manifest is below --min-tier (or --min-score)
    usage = 2,          // bad flags, unknown rubric or tier, malformed rubric
    invalid_input = 3,  // a manifest could not be read or is invalid (wins over gate_failed)
    internal = 4,       // an unexpected internal error, or the report could not be written
    interrupted = 130,  // SIGINT stopped a batch (128 + the signal number)
    terminated = 143,   // SIGTERM stopped a batch
};

// What the process knows about its surroundings; main fills it, tests fake it.
struct Environment {
    std::istream* in = nullptr;             // standard input, for the path "-"
    bool stdin_is_terminal = false;         // `init` asks its questions only on a terminal
    bool stdout_is_terminal = false;
    bool stderr_is_terminal = false;
    // The terminal's width when stdout is a terminal, else $COLUMNS, else 100; text output wraps
    // to it only when stdout is a terminal.
    std::size_t terminal_columns = 100;
    std::map<std::string, std::string> variables;  // NO_COLOR, CLICOLOR_FORCE, CI, ...
    const util::FileSystem* files = nullptr;       // nullptr: the real file system
    // Set to SIGINT or SIGTERM by main's signal handler: a batch then takes no new input,
    // finishes what is in flight and exits 130 or 143. nullptr: never interrupted.
    const std::atomic<int>* interrupt = nullptr;
    // Set while a command waits on standard input (`-`, `license -`, init's questions), so main's
    // signal watcher can tell a run blocked on a pipe that stays open (which it ends) from one
    // still finishing its work after the signal (which it lets finish). nullptr: not watched.
    std::atomic<bool>* waiting_on_stdin = nullptr;
};

// Runs the command line `args` (args[0] is the program name); returns the process exit code.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const Environment& environment = {});

}  // namespace openness::cli
