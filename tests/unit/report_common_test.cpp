#include "openness/report/report.hpp"

#include "../../src/report/reporters.hpp"
#include "report_fixtures.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

using namespace openness;

namespace {

// Final weights and inference code inherit the top-level "Apache 2" (line 2); training code
// states "mit or apache-2.0" (line 5); evaluation code states an exact id.
const char* const k_loose = R"({"manifest_version": 1, "model": {"name": "m"}, "access": "download",
  "license": "Apache 2",
  "weights": {"final": {"available": true}},
  "code": {"inference": {"available": true},
    "training": {"available": true, "license": "mit or apache-2.0"},
    "evaluation": {"available": true, "license": "MIT"}}})";

report::Outcome loose(const std::shared_ptr<const rubric::Rubric>& rubric) {
    return test::scored("loose.json", k_loose, "", rubric);
}

report::Options options_2_0() {
    report::Options options;
    options.rubric = test::rubric_2_0();
    return options;
}

}  // namespace

TEST_CASE("read_as_warnings: one warning per reading and place, at the artifact",
          "[report][common]") {
    const std::vector<util::Diagnostic> warnings =
        report::read_as_warnings(loose(test::rubric_2_0()));
    std::vector<std::string> rendered;
    for (const util::Diagnostic& d : warnings) {
        CHECK(d.severity == util::Severity::warning);
        rendered.push_back(util::render(d));
    }
    CHECK(rendered == std::vector<std::string>{
                          "loose.json:3:24: warning: final weights: read 'Apache 2' as Apache-2.0",
                          "loose.json:5:17: warning: training code: read 'mit or apache-2.0' as "
                          "MIT OR Apache-2.0",
                          "loose.json:4:25: warning: inference code: read 'Apache 2' as Apache-2.0",
                      });
    SECTION("a 1.0 rubric reads nothing loosely, so it warns about nothing") {
        CHECK(report::read_as_warnings(loose(test::rubric_1_0())).empty());
    }
    SECTION("an invalid input has none") {
        CHECK(report::read_as_warnings(test::invalid("bad.json", "{")).empty());
    }
}

TEST_CASE("a license read loosely is a warning in every format with a place for one",
          "[report][common]") {
    const std::string reading = "final weights: read 'Apache 2' as Apache-2.0";
    // The verdict's own warnings (text, JSON, HTML, JUnit) name every artifact a reading
    // applies to; annotations (SARIF, GitHub, Markdown) stand at each artifact's line.
    const std::string grouped = "final weights, inference code: read 'Apache 2' as Apache-2.0";
    const std::vector<report::Outcome> outcomes{loose(test::rubric_2_0())};
    SECTION("text") {
        CHECK(test::report("text", outcomes, options_2_0()).find("    - " + grouped) !=
              std::string::npos);
    }
    SECTION("json") {
        CHECK(test::report("json", outcomes, options_2_0()).find("\"" + grouped + "\"") !=
              std::string::npos);
    }
    SECTION("sarif, at the artifact's line") {
        const std::string sarif = test::report("sarif", outcomes, options_2_0());
        CHECK(sarif.find("{\"ruleId\":\"license-read-as\",\"level\":\"warning\",\"message\":{"
                         "\"text\":\"" + reading + "\"}") != std::string::npos);
        CHECK(sarif.find("\"region\":{\"startLine\":3,\"startColumn\":24}") != std::string::npos);
    }
    SECTION("github, an annotation at the artifact's line") {
        CHECK(test::report("github", outcomes, options_2_0())
                  .find("::warning file=loose.json,line=3,col=24,title=openness%3A license read "
                        "as::" + reading + "\n") != std::string::npos);
    }
    SECTION("markdown, among the input warnings") {
        const std::string markdown = test::report("markdown", outcomes, options_2_0());
        const std::size_t heading = markdown.find("#### Input warnings");
        REQUIRE(heading != std::string::npos);
        CHECK(markdown.find("- loose.json:3:24: warning: " + reading, heading) !=
              std::string::npos);
    }
    SECTION("html, in the manifest's warnings") {
        const std::string page = test::report("html", outcomes, options_2_0());
        CHECK(page.find("<li>final weights, inference code: read &#39;Apache 2&#39; as "
                         "Apache-2.0</li>") !=
              std::string::npos);
    }
    SECTION("junit") {
        CHECK(test::report("junit", outcomes, options_2_0())
                  .find("warning: final weights, inference code: read &apos;Apache 2&apos; as "
                        "Apache-2.0") !=
              std::string::npos);
    }
    SECTION("csv has no column for warnings: a row is the same as for an exact id") {
        const std::string loose_row = test::report("csv", outcomes, options_2_0());
        CHECK(loose_row.find("read") == std::string::npos);
        CHECK(loose_row.find("released:osi") != std::string::npos);
    }
}

TEST_CASE("a score is written with one decimal, as printf's %.1f writes it", "[report][common]") {
    const auto printf_1f = [](double score) {
        char text[512];
        std::snprintf(text, sizeof text, "%.1f", score);
        return std::string(text);
    };
    // Every score the engine gives (whole tenths, 0 to 100), and beyond.
    for (int tenths = 0; tenths <= 20000; ++tenths) {
        const double score = tenths / 10.0;
        INFO(tenths);
        REQUIRE(report::format_score(score) == printf_1f(score));
    }
    // Anything else (a rubric's band limits may have more decimals) is rounded as printf does.
    for (double score : {0.05, 0.15, 0.25, 33.33, 66.666, 99.95, 100.04, -0.0, -0.04, -2.5,
                         1e6, 1e300, 0.1 + 0.2, std::nextafter(0.5, 1.0)}) {
        INFO(score);
        CHECK(report::format_score(score) == printf_1f(score));
    }
    std::string out = "x";
    report::append_score(out, 42.5);
    CHECK(out == "x42.5");
}
