#include "openness/util/gitignore.hpp"

#include "openness/util/strings.hpp"

#include <fmt/format.h>

#include <ctype.h>

namespace openness::util {

namespace {

constexpr std::size_t k_none = static_cast<std::size_t>(-1);

// The POSIX classes a bracket expression may name ("alpha" of "[[:alpha:]]"), each with its test.
struct NamedClass {
    std::string_view name;
    int (*holds)(int);
};
constexpr NamedClass k_named_classes[] = {
    {"alnum", isalnum}, {"alpha", isalpha}, {"digit", isdigit},   {"lower", islower},
    {"upper", isupper}, {"space", isspace}, {"xdigit", isxdigit}, {"punct", ispunct},
};

// The POSIX class `name` holds `c`.
bool in_named_class(std::string_view name, unsigned char c) {
    for (const NamedClass& named : k_named_classes) {
        if (named.name == name) {
            return named.holds(c) != 0;
        }
    }
    return false;
}

// Matches the bracket expression starting at glob[at] == '[' against `c`. Returns the length of
// the expression, or 0 when it is not closed (then '[' is an ordinary character); `matched`
// tells whether `c` is in it.
std::size_t bracket(std::string_view glob, std::size_t at, char c, bool& matched) {
    std::size_t i = at + 1;
    bool negate = false;
    if (i < glob.size() && (glob[i] == '!' || glob[i] == '^')) {
        negate = true;
        ++i;
    }
    const unsigned char u = static_cast<unsigned char>(c);
    bool found = false;
    bool first = true;
    while (i < glob.size()) {
        if (glob[i] == ']' && !first) {
            matched = found != negate;
            return i + 1 - at;
        }
        first = false;
        if (glob.compare(i, 2, "[:") == 0) {
            const std::size_t close = glob.find(":]", i + 2);
            if (close != std::string_view::npos) {
                found = found || in_named_class(glob.substr(i + 2, close - i - 2), u);
                i = close + 2;
                continue;
            }
        }
        unsigned char low = static_cast<unsigned char>(glob[i]);
        if (low == '\\' && i + 1 < glob.size()) {
            low = static_cast<unsigned char>(glob[++i]);
        }
        ++i;
        unsigned char high = low;
        if (i + 1 < glob.size() && glob[i] == '-' && glob[i + 1] != ']') {
            high = static_cast<unsigned char>(glob[i + 1]);
            i += 2;
            if (high == '\\' && i < glob.size()) {
                high = static_cast<unsigned char>(glob[i++]);
            }
        }
        found = found || (low <= u && u <= high);
    }
    return 0;
}

// The length of the token at glob[g] (not '*') when it matches `c`, else 0.
std::size_t token_match(std::string_view glob, std::size_t g, char c) {
    if (glob[g] == '?') {
        return 1;
    }
    if (glob[g] == '[') {
        bool matched = false;
        const std::size_t length = bracket(glob, g, c, matched);
        if (length != 0) {
            return matched ? length : 0;
        }
    }
    if (glob[g] == '\\' && g + 1 < glob.size()) {
        return glob[g + 1] == c ? 2 : 0;
    }
    return glob[g] == c ? 1 : 0;
}

// A pattern of `tokens` tokens against `items` items, where `is_star(t)` says token t stands for
// any run of items and `match(t, i)` is how many tokens from t item i takes (0: it does not
// match). Backtracks only to the last star, so it costs at most tokens x items steps.
template <typename IsStar, typename Match>
bool star_match(std::size_t tokens, std::size_t items, IsStar is_star, Match match) {
    std::size_t t = 0;
    std::size_t i = 0;
    std::size_t star_t = k_none;
    std::size_t star_i = 0;
    while (i < items) {
        if (t < tokens && is_star(t)) {
            star_t = ++t;
            star_i = i;
            continue;
        }
        const std::size_t used = t < tokens ? match(t, i) : 0;
        if (used != 0) {
            t += used;
            ++i;
            continue;
        }
        if (star_t == k_none) {
            return false;
        }
        t = star_t;
        i = ++star_i;
    }
    while (t < tokens && is_star(t)) {
        ++t;
    }
    return t == tokens;
}

// One path component against one pattern segment: '*' any run, '?' one character, "[...]" a
// class, '\' an escape.
bool name_matches(std::string_view glob, std::string_view name) {
    return star_match(
        glob.size(), name.size(), [&](std::size_t g) { return glob[g] == '*'; },
        [&](std::size_t g, std::size_t n) { return token_match(glob, g, name[n]); });
}

// The pattern's segments against the path's components, "**" standing for any number of them.
bool segments_match(const std::vector<std::string>& pattern,
                    const std::vector<std::string_view>& path) {
    return star_match(
        pattern.size(), path.size(), [&](std::size_t p) { return pattern[p] == "**"; },
        [&](std::size_t p, std::size_t s) -> std::size_t {
            return name_matches(pattern[p], path[s]) ? 1 : 0;
        });
}

// Parses one line; false when it holds no pattern (blank, a comment, only slashes).
bool parse_line(std::string_view line, GitignorePattern& pattern) {
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    if (line.empty() || line[0] == '#') {
        return false;
    }
    // Trailing spaces go, unless escaped with a backslash.
    while (!line.empty() && line.back() == ' ' &&
           !(line.size() >= 2 && line[line.size() - 2] == '\\')) {
        line.remove_suffix(1);
    }
    if (!line.empty() && line[0] == '!') {
        pattern.negated = true;
        line.remove_prefix(1);
    }
    if (!line.empty() && line.back() == '/') {
        pattern.directory_only = true;
        line.remove_suffix(1);
    }
    pattern.anchored = line.find('/') != std::string_view::npos;
    for (std::string_view part : split(line, '/')) {
        pattern.segments.emplace_back(part);
    }
    if (pattern.segments.empty()) {
        return false;
    }
    if (!pattern.anchored) {
        pattern.segments.insert(pattern.segments.begin(), "**");  // at any depth
    }
    if (pattern.segments.back() == "**") {
        // "dir/**" holds what is inside dir, not dir itself: at least one more component.
        pattern.segments.back() = "*";
        pattern.segments.emplace_back("**");
    }
    return true;
}

}  // namespace

Gitignore parse_gitignore(std::string_view text) {
    Gitignore rules;
    text = without_bom(text);
    std::size_t line_number = 0;
    std::string_view line;
    for (std::string_view rest = text; next_line(rest, line);) {
        ++line_number;
        if (line.size() > k_max_gitignore_pattern_bytes) {
            if (rules.error.empty()) {
                rules.error = fmt::format("line {} is longer than {} bytes: not read", line_number,
                                          k_max_gitignore_pattern_bytes);
            }
            continue;
        }
        GitignorePattern pattern;
        if (!parse_line(line, pattern)) {
            continue;
        }
        if (rules.patterns.size() == k_max_gitignore_patterns) {
            rules.error = fmt::format("more than {} patterns: those after line {} are not read",
                                      k_max_gitignore_patterns, line_number - 1);
            break;
        }
        pattern.line = line_number;
        pattern.text = std::string(line.substr(0, line.size() - (line.back() == '\r' ? 1 : 0)));
        rules.patterns.push_back(std::move(pattern));
    }
    return rules;
}

const GitignorePattern* last_match(const Gitignore& rules, std::string_view relative,
                                   bool directory) {
    if (rules.patterns.empty()) {
        return nullptr;
    }
    const std::vector<std::string_view> path = split(relative, '/');
    for (auto it = rules.patterns.rbegin(); it != rules.patterns.rend(); ++it) {
        if (it->directory_only && !directory) {
            continue;
        }
        if (segments_match(it->segments, path)) {
            return &*it;
        }
    }
    return nullptr;
}

}  // namespace openness::util
