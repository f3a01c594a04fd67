#pragma once

// Running the CLI in a test: `openness ARGS` through cli::run, with what it wrote and returned.

#include "openness/cli/run.hpp"
#include "openness/util/file_system.hpp"

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

// Runs `openness` with `args` on `files`, an in-memory disk it reads and writes (paths it does
// not hold read as missing).
inline Result invoke_on(const util::MemoryFileSystem& files, std::vector<std::string> args) {
    cli::Environment environment;
    environment.files = &files;
    return invoke(std::move(args), environment);
}

// The path of one of the bundled examples.
inline std::string example(const std::string& name) {
    return std::string(OPENNESS_SOURCE_DIR) + "/examples/" + name;
}

}  // namespace openness::test
