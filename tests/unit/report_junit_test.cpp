#include "report_fixtures.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using openness::report::Outcome;
using openness::test::invalid, openness::test::report, openness::test::rubric_1_0;
using openness::test::scored, openness::test::weights_manifest;

namespace {

const std::string k_below = "tier restricted-weights is below the minimum open-weights";

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The <testcase> element of a one-outcome report.
std::string test_case(const Outcome& outcome) {
    const std::string text = report("junit", {outcome});
    const std::size_t start = text.find("    <testcase");
    const std::size_t end = text.find("</testcase>\n", start);
    REQUIRE(end != std::string::npos);
    return text.substr(start, end + 12 - start);
}

}  // namespace

TEST_CASE("junit with no manifests is an empty suite", "[report][junit]") {
    CHECK(report("junit", {}) ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<testsuites name=\"openness\" tests=\"0\" failures=\"0\" errors=\"0\">\n"
          "  <testsuite name=\"openness@1.0\" tests=\"0\" failures=\"0\" errors=\"0\" "
          "skipped=\"0\">\n"
          "  </testsuite>\n"
          "</testsuites>\n");
}

TEST_CASE("junit counts test cases and failures on the suite", "[report][junit]") {
    const std::string text =
        report("junit", {scored("a.json", weights_manifest("MIT")),
                         scored("b.json", weights_manifest("llama3.1"), k_below),
                         invalid("c.json", "[]"), scored("d.json", weights_manifest("MIT"))});
    CHECK(contains(text, "<testsuites name=\"openness\" tests=\"4\" failures=\"2\" errors=\"0\">"));
    CHECK(contains(text, "<testsuite name=\"openness@1.0\" tests=\"4\" failures=\"2\" errors=\"0\" "
                         "skipped=\"0\">"));
    // In input order.
    CHECK(text.find("name=\"a.json\"") < text.find("name=\"b.json\""));
    CHECK(text.find("name=\"c.json\"") < text.find("name=\"d.json\""));
}

TEST_CASE("junit writes one test case per manifest", "[report][junit]") {
    SECTION("passing: the tier and score in system-out") {
        CHECK(test_case(scored("a.json", weights_manifest("MIT"))) ==
              "    <testcase classname=\"openness@1.0\" name=\"a.json\">\n"
              "      <system-out>tier: open-weights (open weights)\nscore: 20.0\nrubric: "
              "openness@1.0 sha256:" +
                  rubric_1_0()->sha256 + "\n</system-out>\n    </testcase>\n");
    }
    SECTION("below the gate: a gate failure with what the next tier needs") {
        const std::string element = test_case(scored("b.json", weights_manifest("llama3.1"),
                                                      k_below));
        CHECK(contains(element, "<failure message=\"" + k_below + "\" type=\"gate\">tier "
                                "restricted-weights (restricted weights), score 10.0\nto reach "
                                "open-weights (open weights):\n- Final weights: released under "
                                "an OSI-approved or open data/content license.\n  final weights "
                                "released under llama3.1: "));
        CHECK(contains(element, "</failure>\n      <system-out>tier: restricted-weights"));
    }
    SECTION("invalid: an invalid failure with every error") {
        CHECK(test_case(invalid("c.json", "{\"manifest_version\": 1,\n \"model\": 3}")) ==
              "    <testcase classname=\"openness@1.0\" name=\"c.json\">\n"
              "      <failure message=\"c.json:1:1: error: missing required key &apos;access&apos; "
              "(one of none, api, gated, download)\" type=\"invalid\">c.json:1:1: error: missing "
              "required key &apos;access&apos; (one of none, api, gated, download)\nc.json:2:11: "
              "error: model: expected an object, got a number\n</failure>\n    </testcase>\n");
    }
}

TEST_CASE("junit escapes text and attributes for XML 1.0", "[report][junit]") {
    SECTION("the five special characters") {
        CHECK(contains(test_case(invalid("a&b<c>\"d\"'e'.json", "[]")),
                       "name=\"a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;.json\""));
    }
    SECTION("line breaks and tabs in attributes survive normalization") {
        CHECK(contains(test_case(invalid("a\tb\nc\rd.json", "[]")),
                       "name=\"a&#9;b&#10;c&#13;d.json\""));
    }
    const std::string fffd = "\xEF\xBF\xBD";
    SECTION("characters XML 1.0 forbids and bytes that are not UTF-8 become U+FFFD") {
        // U+0001, U+001F, U+FFFF, a byte that starts nothing, a sequence cut short.
        CHECK(contains(test_case(invalid("a\x01\x1f\xEF\xBF\xBF\xff\xC3.json", "[]")),
                       "name=\"a" + fffd + fffd + fffd + fffd + fffd + ".json\""));
    }
    SECTION("overlong encodings and surrogates are not UTF-8") {
        CHECK(contains(test_case(invalid("\xC0\xAF\xED\xA0\x80.json", "[]")),
                       "name=\"" + fffd + fffd + fffd + fffd + fffd + ".json\""));
    }
    SECTION("valid UTF-8 passes through") {
        CHECK(contains(test_case(invalid("mod\xC3\xA8le \xF0\x9F\xA6\x99.json", "[]")),
                       "name=\"mod\xC3\xA8le \xF0\x9F\xA6\x99.json\""));
    }
}

TEST_CASE("junit names the suite after the rubric", "[report][junit]") {
    SECTION("from the options") {
        CHECK(contains(report("junit", {}), "<testsuite name=\"openness@1.0\""));
    }
    SECTION("else from the first verdict") {
        const std::string text = report("junit", {invalid("c.json", "[]"),
                                                  scored("a.json", weights_manifest("MIT"))},
                                        openness::report::Options{});
        CHECK(contains(text, "<testsuite name=\"openness@1.0\""));
        CHECK(contains(text, "<testcase classname=\"openness\" name=\"c.json\""));
        CHECK(contains(text, "<testcase classname=\"openness@1.0\" name=\"a.json\""));
    }
    SECTION("else openness") {
        CHECK(contains(report("junit", {}, openness::report::Options{}),
                       "<testsuite name=\"openness\""));
    }
}
