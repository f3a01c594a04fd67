// `openness license identify FILE...|-`, `license resolve STRING...`, `license list`: what the
// license knowledge makes of a LICENSE file's text, of a license as someone wrote it, and the
// table itself; text or JSON.

#include "commands.hpp"
#include "openness/license/identify.hpp"
#include "openness/license/table.hpp"
#include "openness/report/neutralise.hpp"
#include "openness/util/embedded.hpp"
#include "openness/util/json_document.hpp"
#include "openness/util/json_writer.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace openness::cli {

namespace {

constexpr const char* k_default_table = "openness-licenses@2.0";
constexpr std::uint64_t k_max_license_file = 4U * 1024U * 1024U;

struct LicenseOptions {
    std::vector<std::string> inputs;
    std::string format = "text";
    std::string table = k_default_table;
    bool verbose = false;
};

// A string from a user or a file, safe on a terminal.
std::string visible(std::string_view text) { return report::terminal_text(text); }

std::shared_ptr<const license::LicenseTable> load_table(const std::string& spec, std::ostream& err) {
    const std::size_t at = spec.find('@');
    const std::string path = at == std::string::npos
                                 ? std::string()
                                 : "rubric/licenses/" + spec.substr(0, at) + "-" +
                                       spec.substr(at + 1) + ".json";
    const std::string_view* text = path.empty() ? nullptr : util::find_embedded(path);
    if (text == nullptr) {
        err << "openness: error: '" << visible(spec)
            << "' is not a bundled license table (try openness-licenses@2.0 or "
               "openness-licenses@1.0)\n";
        return nullptr;
    }
    std::vector<util::Diagnostic> diagnostics;
    std::optional<license::LicenseTable> table =
        license::LicenseTable::bundled(path, diagnostics);
    if (!table) {
        for (const util::Diagnostic& d : diagnostics) {
            err << "openness: " << util::render(d) << "\n";
        }
        return nullptr;
    }
    return std::make_shared<const license::LicenseTable>(std::move(*table));
}

std::string two_places(double value) { return fmt::format("{:.2f}", value); }

std::string four_places(double value) { return fmt::format("{:.4f}", value); }

// Reads a file or standard input ("-"), at most k_max_license_file bytes; false with a message.
bool read_text(const std::string& path, const Environment& environment, std::string& text,
               std::ostream& err) {
    if (path == "-") {
        if (environment.in == nullptr) {
            err << "openness: <stdin>: error: standard input is not available\n";
            return false;
        }
        char chunk[65536];
        const StdinWait waiting(environment);
        while (*environment.in && text.size() <= k_max_license_file) {
            environment.in->read(chunk, sizeof chunk);
            text.append(chunk, static_cast<std::size_t>(environment.in->gcount()));
        }
        if (text.size() > k_max_license_file) {
            err << "openness: <stdin>: error: input is over the limit of "
                << util::format_size(k_max_license_file) << "\n";
            return false;
        }
        return true;
    }
    util::ReadResult read = file_system(environment).read(path, k_max_license_file);
    if (!read.content) {
        err << "openness: " << visible(path) << ": error: " << visible(read.error) << "\n";
        return false;
    }
    text = std::move(*read.content);
    return true;
}

// One entry of `identify --format json`'s "results" (confidences with four places, as the
// golden files and scripts expect them).
void append_identification_json(std::string& body, const std::string& shown,
                                const license::Identification& found) {
    body += "{\"path\":";
    util::append_json_string(body, shown);
    body += ",\"licenses\":[";
    for (std::size_t i = 0; i < found.licenses.size(); ++i) {
        const license::IdentifiedLicense& l = found.licenses[i];
        body += i == 0 ? "{\"id\":" : ",{\"id\":";
        util::append_json_string(body, l.id);
        body += ",\"class\":";
        util::append_json_string(body, license::class_id(l.license_class));
        body += fmt::format(",\"confidence\":{:.4f},\"lines\":[{},{}]", l.confidence,
                            l.first_line, l.last_line);
        if (!l.same_text.empty()) {
            body += ",\"same_text\":[";
            for (std::size_t k = 0; k < l.same_text.size(); ++k) {
                body += k == 0 ? "" : ",";
                util::append_json_string(body, l.same_text[k]);
            }
            body += "]";
        }
        body += "}";
    }
    body += "],\"closest\":";
    if (found.closest) {
        body += "{\"id\":";
        util::append_json_string(body, found.closest->id);
        body += ",\"confidence\":" + four_places(found.closest->confidence) + "}";
    } else {
        body += "null";
    }
    body += "}";
}

// The text lines of `identify` for one file.
void print_identification(std::ostream& out, const std::string& shown,
                          const license::Identification& found) {
    if (found.licenses.empty()) {
        out << visible(shown) << ": unknown: no license text matches well enough";
        if (found.closest) {
            out << " (closest: " << found.closest->id << ", confidence "
                << two_places(found.closest->confidence) << ")";
        }
        out << "\n";
        return;
    }
    for (const license::IdentifiedLicense& l : found.licenses) {
        out << visible(shown) << ": " << l.id << " (" << license::class_phrase(l.license_class)
            << "), confidence " << two_places(l.confidence) << ", lines " << l.first_line << "-"
            << l.last_line;
        if (!l.same_text.empty()) {
            out << "; the same text as ";
            for (std::size_t k = 0; k < l.same_text.size(); ++k) {
                out << (k == 0 ? "" : ", ") << l.same_text[k];
            }
        }
        out << "\n";
    }
}

int identify(const LicenseOptions& options, std::ostream& out, std::ostream& err,
             const Environment& environment) {
    const auto table = load_table(options.table, err);
    if (!table) {
        return exit_code(ExitCode::usage);
    }
    const bool json = options.format == "json";
    std::string body;
    bool failed = false;
    for (const std::string& path : options.inputs) {
        std::string text;
        if (!read_text(path, environment, text, err)) {
            failed = true;
            continue;
        }
        const std::string shown = path == "-" ? "<stdin>" : path;
        const license::Identification found = license::identify(text, *table);
        if (json) {
            body += body.empty() ? "" : ",";
            append_identification_json(body, shown, found);
        } else {
            print_identification(out, shown, found);
        }
    }
    if (json) {
        out << "{\"results\":[" << body << "]}\n";
    }
    return failed ? exit_code(ExitCode::invalid_input) : exit_code(ExitCode::ok);
}

// True when the text was read as licenses the table knows (or NONE, NOASSERTION, a row of
// class unknown such as the Hub's "other"); false when it was not understood.
bool named(const license::Classification& c) {
    return c.single != nullptr ||
           (c.parsed && !c.canonical.empty() &&
            (c.license_class != license::LicenseClass::unknown || c.canonical == "NONE" ||
             c.canonical == "NOASSERTION"));
}

// A table's results as one line of JSON: {"table": "ID@VERSION", `key`: [...]}.
void print_table_json(std::ostream& out, const license::LicenseTable& table, const char* key,
                      util::Json items) {
    std::string text;
    util::append_json(text, {{"table", table.id() + "@" + table.version()}, {key, std::move(items)}});
    out << text << "\n";
}

int resolve(const LicenseOptions& options, std::ostream& out, std::ostream& err,
            const Environment&) {
    const auto table = load_table(options.table, err);
    if (!table) {
        return exit_code(ExitCode::usage);
    }
    const bool json = options.format == "json";
    util::Json results = util::Json::array();
    for (const std::string& input : options.inputs) {
        const license::Classification c = table->classify(input);
        if (json) {
            results.push_back(
                {{"input", input},
                 {"id", named(c) ? util::Json(c.canonical) : util::Json()},
                 {"class", license::class_id(c.license_class)},
                 {"name", c.single != nullptr ? util::Json(c.single->name) : util::Json()},
                 {"explanation", c.explanation},
                 {"read_as", c.read_as},
                 {"suggestions", c.suggestions},
                 {"detail", c.detail.empty() ? util::Json() : util::Json(c.detail)}});
            continue;
        }
        out << "'" << visible(input) << "': ";
        if (named(c)) {
            out << visible(c.canonical) << " (" << license::class_id(c.license_class) << ")";
            if (c.single != nullptr && c.single->name != c.single->id) {
                out << ", " << c.single->name;
            }
        } else {
            out << "unknown";
        }
        out << "\n  why: " << visible(c.explanation) << "\n";
        for (const std::string& reading : c.read_as) {
            out << "  warning: " << visible(reading) << "\n";
        }
        if (options.verbose && !c.detail.empty()) {
            out << "  detail: " << visible(c.detail) << "\n";
        }
    }
    if (json) {
        print_table_json(out, *table, "results", std::move(results));
    }
    return exit_code(ExitCode::ok);
}

int list(const LicenseOptions& options, std::ostream& out, std::ostream& err, const Environment&) {
    const auto table = load_table(options.table, err);
    if (!table) {
        return exit_code(ExitCode::usage);
    }
    if (options.format == "json") {
        util::Json licenses = util::Json::array();
        for (const license::LicenseInfo& info : table->licenses()) {
            util::Json entry = {{"id", info.id},
                                {"name", info.name},
                                {"class", license::class_id(info.license_class)},
                                {"aliases", info.aliases},
                                {"note", info.note}};
            if (!info.source.empty()) {
                entry["source"] = info.source;
            }
            licenses.push_back(std::move(entry));
        }
        print_table_json(out, *table, "licenses", std::move(licenses));
        return exit_code(ExitCode::ok);
    }
    out << "# " << table->id() << "@" << table->version() << ": id, class, name, aliases\n";
    for (const license::LicenseInfo& info : table->licenses()) {
        out << info.id << "\t" << license::class_id(info.license_class) << "\t" << info.name;
        if (!info.aliases.empty()) {
            out << "\t";
            for (std::size_t i = 0; i < info.aliases.size(); ++i) {
                out << (i == 0 ? "" : ", ") << info.aliases[i];
            }
        }
        out << "\n";
    }
    return exit_code(ExitCode::ok);
}

void add_table_options(CLI::App* cmd, LicenseOptions& options) {
    cmd->add_option("--format", options.format, "text or json (default: text)")
        ->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("--table", options.table,
                    "Bundled license table ID@VERSION (default: openness-licenses@2.0)");
}

}  // namespace

void add_license_command(CLI::App& app, Commands& commands) {
    CLI::App* license = app.add_subcommand(
        "license", "Identify a LICENSE file, read a license name, or list the license table");
    // Set before the subcommands are added, which inherit it.
    license->footer("Exit codes:\n"
                    "  0  identified, resolved or listed\n"
                    "  2  usage error: unknown flag or license table\n"
                    "  3  identify: a license file could not be read\n"
                    "  4  internal error\n");
    license->require_subcommand(1);

    auto identify_options = std::make_shared<LicenseOptions>();
    CLI::App* identify_cmd = license->add_subcommand(
        "identify", "Name the license(s) a text holds, with class, confidence and lines");
    identify_cmd->add_option("files", identify_options->inputs, "License files, or - for stdin")
        ->required();
    add_table_options(identify_cmd, *identify_options);
    add_command(commands, identify_cmd, identify_options, identify);

    auto resolve_options = std::make_shared<LicenseOptions>();
    CLI::App* resolve_cmd = license->add_subcommand(
        "resolve", "Show how each license string is read: id, class, name, why");
    resolve_cmd->add_option("strings", resolve_options->inputs, "License names or expressions")
        ->required();
    resolve_cmd->add_flag("--verbose,-v", resolve_options->verbose,
                          "Also show where the expression parser stopped");
    add_table_options(resolve_cmd, *resolve_options);
    add_command(commands, resolve_cmd, resolve_options, resolve);

    auto list_options = std::make_shared<LicenseOptions>();
    CLI::App* list_cmd = license->add_subcommand("list", "Print the license table: id, class, "
                                                         "name, aliases");
    add_table_options(list_cmd, *list_options);
    add_command(commands, list_cmd, list_options, list);
}

}  // namespace openness::cli
