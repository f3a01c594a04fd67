#include "openness/engine/evaluate.hpp"
#include "openness/manifest/json_loader.hpp"
#include "openness/report/report.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/file_system.hpp"
#include "openness/util/json.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

using namespace openness;

namespace {

// A summary of `extra` more invalid inputs than it lists.
report::Summary with_unlisted_invalid(std::size_t extra) {
    report::Summary summary;
    summary.gate_set = true;
    summary.gate = "--min-tier open-weights";
    for (std::size_t i = 0; i < report::Summary::k_max_listed + extra; ++i) {
        report::Outcome outcome;
        outcome.source = "bad/" + std::to_string(i) + ".json";
        outcome.gate_failed = true;
        summary.add(outcome);
    }
    return summary;
}

// The JSON report's closing part for `summary`, parsed.
util::JsonValue json_end(const report::Summary& summary) {
    std::ostringstream out;
    auto reporter = report::make_reporter("json", out, {});
    reporter->begin();
    reporter->end(summary);
    util::JsonParseResult parsed = util::parse_json(out.str(), "out");
    REQUIRE(parsed.value);
    return *parsed.value;
}

}  // namespace

TEST_CASE("a summary lists a bounded number of paths and counts them all", "[report][summary]") {
    const report::Summary summary = with_unlisted_invalid(5);
    CHECK(summary.total == report::Summary::k_max_listed + 5);
    CHECK(summary.invalid.size() == report::Summary::k_max_listed);
    CHECK(summary.invalid_count == report::Summary::k_max_listed + 5);
    CHECK(summary.invalid.back() == "bad/9999.json");
    CHECK_FALSE(summary.gate_passed());
    // An invalid input is counted once, as invalid, not as below the gate.
    CHECK(summary.gate_failure_count == 0);
}

TEST_CASE("the text and JSON summaries say how many paths are not listed", "[report][summary]") {
    const report::Summary summary = with_unlisted_invalid(5);
    SECTION("text") {
        std::ostringstream out;
        report::make_reporter("text", out, {})->end(summary);
        CHECK(out.str().find("invalid             10005\n") != std::string::npos);
        CHECK(out.str().find("    bad/9999.json\n    and 5 more, not listed\n") !=
              std::string::npos);
        CHECK(out.str().find("(0 below, 10005 invalid)") != std::string::npos);
    }
    SECTION("json") {
        const util::JsonValue end = json_end(summary);
        const util::JsonValue* json = end.find("summary");
        REQUIRE(json != nullptr);
        CHECK(json->find("invalid")->items().size() == report::Summary::k_max_listed);
        CHECK(json->find("invalid_not_listed")->as_integer() == 5);
        CHECK(json->find("gate")->find("failures_not_listed") == nullptr);
    }
}

TEST_CASE("a summary within the limit has no not-listed count", "[report][summary]") {
    report::Summary summary;
    report::Outcome bad;
    bad.source = "bad.json";
    summary.add(bad);
    std::ostringstream out;
    auto reporter = report::make_reporter("json", out, {});
    reporter->begin();
    reporter->end(summary);
    CHECK(out.str().find("not_listed") == std::string::npos);
    CHECK(out.str().find("\"invalid\":[\"bad.json\"]") != std::string::npos);
}

TEST_CASE("gate failures beyond the limit are counted, not listed", "[report][summary]") {
    util::MemoryFileSystem files;
    const auto rubric = rubric::resolve_rubric("openness@1.0", files).rubric;
    REQUIRE(rubric);
    const auto loaded = manifest::load_manifest_json(
        R"({"manifest_version": 1, "model": {"name": "m"}, "access": "api"})", "m.json");
    REQUIRE(loaded.manifest);
    report::Outcome outcome;
    outcome.verdict = engine::evaluate(rubric, *loaded.manifest);
    outcome.gate_failed = true;
    report::Summary summary;
    summary.gate_set = true;
    for (std::size_t i = 0; i < report::Summary::k_max_listed + 3; ++i) {
        outcome.source = std::to_string(i) + ".json";
        summary.add(outcome);
    }
    CHECK(summary.gate_failures.size() == report::Summary::k_max_listed);
    CHECK(summary.gate_failure_count == report::Summary::k_max_listed + 3);
    CHECK(json_end(summary)
              .find("summary")
              ->find("gate")
              ->find("failures_not_listed")
              ->as_integer() == 3);
}

TEST_CASE("the JSON summary counts every tier of every rubric, zero counts included",
          "[report][summary]") {
    report::Summary summary;
    summary.tier_order = {"a", "b"};
    summary.per_tier = {{"b", 2}, {"x", 1}};  // a tier no rubric lists comes last
    summary.more_rubrics.push_back({"mof@1.0", {"c", "d"}, {{"d", 3}}});
    summary.more_rubrics.push_back({"q\"@1", {}, {}});
    std::ostringstream out;
    auto reporter = report::make_reporter("json", out, {});
    reporter->begin();
    reporter->end(summary);
    CHECK(out.str().find(R"("tiers":{"a":0,"b":2,"x":1},"frameworks":{"mof@1.0":{"c":0,"d":3},)"
                         R"("q\"@1":{}},"invalid":[])") != std::string::npos);
}
