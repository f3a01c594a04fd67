#include "openness/report/badge.hpp"

#include "report_fixtures.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace openness;

TEST_CASE("badge text is measured with DejaVu Sans widths at 11px", "[report][badge]") {
    // Advance widths (tenths of a pixel, rounded up): 'o' 6.8, 'p' 7.0, 'e' 6.8, 'n' 7.0,
    // 's' 5.8.
    CHECK(report::badge_text_width("openness") == Approx(53.0));
    CHECK(report::badge_text_width("") == 0.0);
    CHECK(report::badge_text_width("iiii") < report::badge_text_width("WWWW"));
    SECTION("Latin-1 from the table, anything beyond as the widest glyph") {
        CHECK(report::badge_text_width("\xC3\xBC") == report::badge_text_width("u"));  // ü
        CHECK(report::badge_text_width("\xE6\xBC\xA2") >= report::badge_text_width("W"));
    }
}

TEST_CASE("tier shades spread a rubric's tiers from red to bright green", "[report][badge]") {
    CHECK(report::tier_shade(0, 6) == 0);
    CHECK(report::tier_shade(3, 6) == 3);
    CHECK(report::tier_shade(5, 6) == 5);
    CHECK(report::tier_shade(0, 2) == 0);
    CHECK(report::tier_shade(1, 2) == 5);
    CHECK(report::tier_shade(1, 4) == 2);
    CHECK(report::tier_shade(0, 1) == 5);
    CHECK(std::string(report::shade_color(0)) == "#e05d44");
    CHECK(std::string(report::shade_color(5)) == "#44cc11");
}

TEST_CASE("the SVG badge is sized from the measured text", "[report][badge]") {
    const std::string svg = report::badge_svg("openness", "open weights", "#a4a61d");
    // 53 + 2 * 6 = 65 for the label; "open weights" is 74.2 + 12, rounded up to 87.
    CHECK(svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"152\" height=\"20\"") == 0);
    CHECK(svg.find("<rect class=\"label\" width=\"65\"") != std::string::npos);
    CHECK(svg.find("<rect class=\"message\" x=\"65\" width=\"87\" height=\"20\" "
                   "fill=\"#a4a61d\"/>") != std::string::npos);
    CHECK(svg.find("<text class=\"message\" x=\"108.5\" y=\"14\" fill=\"#fff\" "
                   "textLength=\"74.2\" lengthAdjust=\"spacingAndGlyphs\">open weights</text>") !=
          std::string::npos);
    CHECK(svg.find("<title>openness: open weights</title>") != std::string::npos);
}

TEST_CASE("badge text cannot break the SVG", "[report][badge]") {
    const std::string svg = report::badge_svg("a<b>&\"c\"\x01\xFF", "ok", "#44cc11");
    CHECK(svg.find("a&lt;b&gt;&amp;&quot;c&quot;</text>") != std::string::npos);
    CHECK(svg.find('\x01') == std::string::npos);
    CHECK(svg.find('\xFF') == std::string::npos);
}

TEST_CASE("the shields.io endpoint JSON", "[report][badge]") {
    CHECK(report::badge_shields_json("openness", "open \"weights\"", "#a4a61d") ==
          "{\"schemaVersion\": 1, \"label\": \"openness\", \"message\": \"open \\\"weights\\\"\", "
          "\"color\": \"a4a61d\"}\n");
}

TEST_CASE("a verdict's badge colour follows its tier", "[report][badge]") {
    CHECK(report::badge_color(*test::scored("a.json", test::weights_manifest("MIT")).verdict) ==
          "#a4a61d");
    CHECK(report::badge_color(
              *test::scored("b.json", test::weights_manifest("llama3.1")).verdict) == "#dfb317");
}
