#include "openness/cli/run.hpp"
#include "openness/report/report.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using openness::cli::Environment;

TEST_CASE("every machine-readable format is colour-free, whatever forces colour",
          "[cli][color]") {
    Environment environment;
    environment.stdout_is_terminal = true;
    environment.variables["CLICOLOR_FORCE"] = "1";
    const std::string examples = std::string(OPENNESS_SOURCE_DIR) + "/examples";
    for (const std::string& format : openness::report::format_names()) {
        INFO(format);
        std::ostringstream out;
        std::ostringstream err;
        const int code = openness::cli::run({"openness", "classify", examples, "--format", format,
                                             "--color", "always", "--min-tier", "open-weights"},
                                            out, err, environment);
        CHECK(code == 1);
        const bool coloured = out.str().find('\x1b') != std::string::npos;
        CHECK(coloured == (format == "text"));
    }
}
