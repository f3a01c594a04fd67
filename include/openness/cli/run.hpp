#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace openness::cli {

// Exit codes; documented in --help and the README.
enum class ExitCode : int {
    ok = 0,             // every manifest scored, every gate passed
    gate_failed = 1,    // a manifest is below --min-tier (or --min-score)
    usage = 2,          // bad flags, unknown rubric or tier, malformed rubric
    invalid_input = 3,  // a manifest could not be read or is invalid (wins over gate_failed)
    internal = 4,       // an unexpected internal error
};

// Runs the command line `args` (args[0] is the program name); returns the process exit code.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace openness::cli
