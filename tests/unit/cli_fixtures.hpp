#pragma once

// Running the CLI in a test: `openness ARGS` through cli::run, with what it wrote and returned.

#include "openness/cli/run.hpp"

#include <sstream>
#include <string>
#include <vector>

namespace openness::test {

struct Result {
    int code;
    std::string out;
    std::string err;
};

// Runs `openness` with `args` (the program name is added) in `environment`.
inline Result invoke(std::vector<std::string> args, const cli::Environment& environment = {}) {
    args.insert(args.begin(), "openness");
    std::ostringstream out;
    std::ostringstream err;
    const int code = cli::run(args, out, err, environment);
    return {code, out.str(), err.str()};
}

// The path of one of the bundled examples.
inline std::string example(const std::string& name) {
    return std::string(OPENNESS_SOURCE_DIR) + "/examples/" + name;
}

}  // namespace openness::test
