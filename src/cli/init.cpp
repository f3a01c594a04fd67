// `openness init [FILE]`: writes a manifest v1 for a release, from flags, from an existing model
// card / BOM / model.yml (--from), or question by question on a terminal. It never overwrites a
// file without --force.

#include "commands.hpp"
#include "openness/engine/evaluate.hpp"
#include "openness/manifest/json_writer.hpp"
#include "openness/manifest/load.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/printable.hpp"
#include "openness/util/strings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <istream>
#include <memory>
#include <ostream>

namespace openness::cli {

namespace {

// What each artifact is, in the words `init` asks about it (report order).
constexpr const char* k_meanings[manifest::k_artifact_count] = {
    "the trained parameters of the released model",
    "checkpoints saved during training",
    "the code or specification that defines the model's structure",
    "the training settings: learning rate, batch size, schedule and the like",
    "the datasets the model was trained on",
    "the datasets the model was evaluated on",
    "documentation of the training data: sources, filtering, composition",
    "the code that trained the model",
    "the code that runs the model",
    "the code that evaluated the model",
    "the code that collected, filtered and prepared the data",
    "libraries and tools written for the model (tokenizers, kernels, ...)",
    "the model card: intended use, limitations, risks",
    "a technical report on how the model was built",
    "a research paper about the model (peer-reviewed or preprint)",
    "published benchmark and evaluation results",
    "examples of the model's outputs",
};

struct InitOptions {
    std::string file = "openness.json";
    std::string from;
    std::string name;
    std::string version;
    std::string organization;
    std::string license;
    std::string access;
    std::string url;
    std::string release_date;
    std::vector<std::string> released;  // KEY or KEY=LICENSE
    std::string rubric{rubric::k_default_rubric};  // the tier reported, the license table asked
    bool force = false;
    bool no_input = false;
    // The options above that were given, to tell "not given" from "given empty".
    CLI::Option* version_option = nullptr;
    CLI::Option* organization_option = nullptr;
    CLI::Option* license_option = nullptr;
    CLI::Option* access_option = nullptr;
    CLI::Option* url_option = nullptr;
    CLI::Option* release_date_option = nullptr;
};

// Thrown when standard input ends in the middle of the questions; caught in init().
struct InputEnded {};

// Asks questions on a terminal: the question and its default on `out`, the answer from `in`.
class Asker {
public:
    Asker(std::istream& in, std::ostream& out) : m_in(in), m_out(out) {}

    // One line of answer; the default when it is empty, "" when it is "-".
    std::string ask(const std::string& question, const std::string& current) {
        m_out << question;
        if (!current.empty()) {
            m_out << " [" << current << "]";
        }
        m_out << ": " << std::flush;
        std::string line;
        if (!std::getline(m_in, line)) {
            m_out << "\n";
            throw InputEnded{};
        }
        line = std::string(util::trim(line, " \t\r"));
        if (line.empty()) {
            return current;
        }
        return line == "-" ? std::string() : line;
    }

    // Asks until the answer is one of `choices`.
    std::string choose(const std::string& question, const std::vector<std::string>& choices,
                       const std::string& current) {
        for (;;) {
            const std::string answer = ask(question, current);
            for (const std::string& c : choices) {
                if (answer == c) {
                    return answer;
                }
            }
            m_out << "  please answer one of:";
            for (const std::string& c : choices) {
                m_out << " " << c;
            }
            m_out << "\n";
        }
    }

    // y/n/? (released, not released, not stated); the default when the answer is empty.
    manifest::Availability released(const std::string& question, manifest::Availability current) {
        const char* hint = current == manifest::Availability::released  ? " [Y/n/?]"
                           : current == manifest::Availability::unknown ? " [y/n/?, now ?]"
                                                                        : " [y/N/?]";
        for (;;) {
            m_out << question << hint << ": " << std::flush;
            std::string line;
            if (!std::getline(m_in, line)) {
                m_out << "\n";
                throw InputEnded{};
            }
            line = util::lower(util::trim(line, " \t\r"));
            if (line.empty()) {
                return current;
            }
            if (line == "y" || line == "yes") {
                return manifest::Availability::released;
            }
            if (line == "n" || line == "no") {
                return manifest::Availability::not_released;
            }
            if (line == "?") {
                return manifest::Availability::unknown;
            }
            m_out << "  please answer y (released), n (not released) or ? (not known)\n";
        }
    }

    std::ostream& out() { return m_out; }

private:
    std::istream& m_in;
    std::ostream& m_out;
};

constexpr const char* k_date_form = "write it as YYYY-MM-DD (e.g. 2024-06-13)";

// Asks for a release date until the answer is one (or blank).
std::string ask_date(Asker& ask, const std::string& current) {
    for (;;) {
        const std::string date = ask.ask("Release date (YYYY-MM-DD)", current);
        if (date.empty() || manifest::is_calendar_date(date)) {
            return date;
        }
        ask.out() << "  '" << date << "' is not a date: " << k_date_form << "\n";
    }
}

// Asks for a license until the default rubric's table can read the answer (or it is blank),
// and says how it reads it: a license nobody can read would count as not open without a word.
std::optional<std::string> ask_license(Asker& ask, const std::string& question,
                                       const std::optional<std::string>& current,
                                       const rubric::Rubric* rubric, const char* indent) {
    for (;;) {
        const std::string text = ask.ask(question, current.value_or(""));
        if (text.empty()) {
            return std::nullopt;
        }
        if (rubric == nullptr) {
            return text;
        }
        const license::Classification c = rubric->licenses->classify(text);
        if (c.parsed) {
            ask.out() << indent << c.explanation << "\n";
            return text;
        }
        ask.out() << indent << "'" << text << "' cannot be read as a license (" << c.explanation
                  << "); enter an SPDX expression such as Apache-2.0 or MIT OR CC-BY-4.0, a "
                     "Hugging Face id such as llama3.1, NONE (no license) or NOASSERTION (not "
                     "known)\n";
    }
}

void ask_everything(Asker& ask, manifest::Manifest& m, const InitOptions& options,
                    const std::vector<bool>& fixed_artifacts, const rubric::Rubric* rubric) {
    std::ostream& out = ask.out();
    out << "A release manifest says what a model release ships and under which terms.\n"
           "Enter keeps the value in brackets; '-' clears it.\n\n";
    while (options.name.empty()) {
        m.model.name = ask.ask("Model name", m.model.name);
        if (!m.model.name.empty()) {
            break;
        }
        out << "  the manifest needs a model name\n";
    }
    if (options.version_option->count() == 0) {
        m.model.version = ask.ask("Version", m.model.version);
    }
    if (options.organization_option->count() == 0) {
        m.model.organization = ask.ask("Organization", m.model.organization);
    }
    if (options.release_date_option->count() == 0) {
        m.model.release_date = ask_date(ask, m.model.release_date);
    }
    if (options.url_option->count() == 0) {
        m.model.url = ask.ask("Home page or model URL", m.model.url);
    }
    if (options.access_option->count() == 0) {
        out << "How is the model reached? none (not at all), api (through an API only), gated "
               "(download after accepting terms or signing in), download (plain download)\n";
        m.access = manifest::parse_access(
            ask.choose("Access", {"none", "api", "gated", "download"},
                       manifest::access_name(m.access.value_or(manifest::Access::download))));
    }
    if (options.license_option->count() == 0) {
        out << "The release's license applies to every released artifact that names none of its "
               "own (an SPDX expression such as Apache-2.0, or a Hugging Face id such as "
               "llama3.1).\n";
        m.license = ask_license(ask, "License", m.license, rubric, "  ");
    }
    out << "\nThe 17 artifacts of the Model Openness Framework: is each released? y (yes), n "
           "(no), ? (not known).\n";
    for (const manifest::ArtifactSpec& s : manifest::artifact_specs()) {
        const auto index = static_cast<std::size_t>(s.id);
        if (fixed_artifacts[index]) {
            continue;
        }
        manifest::Artifact& a = m.artifact(s.id);
        out << "\n" << s.label << " (" << s.key << "): " << k_meanings[index] << ".\n";
        a.availability = ask.released("  Released?", a.availability);
        a.listed = true;
        if (a.availability != manifest::Availability::released) {
            continue;
        }
        const std::string inherit =
            m.license ? " (blank: the release's license, " + *m.license + ")" : "";
        a.license = ask_license(ask, "  License" + inherit, a.license, rubric, "    ");
        a.location = ask.ask("  Where (URL)", a.location);
    }
    out << "\nPublic sources for these facts (one URL per line; blank to finish).\n";
    for (;;) {
        const std::string source = ask.ask("Source", "");
        if (source.empty()) {
            break;
        }
        m.sources.push_back(source);
    }
    out << "\n";
}

// The options that can be checked before anything is read; nullopt when they are usable.
std::optional<int> check_options(const InitOptions& options, const Environment& environment,
                                 std::ostream& err) {
    if (options.file != "-" && !options.force &&
        file_system(environment).stat(options.file).kind != util::FileKind::missing) {
        err << "openness: error: " << util::printable(options.file)
            << " already exists (use --force to overwrite it)\n";
        return exit_code(ExitCode::usage);
    }
    if (options.release_date_option->count() != 0 && !options.release_date.empty() &&
        !manifest::is_calendar_date(options.release_date)) {
        err << "openness: error: --release-date " << util::printable(options.release_date)
            << ": not a date; "
            << k_date_form << "\n";
        return exit_code(ExitCode::usage);
    }
    if (!options.access.empty() && !manifest::parse_access(options.access)) {
        err << "openness: error: --access " << util::printable(options.access)
            << ": expected none, api, gated or download\n";
        return exit_code(ExitCode::usage);
    }
    return std::nullopt;
}

// The model fields given as flags, over what --from read.
void apply_model_options(const InitOptions& options, manifest::Manifest& m) {
    if (!options.name.empty()) {
        m.model.name = options.name;
    }
    if (options.version_option->count() != 0) {
        m.model.version = options.version;
    }
    if (options.organization_option->count() != 0) {
        m.model.organization = options.organization;
    }
    if (options.url_option->count() != 0) {
        m.model.url = options.url;
    }
    if (options.release_date_option->count() != 0) {
        m.model.release_date = options.release_date;
    }
    if (!options.access.empty()) {
        m.access = manifest::parse_access(options.access);
    }
    if (options.license_option->count() != 0) {
        m.license = options.license.empty() ? std::nullopt
                                            : std::optional<std::string>(options.license);
    }
}

// Each --released ARTIFACT[=LICENSE]; marks in `fixed` what the questions must not ask again.
// False (with the error written) for a name that is not an artifact.
bool apply_released(const InitOptions& options, manifest::Manifest& m, std::vector<bool>& fixed,
                    std::ostream& err) {
    for (const std::string& spec : options.released) {
        const std::size_t eq = spec.find('=');
        const std::string key = spec.substr(0, eq);
        const std::optional<manifest::ArtifactId> id = manifest::find_artifact(key);
        if (!id) {
            err << "openness: error: --released " << util::printable(spec) << ": '"
                << util::printable(key)
                << "' is not an artifact (one of";
            for (const manifest::ArtifactSpec& s : manifest::artifact_specs()) {
                err << " " << s.key;
            }
            err << ")\n";
            return false;
        }
        manifest::Artifact& a = m.artifact(*id);
        a.availability = manifest::Availability::released;
        if (eq != std::string::npos) {
            const std::string license = spec.substr(eq + 1);
            a.license = license.empty() ? std::nullopt : std::optional<std::string>(license);
        }
        fixed[static_cast<std::size_t>(*id)] = true;
    }
    return true;
}

// Writes the manifest (after checking that it loads) and says what it scores.
int write_manifest(const InitOptions& options, const manifest::Manifest& m,
                   const std::shared_ptr<const rubric::Rubric>& rubric, std::ostream& out,
                   std::ostream& err, const Environment& environment) {
    const std::string json = manifest::write_manifest_json(m);
    // What init writes must load: a slip here would hand users a broken file.
    manifest::LoadResult check = manifest::load_manifest_json(json, options.file);
    if (!check.manifest) {
        for (const util::Diagnostic& d : check.diagnostics) {
            err << util::render(d) << "\n";
        }
        err << "openness: error: the manifest written from these answers does not load\n";
        return exit_code(ExitCode::internal);
    }
    if (options.file == "-") {
        out << json;
        return exit_code(ExitCode::ok);
    }
    if (!write_output_file(file_system(environment), options.file, json, options.force,
                           err)) {
        return exit_code(ExitCode::usage);
    }
    // The path and a --rubric FILE's tier names are input: shown escaped.
    out << "wrote " << util::printable(options.file);
    check.manifest->source = options.file;
    const engine::Verdict v = engine::evaluate(rubric, *check.manifest);
    out << fmt::format(": {} ({}), score {:.1f} under {}", util::printable(v.tier_info().id),
                       util::printable(v.tier_info().label), v.score,
                       util::printable(rubric->ref()));
    out << "\nsee why with: openness classify " << util::printable(options.file)
        << (options.rubric == rubric::k_default_rubric
                ? ""
                : " --rubric " + util::printable(options.rubric))
        << "\n";
    return exit_code(ExitCode::ok);
}

int init(const InitOptions& options, std::ostream& out, std::ostream& err,
         const Environment& environment) {
    if (const std::optional<int> refused = check_options(options, environment, err)) {
        return *refused;
    }
    const std::shared_ptr<const rubric::Rubric> rubric =
        load_one_rubric(options.rubric, "init", file_system(environment), err);
    if (!rubric) {
        return exit_code(ExitCode::usage);
    }
    manifest::Manifest m;
    m.access = manifest::Access::download;
    if (!options.from.empty()) {
        std::optional<manifest::Manifest> loaded =
            read_one_manifest(options.from, {}, environment, err);
        if (!loaded) {
            return exit_code(ExitCode::invalid_input);
        }
        m = std::move(*loaded);
    }
    // A complete template: every artifact is written, released or not.
    for (manifest::Artifact& a : m.artifacts) {
        a.listed = true;
    }
    apply_model_options(options, m);
    std::vector<bool> fixed(manifest::k_artifact_count, false);
    if (!apply_released(options, m, fixed, err)) {
        return exit_code(ExitCode::usage);
    }
    const bool interactive =
        environment.stdin_is_terminal && environment.in != nullptr && !options.no_input;
    if (interactive) {
        Asker asker(*environment.in, err);
        const StdinWait waiting(environment);
        try {
            ask_everything(asker, m, options, fixed, rubric.get());
        } catch (const InputEnded&) {
            err << "openness: error: standard input ended before every question was answered; "
                   "nothing was written\n";
            return exit_code(ExitCode::usage);
        }
    }
    if (m.model.name.empty()) {
        err << "openness: error: the manifest needs a model name: give --name (or --from FILE), "
               "or run init on a terminal to be asked\n";
        return exit_code(ExitCode::usage);
    }
    return write_manifest(options, m, rubric, out, err, environment);
}

}  // namespace

void add_init_command(CLI::App& app, Commands& commands) {
    auto options = std::make_shared<InitOptions>();
    CLI::App* cmd = app.add_subcommand(
        "init", "Write a v1 manifest from flags, from a model card/BOM/model.yml, or by asking");
    cmd->add_option("file", options->file,
                    "Manifest to write (default: openness.json); - for stdout");
    cmd->add_option("--from", options->from,
                    "Start from this file (a manifest, a MOF model.yml, or another format "
                    "classify reads)");
    cmd->add_option("--name", options->name, "Model name");
    options->version_option = cmd->add_option("--version", options->version, "Model version");
    options->organization_option =
        cmd->add_option("--organization", options->organization, "Organization releasing it");
    options->license_option = cmd->add_option(
        "--license", options->license,
        "The release's license (SPDX expression or Hugging Face id), inherited by artifacts");
    options->access_option =
        cmd->add_option("--access", options->access, "How the model is reached")
            ->check(CLI::IsMember({"none", "api", "gated", "download"}));
    options->url_option = cmd->add_option("--url", options->url, "Home page or model URL");
    options->release_date_option =
        cmd->add_option("--release-date", options->release_date, "Release date (YYYY-MM-DD)");
    cmd->add_option("--released", options->released,
                    "An artifact that is released, as KEY or KEY=LICENSE (e.g. "
                    "weights.final=Apache-2.0; repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--rubric", options->rubric,
                    "Bundled rubric ID or ID@VERSION, or a rubric file: the tier reported and "
                    "the license table answers are read with (default: openness)");
    cmd->add_flag("--force", options->force, "Overwrite FILE if it exists");
    cmd->add_flag("--no-input", options->no_input, "Ask nothing, even on a terminal");
    cmd->footer("Exit codes:\n"
                "  0  written\n"
                "  2  usage error: unknown flag, artifact or rubric, not a date, FILE exists (without\n"
                "     --force) or could not be written, standard input ended\n"
                "  3  the --from file could not be read or is invalid\n"
                "  4  internal error\n");
    add_command(commands, cmd, options, init);
}

}  // namespace openness::cli
