// `openness convert FILE --to manifest|mof`: reads one input in any format and writes it as a
// native manifest to complete by hand, or as a MOF model.yml.

#include "commands.hpp"
#include "openness/manifest/json_writer.hpp"
#include "openness/manifest/mof_loader.hpp"
#include "openness/util/printable.hpp"

#include <CLI/CLI.hpp>

#include <ostream>

namespace openness::cli {

namespace {

// The formats `convert --to` writes.
const std::vector<std::string> k_convert_targets = {"manifest", "mof"};

struct ConvertOptions {
    std::string path;
    std::string to;
    std::string output;        // empty: stdout
    std::string input_format;  // empty: detect from content
    ReadOptions read;
};

int convert(ConvertOptions& options, std::ostream& out, std::ostream& err,
            const Environment& environment) {
    if (!options.input_format.empty()) {
        options.read.input_format = manifest::parse_format_name(options.input_format);
    }
    const std::optional<manifest::Manifest> manifest =
        read_one_manifest(options.path, options.read, environment, err);
    if (!manifest) {
        return exit_code(ExitCode::invalid_input);
    }
    const std::string text = options.to == "mof" ? manifest::write_mof_yaml(*manifest)
                                                 : manifest::write_manifest_json(*manifest);
    if (options.output.empty()) {
        out << text;
        return exit_code(ExitCode::ok);
    }
    const std::unique_ptr<util::OutputFile> file =
        file_system(environment).write_atomically(options.output);
    if (!file->ok()) {
        err << "openness: error: " << util::printable(file->error()) << "\n";
        return exit_code(ExitCode::usage);
    }
    file->stream() << text;
    if (!file->commit()) {
        err << "openness: error: " << util::printable(file->error()) << "\n";
        return exit_code(ExitCode::internal);
    }
    return exit_code(ExitCode::ok);
}

}  // namespace

void add_convert_command(CLI::App& app, Commands& commands) {
    auto options = std::make_shared<ConvertOptions>();
    CLI::App* cmd = app.add_subcommand(
        "convert",
        "Turn a model card, CycloneDX BOM, SPDX 3 document, MOF model.yml or manifest into a "
        "native manifest (--to manifest) or a MOF model.yml (--to mof)");
    cmd->add_option("file", options->path, "The file to convert, or - for stdin")->required();
    cmd->add_option("--to", options->to, "Output format")
        ->required()
        ->check(CLI::IsMember(k_convert_targets));
    cmd->add_option("--output,-o", options->output,
                    "Write to this file (atomically) instead of stdout");
    cmd->add_option("--input-format", options->input_format,
                    "Read the input as this format instead of detecting it from content")
        ->check(CLI::IsMember(manifest::format_names()));
    cmd->add_flag("--lenient", options->read.lenient,
                  "Importers only: accept the mistakes real CycloneDX/SPDX files are published "
                  "with");
    cmd->add_flag("--strict", options->read.strict,
                  "Treat every input warning (an unknown key, a repaired mistake) as an error "
                  "(exit 3)");
    cmd->add_option("--max-file-size", options->read.max_file_size,
                    "Refuse inputs larger than this many bytes (default 16 MiB)");
    cmd->footer(exit_codes_footer(
        {k_exit_written,
         {ExitCode::usage,
          "usage error: unknown flag or target format, or the output file could not\nbe opened"},
         {ExitCode::invalid_input, "the input could not be read or is invalid"},
         {ExitCode::internal, "internal error, or the output could not be written"}}));
    add_command(commands, cmd, options, convert);
}

}  // namespace openness::cli
