#include "openness/util/suggest.hpp"

#include <catch2/catch.hpp>

using openness::util::closest_match, openness::util::edit_distance;

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps", "[util][suggest]") {
    CHECK(edit_distance("license", "license") == 0);
    CHECK(edit_distance("licence", "license") == 1);
    CHECK(edit_distance("licnese", "license") == 1);  // a swap
    CHECK(edit_distance("finals", "final") == 1);
    CHECK(edit_distance("License", "license") == 0);  // case is ignored
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance(std::string(100, 'a'), "a") == 99 + 64);
}

TEST_CASE("closest_match suggests only what is close enough to be a slip", "[util][suggest]") {
    const std::vector<std::string> keys = {"available", "license", "location", "notes"};
    CHECK(closest_match("licence", keys) == "license");
    CHECK(closest_match("availble", keys) == "available");
    CHECK(closest_match("note", keys) == "notes");
    CHECK_FALSE(closest_match("sha256", keys));
    CHECK_FALSE(closest_match("license", keys));  // not a slip at all
    CHECK_FALSE(closest_match("lic", keys));
    SECTION("ties go to the first candidate") {
        CHECK(closest_match("ab", {"aa", "bb"}) == "aa");
    }
}
