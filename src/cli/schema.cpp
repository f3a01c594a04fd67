// `openness schema`: prints the JSON Schema of manifest format v1.

#include "commands.hpp"

#include <CLI/CLI.hpp>

#include <ostream>

namespace openness::cli {

void add_schema_command(CLI::App& app, Commands& commands) {
    CLI::App* cmd = app.add_subcommand("schema", "Print the JSON Schema of manifest format v1");
    cmd->footer(
        exit_codes_footer({k_exit_printed, {ExitCode::usage, "usage error: unknown flag"}}));
    commands.push_back({cmd, [](std::ostream& out, std::ostream&, const Environment&) {
                            out << manifest::manifest_schema();
                            return exit_code(ExitCode::ok);
                        }});
}

}  // namespace openness::cli
