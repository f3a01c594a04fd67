#include "openness/util/gitignore.hpp"

#include <catch2/catch.hpp>

#include <string>

using openness::util::Gitignore, openness::util::GitignorePattern, openness::util::last_match;
using openness::util::parse_gitignore;

namespace {

// Whether `path` is ignored by `text`: the last matching pattern decides.
bool ignored(const std::string& text, const std::string& path, bool directory = false) {
    const Gitignore rules = parse_gitignore(text);
    const GitignorePattern* match = last_match(rules, path, directory);
    return match != nullptr && !match->negated;
}

// A gitignore text, a path (a folder's or a file's) and whether the text ignores it.
struct IgnoreCase {
    const char* text;
    const char* path;
    bool directory;
    bool ignored;
};

}  // namespace

TEST_CASE("gitignore: blank lines, comments, escapes and trailing spaces", "[gitignore]") {
    const Gitignore rules =
        parse_gitignore("\xEF\xBB\xBF\n# a comment\n  \nbuild.json  \n\\#hash.json\r\nsp\\ \n");
    REQUIRE(rules.patterns.size() == 3);
    CHECK(rules.patterns[0].line == 4);
    CHECK(rules.patterns[0].text == "build.json  ");
    CHECK(rules.error.empty());
}

TEST_CASE("gitignore: which paths each pattern ignores", "[gitignore]") {
    // clang-format off
    const IgnoreCase rows[] = {
        // Blank lines, comments, escapes and trailing spaces.
        {"build.json  \n", "build.json", false, true},
        {"\\#hash.json\r\n", "#hash.json", false, true},
        {"# hash.json\n", "# hash.json", false, false},
        {"sp\\ \n", "sp ", false, true},
        {"sp\\ \n", "sp", false, false},
        // A pattern without a slash matches at any depth; '?' never matches '/'.
        {"*.json\n", "a.json", false, true},
        {"*.json\n", "deep/er/a.json", false, true},
        {"drafts\n", "x/drafts", true, true},
        {"drafts\n", "x/drafts", false, true},
        {"*.json\n", "a.yml", false, false},
        {"a?.json\n", "a/.json", false, false},
        // A slash at the start or in the middle anchors the pattern; '*' does not cross folders.
        {"/top.json\n", "top.json", false, true},
        {"/top.json\n", "sub/top.json", false, false},
        {"doc/frotz.json\n", "doc/frotz.json", false, true},
        {"doc/frotz.json\n", "a/doc/frotz.json", false, false},
        {"doc/*.json\n", "doc/x/y.json", false, false},
        // A trailing slash matches folders only.
        {"out/\n", "out", true, true},
        {"out/\n", "a/out", true, true},
        {"out/\n", "out", false, false},
        // Negation re-includes; the last matching pattern wins; "\!" is a literal '!'.
        {"*.json\n!keep.json\n", "drop.json", false, true},
        {"*.json\n!keep.json\n", "keep.json", false, false},
        {"*.json\n!keep.json\n", "sub/keep.json", false, false},
        {"!keep.json\n*.json\n", "keep.json", false, true},
        {"\\!bang.json\n", "!bang.json", false, true},
        // A leading **/ matches in any folder.
        {"**/foo.json\n", "foo.json", false, true},
        {"**/foo.json\n", "a/b/foo.json", false, true},
        {"**/foo/bar.json\n", "x/foo/bar.json", false, true},
        {"**/foo/bar.json\n", "x/foo/y/bar.json", false, false},
        // A trailing /** matches what is inside, not the folder itself (so a file inside can be
        // re-included).
        {"abc/**\n", "abc/x.json", false, true},
        {"abc/**\n", "abc/d/e/x.json", false, true},
        {"abc/**\n", "abc", true, false},
        {"abc/**\n!abc/keep.json\n", "abc/keep.json", false, false},
        // /**/ in the middle: zero or more folders.
        {"a/**/b.json\n", "a/b.json", false, true},
        {"a/**/b.json\n", "a/x/b.json", false, true},
        {"a/**/b.json\n", "a/x/y/b.json", false, true},
        {"a/**/b.json\n", "z/a/b.json", false, false},
        // Other ** are ordinary stars.
        {"/x**y.json\n", "xay.json", false, true},
        {"/x**y.json\n", "x/y.json", false, false},
        // '?' and bracket expressions; an unclosed bracket is an ordinary character.
        {"v?.json\n", "v1.json", false, true},
        {"v?.json\n", "v12.json", false, false},
        {"v[0-9].json\n", "v7.json", false, true},
        {"v[0-9].json\n", "va.json", false, false},
        {"v[!0-9].json\n", "va.json", false, true},
        {"v[[:alpha:]].json\n", "vq.json", false, true},
        {"v[]].json\n", "v].json", false, true},
        {"v[.json\n", "v[.json", false, true},
    };
    // clang-format on
    for (const IgnoreCase& row : rows) {
        INFO("patterns '" << row.text << "', " << (row.directory ? "folder '" : "file '")
                          << row.path << "'");
        CHECK(ignored(row.text, row.path, row.directory) == row.ignored);
    }
}

TEST_CASE("gitignore: hostile files stay bounded", "[gitignore]") {
    SECTION("too many patterns: the first are kept, and it says so") {
        std::string text;
        for (std::size_t i = 0; i < openness::util::k_max_gitignore_patterns + 5; ++i) {
            text += "p" + std::to_string(i) + "\n";
        }
        const Gitignore rules = parse_gitignore(text);
        CHECK(rules.patterns.size() == openness::util::k_max_gitignore_patterns);
        CHECK(rules.error == "more than 10000 patterns: those after line 10000 are not read");
    }
    SECTION("an overlong line is not read") {
        const Gitignore rules =
            parse_gitignore(std::string(openness::util::k_max_gitignore_pattern_bytes + 1, 'a') +
                            "\nb\n");
        CHECK(rules.patterns.size() == 1);
        CHECK(rules.error == "line 1 is longer than 4096 bytes: not read");
    }
    SECTION("many stars against a long name end quickly") {
        const std::string pattern = std::string(2000, '*') + "a*a*a*a*a*a*a*a*a*b\n";
        CHECK_FALSE(ignored(pattern, std::string(2000, 'a')));
        std::string deep = "/**/**/**/**/**/**/**/**/**/**/z\n";
        std::string path;
        for (int i = 0; i < 200; ++i) {
            path += "d/";
        }
        CHECK_FALSE(ignored(deep, path + "y"));
        CHECK(ignored(deep, path + "z"));
    }
}
