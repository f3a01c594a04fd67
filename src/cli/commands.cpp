// The command registry and what the commands share: the exit-code footer, the version, the file
// system, rubric loading and writing an output file.

#include "commands.hpp"

#include "openness/util/atomic_file.hpp"
#include "openness/util/printable.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ostream>

#ifndef OPENNESS_VERSION
#define OPENNESS_VERSION "0.0.0"
#endif

namespace openness::cli {

namespace {

// Every command, in the order `--help` lists them; one line each, so that adding one is one line.
// clang-format off
constexpr AddCommand k_commands[] = {
    add_classify_command,
    add_convert_command,
    add_schema_command,
    add_diff_command,
    add_rubric_command,
    add_badge_command,
    add_init_command,
    add_license_command,
    add_scan_command,
    add_verify_command,
    add_completion_commands,
};
// clang-format on

// What openness@2.0 changed and how to pin 1.0, before classify's exit codes.
constexpr std::string_view k_rubric_versions =
    "Rubrics: openness@2.0 is the default. Against 1.0, its score is banded by tier (a higher\n"
    "tier always scores above a lower one), api-only needs access api only, open-source is\n"
    "OSAID 1.0's bar (as osaid@1.0 reads it) and licenses are read with openness-licenses@2.0\n"
    "(model licenses, names as people write them). openness@1.0 is bundled unchanged: pin it\n"
    "with --rubric openness@1.0 to keep 1.0's verdicts and scores.\n"
    "\n";

}  // namespace

std::string exit_codes_footer(std::initializer_list<ExitMeaning> meanings) {
    std::string footer = "Exit codes:\n";
    for (const ExitMeaning& line : meanings) {
        const std::string code = fmt::format("{}", exit_code(line.code));
        const std::string indent(4 + code.size(), ' ');
        footer += "  " + code + "  ";
        for (const char c : line.meaning) {
            footer += c;
            if (c == '\n') {
                footer += indent;
            }
        }
        footer += '\n';
    }
    return footer;
}

std::string classify_footer() {
    return std::string(k_rubric_versions) +
           exit_codes_footer(
               {{ExitCode::ok, "every manifest was scored and every gate passed"},
                {ExitCode::gate_failed,
                 "a gate failed: a manifest is below --min-tier or contradicts --verify-against"},
                k_exit_usage_tier,
                {ExitCode::invalid_input,
                 "a manifest could not be read or is invalid (takes precedence over 1)"},
                {ExitCode::internal, "internal error, or the report could not be written"},
                {ExitCode::interrupted,
                 "interrupted by SIGINT (143: by SIGTERM); what was scored is reported, --output "
                 "is\nnot written"}});
}

Commands add_commands(CLI::App& app) {
    Commands commands;
    for (AddCommand add : k_commands) {
        add(app, commands);
    }
    return commands;
}

std::string tool_version() { return OPENNESS_VERSION; }

const util::FileSystem& file_system(const Environment& environment) {
    return environment.files != nullptr ? *environment.files : util::real_file_system();
}

std::shared_ptr<const rubric::Rubric> load_rubric(const std::string& spec,
                                                  const util::FileSystem& files,
                                                  std::ostream& err) {
    rubric::RubricLoadResult loaded = rubric::resolve_rubric(spec, files);
    if (!loaded.rubric) {
        for (const util::Diagnostic& d : loaded.diagnostics) {
            err << "openness: " << util::render(d) << "\n";
        }
    }
    return loaded.rubric;
}

bool resolve_rubrics(const std::string& spec, const util::FileSystem& files, Rubrics& out,
                     std::ostream& err) {
    std::vector<std::string> specs;
    if (spec == "all") {
        specs.emplace_back(rubric::k_default_rubric);
        for (const rubric::BundledRubric& b : rubric::bundled_rubrics()) {
            if (b.id != rubric::k_default_rubric &&
                std::find(specs.begin(), specs.end(), b.id) == specs.end()) {
                specs.push_back(b.id);
            }
        }
    } else {
        std::size_t start = 0;
        while (start <= spec.size()) {
            const std::size_t comma = spec.find(',', start);
            const std::size_t end = comma == std::string::npos ? spec.size() : comma;
            specs.push_back(spec.substr(start, end - start));
            start = end + 1;
        }
    }
    for (const std::string& one : specs) {
        if (one.empty()) {
            err << "openness: error: empty rubric name in --rubric '" << util::printable(spec)
                << "'\n";
            return false;
        }
        std::shared_ptr<const rubric::Rubric> loaded = load_rubric(one, files, err);
        if (!loaded) {
            return false;
        }
        out.push_back(std::move(loaded));
    }
    return true;
}

std::shared_ptr<const rubric::Rubric> load_one_rubric(const std::string& spec,
                                                      const std::string& command,
                                                      const util::FileSystem& files,
                                                      std::ostream& err) {
    if (spec == "all" || spec.find(',') != std::string::npos) {
        err << "openness: error: " << command << " measures with one rubric; name one (e.g. "
            << rubric::k_default_rubric
            << ", mof@1.0): 'all' and lists are for classify and diff\n";
        return nullptr;
    }
    return load_rubric(spec, files, err);
}

int run_with_rubric(const CLI::App& command, const std::string& spec, std::ostream& err,
                    const Environment& environment,
                    const std::function<int(const RubricPtr&)>& run) {
    const RubricPtr rubric =
        load_one_rubric(spec, command.get_name(), file_system(environment), err);
    return rubric ? run(rubric) : exit_code(ExitCode::usage);
}

void add_color_option(CLI::App* command, std::string& mode) {
    command->add_option("--color", mode, "Colour the text output")
        ->check(CLI::IsMember({"auto", "always", "never"}));
}

void add_offline_flag(CLI::App* command, bool& offline) {
    command->add_flag("--offline", offline,
                      "hf: ids: use only the cache, never the network (as HF_HUB_OFFLINE=1)");
}

bool use_color(const std::string& mode, const Environment& environment) {
    if (mode == "always") {
        return true;
    }
    if (mode == "never") {
        return false;
    }
    const auto& vars = environment.variables;
    if (vars.count("NO_COLOR") != 0 && !vars.at("NO_COLOR").empty()) {
        return false;
    }
    if (vars.count("CLICOLOR_FORCE") != 0 && vars.at("CLICOLOR_FORCE") != "0") {
        return true;
    }
    return environment.stdout_is_terminal;
}

bool write_output_file(const util::FileSystem& files, const std::string& path,
                       const std::string& content, bool replace, std::ostream& err) {
    if (replace) {
        const std::unique_ptr<util::OutputFile> file = files.write_atomically(path);
        if (file->ok()) {
            file->stream() << content;
            if (file->commit()) {
                return true;
            }
        }
        err << "openness: error: " << util::printable(file->error()) << "\n";
        return false;
    }
    const util::CreateResult created = files.create_exclusive(path, content);
    if (created.exists) {
        err << "openness: error: " << util::printable(path)
            << " already exists (use --force to overwrite it)\n";
    } else if (!created.ok) {
        err << "openness: error: " << util::printable(created.error) << "\n";
    }
    return created.ok;
}

std::string write_error_reason(int error) {
    switch (error) {
    case ENOSPC:
    case EPIPE:
    case EIO:
    case EFBIG:
    case EDQUOT:
    case EBADF:
    case ENXIO:
        return std::string(": ") + std::strerror(error);
    default:
        return "";
    }
}

}  // namespace openness::cli
