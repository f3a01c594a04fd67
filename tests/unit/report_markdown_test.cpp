#include "report_fixtures.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using openness::report::Outcome;
using openness::test::invalid, openness::test::report, openness::test::scored;
using openness::test::weights_manifest;

namespace {

const std::string k_head =
    "## openness report (openness@1.0)\n\n"
    "| manifest | model | tier | score | gate |\n"
    "| --- | --- | --- | ---: | --- |\n";

const std::string k_below = "tier restricted-weights is below the minimum open-weights";

// The table row of a one-outcome report.
std::string row(const Outcome& outcome) {
    const std::string text = report("markdown", {outcome});
    REQUIRE(text.compare(0, k_head.size(), k_head) == 0);
    return text.substr(k_head.size(), text.find('\n', k_head.size()) + 1 - k_head.size());
}

}  // namespace

TEST_CASE("markdown writes a heading and one table row per manifest", "[report][markdown]") {
    SECTION("a scored manifest") {
        CHECK(row(scored("m.json", weights_manifest("MIT"))) ==
              "| m.json | m 1 | open-weights | 20.0 | pass |\n");
    }
    SECTION("below the gate") {
        CHECK(row(scored("m.json", weights_manifest("llama3.1"), k_below)) ==
              "| m.json | m 1 | restricted-weights | 10.0 | **fail** |\n");
    }
    SECTION("an invalid file") {
        CHECK(row(invalid("bad.json", "[]")) == "| bad.json |  | invalid |  | pass |\n");
    }
    SECTION("without a rubric in the options the heading names none") {
        const std::string text = report("markdown", {}, openness::report::Options{});
        CHECK(text.rfind("## openness report\n\n| manifest |", 0) == 0);
    }
}

TEST_CASE("markdown escapes table cells", "[report][markdown]") {
    SECTION("pipes and line breaks") {
        CHECK(row(scored("a|b\nc\r\nd.json", weights_manifest("MIT"))) ==
              "| a\\|b<br>c<br>d.json | m 1 | open-weights | 20.0 | pass |\n");
    }
    SECTION("emphasis, code, links and HTML") {
        CHECK(row(scored("m.json", weights_manifest("MIT", "*x* _y_ `z` [l](u) <b> &amp; ~s~"))) ==
              "| m.json | \\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\<b\\> \\&amp; \\~s\\~ 1 | open-weights | "
              "20.0 | pass |\n");
    }
    SECTION("mentions, issue references, autolinks and images (issue 14)") {
        CHECK(row(scored("m.json", weights_manifest("MIT", "@octocat #1 o/r#2 a@b"))) ==
              "| m.json | @&#8203;octocat #&#8203;1 o/r#&#8203;2 a@b 1 | open-weights | 20.0 | "
              "pass |\n");
        CHECK(row(scored("m.json", weights_manifest("MIT", "![i](https://e.example/i.png) www.e"))) ==
              "| m.json | !\\[i\\](https:&#8203;//e.example/i.png) www&#8203;.e 1 | open-weights | "
              "20.0 | pass |\n");
        CHECK(row(scored("m.json\xff\xe2\x80\xae", weights_manifest("MIT"))) ==
              "| m.json\xEF\xBF\xBD\xEF\xBF\xBD | m 1 | open-weights | 20.0 | pass |\n");
    }
    SECTION("backslashes and control characters") {
        CHECK(row(scored("a\\b\x01.json", weights_manifest("MIT"))) ==
              "| a\\\\b .json | m 1 | open-weights | 20.0 | pass |\n");
    }
    SECTION("line starts that would open a block") {
        CHECK(row(scored("m.json", weights_manifest("MIT", "# 1"))) ==
              "| m.json | \\# 1 1 | open-weights | 20.0 | pass |\n");
        CHECK(row(scored("m.json", weights_manifest("MIT", "12. x"))) ==
              "| m.json | 12\\. x 1 | open-weights | 20.0 | pass |\n");
        CHECK(row(scored("m.json", weights_manifest("MIT", "- x"))) ==
              "| m.json | \\- x 1 | open-weights | 20.0 | pass |\n");
    }
}

TEST_CASE("markdown ends with the summary in rubric order", "[report][markdown]") {
    auto bad = invalid("bad.json", "[]");
    bad.gate_failed = true;
    bad.gate_reason = "invalid manifest";
    const std::string text =
        report("markdown",
               {scored("open.json", weights_manifest("MIT")),
                scored("llama.json", weights_manifest("llama3.1"), k_below), bad},
               openness::test::options_1_0(), "--min-tier open-weights");
    const std::string summary = text.substr(text.find("\n### Summary"));
    CHECK(summary ==
          "\n### Summary\n\n"
          "3 manifests, rubric openness@1.0.\n\n"
          "| tier | manifests |\n| --- | ---: |\n"
          "| closed | 0 |\n| api-only | 0 |\n| restricted-weights | 1 |\n| open-weights | 1 |\n"
          "| open-source | 0 |\n| fully-open | 0 |\n| invalid | 1 |\n\n"
          "Gate `--min-tier open-weights`: **failed** (1 below, 1 invalid).\n\n"
          "#### Invalid manifests\n\n"
          "- bad.json:1:1: error: expected an object, got an array\n\n"
          "#### Below the gate\n\n"
          "**llama.json**: tier restricted-weights is below the minimum open-weights. To reach "
          "open-weights:\n"
          "- Final weights: released under an OSI-approved or open data/content license. (final "
          "weights released under llama3.1: llama3.1 (Llama 3.1 Community License Agreement) is "
          "restricted: use-restricted custom model license; needs OSI-approved or an open "
          "data/content license)\n");
}

TEST_CASE("markdown states the gate result", "[report][markdown]") {
    SECTION("passed") {
        const std::string text = report("markdown", {scored("m.json", weights_manifest("MIT"))},
                                        openness::test::options_1_0(), "--min-tier open-weights");
        CHECK(text.find("\nGate `--min-tier open-weights`: **passed**.\n") != std::string::npos);
        CHECK(text.find("####") == std::string::npos);
    }
    SECTION("not set") {
        const std::string text = report("markdown", {scored("m.json", weights_manifest("MIT"))});
        CHECK(text.find("\nNo gate set (see `--min-tier` and `--min-score`).\n") !=
              std::string::npos);
        CHECK(text.find("| invalid |") == std::string::npos);
    }
}

TEST_CASE("markdown lists at most 50 manifests below the gate", "[report][markdown]") {
    std::vector<Outcome> outcomes;
    for (int i = 0; i < 60; ++i) {
        outcomes.push_back(
            scored("m" + std::to_string(i) + ".json", weights_manifest("llama3.1"), k_below));
    }
    const std::string text = report("markdown", outcomes, openness::test::options_1_0(),
                                    "--min-tier open-weights");
    CHECK(text.find("\n**m49.json**:") != std::string::npos);
    CHECK(text.find("\n**m50.json**:") == std::string::npos);
    CHECK(text.find("| m59.json |") != std::string::npos);
    CHECK(text.find("**failed** (60 below, 0 invalid)") != std::string::npos);
    CHECK(text.substr(text.size() - 18) == "\n… and 10 more.\n");
}

TEST_CASE("markdown lists input warnings, did-you-mean included (issue 15)", "[report][markdown]") {
    const std::string out = openness::test::report("markdown", {openness::test::scored_with_typo("t.json")});
    CHECK(out.find("\n#### Input warnings\n\n- t.json:2:14: warning: licence: unknown key (ignored; "
                   "it may belong to a newer manifest version); did you mean 'license'?\n") !=
          std::string::npos);
}
