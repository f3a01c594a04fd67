#include "openness/util/strings.hpp"

#include <catch2/catch.hpp>

namespace util = openness::util;

TEST_CASE("lower and iequals fold ASCII letters only", "[util][strings]") {
    CHECK(util::lower("MIT-License_2.0") == "mit-license_2.0");
    CHECK(util::lower('Q') == 'q');
    CHECK(util::lower('[') == '[');
    CHECK(util::lower("\xC3\x89t\xC3\xA9") == "\xC3\x89t\xC3\xA9");  // É stays: ASCII only
    CHECK(util::iequals("Apache-2.0", "APACHE-2.0"));
    CHECK_FALSE(util::iequals("Apache-2.0", "Apache-2.00"));
    CHECK_FALSE(util::iequals("a@", "A`"));  // '@' and '`' are one bit apart, not letters
}

TEST_CASE("upper folds ASCII letters only", "[util][strings]") {
    CHECK(util::upper("mit-license_2.0 or") == "MIT-LICENSE_2.0 OR");
    CHECK(util::upper("{`}") == "{`}");  // '{' and '`' sit next to 'z' and 'a'
    CHECK(util::upper("\xC3\xA9t\xC3\xA9") == "\xC3\xA9T\xC3\xA9");  // é stays: ASCII only
}

TEST_CASE("prefixes and suffixes, with and without case", "[util][strings]") {
    CHECK(util::starts_with("LicenseRef-x", "LicenseRef-"));
    CHECK_FALSE(util::starts_with("License", "LicenseRef-"));
    CHECK(util::ends_with("model.yaml", ".yaml"));
    CHECK(util::ends_with(".md", ".md"));
    CHECK_FALSE(util::ends_with("md", ".md"));
    CHECK(util::istarts_with("licenseref-x", "LicenseRef-"));
    CHECK(util::iends_with("README.MD", ".md"));
    CHECK_FALSE(util::iends_with("d", ".md"));
}

TEST_CASE("trim, trim_right and is_blank use the blanks they are given", "[util][strings]") {
    CHECK(util::trim(" \t MIT \r\n") == "MIT");
    CHECK(util::trim(" \r\n\t").empty());
    CHECK(util::trim("\fMIT\v") == "\fMIT\v");
    CHECK(util::trim("\fMIT\v", " \f\v") == "MIT");
    CHECK(util::trim_right("--- \t\r", " \t\r") == "---");
    CHECK(util::trim_right("---\n", " \t\r") == "---\n");
    CHECK(util::is_blank(""));
    CHECK(util::is_blank(" \t\r\n"));
    CHECK_FALSE(util::is_blank(" x "));
    CHECK_FALSE(util::is_blank("\n", " \t\r"));
}

TEST_CASE("without_bom drops one leading byte order mark", "[util][strings]") {
    CHECK(util::without_bom("\xEF\xBB\xBF{}") == "{}");
    CHECK(util::without_bom("{}\xEF\xBB\xBF") == "{}\xEF\xBB\xBF");
    CHECK(util::without_bom("\xEF\xBB") == "\xEF\xBB");
}

TEST_CASE("split leaves out empty parts", "[util][strings]") {
    using Parts = std::vector<std::string_view>;
    CHECK(util::split("a/b/c", '/') == Parts{"a", "b", "c"});
    CHECK(util::split("//a//b/", '/') == Parts{"a", "b"});
    CHECK(util::split("", '/').empty());
    CHECK(util::split("///", '/').empty());
    CHECK(util::split("one", ' ') == Parts{"one"});
}

TEST_CASE("replace_chars replaces each named character and keeps the rest", "[util][strings]") {
    CHECK(util::replace_chars("a:b,c", {{':', "%3A"}, {',', "%2C"}}) == "a%3Ab%2Cc");
    CHECK(util::replace_chars("it's", {{'\'', "'\\''"}}) == "it'\\''s");
    CHECK(util::replace_chars("", {{'x', "y"}}).empty());
    CHECK(util::replace_chars("x-x", {{'x', ""}}) == "-");
}
