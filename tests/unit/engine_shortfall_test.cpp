// engine::shortfall (all a release lacks for a tier, grouped by artifact), the flags the engine
// sets for reporters (lacking, terms_only, progress_reported) and missing_for under cumulative
// progress, on small rubrics written for this test, so a change to a bundled rubric cannot
// break it.

#include "openness/engine/evaluate.hpp"
#include "openness/engine/gate.hpp"
#include "openness/manifest/json_loader.hpp"
#include "openness/rubric/rubric.hpp"

#include "rubrics.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace openness;

namespace {

// Tiers: closed; api (access api); weights (downloadable final weights); open (the weights
// under an open license, training code under OSI, one of the data card or the paper under an
// open license). Code counts as open under OSI only.
constexpr const char* k_rubric = R"({"rubric_format": 1, "id": "t", "version": "1.0",
  "license_table": "openness-licenses@1.0",
  "open_licenses": {"weights": ["osi", "open-data"], "code": ["osi"], "data": ["osi", "open-data"],
                    "documentation": ["osi", "open-data"]},
  "rules": [
    {"id": "api", "description": "Reachable through an API.", "points": 0,
     "check": {"access": ["api"]}},
    {"id": "download", "description": "Weights downloadable.", "points": 0,
     "check": {"all": [{"access": ["download", "gated"]},
                       {"artifact": "weights.final", "released": true}]}},
    {"id": "weights.open", "description": "Weights open.", "points": 2,
     "check": {"artifact": "weights.final", "license": "open"}},
    {"id": "code.open", "description": "Training code open.", "points": 1,
     "check": {"artifact": "code.training", "license": "open"}},
    {"id": "info", "description": "Data card or paper open.", "points": 0,
     "check": {"any": [{"artifact": "data.card", "license": "open"},
                       {"artifact": "documentation.research_paper", "license": "open"}]}}],
  "tiers": [{"id": "closed", "label": "closed"},
            {"id": "api", "label": "API", "requires": ["api"]},
            {"id": "weights", "label": "weights", "requires": ["download"]},
            {"id": "open", "label": "open", "extends": "weights",
             "requires": ["weights.open", "code.open", "info"]}]})";

std::shared_ptr<const rubric::Rubric> load(const std::string& text) {
    return test::load_rubric_text(text, "t.json");
}

engine::Verdict judge(const std::shared_ptr<const rubric::Rubric>& rubric,
                      const std::string& manifest) {
    auto loaded = manifest::load_manifest_json(manifest, "m.json");
    REQUIRE(loaded.manifest);
    return engine::evaluate(rubric, *loaded.manifest);
}

std::vector<std::string> ids(const engine::Verdict& v, const std::vector<std::size_t>& rules) {
    std::vector<std::string> out;
    for (std::size_t r : rules) {
        out.push_back(v.rubric->rules[r].id);
    }
    return out;
}

}  // namespace

TEST_CASE("a shortfall lists all a tier needs, grouped by artifact", "[engine][shortfall]") {
    const auto rubric = load(k_rubric);
    const engine::Verdict v = judge(rubric, R"({"manifest_version": 1, "model": {"name": "m"},
  "access": "api", "code": {"training": {"available": true, "license": "CC-BY-4.0"}},
  "documentation": {"research_paper": {"available": true}}})");
    REQUIRE(v.tier_info().id == "api");
    const engine::Shortfall s = engine::shortfall(v, 3);
    CHECK(s.minimum == 3);
    CHECK(s.tier == 3);
    CHECK(ids(v, s.rules) ==
          std::vector<std::string>{"download", "weights.open", "code.open", "info"});
    CHECK_FALSE(s.terms_only);
    REQUIRE(s.needs.size() == 4);
    CHECK(s.needs[0].kind == engine::Need::Kind::artifact);
    CHECK(s.needs[0].artifacts == std::vector<manifest::ArtifactId>{manifest::ArtifactId::weights_final});
    CHECK(ids(v, s.needs[0].rules) == std::vector<std::string>{"download", "weights.open"});
    CHECK(s.needs[0].text ==
          "final weights: not released (not listed in the manifest); release it under an "
          "OSI-approved license or an open data/content license");
    CHECK(s.needs[1].kind == engine::Need::Kind::artifact);
    CHECK(ids(v, s.needs[1].rules) == std::vector<std::string>{"code.open"});
    CHECK(s.needs[1].text ==
          "training code: released under CC-BY-4.0: CC-BY-4.0 (Creative Commons Attribution 4.0 "
          "International) is an open data/content license: conformant with the Open Definition; "
          "relicense it under an OSI-approved license");
    CHECK(s.needs[2].kind == engine::Need::Kind::one_of);
    CHECK(ids(v, s.needs[2].rules) == std::vector<std::string>{"info"});
    CHECK(s.needs[2].text ==
          "one of data card or research paper released under an OSI-approved license or an open "
          "data/content license; at present, data card: not released (not listed in the "
          "manifest); research paper: released, no license stated, so not open");
    CHECK(s.needs[3].kind == engine::Need::Kind::access);
    CHECK(ids(v, s.needs[3].rules) == std::vector<std::string>{"download"});
    CHECK(s.needs[3].text == "access: api; needs download or gated");
}

TEST_CASE("a shortfall never asks for a less open release", "[engine][shortfall]") {
    const auto rubric = load(k_rubric);
    // Downloadable but the weights are withheld: the api tier would need narrower access, so
    // the shortfall describes the weights tier above it, which releasing the weights reaches.
    const engine::Verdict v = judge(rubric, R"({"manifest_version": 1, "model": {"name": "m"},
  "access": "download"})");
    REQUIRE(v.tier_info().id == "closed");
    const engine::Shortfall s = engine::shortfall(v, 1);
    CHECK(s.minimum == 1);
    CHECK(s.tier == 2);
    REQUIRE(s.needs.size() == 1);
    CHECK(s.needs[0].text == "final weights: not released (not listed in the manifest); release it");
    SECTION("a tier already reached lacks nothing") {
        CHECK(engine::shortfall(v, 0).needs.empty());
        CHECK(engine::shortfall(v, 0).rules.empty());
    }
}

TEST_CASE("terms only: every component is released, only licenses stand in the way",
          "[engine][shortfall]") {
    const auto rubric = load(k_rubric);
    const engine::Verdict v = judge(rubric, R"({"manifest_version": 1, "model": {"name": "m"},
  "access": "download", "license": "llama3.1",
  "weights": {"final": {"available": true}}, "code": {"training": {"available": true}},
  "data": {"card": {"available": true}},
  "documentation": {"research_paper": {"available": true}}})");
    REQUIRE(v.tier_info().id == "weights");
    CHECK(v.terms_only);
    const engine::Shortfall s = engine::shortfall(v, 3);
    CHECK(s.terms_only);
    CHECK(s.needs.size() == 3);
    CHECK(s.needs[0].text.find("relicense it under") != std::string::npos);
}

TEST_CASE("a failed rule is lacking only when it says what the release should do",
          "[engine][shortfall]") {
    const auto rubric = load(k_rubric);
    const engine::Verdict v = judge(rubric, R"({"manifest_version": 1, "model": {"name": "m"},
  "access": "download", "weights": {"final": {"available": true, "license": "MIT"}}})");
    REQUIRE(v.tier_info().id == "weights");
    // "api" failed, but no tier above "weights" needs it and it carries no points.
    CHECK_FALSE(v.rules[0].passed);
    CHECK_FALSE(v.rules[0].lacking);
    CHECK_FALSE(v.rules[1].lacking);  // passed
    CHECK(v.rules[3].lacking);        // code.open: carries points
    CHECK(v.rules[4].lacking);        // info: the open tier needs it
}

TEST_CASE("cumulative progress: a tier lacks the rules of every tier below it too",
          "[engine][shortfall]") {
    // Two tiers that do not extend each other; with cumulative progress the upper one still
    // needs the lower one complete, so what it lacks includes the lower one's rules.
    const auto rubric = load(R"({"rubric_format": 1, "id": "c", "version": "1.0",
  "license_table": "openness-licenses@1.0", "progress": "cumulative",
  "rules": [{"id": "w", "description": "Weights.", "points": 1,
             "check": {"artifact": "weights.final", "released": true}},
            {"id": "c", "description": "Code.", "points": 1,
             "check": {"artifact": "code.training", "released": true}}],
  "tiers": [{"id": "none", "label": "none"}, {"id": "low", "label": "low", "requires": ["w"]},
            {"id": "high", "label": "high", "requires": ["c"]}]})");
    const engine::Verdict v = judge(rubric, R"({"manifest_version": 1, "model": {"name": "m"},
  "access": "download"})");
    CHECK(v.progress_reported);
    CHECK(ids(v, engine::missing_for(v, 2)) == std::vector<std::string>{"w", "c"});
    const engine::Shortfall s = engine::shortfall(v, 2);
    REQUIRE(s.needs.size() == 2);
    CHECK(s.needs[0].text == "final weights: not released (not listed in the manifest); release it");
    CHECK(s.needs[1].text == "training code: not released (not listed in the manifest); release it");
    CHECK_FALSE(judge(load(k_rubric), R"({"manifest_version": 1, "model": {"name": "m"},
  "access": "download"})")
                    .progress_reported);
}

TEST_CASE("a failed gate carries the shortfall of each minimum tier", "[engine][shortfall]") {
    const auto rubric = load(k_rubric);
    engine::Gate gate({rubric});
    REQUIRE(gate.add_min_tier("open"));
    const engine::Verdict v = judge(rubric, R"({"manifest_version": 1, "model": {"name": "m"},
  "access": "download", "weights": {"final": {"available": true, "license": "MIT"}}})");
    const std::vector<engine::Shortfall> shortfalls = gate.shortfalls(v, {});
    REQUIRE(shortfalls.size() == 1);
    CHECK(shortfalls[0].tier == 3);
    CHECK(ids(v, shortfalls[0].rules) == std::vector<std::string>{"code.open", "info"});
    engine::Gate passed({rubric});
    REQUIRE(passed.add_min_tier("weights"));
    CHECK(passed.shortfalls(v, {}).empty());
}
