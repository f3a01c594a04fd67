// engine::Gate on two small rubrics written for this test, so a change to a bundled rubric
// cannot break it.

#include "openness/engine/gate.hpp"

#include "rubrics.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using openness::engine::Gate, openness::engine::Verdict;

namespace {

// Two tiers: "closed", then "open" once the final weights are released (1 point of 1).
std::shared_ptr<const openness::rubric::Rubric> test_rubric(const std::string& id) {
    const std::string text = R"({"rubric_format": 1, "id": ")" + id + R"(", "version": "1.0",
  "license_table": "openness-licenses@1.0",
  "rules": [{"id": "w", "description": "Weights released.", "points": 1,
             "check": {"artifact": "weights.final", "released": true}}],
  "tiers": [{"id": "closed", "label": "closed", "requires": []},
            {"id": "open", "label": "open", "requires": ["w"]}]})";
    return openness::test::load_rubric_text(text, id + ".json");
}

Verdict verdict_of(const std::shared_ptr<const openness::rubric::Rubric>& rubric,
                   bool weights) {
    openness::manifest::Manifest manifest;
    manifest.model.name = "m";
    manifest.access = openness::manifest::Access::download;
    if (weights) {
        manifest.artifact(openness::manifest::ArtifactId::weights_final).availability =
            openness::manifest::Availability::released;
    }
    return openness::engine::evaluate(rubric, manifest);
}

}  // namespace

TEST_CASE("a gate names what a verdict misses", "[engine][gate]") {
    const auto a = test_rubric("a");
    const auto b = test_rubric("b");
    Gate gate({a, b});
    CHECK_FALSE(gate.set());
    REQUIRE(gate.add_min_tier("open"));
    REQUIRE(gate.add_min_tier("b:open"));
    REQUIRE(gate.set_min_score(50));
    CHECK(gate.set());
    CHECK(gate.flags() == "--min-tier open --min-tier b:open --min-score 50");
    CHECK(gate.check(verdict_of(a, true), {verdict_of(b, true)}).empty());
    CHECK(gate.check(verdict_of(a, true), {verdict_of(b, false)}) ==
          "b@1.0 tier closed is below the minimum open");
    CHECK(gate.check(verdict_of(a, false), {verdict_of(b, false)}) ==
          "a@1.0 tier closed is below the minimum open; b@1.0 tier closed is below the minimum "
          "open; score 0.0 is below the minimum 50");
}

TEST_CASE("a gate refuses tiers, rubrics and scores it does not know", "[engine][gate]") {
    Gate gate({test_rubric("a")});
    CHECK(gate.add_min_tier("opne").error() ==
          "unknown tier 'opne' for a@1.0 (tiers, lowest first: closed, open)");
    CHECK(gate.add_min_tier("a@1.0:opne").error() ==
          "unknown tier 'opne' for a@1.0 (tiers, lowest first: closed, open)");
    CHECK(gate.add_min_tier("c:open").error() ==
          "--min-tier c:open: 'c' is not one of the rubrics of this run (add it to --rubric)");
    CHECK(gate.set_min_score(100.5).error() == "--min-score must be a number from 0 to 100");
    CHECK(gate.set_min_score(-1).error() == "--min-score must be a number from 0 to 100");
    CHECK(gate.set_min_score(std::nan("")).error() == "--min-score must be a number from 0 to 100");
    CHECK_FALSE(gate.set());
    CHECK(gate.flags().empty());
}
