#pragma once

// The command registry: each subcommand lives in its own file under src/cli/ and adds itself to
// the CLI11 app through one hook; `k_commands` in commands.cpp lists the hooks, in the order
// `--help` shows the commands. run.cpp parses the command line and runs whichever was named.
//
// Adding a command: write `src/cli/NAME.cpp` with `void add_NAME_command(CLI::App&, Commands&)`,
// declare the hook below, and add it to `k_commands`.

#include "openness/cli/inputs.hpp"
#include "openness/cli/run.hpp"
#include "openness/evidence/release.hpp"
#include "openness/manifest/load.hpp"
#include "openness/manifest/manifest.hpp"
#include "openness/report/report.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/file_system.hpp"

#include <atomic>
#include <cstdint>
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

// What runs when the command line names a command; the options it reads live in state the
// function shares with the hook that parsed them.
using RunCommand =
    std::function<int(std::ostream& out, std::ostream& err, const Environment& environment)>;

// One subcommand: the CLI11 app it added, and what runs it.
struct Command {
    CLI::App* app = nullptr;
    RunCommand run;
};
using Commands = std::vector<Command>;

// A hook: adds its subcommand(s) to `app` and what runs each to `commands`.
using AddCommand = void (*)(CLI::App& app, Commands& commands);

// The hooks, one per file.
void add_classify_command(CLI::App& app, Commands& commands);     // classify.cpp
void add_convert_command(CLI::App& app, Commands& commands);      // convert.cpp
void add_schema_command(CLI::App& app, Commands& commands);       // schema.cpp
void add_diff_command(CLI::App& app, Commands& commands);         // diff.cpp
void add_rubric_command(CLI::App& app, Commands& commands);       // rubric.cpp
void add_badge_command(CLI::App& app, Commands& commands);        // badge.cpp
void add_init_command(CLI::App& app, Commands& commands);         // init.cpp
void add_scan_command(CLI::App& app, Commands& commands);         // scan.cpp
void add_verify_command(CLI::App& app, Commands& commands);       // verify.cpp
void add_completion_commands(CLI::App& app, Commands& commands);  // completion.cpp
void add_license_command(CLI::App& app, Commands& commands);      // license.cpp

// Adds `app` to `commands`, run as `run(*options, out, err, environment)` with the options its
// flags were parsed into.
template <typename Options, typename Run>
void add_command(Commands& commands, CLI::App* app, std::shared_ptr<Options> options, Run run) {
    commands.push_back(
        {app, [options, run](std::ostream& out, std::ostream& err, const Environment& environment) {
             return run(*options, out, err, environment);
         }});
}

// Adds every registered command to `app`, in registry order.
Commands add_commands(CLI::App& app);

// The "Exit codes:" footer of `--help`, `classify --help` and `convert --help`.
extern const char* const k_exit_codes;

// What openness@2.0 changed and how to pin 1.0, before the exit codes of `--help` and
// `classify --help`.
extern const char* const k_rubric_versions;

// ": No space left on device" for an errno a failed write leaves (ENOSPC, EPIPE, EIO, EFBIG,
// EDQUOT, EBADF, ENXIO), else "" (errno may be left over from something else).
std::string write_error_reason(int error);

// Marks `environment` as waiting on standard input for its lifetime.
class StdinWait {
public:
    explicit StdinWait(const Environment& environment) : m_flag(environment.waiting_on_stdin) {
        if (m_flag != nullptr) {
            m_flag->store(true);
        }
    }
    ~StdinWait() {
        if (m_flag != nullptr) {
            m_flag->store(false);
        }
    }
    StdinWait(const StdinWait&) = delete;
    StdinWait& operator=(const StdinWait&) = delete;

private:
    std::atomic<bool>* m_flag;
};

// The process exit code of `c`.
inline int exit_code(ExitCode c) { return static_cast<int>(c); }

// The version string, "0.1.0".
std::string tool_version();

// The file system the commands use: the Environment's, or the real one.
const util::FileSystem& file_system(const Environment& environment);

// Resolves a bundled rubric id[@version] or a rubric file; on failure writes its diagnostics to
// `err` as "openness: FILE:LINE:COL: error: ..." and returns nullptr.
std::shared_ptr<const rubric::Rubric> load_rubric(const std::string& spec,
                                                  const util::FileSystem& files, std::ostream& err);

using Rubrics = std::vector<std::shared_ptr<const rubric::Rubric>>;

// Resolves "--rubric A,B" or "all" (every bundled rubric, openness first) into `out`; false
// after a message on `err`.
bool resolve_rubrics(const std::string& spec, const util::FileSystem& files, Rubrics& out,
                     std::ostream& err);

// Loads the one rubric a command measures with; "all" or a list is refused with a message naming
// the commands that take several. nullptr after a message on `err`.
std::shared_ptr<const rubric::Rubric> load_one_rubric(const std::string& spec,
                                                      const std::string& command,
                                                      const util::FileSystem& files,
                                                      std::ostream& err);

// Adds the global --color auto|always|never option to a command that writes text.
void add_color_option(CLI::App* command, std::string& mode);

// Whether text output is coloured: --color always/never, else NO_COLOR, CLICOLOR_FORCE and
// whether stdout is a terminal.
bool use_color(const std::string& mode, const Environment& environment);

// The evidence a release folder or an hf: id shows (scan.cpp); --offline or HF_HUB_OFFLINE=1
// keeps hf: ids to the cache.
evidence::ScanResult scan_release(const std::string& what, bool offline,
                                  const evidence::ScanOptions& options,
                                  const Environment& environment);

// Reads one --release input (a folder or an hf: id) into `manifest`; the outcome's source is
// the folder, or the hf: id with the commit sha it resolved to (release_input.cpp).
report::Outcome read_release(const Input& input, bool offline, const license::LicenseTable* table,
                             const Environment& environment, manifest::Manifest& manifest,
                             bool& valid);

// The inputs of --release and of the --hf-list file, in that order; false (with a message on
// `err`) when the list cannot be read.
bool release_inputs(const std::vector<std::string>& releases, const std::string& hf_list,
                    const util::FileSystem& files, std::vector<Input>& out, std::ostream& err);

// How a manifest held against its release came out (verify.cpp).
struct Held {
    std::size_t contradictions = 0;  // each is an error diagnostic on the outcome
    bool shown_lower = false;        // the main rubric's lower reading is the release's
};

// The release a manifest is held against (verify --against, classify --verify-against): a
// folder or an hf: id, identified with `rubric`'s license table; nullopt after writing why it
// could not be read to `err`.
std::optional<evidence::ScanResult> read_evidence(const std::string& against, bool offline,
                                                  const rubric::Rubric& rubric, std::ostream& err,
                                                  const Environment& environment);

// Holds `claimed` (loaded from the file outcome.source names, whose text `files` reads again
// for line numbers) against what `shown` shows: each contradiction becomes an error diagnostic
// at the manifest line that made the claim, and each verdict (rubrics[0]'s in outcome.verdict,
// the others' in outcome.more_verdicts) is the lower of the manifest's reading and the
// release's. Contradictions fail the gate (outcome.gate_failed, gate_reason); the caller then
// checks --min-tier and --min-score against these lower verdicts.
Held hold_against(const manifest::Manifest& claimed, const evidence::ScanResult& shown,
                  const std::vector<std::shared_ptr<const rubric::Rubric>>& rubrics,
                  const util::FileSystem& files, std::uint64_t max_file_size,
                  report::Outcome& outcome);

// How inputs are read: the size limit, a forced format, lenient importing.
struct ReadOptions {
    std::uint64_t max_file_size = 16U * 1024U * 1024U;  // --max-file-size
    std::optional<manifest::InputFormat> input_format;  // nullopt: detect from content
    bool lenient = false;  // importers accept known real-world mistakes with warnings
    bool strict = false;   // every input warning is an error (--strict)
};

// Reads and loads one input into `manifest`, reusing its memory (a batch keeps one per thread),
// and returns the outcome without a verdict; `valid` tells whether `manifest` holds the input.
report::Outcome read_input(const Input& input, const util::FileSystem& files,
                           const ReadOptions& options, const Environment& environment,
                           manifest::Manifest& manifest, bool& valid);

// read_input for a command that reads one manifest: writes its diagnostics to `err`; nullopt
// when it could not be loaded.
std::optional<manifest::Manifest> read_one_manifest(const std::string& path,
                                                    const ReadOptions& options,
                                                    const Environment& environment,
                                                    std::ostream& err);

// Writes `content` to `path`: atomically over an existing file with `replace`, else only when
// no file is there. False, with a message on `err`, when it could not.
bool write_output_file(const util::FileSystem& files, const std::string& path,
                       const std::string& content, bool replace, std::ostream& err);

}  // namespace openness::cli
