#include "openness/engine/diff.hpp"

#include "rubrics.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using openness::engine::compare, openness::engine::Diff, openness::engine::Verdict;
using openness::license::LicenseClass;
using openness::manifest::ArtifactId, openness::manifest::Availability;

namespace {

// A rubric written for these tests, so that a change to a bundled rubric cannot break them:
// openness@1.0's four lowest tiers and the rules these releases flip, with 1.0's checks and
// points; "other" (never met here) holds the rest of 1.0's points, so a point is a percent.
constexpr const char* k_rubric = R"({"rubric_format": 1, "id": "diff-test", "version": "1.0",
  "license_table": "openness-licenses@1.0",
  "rules": [
    {"id": "access.api", "description": "API.", "points": 0, "check": {"access": ["api"]}},
    {"id": "weights.final.not-released", "description": "Weights not released.", "points": 0,
     "check": {"artifact": "weights.final", "released": false}},
    {"id": "weights.final.downloadable", "description": "Weights downloadable.", "points": 0,
     "check": {"all": [{"access": ["download", "gated"]},
                       {"artifact": "weights.final", "released": true}]}},
    {"id": "weights.final.released", "description": "Weights released.", "points": 10,
     "check": {"artifact": "weights.final", "released": true}},
    {"id": "weights.final.open-license", "description": "Weights open.", "points": 10,
     "check": {"artifact": "weights.final", "license": ["osi", "open-data"]}},
    {"id": "code.training.released", "description": "Training code released.", "points": 5,
     "check": {"artifact": "code.training", "released": true}},
    {"id": "code.training.open-license", "description": "Training code open.", "points": 5,
     "check": {"artifact": "code.training", "license": ["osi"]}},
    {"id": "data.training.released", "description": "Training data released.", "points": 8,
     "check": {"artifact": "data.training", "released": true}},
    {"id": "other", "description": "The rest.", "points": 62,
     "check": {"artifact": "documentation.sample_outputs", "released": true}}],
  "tiers": [{"id": "closed", "label": "closed"},
            {"id": "api-only", "label": "API only",
             "requires": ["access.api", "weights.final.not-released"]},
            {"id": "restricted-weights", "label": "restricted weights",
             "requires": ["weights.final.downloadable"]},
            {"id": "open-weights", "label": "open weights", "extends": "restricted-weights",
             "requires": ["weights.final.open-license"]}]})";

Verdict score(const std::string& text, const std::string& source) {
    static const auto rubric = openness::test::load_rubric_text(k_rubric, "diff-test.json");
    return openness::test::evaluate_json(text, source, rubric);
}

// A small release: gated weights under `weights_license`, plus `extra` top-level members.
std::string release(const std::string& weights_license, const std::string& extra = "") {
    return R"({"manifest_version": 1, "model": {"name": "m", "version": "1"}, "access": "gated",
      "license": "Apache-2.0",
      "weights": {"final": {"available": true, "license": ")" +
           weights_license + R"("}}, "architecture": {"available": true})" + extra + "}";
}

Diff diff(const std::string& before, const std::string& after) {
    return compare(score(before, "old.json"), score(after, "new.json"));
}

std::vector<std::string> flipped_ids(const Diff& d) {
    std::vector<std::string> out;
    for (const auto& change : d.rules) {
        out.push_back(d.after.rubric->rules[change.rule].id);
    }
    return out;
}

}  // namespace

TEST_CASE("two identical releases differ in nothing", "[engine][diff]") {
    const Diff d = diff(release("MIT"), release("MIT"));
    CHECK(d.rules.empty());
    CHECK(d.artifacts.empty());
    CHECK(d.tier_change() == 0);
    CHECK(d.score_change() == 0.0);
    CHECK_FALSE(d.regressed());
    CHECK_FALSE(d.improved());
    CHECK(d.before.source == "old.json");
    CHECK(d.after.source == "new.json");
}

TEST_CASE("moving the weights from a restricted to an open license is an improvement",
          "[engine][diff]") {
    const Diff d = diff(release("llama3.1"), release("Apache-2.0"));
    CHECK(d.before.tier_info().id == "restricted-weights");
    CHECK(d.after.tier_info().id == "open-weights");
    CHECK(d.tier_change() == 1);
    CHECK(d.score_change() == 10.0);
    CHECK(d.improved());
    CHECK_FALSE(d.regressed());
    REQUIRE(flipped_ids(d) == std::vector<std::string>{"weights.final.open-license"});
    CHECK_FALSE(d.rules[0].passed_before);
    CHECK(d.rules[0].passed_after);
    CHECK(d.rules[0].reason_after == "final weights released under Apache-2.0: Apache-2.0 is OSI-approved");
    REQUIRE(d.artifacts.size() == 1);
    CHECK(d.artifacts[0].id == ArtifactId::weights_final);
    CHECK(d.artifacts[0].before.license_class == LicenseClass::restricted);
    CHECK(d.artifacts[0].after.license_class == LicenseClass::osi);
    CHECK(d.artifacts[0].after.license == std::optional<std::string>("Apache-2.0"));
}

TEST_CASE("a lower tier is a regression", "[engine][diff]") {
    const Diff d = diff(release("Apache-2.0"), release("Apache-2.0 AND CC-BY-NC-4.0"));
    CHECK(d.tier_change() == -1);
    CHECK(d.regressed());
    CHECK_FALSE(d.improved());
    CHECK(flipped_ids(d) == std::vector<std::string>{"weights.final.open-license"});
    CHECK(d.rules[0].passed_before);
    CHECK_FALSE(d.rules[0].passed_after);
}

TEST_CASE("a lower score in the same tier is a regression", "[engine][diff]") {
    const std::string with_code = R"(, "code": {"training": {"available": true}})";
    const Diff d = diff(release("MIT", with_code), release("MIT"));
    CHECK(d.tier_change() == 0);
    CHECK(d.score_change() == -10.0);
    CHECK(d.regressed());
    CHECK(flipped_ids(d) ==
          std::vector<std::string>{"code.training.released", "code.training.open-license"});
    REQUIRE(d.artifacts.size() == 1);
    CHECK(d.artifacts[0].id == ArtifactId::code_training);
    CHECK(d.artifacts[0].before.availability == Availability::released);
    CHECK(d.artifacts[0].before.inherited);
    CHECK(d.artifacts[0].after.availability == Availability::not_released);
}

TEST_CASE("a higher tier with a lower score is still a regression", "[engine][diff]") {
    const std::string lots = R"(, "code": {"training": {"available": true},
        "inference": {"available": true}, "evaluation": {"available": true}},
        "data": {"training": {"available": true}}, "hyperparameters": {"available": true})";
    const Diff d = diff(release("llama3.1", lots), release("MIT"));
    CHECK(d.tier_change() == 1);
    CHECK(d.score_change() < 0);
    CHECK(d.regressed());
    CHECK_FALSE(d.improved());
}

TEST_CASE("which artifact changes count", "[engine][diff]") {
    SECTION("another license of the same class is a change, and no regression") {
        const Diff d = diff(release("MIT"), release("BSD-3-Clause"));
        REQUIRE(d.artifacts.size() == 1);
        CHECK(d.artifacts[0].id == ArtifactId::weights_final);
        CHECK(d.artifacts[0].before.license == "MIT");
        CHECK(d.artifacts[0].after.license == "BSD-3-Clause");
        CHECK_FALSE(d.artifacts[0].less_specific);
        CHECK(d.rules.empty());
        CHECK_FALSE(d.regressed());
    }
    SECTION("a change of class through the inherited license is a change") {
        const Diff d = diff(release("MIT", R"(, "code": {"inference": {"available": true}})"),
                            R"({"manifest_version": 1, "model": {"name": "m"}, "access": "gated",
                                "license": "cc-by-nc-4.0",
                                "weights": {"final": {"available": true, "license": "MIT"}},
                                "architecture": {"available": true, "license": "Apache-2.0"},
                                "code": {"inference": {"available": true}}})");
        // The architecture's own Apache-2.0 replaces the inherited one: a change as well.
        REQUIRE(d.artifacts.size() == 2);
        CHECK(d.artifacts[0].id == ArtifactId::architecture);
        CHECK(d.artifacts[0].before.inherited);
        CHECK_FALSE(d.artifacts[0].after.inherited);
        CHECK(d.artifacts[1].id == ArtifactId::code_inference);
        CHECK(d.artifacts[1].before.license_class == LicenseClass::osi);
        CHECK(d.artifacts[1].after.license_class == LicenseClass::restricted);
        CHECK(d.artifacts[1].after.inherited);
    }
    SECTION("the license of an artifact released in neither is ignored") {
        const Diff d =
            diff(release("MIT", R"(, "data": {"training": {"available": false, "license": "MIT"}})"),
                 release("MIT", R"(, "data": {"training": {"available": false, "license": "NONE"}})"));
        CHECK(d.artifacts.empty());
    }
    SECTION("listed as not released and left out are the same") {
        const Diff d = diff(release("MIT", R"(, "data": {"training": {"available": false}})"),
                            release("MIT"));
        CHECK(d.artifacts.empty());
        CHECK(d.rules.empty());
    }
}

TEST_CASE("a rule that flips without points flips all the same", "[engine][diff]") {
    const std::string api = R"({"manifest_version": 1, "model": {"name": "m"}, "access": "api"})";
    const std::string none = R"({"manifest_version": 1, "model": {"name": "m"}, "access": "none"})";
    const Diff d = diff(api, none);
    CHECK(flipped_ids(d) == std::vector<std::string>{"access.api"});
    CHECK(d.tier_change() == -1);
    CHECK(d.score_change() == 0.0);
    CHECK(d.regressed());
    CHECK(d.rules[0].reason_after == "access is none, not one of api");
}

namespace {

// Training data under `data` (a license of its own, or none to inherit Apache-2.0).
std::string with_training_data(const std::string& data) {
    return release("MIT", R"(, "data": {"training": {"available": true)" + data + "}}");
}

}  // namespace

TEST_CASE("an artifact whose license becomes less specific is a regression", "[engine][diff]") {
    SECTION("explicit open-data license -> the inherited software license (issue 15)") {
        const Diff d = diff(with_training_data(R"(, "license": "ODC-By-1.0")"),
                            with_training_data(""));
        REQUIRE(d.artifacts.size() == 1);
        CHECK(d.artifacts[0].id == ArtifactId::data_training);
        CHECK_FALSE(d.artifacts[0].before.inherited);
        CHECK(d.artifacts[0].after.inherited);
        CHECK(d.artifacts[0].after.license == "Apache-2.0");
        CHECK(d.artifacts[0].less_specific);
        CHECK(d.regressed());
        CHECK_FALSE(d.improved());
    }
    SECTION("explicit license -> the same license inherited is a change, not a regression") {
        const Diff d = diff(with_training_data(R"(, "license": "Apache-2.0")"),
                            with_training_data(""));
        REQUIRE(d.artifacts.size() == 1);
        CHECK(d.artifacts[0].after.inherited);
        CHECK_FALSE(d.artifacts[0].less_specific);
        CHECK_FALSE(d.regressed());
    }
    SECTION("a known license -> an unknown one") {
        const Diff d = diff(with_training_data(R"(, "license": "ODC-By-1.0")"),
                            with_training_data(R"(, "license": "NOASSERTION")"));
        REQUIRE(d.artifacts.size() == 1);
        CHECK(d.artifacts[0].less_specific);
        CHECK(d.regressed());
    }
    SECTION("inherited -> explicit is more specific") {
        const Diff d = diff(with_training_data(""),
                            with_training_data(R"(, "license": "ODC-By-1.0")"));
        REQUIRE(d.artifacts.size() == 1);
        CHECK_FALSE(d.artifacts[0].less_specific);
    }
}
