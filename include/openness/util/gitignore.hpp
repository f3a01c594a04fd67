#pragma once

// The rules of one .gitignore file (gitignore(5)), read and matched without git: comments,
// escapes, trailing spaces, negation ("!"), directory-only patterns ("dir/"), anchored patterns
// (a "/" at the start or in the middle), "*", "?", "[...]" and "**". Bounded: a file holds at
// most k_max_gitignore_patterns patterns of at most k_max_gitignore_pattern_bytes each, and
// matching a path costs at most patterns x pattern length x path length steps.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::util {

constexpr std::size_t k_max_gitignore_patterns = 10000;
constexpr std::size_t k_max_gitignore_pattern_bytes = 4096;

// One pattern line, parsed.
struct GitignorePattern {
    std::vector<std::string> segments;  // split at '/'; "**" stands for any number of folders
    bool negated = false;               // "!pattern": re-includes what an earlier one ignored
    bool directory_only = false;        // "pattern/": matches folders only
    bool anchored = false;              // matched from the .gitignore's folder, not at any depth
    std::size_t line = 0;               // 1-based line in the file
    std::string text;                   // the line as written, for messages
};

// The patterns of one .gitignore file, in file order.
struct Gitignore {
    std::vector<GitignorePattern> patterns;
    std::string error;  // non-empty: the file held too many patterns; the first ones are kept
};

// Parses the text of a .gitignore file.
Gitignore parse_gitignore(std::string_view text);

// The last pattern of `rules` matching `relative` (a path below the .gitignore's folder, '/'
// separated, no leading "./"), which names a folder when `directory`; nullptr when none does.
// The caller decides: a negated pattern means "not ignored".
const GitignorePattern* last_match(const Gitignore& rules, std::string_view relative,
                                   bool directory);

}  // namespace openness::util
