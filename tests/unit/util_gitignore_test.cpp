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

}  // namespace

TEST_CASE("gitignore: blank lines, comments, escapes and trailing spaces", "[gitignore]") {
    const Gitignore rules =
        parse_gitignore("\xEF\xBB\xBF\n# a comment\n  \nbuild.json  \n\\#hash.json\r\nsp\\ \n");
    REQUIRE(rules.patterns.size() == 3);
    CHECK(rules.patterns[0].line == 4);
    CHECK(rules.patterns[0].text == "build.json  ");
    CHECK(rules.error.empty());
    CHECK(ignored("build.json  \n", "build.json"));
    CHECK(ignored("\\#hash.json\r\n", "#hash.json"));
    CHECK_FALSE(ignored("# hash.json\n", "# hash.json"));
    CHECK(ignored("sp\\ \n", "sp "));
    CHECK_FALSE(ignored("sp\\ \n", "sp"));
}

TEST_CASE("gitignore: a pattern without a slash matches at any depth", "[gitignore]") {
    CHECK(ignored("*.json\n", "a.json"));
    CHECK(ignored("*.json\n", "deep/er/a.json"));
    CHECK(ignored("drafts\n", "x/drafts", true));
    CHECK(ignored("drafts\n", "x/drafts"));
    CHECK_FALSE(ignored("*.json\n", "a.yml"));
    CHECK_FALSE(ignored("a?.json\n", "a/.json"));  // '?' never matches '/'
}

TEST_CASE("gitignore: a slash at the start or in the middle anchors the pattern",
          "[gitignore]") {
    CHECK(ignored("/top.json\n", "top.json"));
    CHECK_FALSE(ignored("/top.json\n", "sub/top.json"));
    CHECK(ignored("doc/frotz.json\n", "doc/frotz.json"));
    CHECK_FALSE(ignored("doc/frotz.json\n", "a/doc/frotz.json"));
    CHECK_FALSE(ignored("doc/*.json\n", "doc/x/y.json"));  // '*' does not cross folders
}

TEST_CASE("gitignore: a trailing slash matches folders only", "[gitignore]") {
    CHECK(ignored("out/\n", "out", true));
    CHECK(ignored("out/\n", "a/out", true));
    CHECK_FALSE(ignored("out/\n", "out", false));
}

TEST_CASE("gitignore: negation re-includes, the last matching pattern wins", "[gitignore]") {
    const std::string text = "*.json\n!keep.json\n";
    CHECK(ignored(text, "drop.json"));
    CHECK_FALSE(ignored(text, "keep.json"));
    CHECK_FALSE(ignored(text, "sub/keep.json"));
    CHECK(ignored("!keep.json\n*.json\n", "keep.json"));
    CHECK(ignored("\\!bang.json\n", "!bang.json"));
}

TEST_CASE("gitignore: ** stands for any number of folders", "[gitignore]") {
    SECTION("leading **/") {
        CHECK(ignored("**/foo.json\n", "foo.json"));
        CHECK(ignored("**/foo.json\n", "a/b/foo.json"));
        CHECK(ignored("**/foo/bar.json\n", "x/foo/bar.json"));
        CHECK_FALSE(ignored("**/foo/bar.json\n", "x/foo/y/bar.json"));
    }
    SECTION("trailing /**: what is inside, not the folder itself") {
        CHECK(ignored("abc/**\n", "abc/x.json"));
        CHECK(ignored("abc/**\n", "abc/d/e/x.json"));
        CHECK_FALSE(ignored("abc/**\n", "abc", true));
        // So a file inside can be re-included.
        CHECK_FALSE(ignored("abc/**\n!abc/keep.json\n", "abc/keep.json"));
    }
    SECTION("/**/ in the middle: zero or more folders") {
        CHECK(ignored("a/**/b.json\n", "a/b.json"));
        CHECK(ignored("a/**/b.json\n", "a/x/b.json"));
        CHECK(ignored("a/**/b.json\n", "a/x/y/b.json"));
        CHECK_FALSE(ignored("a/**/b.json\n", "z/a/b.json"));
    }
    SECTION("other ** are ordinary stars") {
        CHECK(ignored("/x**y.json\n", "xay.json"));
        CHECK_FALSE(ignored("/x**y.json\n", "x/y.json"));
    }
}

TEST_CASE("gitignore: ? and bracket expressions", "[gitignore]") {
    CHECK(ignored("v?.json\n", "v1.json"));
    CHECK_FALSE(ignored("v?.json\n", "v12.json"));
    CHECK(ignored("v[0-9].json\n", "v7.json"));
    CHECK_FALSE(ignored("v[0-9].json\n", "va.json"));
    CHECK(ignored("v[!0-9].json\n", "va.json"));
    CHECK(ignored("v[[:alpha:]].json\n", "vq.json"));
    CHECK(ignored("v[]].json\n", "v].json"));
    CHECK(ignored("v[.json\n", "v[.json"));  // an unclosed bracket is an ordinary character
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
