// Shell completions and the man page, generated from the CLI11 app itself, so they name exactly
// the subcommands and flags `--help` shows: `openness completion bash|zsh|fish`, the hidden
// `openness __man` (roff) and `openness __describe` (the same facts as JSON). The build runs
// these to write the files it installs.

#include "commands.hpp"
#include "openness/report/report.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/json_document.hpp"
#include "openness/util/strings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <ostream>
#include <set>

namespace openness::cli {

namespace {

std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (const std::string& item : items) {
        out += (out.empty() ? "" : separator) + item;
    }
    return out;
}

// What a value of an option or positional is, for completing it.
enum class ValueKind { none, text, file, choice, rubric, tier, shell };

struct OptionDoc {
    std::vector<std::string> names;  // long names first ("--output"), then short ("-o")
    std::string placeholder;         // "FILE"; empty for a flag
    std::string help;
    ValueKind kind = ValueKind::none;
    std::vector<std::string> choices;  // for ValueKind::choice
    bool repeatable = false;
};

struct PositionalDoc {
    std::string name;
    std::string help;
    ValueKind kind = ValueKind::text;
    std::vector<std::string> choices;
    bool required = false;
    bool many = false;
};

struct CommandDoc {
    std::vector<std::string> path;  // {} for the program, {"rubric", "show"} for a subcommand
    std::string help;
    std::vector<OptionDoc> options;
    std::vector<PositionalDoc> positionals;
    std::vector<CommandDoc> subcommands;

    std::string joined(const std::string& separator = " ") const { return join(path, separator); }
};

// The facts besides the command tree: rubric references and tier ids.
struct Vocabulary {
    std::vector<std::string> rubrics;  // "openness", "openness@1.0", ...
    std::vector<std::string> tiers;    // every tier id of every bundled rubric, then RUBRIC:TIER
    // Per rubric ("openness@1.0"), its tiers lowest first: id and label.
    std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>
        tiers_by_rubric;
};

Vocabulary vocabulary() {
    Vocabulary v;
    const util::FileSystem& files = util::real_file_system();
    std::set<std::string> seen;
    std::vector<std::string> qualified;
    for (const rubric::BundledRubric& b : rubric::bundled_rubrics()) {
        if (std::find(v.rubrics.begin(), v.rubrics.end(), b.id) == v.rubrics.end()) {
            v.rubrics.push_back(b.id);
        }
        v.rubrics.push_back(b.id + "@" + b.version);
        rubric::RubricLoadResult loaded = rubric::resolve_rubric(b.id + "@" + b.version, files);
        if (!loaded.rubric) {
            continue;
        }
        std::vector<std::pair<std::string, std::string>> tiers;
        for (const rubric::Tier& t : loaded.rubric->tiers) {
            tiers.emplace_back(t.id, t.label);
            if (seen.insert(t.id).second) {
                v.tiers.push_back(t.id);
            }
            qualified.push_back(b.id + ":" + t.id);
        }
        v.tiers_by_rubric.emplace_back(loaded.rubric->ref(), std::move(tiers));
    }
    v.tiers.insert(v.tiers.end(), qualified.begin(), qualified.end());
    return v;
}

// "{a,b,c}" at the end of CLI11's type name ("TEXT:{a,b,c}"): the values IsMember accepts.
std::vector<std::string> choices_of(const std::string& type_name) {
    std::vector<std::string> out;
    const std::size_t open = type_name.find('{');
    const std::size_t close = type_name.rfind('}');
    if (open == std::string::npos || close == std::string::npos || close < open) {
        return out;
    }
    std::string item;
    for (std::size_t i = open + 1; i < close; ++i) {
        if (type_name[i] == ',') {
            out.push_back(item);
            item.clear();
        } else {
            item += type_name[i];
        }
    }
    out.push_back(item);
    return out;
}

// An option's or positional's name as a placeholder: "max-file-size" is MAX_FILE_SIZE (a '-'
// is no part of a shell variable's name, which placeholders look like).
std::string upper(std::string_view name) {
    std::string text = util::upper(name);
    std::replace(text.begin(), text.end(), '-', '_');
    return text;
}

// What kind of value an option or positional takes: named choices first, then by name.
ValueKind kind_of(const std::string& name, const std::vector<std::string>& choices) {
    if (!choices.empty()) {
        return name == "shell" ? ValueKind::shell : ValueKind::choice;
    }
    if (name == "rubric") {
        return ValueKind::rubric;
    }
    if (name == "min-tier") {
        return ValueKind::tier;
    }
    static const std::set<std::string> k_files = {"paths", "manifest", "file", "output", "from"};
    return k_files.count(name) != 0 ? ValueKind::file : ValueKind::text;
}

std::string placeholder_of(const std::string& name, ValueKind kind, const std::string& type_name) {
    switch (kind) {
    case ValueKind::file:
        return "FILE";
    case ValueKind::rubric:
        return "RUBRIC";
    case ValueKind::tier:
        return "TIER";
    case ValueKind::choice:
    case ValueKind::shell:
        return upper(name);
    case ValueKind::none:
    case ValueKind::text:
        break;
    }
    const std::string base = type_name.substr(0, type_name.find(':'));
    return base == "UINT" || base == "FLOAT" || base == "INT" ? "N" : upper(name);
}

CommandDoc describe(const CLI::App& app, std::vector<std::string> path) {
    CommandDoc doc;
    doc.path = std::move(path);
    doc.help = app.get_description();
    for (const CLI::Option* opt : app.get_options()) {
        if (opt->get_group().empty()) {
            continue;  // hidden
        }
        const std::string type_name = opt->get_type_name();
        const std::vector<std::string> choices = choices_of(type_name);
        if (!opt->nonpositional()) {
            PositionalDoc p;
            p.name = opt->get_single_name();
            p.help = opt->get_description();
            p.choices = choices;
            p.kind = kind_of(p.name, choices);
            p.required = opt->get_required();
            p.many = opt->get_items_expected_max() > 1;
            doc.positionals.push_back(std::move(p));
            continue;
        }
        OptionDoc o;
        for (const std::string& l : opt->get_lnames()) {
            o.names.push_back("--" + l);
        }
        for (const std::string& s : opt->get_snames()) {
            o.names.push_back("-" + s);
        }
        o.help = opt->get_description();
        const std::string name = opt->get_lnames().empty() ? opt->get_snames().front()
                                                           : opt->get_lnames().front();
        if (opt->get_expected_max() != 0) {
            o.choices = choices;
            o.kind = kind_of(name, choices);
            o.placeholder = placeholder_of(name, o.kind, type_name);
            o.repeatable = opt->get_items_expected_max() > 1;
        }
        doc.options.push_back(std::move(o));
    }
    for (const CLI::App* sub : app.get_subcommands({})) {
        if (sub->get_group().empty()) {
            continue;  // hidden
        }
        std::vector<std::string> sub_path = doc.path;
        sub_path.push_back(sub->get_name());
        doc.subcommands.push_back(describe(*sub, sub_path));
    }
    return doc;
}

// Adds `doc` and every command below it to `out`, parents before children.
void flatten(const CommandDoc& doc, std::vector<const CommandDoc*>& out) {
    out.push_back(&doc);
    for (const CommandDoc& sub : doc.subcommands) {
        flatten(sub, out);
    }
}

// Every command of the tree, the program first, parents before children.
std::vector<const CommandDoc*> flatten(const CommandDoc& root) {
    std::vector<const CommandDoc*> all;
    flatten(root, all);
    return all;
}

std::vector<std::string> values_of(ValueKind kind, const std::vector<std::string>& choices,
                                   const Vocabulary& words) {
    switch (kind) {
    case ValueKind::choice:
    case ValueKind::shell:
        return choices;
    case ValueKind::rubric: {
        std::vector<std::string> out = words.rubrics;
        out.emplace_back("all");
        return out;
    }
    case ValueKind::tier:
        return words.tiers;
    case ValueKind::none:
    case ValueKind::text:
    case ValueKind::file:
        break;
    }
    return {};
}

// --- JSON (__describe) ---

const char* kind_name(ValueKind kind) {
    switch (kind) {
    case ValueKind::none:
        return "none";
    case ValueKind::text:
        return "text";
    case ValueKind::file:
        return "file";
    case ValueKind::choice:
        return "choice";
    case ValueKind::rubric:
        return "rubric";
    case ValueKind::tier:
        return "tier";
    case ValueKind::shell:
        return "shell";
    }
    return "text";
}

util::Json json_command(const CommandDoc& doc, const Vocabulary& words) {
    util::Json options = util::Json::array();
    for (const OptionDoc& o : doc.options) {
        options.push_back({{"names", o.names},
                           {"value", o.placeholder},
                           {"kind", kind_name(o.kind)},
                           {"values", values_of(o.kind, o.choices, words)},
                           {"repeatable", o.repeatable},
                           {"help", o.help}});
    }
    util::Json positionals = util::Json::array();
    for (const PositionalDoc& p : doc.positionals) {
        positionals.push_back({{"name", p.name},
                               {"kind", kind_name(p.kind)},
                               {"values", values_of(p.kind, p.choices, words)},
                               {"required", p.required},
                               {"many", p.many},
                               {"help", p.help}});
    }
    util::Json subcommands = util::Json::array();
    for (const CommandDoc& sub : doc.subcommands) {
        subcommands.push_back(json_command(sub, words));
    }
    return {{"path", doc.path},
            {"help", doc.help},
            {"options", std::move(options)},
            {"positionals", std::move(positionals)},
            {"subcommands", std::move(subcommands)}};
}

std::string describe_json(const CommandDoc& doc, const Vocabulary& words) {
    util::Json tiers = util::Json::object();
    for (const auto& [rubric, rubric_tiers] : words.tiers_by_rubric) {
        util::Json list = util::Json::array();
        for (const auto& [id, label] : rubric_tiers) {
            list.push_back({{"id", id}, {"label", label}});
        }
        tiers[rubric] = std::move(list);
    }
    const util::Json description = {{"program", "openness"},
                                    {"version", tool_version()},
                                    {"formats", report::format_names()},
                                    {"rubrics", words.rubrics},
                                    {"tiers", std::move(tiers)},
                                    {"command", json_command(doc, words)}};
    std::string out;
    util::append_json(out, description);
    out += '\n';
    return out;
}

// --- bash ---

// A word list for `compgen -W`, single-quoted for the shell.
std::string shell_words(const std::vector<std::string>& words) {
    std::string out = "'";
    for (std::size_t i = 0; i < words.size(); ++i) {
        out += util::replace_chars(words[i], {{'\'', "'\\''"}});
        out += i + 1 < words.size() ? " " : "";
    }
    return out + "'";
}

// bash: the `case` arm that completes the value of each option that takes one.
std::string bash_option_values(const std::vector<const CommandDoc*>& all, const Vocabulary& words) {
    std::string out = "    case \"$path/$prev\" in\n";
    for (const CommandDoc* c : all) {
        for (const OptionDoc& o : c->options) {
            if (o.kind == ValueKind::none) {
                continue;
            }
            std::string patterns;
            for (const std::string& n : o.names) {
                patterns += (patterns.empty() ? "" : "|") + ("\"" + c->joined() + "/" + n + "\"");
            }
            out += "        " + patterns + ")\n";
            const std::vector<std::string> values = values_of(o.kind, o.choices, words);
            if (o.kind == ValueKind::file) {
                out += "            compopt -o filenames 2>/dev/null\n"
                       "            COMPREPLY=($(compgen -f -- \"$cur\"))\n";
            } else if (values.empty()) {
                out += "            COMPREPLY=()\n";
            } else {
                out += "            COMPREPLY=($(compgen -W " + shell_words(values) +
                       " -- \"$cur\"))\n";
            }
            out += "            return 0 ;;\n";
        }
    }
    return out + "    esac\n";
}

// bash: the flags of each command path, then its subcommands and positional values.
std::string bash_words(const std::vector<const CommandDoc*>& all, const Vocabulary& words) {
    std::string out = "    if [[ \"$cur\" == -* ]]; then\n        case \"$path\" in\n";
    for (const CommandDoc* c : all) {
        std::vector<std::string> names;
        for (const OptionDoc& o : c->options) {
            names.insert(names.end(), o.names.begin(), o.names.end());
        }
        out += "            \"" + c->joined() + "\") COMPREPLY=($(compgen -W " +
               shell_words(names) + " -- \"$cur\")) ;;\n";
    }
    out += "        esac\n        return 0\n    fi\n    case \"$path\" in\n";
    for (const CommandDoc* c : all) {
        std::vector<std::string> names;
        for (const CommandDoc& sub : c->subcommands) {
            names.push_back(sub.path.back());
        }
        bool files = false;
        for (const PositionalDoc& p : c->positionals) {
            const std::vector<std::string> values = values_of(p.kind, p.choices, words);
            names.insert(names.end(), values.begin(), values.end());
            files = files || p.kind == ValueKind::file || p.kind == ValueKind::rubric;
        }
        out += "        \"" + c->joined() + "\")\n";
        if (files) {
            out += "            compopt -o filenames 2>/dev/null\n"
                   "            COMPREPLY=($(compgen -f -- \"$cur\"))\n";
        }
        if (!names.empty()) {
            out += "            COMPREPLY+=($(compgen -W " + shell_words(names) +
                   " -- \"$cur\"))\n";
        }
        out += "            ;;\n";
    }
    return out + "    esac\n";
}

std::string bash_script(const CommandDoc& root, const Vocabulary& words) {
    const std::vector<const CommandDoc*> all = flatten(root);
    std::string out =
        "# bash completion for openness; generated by `openness completion bash`, do not edit.\n"
        "_openness() {\n"
        "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
        "    local path=\"\" word i\n"
        "    # The subcommand path so far (\"rubric show\"): words that name a subcommand of it.\n"
        "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
        "        word=\"${COMP_WORDS[i]}\"\n"
        "        case \"$path/$word\" in\n";
    for (const CommandDoc* c : all) {
        if (c->path.empty()) {
            continue;
        }
        std::vector<std::string> parent(c->path.begin(), c->path.end() - 1);
        out += "            \"" + join(parent, " ") + "/" + c->path.back() +
               "\") path=\"${path:+$path }$word\" ;;\n";
    }
    out += "        esac\n    done\n";
    // The value of the option just typed: its values, files, or nothing to suggest.
    out += bash_option_values(all, words);
    // Flags, then subcommands and positionals.
    out += bash_words(all, words);
    out += "}\ncomplete -F _openness openness\n";
    return out;
}

// --- zsh ---

// Text inside a single-quoted _arguments spec: quotes closed and reopened, brackets (which end
// a description) and backslashes escaped.
std::string zsh_text(const std::string& text) {
    return util::replace_chars(text, {{'\'', "'\\''"}, {'[', "\\["}, {']', "\\]"}, {'\\', "\\\\"}});
}

std::string zsh_action(ValueKind kind, const std::vector<std::string>& choices,
                       const Vocabulary& words) {
    if (kind == ValueKind::file) {
        return "_files";
    }
    if (kind == ValueKind::rubric) {
        return "{_files; compadd -- " + join(values_of(kind, choices, words), " ") + "}";
    }
    const std::vector<std::string> values = values_of(kind, choices, words);
    if (values.empty()) {
        return " ";
    }
    return "(" + zsh_text(join(values, " ")) + ")";
}

std::string zsh_function_name(const CommandDoc& c) {
    return c.path.empty() ? "_openness_main" : "_openness_" + c.joined("_");
}

void zsh_function(std::string& out, const CommandDoc& c, const Vocabulary& words) {
    out += zsh_function_name(c) + "() {\n    local curcontext=\"$curcontext\" state line\n"
                                  "    typeset -A opt_args\n    _arguments -C \\\n";
    for (const OptionDoc& o : c.options) {
        std::string spec;
        const std::string help = "[" + zsh_text(o.help) + "]";
        std::string value;
        if (o.kind != ValueKind::none) {
            value = ":" + zsh_text(o.placeholder) + ":" + zsh_action(o.kind, o.choices, words);
        }
        if (o.names.size() > 1 && !o.repeatable) {
            spec = "'(" + join(o.names, " ") + ")'{" + join(o.names, ",") + "}'" + help + value +
                   "'";
        } else if (o.names.size() > 1) {
            spec = "'*'{" + join(o.names, ",") + "}'" + help + value + "'";
        } else {
            spec = "'" + std::string(o.repeatable ? "*" : "") + o.names.front() + help + value +
                   "'";
        }
        out += "        " + spec + " \\\n";
    }
    if (!c.subcommands.empty()) {
        out += "        '1: :->command' \\\n        '*:: :->argument'\n";
        out += "    case $state in\n    command)\n        local -a commands\n        commands=(\n";
        for (const CommandDoc& sub : c.subcommands) {
            out += "            '" + zsh_text(sub.path.back()) + ":" + zsh_text(sub.help) + "'\n";
        }
        out += "        )\n        _describe -t commands 'openness command' commands ;;\n"
               "    argument)\n        case $line[1] in\n";
        for (const CommandDoc& sub : c.subcommands) {
            out += "        " + sub.path.back() + ") " + zsh_function_name(sub) + " ;;\n";
        }
        out += "        esac ;;\n    esac\n}\n\n";
    } else {
        std::size_t position = 1;
        for (const PositionalDoc& p : c.positionals) {
            const std::string action = zsh_action(p.kind, p.choices, words);
            if (p.many) {
                out += "        '*:" + zsh_text(p.name) + ":" + action + "' \\\n";
            } else {
                out += fmt::format("        '{}{}{}:{}' \\\n", position++,
                                   p.required ? ":" : "::", zsh_text(p.name), action);
            }
        }
        // The last continuation line needs a command after it.
        out += "        && return 0\n}\n\n";
    }
}

std::string zsh_script(const CommandDoc& root, const Vocabulary& words) {
    const std::vector<const CommandDoc*> all = flatten(root);
    std::string out =
        "#compdef openness\n"
        "# zsh completion for openness; generated by `openness completion zsh`, do not edit.\n\n";
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        zsh_function(out, **it, words);
    }
    out += "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n    _openness_main \"$@\"\n"
           "else\n    compdef _openness_main openness\nfi\n";
    return out;
}

// --- fish ---

std::string fish_quote(const std::string& text) {
    return "'" + util::replace_chars(text, {{'\'', "\\'"}, {'\\', "\\\\"}}) + "'";
}

std::string fish_condition(const CommandDoc& c) {
    if (c.path.empty()) {
        return "__fish_use_subcommand";
    }
    std::string out;
    for (const std::string& p : c.path) {
        out += (out.empty() ? "" : "; and ") + ("__fish_seen_subcommand_from " + p);
    }
    // A command with subcommands offers its options and positionals only before one is named.
    if (!c.subcommands.empty()) {
        std::vector<std::string> names;
        for (const CommandDoc& sub : c.subcommands) {
            names.push_back(sub.path.back());
        }
        out += "; and not __fish_seen_subcommand_from " + join(names, " ");
    }
    return out;
}

std::string fish_script(const CommandDoc& root, const Vocabulary& words) {
    const std::vector<const CommandDoc*> all = flatten(root);
    std::string out =
        "# fish completion for openness; generated by `openness completion fish`, do not edit.\n"
        "complete -c openness -f\n";
    for (const CommandDoc* c : all) {
        const std::string condition = fish_quote(fish_condition(*c));
        for (const CommandDoc& sub : c->subcommands) {
            out += "complete -c openness -n " + condition + " -a " + fish_quote(sub.path.back()) +
                   " -d " + fish_quote(sub.help) + "\n";
        }
        for (const OptionDoc& o : c->options) {
            out += "complete -c openness -n " + condition;
            for (const std::string& n : o.names) {
                out += n.size() > 2 ? " -l " + n.substr(2) : " -s " + n.substr(1);
            }
            if (o.kind == ValueKind::file) {
                out += " -r -F";
            } else if (o.kind != ValueKind::none) {
                out += " -x";
                const std::vector<std::string> values = values_of(o.kind, o.choices, words);
                if (!values.empty()) {
                    out += " -a " + fish_quote(join(values, " "));
                }
            }
            out += " -d " + fish_quote(o.help) + "\n";
        }
        for (const PositionalDoc& p : c->positionals) {
            const std::vector<std::string> values = values_of(p.kind, p.choices, words);
            out += "complete -c openness -n " + condition;
            if (p.kind == ValueKind::file || p.kind == ValueKind::rubric) {
                out += " -F";
            }
            if (!values.empty()) {
                out += " -a " + fish_quote(join(values, " "));
            }
            out += " -d " + fish_quote(p.help) + "\n";
        }
    }
    return out;
}

// --- man page ---

// Text for roff: backslashes and hyphens escaped, and a line may not start with '.' or '\''.
std::string roff(const std::string& text) {
    const std::string out = util::replace_chars(text, {{'\\', "\\e"}, {'-', "\\-"}});
    std::string safe;
    std::size_t start = 0;
    while (start <= out.size()) {
        const std::size_t end = out.find('\n', start);
        const std::string line =
            out.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!line.empty() && (line[0] == '.' || line[0] == '\'')) {
            safe += "\\&";
        }
        safe += line;
        if (end == std::string::npos) {
            break;
        }
        safe += '\n';
        start = end + 1;
    }
    return safe;
}

std::string usage_line(const CommandDoc& c) {
    std::string out = "\\fBopenness";
    for (const std::string& p : c.path) {
        out += " " + roff(p);
    }
    out += "\\fR";
    if (!c.options.empty()) {
        out += " [\\fIOPTIONS\\fR]";
    }
    if (!c.subcommands.empty()) {
        out += " \\fICOMMAND\\fR";
    }
    for (const PositionalDoc& p : c.positionals) {
        std::string name = "\\fI" + roff(upper(p.name)) + "\\fR" + (p.many ? "..." : "");
        out += p.required ? " " + name : " [" + name + "]";
    }
    return out;
}

// True when `help` already names every choice, so listing them again adds nothing.
bool names_all(const std::string& help, const std::vector<std::string>& choices) {
    return std::all_of(choices.begin(), choices.end(), [&](const std::string& c) {
        return help.find(c) != std::string::npos;
    });
}

// The man page's entries for one command's options and positionals.
std::string man_options(const CommandDoc& c) {
    std::string out;
    for (const OptionDoc& o : c.options) {
        // Every command takes --help; the page says so once, for the program.
        if (!c.path.empty() && o.names.front() == "--help") {
            continue;
        }
        out += ".TP\n";
        std::string names;
        for (const std::string& n : o.names) {
            names += (names.empty() ? "" : ", ") + ("\\fB" + roff(n) + "\\fR");
        }
        if (!o.placeholder.empty()) {
            names += " \\fI" + roff(o.placeholder) + "\\fR";
        }
        out += names + "\n" + roff(o.help);
        if (!o.choices.empty() && !names_all(o.help, o.choices)) {
            out += " (" + roff(join(o.choices, ", ")) + ")";
        }
        const bool says = o.help.find("repeatable") != std::string::npos;
        out += o.repeatable && !says ? "; repeatable.\n" : ".\n";
    }
    for (const PositionalDoc& p : c.positionals) {
        out += ".TP\n\\fI" + roff(upper(p.name)) + "\\fR\n" + roff(p.help);
        if (!p.choices.empty() && !names_all(p.help, p.choices)) {
            out += " (" + roff(join(p.choices, ", ")) + ")";
        }
        out += ".\n";
    }
    return out;
}

// The "EXIT STATUS" section from the help footer's "  N  meaning" lines, as --help prints them;
// an indented line without a code continues the meaning above it.
std::string man_exit_status(const std::string& footer) {
    std::vector<std::pair<std::string, std::string>> codes;
    std::size_t start = 0;
    while (start < footer.size()) {
        std::size_t end = footer.find('\n', start);
        if (end == std::string::npos) {
            end = footer.size();
        }
        const std::string line = footer.substr(start, end - start);
        start = end + 1;
        const std::size_t first = line.find_first_not_of(' ');
        if (first == std::string::npos || first == 0) {
            continue;
        }
        if (line[first] < '0' || line[first] > '9') {
            if (!codes.empty()) {
                codes.back().second += " " + line.substr(first);
            }
            continue;
        }
        const std::size_t code_end = std::min(line.find(' ', first), line.size());
        const std::size_t text = line.find_first_not_of(' ', code_end);
        codes.emplace_back(line.substr(first, code_end - first),
                           text == std::string::npos ? "" : line.substr(text));
    }
    std::string out = ".SH \"EXIT STATUS\"\n";
    for (const auto& [code, meaning] : codes) {
        out += ".TP\n\\fB" + code + "\\fR\n" + roff(meaning) + "\n";
    }
    return out;
}

// The sections after the exit status: environment, examples, see also.
std::string man_environment_and_examples() {
    std::string out = ".SH ENVIRONMENT\n";
    const std::pair<const char*, const char*> k_variables[] = {
        {"NO_COLOR", "When set and not empty, text output has no colour."},
        {"CLICOLOR_FORCE", "When set and not 0, text output is coloured even when stdout is not "
                           "a terminal (unless NO_COLOR is set)."},
        {"CI", "When set (and not false), no progress bar is drawn."},
        {"COLUMNS", "The width text output wraps to when the terminal's own cannot be read."},
        {"GITHUB_STEP_SUMMARY", "With --format github, a Markdown summary is appended to this "
                                "file."},
        {"HF_ENDPOINT", "The Hugging Face Hub that hf: ids are read from (default "
                        "https://huggingface.co)."},
        {"HF_TOKEN", "A Hub token for gated and private repositories (HUGGING_FACE_HUB_TOKEN "
                     "too); never printed, never written to a report or the cache."},
        {"HF_HUB_OFFLINE", "When 1 (or true, yes), hf: ids are read from the cache only, as with "
                           "--offline."},
        {"HF_HUB_DOWNLOAD_TIMEOUT", "Seconds a Hub request may take (0 to 3600)."},
        {"XDG_CACHE_HOME", "The cache of Hub answers is in $XDG_CACHE_HOME/openness (else "
                           "$HOME/.cache/openness)."},
    };
    for (const auto& [name, meaning] : k_variables) {
        out += ".TP\n\\fB" + roff(name) + "\\fR\n" + roff(meaning) + "\n";
    }
    out += ".SH EXAMPLES\n";
    const std::pair<const char*, const char*> k_examples[] = {
        {"openness classify release/manifest.json --min-tier open-weights --rubric openness@1.0",
         "Fail (exit 1) when the release is below open weights under a pinned rubric."},
        {"openness classify models/ --format html -o report.html",
         "Score a directory of manifests into one HTML page."},
        {"openness init openness.json", "Write a manifest, asking question by question."},
        {"openness badge openness.json -o openness.svg", "Write a README badge."},
        {"openness classify --release ./my-model",
         "Classify a release folder (a Hugging Face clone, LFS pointers are enough) from the "
         "files it ships."},
        {"openness verify openness.json --against hf:ORG/NAME",
         "Hold a manifest's claims against what the Hub repository shows."},
    };
    for (const auto& [command, meaning] : k_examples) {
        out += ".PP\n" + roff(meaning) + "\n.PP\n.RS 4\n.nf\n" + roff(command) + "\n.fi\n.RE\n";
    }
    out += ".SH \"SEE ALSO\"\n\\fBopenness \\-\\-help\\fR, \\fBopenness rubric show "
           "openness\\fR\n";
    return out;
}

std::string man_page(const CommandDoc& root, const std::string& footer, const Vocabulary& words) {
    const std::vector<const CommandDoc*> all = flatten(root);
    std::string out = ".\\\" Generated by `openness __man`; do not edit.\n";
    out += ".TH OPENNESS 1 \"\" \"openness " + roff(tool_version()) + "\" \"User Commands\"\n";
    out += ".SH NAME\nopenness \\- score AI model release manifests against openness rubrics\n";
    out += ".SH SYNOPSIS\n.PP\n\\fBopenness \\-\\-version\\fR\n";
    for (const CommandDoc* c : all) {
        if (c->subcommands.empty() || c->path.empty()) {
            out += ".PP\n" + usage_line(*c) + "\n";
        }
    }
    out += ".SH DESCRIPTION\n" + roff(root.help) + "\n.PP\n" +
           roff("openness reads release manifests (what a model release ships: weights, data, "
                "code, architecture, hyperparameters, documentation, and under which licenses), "
                "scores them against a versioned rubric and prints a tiered verdict with the "
                "reasons and what is missing for the next tier. Rubrics and license tables are "
                "compiled in; the binary needs no data files.") +
           "\n";
    out += ".SH OPTIONS\n" + man_options(root);
    out += ".SH COMMANDS\n";
    for (const CommandDoc* c : all) {
        if (c->path.empty()) {
            continue;
        }
        out += ".SS \"" + roff(c->joined()) + "\"\n" + usage_line(*c) + "\n.PP\n" + roff(c->help) +
               ".\n" + man_options(*c);
    }
    out +=
        ".SH \"RUBRICS AND TIERS\"\nBundled rubrics, for \\fB\\-\\-rubric\\fR; their tiers, lowest "
        "first, for \\fB\\-\\-min\\-tier\\fR (\\fIRUBRIC\\fR:\\fITIER\\fR with several "
        "rubrics):\n";
    for (const auto& [rubric, tiers] : words.tiers_by_rubric) {
        std::string list;
        for (const auto& [id, label] : tiers) {
            list += (list.empty() ? "" : ", ") + id + (id == label ? "" : " (" + label + ")");
        }
        out += ".TP\n\\fB" + roff(rubric) + "\\fR\n" + roff(list) + "\n";
    }
    out += man_exit_status(footer);
    return out + man_environment_and_examples();
}

struct CompletionOptions {
    std::string shell;
};

}  // namespace

void add_completion_commands(CLI::App& app, Commands& commands) {
    CLI::App* root = &app;
    auto options = std::make_shared<CompletionOptions>();
    CLI::App* completion =
        app.add_subcommand("completion", "Print a shell completion script (bash, zsh or fish)");
    completion->add_option("shell", options->shell, "The shell to complete for")
        ->required()
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    completion->footer(exit_codes_footer(
        {k_exit_printed, {ExitCode::usage, "usage error: unknown flag or shell"}}));
    commands.push_back({completion, [root, options](std::ostream& out, std::ostream&,
                                                    const Environment&) {
                            const CommandDoc doc = describe(*root, {});
                            const Vocabulary words = vocabulary();
                            if (options->shell == "bash") {
                                out << bash_script(doc, words);
                            } else if (options->shell == "zsh") {
                                out << zsh_script(doc, words);
                            } else {
                                out << fish_script(doc, words);
                            }
                            return exit_code(ExitCode::ok);
                        }});
    // Hidden: the build writes the installed man page with __man; __describe is for tools.
    CLI::App* man = app.add_subcommand("__man", "Print the man page (roff)");
    man->group("");
    commands.push_back({man, [root](std::ostream& out, std::ostream&, const Environment&) {
                            out << man_page(describe(*root, {}), root->get_footer(),
                                            vocabulary());
                            return exit_code(ExitCode::ok);
                        }});
    CLI::App* dump = app.add_subcommand(
        "__describe", "Print the subcommands, options, rubric and tier ids as JSON");
    dump->group("");
    commands.push_back({dump, [root](std::ostream& out, std::ostream&, const Environment&) {
                            out << describe_json(describe(*root, {}), vocabulary());
                            return exit_code(ExitCode::ok);
                        }});
}

}  // namespace openness::cli
