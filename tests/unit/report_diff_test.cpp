#include "openness/report/diff.hpp"

#include "rubrics.hpp"

#include <catch2/catch.hpp>

#include <string>

using openness::engine::Diff;
using openness::report::DiffFormat, openness::report::render_diff;

namespace {

openness::engine::Verdict score(const std::string& text, const std::string& source) {
    return openness::test::evaluate_json(text, source, openness::test::rubric_1_0());
}

std::string release(const std::string& version, const std::string& weights) {
    return R"({"manifest_version": 1, "model": {"name": "m", "version": ")" + version +
           R"(", "organization": "Lab"}, "access": "download",
      "weights": {"final": )" + weights + "}}";
}

// Restricted weights in 1.0; open weights and the same everything else in 1.1.
Diff improvement() {
    return openness::engine::compare(
        score(release("1.0", R"({"available": true, "license": "llama3.1"})"), "a.json"),
        score(release("1.1", R"({"available": true, "license": "MIT"})"), "b|c.json"));
}

Diff no_change() {
    const std::string text = release("1.0", R"({"available": true, "license": "MIT"})");
    return openness::engine::compare(score(text, "a.json"), score(text, "a.json"));
}

}  // namespace

TEST_CASE("diff format names", "[report][diff]") {
    CHECK(openness::report::diff_format_names() ==
          std::vector<std::string>{"text", "json", "markdown"});
    CHECK(openness::report::parse_diff_format("markdown") == DiffFormat::markdown);
    CHECK_FALSE(openness::report::parse_diff_format("jsonl"));
}

TEST_CASE("the text diff", "[report][diff]") {
    SECTION("an improvement") {
        CHECK(render_diff(improvement(), DiffFormat::text) ==
              "a.json -> b|c.json\n"
              "  model    m 1.0 (Lab) -> m 1.1 (Lab)\n"
              "  rubric   openness@1.0\n"
              "  tier     restricted-weights (restricted weights) -> open-weights (open weights)\n"
              "  score    10.0 -> 20.0 (+10.0)\n"
              "  result   improved: higher tier, higher score\n"
              "  rules that flipped (1)\n"
              "    - weights.final.open-license: failed -> passed\n"
              "      Final weights: released under an OSI-approved or open data/content license.\n"
              "      now: final weights released under MIT: MIT is OSI-approved\n"
              "  artifacts that changed (1)\n"
              "    - final weights: released under llama3.1 (restricted) -> released under MIT "
              "(osi)\n");
    }
    SECTION("no change") {
        CHECK(render_diff(no_change(), DiffFormat::text) ==
              "a.json -> a.json\n"
              "  model    m 1.0 (Lab)\n"
              "  rubric   openness@1.0\n"
              "  tier     open-weights (open weights), unchanged\n"
              "  score    20.0, unchanged\n"
              "  result   unchanged: same tier, same score\n"
              "  rules that flipped: none\n"
              "  artifacts that changed: none\n");
    }
}

TEST_CASE("the JSON diff", "[report][diff]") {
    const Diff d = improvement();
    const std::string sha = d.after.rubric->sha256;
    CHECK(render_diff(d, DiffFormat::json) ==
          R"({"rubric":{"id":"openness","version":"1.0","sha256":")" + sha + R"("},)"
          R"("before":{"path":"a.json","model":{"name":"m","version":"1.0","organization":"Lab"},)"
          R"("tier":"restricted-weights","tier_label":"restricted weights","tier_rank":2,"score":10},)"
          R"("after":{"path":"b|c.json","model":{"name":"m","version":"1.1","organization":"Lab"},)"
          R"("tier":"open-weights","tier_label":"open weights","tier_rank":3,"score":20},)"
          R"("tier_change":1,"score_change":10,"regressed":false,"improved":true,)"
          R"("rules":[{"id":"weights.final.open-license","description":"Final weights: released )"
          R"(under an OSI-approved or open data/content license.","points":10,"before":false,)"
          R"("after":true,"reason_after":"final weights released under MIT: MIT is OSI-approved"}],)"
          R"("artifacts":[{"id":"weights.final","before":{"released":true,"license":"llama3.1",)"
          R"("license_inherited":false,"license_class":"restricted"},"after":{"released":true,)"
          R"("license":"MIT","license_inherited":false,"license_class":"osi"},"less_specific":false}]})"
          "\n");
}

TEST_CASE("the Markdown diff", "[report][diff]") {
    SECTION("an improvement, with '|' escaped in table cells") {
        CHECK(render_diff(improvement(), DiffFormat::markdown) ==
              "## openness diff: `a.json` \u2192 `b|c.json`\n"
              "\n"
              "**improved** (higher tier, higher score) under `openness@1.0`.\n"
              "\n"
              "| | before | after |\n"
              "| --- | --- | --- |\n"
              "| model | m 1.0 (Lab) | m 1.1 (Lab) |\n"
              "| tier | restricted-weights (restricted weights) | open-weights (open weights) |\n"
              "| score | 10.0 | 20.0 (+10.0) |\n"
              "\n"
              "### Rules that flipped\n"
              "\n"
              "| rule | before | after | reason now |\n"
              "| --- | --- | --- | --- |\n"
              "| `weights.final.open-license`: Final weights: released under an OSI-approved or "
              "open data/content license. | failed | passed | final weights released under MIT: "
              "MIT is OSI-approved |\n"
              "\n"
              "### Artifacts that changed\n"
              "\n"
              "| artifact | before | after |\n"
              "| --- | --- | --- |\n"
              "| final weights | released under llama3.1 (restricted) | released under MIT (osi) |\n");
    }
    SECTION("no change") {
        const std::string text = render_diff(no_change(), DiffFormat::markdown);
        CHECK(text.find("**unchanged** (same tier, same score)") != std::string::npos);
        CHECK(text.find("No rule flipped.\n") != std::string::npos);
        CHECK(text.find("No artifact changed.\n") != std::string::npos);
    }
}

TEST_CASE("a Markdown cell escapes what would break the table", "[report][diff]") {
    const std::string text = release("1|2", R"({"available": true, "license": "MIT"})");
    const Diff d =
        openness::engine::compare(score(text, "a.json"), score(text, "with`tick.json"));
    const std::string out = render_diff(d, DiffFormat::markdown);
    CHECK(out.find("| model | m 1\\|2 (Lab) | m 1\\|2 (Lab) |\n") != std::string::npos);
    CHECK(out.find("`` with`tick.json ``") != std::string::npos);
}
