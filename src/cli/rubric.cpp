// `openness rubric list|show|check`: the bundled rubrics, one rubric in words or JSON, and a
// rubric file validated with precise errors.

#include "commands.hpp"
#include "openness/util/json_document.hpp"
#include "openness/util/printable.hpp"
#include "openness/util/utf8.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <ostream>

namespace openness::cli {

namespace {

// A rubric file is input: every text it holds is shown through util::printable (as `p`), so a
// title, label or rule text cannot move the cursor, clear the screen or start a workflow command.
std::string p(std::string_view text) { return util::printable(text); }

// A rubric document as JSON that stays the same JSON but is safe in a terminal or a CI log: the
// loader has checked it is JSON, so DEL, C1 controls, bidirectional controls and the "[" of
// "##[" can only be inside strings, where a \u escape means the same character.
std::string json_for_terminal(std::string_view document) {
    std::string out;
    out.reserve(document.size());
    std::size_t i = 0;
    while (i < document.size()) {
        char32_t cp = 0;
        const std::size_t length = util::decode_utf8(document, i, cp);
        const bool hidden = cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
                            (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
                            cp == 0x200E || cp == 0x200F || cp == 0x061C;
        if (length != 0 && (hidden || (cp == '[' && i >= 2 && document[i - 1] == '#' &&
                                       document[i - 2] == '#'))) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
        } else {
            out.append(document.substr(i, length == 0 ? 1 : length));
        }
        i += length == 0 ? 1 : length;
    }
    return out;
}

struct RubricOptions {
    std::string list_format = "text";
    std::string show_spec;
    std::string show_format = "text";
    bool show_stats = false;
    std::string check_path;
};

int rubric_list(const RubricOptions& options, std::ostream& out, std::ostream&,
                const Environment& environment) {
    const util::FileSystem& files = file_system(environment);
    const bool json = options.list_format == "json";
    util::Json rubrics = util::Json::array();
    for (const rubric::BundledRubric& b : rubric::bundled_rubrics()) {
        rubric::RubricLoadResult loaded = rubric::resolve_rubric(b.id + "@" + b.version, files);
        if (json) {
            util::Json entry = {{"id", b.id}, {"version", b.version}};
            if (loaded.rubric) {
                entry["title"] = loaded.rubric->title;
                entry["sha256"] = loaded.rubric->sha256;
            }
            rubrics.push_back(std::move(entry));
            continue;
        }
        out << b.id << "@" << b.version;
        if (loaded.rubric) {
            out << "  " << p(loaded.rubric->title) << "  sha256:" << loaded.rubric->sha256;
        }
        out << "\n";
    }
    if (json) {
        std::string text;
        util::append_json(text, {{"rubrics", std::move(rubrics)}});
        out << text << "\n";
    }
    return exit_code(ExitCode::ok);
}

// The tiers and rules of `r`, as `rubric show` prints them below its heading.
void print_tiers_and_rules(const rubric::Rubric& r, std::ostream& out) {
    out << "\n\n" << p(r.description) << "\n\ntiers, lowest first:\n";
    for (const rubric::Tier& t : r.tiers) {
        out << "  " << p(t.id) << " (" << p(t.label) << "): " << p(t.description) << "\n";
        if (!t.requires_rules.empty()) {
            out << "    requires:";
            for (std::size_t i : t.requires_rules) {
                out << " " << p(r.rules[i].id);
            }
            out << "\n";
        }
    }
    out << "\nrules:\n";
    for (const rubric::Rule& rule : r.rules) {
        out << fmt::format("  {} [{:g} points]\n    ", p(rule.id), rule.points)
            << p(rule.description) << "\n    check: " << p(rubric::describe(rule.check)) << "\n";
        if (rule.applies_when) {
            out << "    applies when: " << p(rubric::describe(*rule.applies_when)) << "\n";
        }
    }
    if (!r.advisories.empty()) {
        out << "\nadvisories:\n";
        for (const rubric::Advisory& a : r.advisories) {
            out << "  " << p(a.id) << ": when " << p(rubric::describe(a.when)) << "\n    "
                << p(a.message) << "\n";
        }
    }
}

// The share of the points per kind of artifact, and the score bands: what a change in weighting
// changes, in numbers a review can compare.
void print_stats(const rubric::Rubric& r, std::ostream& out) {
    const std::array<double, rubric::k_kind_count + 1> points = rubric::points_by_kind(r);
    out << p(r.ref()) << ": " << fmt::format("{:g}", r.total_points) << " points\n";
    out << "points by kind of artifact:\n";
    for (std::size_t k = 0; k < points.size(); ++k) {
        if (k == rubric::k_kind_count && points[k] == 0.0) {
            break;  // no rule outside the four kinds carries points
        }
        const char* name = k < rubric::k_kind_count
                               ? manifest::kind_name(static_cast<manifest::ArtifactKind>(k))
                               : "other";
        const double share = r.total_points > 0 ? 100.0 * points[k] / r.total_points : 0.0;
        out << fmt::format("  {:<15}{:>6g}  {:5.1f}%\n", name, points[k], share);
    }
    if (r.score == rubric::ScoreMode::banded) {
        out << "score bands, lowest tier first:\n";
        for (const rubric::Tier& t : r.tiers) {
            out << fmt::format("  {:<20}{:5.1f} - {:5.1f}\n", p(t.id), t.band_low, t.band_high);
        }
    }
}

int rubric_show(const RubricOptions& options, std::ostream& out, std::ostream& err,
                const Environment& environment) {
    const std::shared_ptr<const rubric::Rubric> loaded =
        load_rubric(options.show_spec, file_system(environment), err);
    if (!loaded) {
        return exit_code(ExitCode::usage);
    }
    const rubric::Rubric& r = *loaded;
    if (options.show_stats) {
        print_stats(r, out);
        return exit_code(ExitCode::ok);
    }
    if (options.show_format == "json") {
        out << json_for_terminal(r.document);
        return exit_code(ExitCode::ok);
    }
    out << p(r.ref()) << ": " << p(r.title) << "\n";
    out << "sha256: " << r.sha256 << "\n";
    if (!r.source.empty()) {
        out << "source: " << p(r.source) << "\n";
    }
    out << "licenses: " << r.licenses->id() << "@" << r.licenses->version();
    if (r.corrected_licenses) {
        out << " (corrected reading: " << r.corrected_licenses->id() << "@"
            << r.corrected_licenses->version() << ")";
    }
    print_tiers_and_rules(r, out);
    return exit_code(ExitCode::ok);
}

int rubric_check(const RubricOptions& options, std::ostream& out, std::ostream& err,
                 const Environment& environment) {
    const std::string& path = options.check_path;
    rubric::RubricLoadResult loaded = rubric::resolve_rubric(path, file_system(environment));
    for (const util::Diagnostic& d : loaded.diagnostics) {
        err << util::render(d) << "\n";
    }
    if (!loaded.rubric) {
        return exit_code(ExitCode::usage);
    }
    out << p(path) << ": ok: " << p(loaded.rubric->ref()) << ", " << loaded.rubric->tiers.size()
        << " tiers, " << loaded.rubric->rules.size() << " rules, sha256:" << loaded.rubric->sha256
        << "\n";
    return exit_code(ExitCode::ok);
}

}  // namespace

void add_rubric_command(CLI::App& app, Commands& commands) {
    auto options = std::make_shared<RubricOptions>();
    CLI::App* cmd = app.add_subcommand("rubric", "List bundled rubrics or check a file");
    // Set before the subcommands are added, which inherit it.
    cmd->footer(exit_codes_footer(
        {{ExitCode::ok, "listed, shown, or the rubric file is valid"},
         {ExitCode::usage, "usage error: unknown flag or rubric, or the rubric file is invalid"},
         k_exit_internal}));
    cmd->require_subcommand(1);
    CLI::App* list = cmd->add_subcommand("list", "List the bundled rubrics");
    list->add_option("--format", options->list_format, "text (one line each) or json")
        ->check(CLI::IsMember({"text", "json"}));
    add_command(commands, list, options, rubric_list);
    CLI::App* show =
        cmd->add_subcommand("show", "Print a rubric: its tiers and rules, or its JSON");
    show->add_option("rubric", options->show_spec, "Bundled rubric ID[@VERSION] or a file")
        ->required();
    show->add_option("--format", options->show_format, "text (a readable table) or json")
        ->check(CLI::IsMember({"text", "json"}));
    show->add_flag("--stats", options->show_stats,
                   "Print only the share of points per kind of artifact and the score bands");
    add_command(commands, show, options, rubric_show);
    CLI::App* check = cmd->add_subcommand("check", "Validate a rubric file with precise errors");
    check->add_option("file", options->check_path, "Rubric file")->required();
    add_command(commands, check, options, rubric_check);
}

}  // namespace openness::cli
