// engine::evaluate against openness@1.0 itself: these cases pin that rubric's tier boundaries,
// reasons and warnings, which never change (a bundled rubric's verdicts are reproducible), so they
// are about the production rubric. The engine's mechanics on rubrics written for a test:
// engine_diff_test, engine_gate_test, engine_open_policy_test and engine_shortfall_test.

#include "openness/engine/evaluate.hpp"

#include "rubrics.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using openness::engine::evaluate, openness::engine::Verdict;

namespace {

// A manifest in which every artifact is released under open terms, with parts replaced.
std::string full_manifest(const std::string& access = "download",
                          const std::string& weights_license = "Apache-2.0",
                          const std::string& training_code = R"({"available": true})",
                          const std::string& training_data =
                              R"({"available": true, "license": "ODC-By-1.0"})",
                          const std::string& paper = R"({"available": true})") {
    return R"({"manifest_version": 1, "model": {"name": "m", "version": "1"},
  "access": ")" + access + R"(", "license": "Apache-2.0",
  "weights": {"final": {"available": true, "license": ")" + weights_license + R"("},
              "intermediate": {"available": true}},
  "architecture": {"available": true}, "hyperparameters": {"available": true},
  "data": {"training": )" + training_data + R"(, "evaluation": {"available": true, "license": "CC-BY-4.0"},
           "card": {"available": true}},
  "code": {"training": )" + training_code + R"(, "inference": {"available": true},
           "evaluation": {"available": true}, "data_processing": {"available": true},
           "libraries": {"available": true}},
  "documentation": {"model_card": {"available": true}, "technical_report": )" + paper + R"(,
           "research_paper": )" + paper + R"(, "evaluation_results": {"available": true},
           "sample_outputs": {"available": true}}})";
}

Verdict score(const std::string& text) {
    return openness::test::evaluate_json(text, "test.json", openness::test::rubric_1_0());
}

const openness::engine::RuleResult& rule(const Verdict& v, const std::string& id) {
    for (const auto& r : v.rules) {
        if (v.rubric->rules[r.rule].id == id) {
            return r;
        }
    }
    FAIL("no rule " << id);
    return v.rules.front();
}

// The reason of the rule with this id, as the reports see it.
std::string reason_of(const Verdict& v, const std::string& id) {
    return std::string(v.reason(rule(v, id)));
}

std::vector<std::string> missing_ids(const Verdict& v) {
    std::vector<std::string> out;
    for (std::size_t r : v.missing) {
        out.push_back(v.rubric->rules[r].id);
    }
    return out;
}

}  // namespace

TEST_CASE("everything open is fully-open with the full score", "[engine]") {
    Verdict v = score(full_manifest());
    CHECK(v.tier_info().id == "fully-open");
    CHECK(v.score == 100.0);
    CHECK(v.next_tier() == nullptr);
    CHECK(v.missing.empty());
}

TEST_CASE("each tier boundary", "[engine]") {
    SECTION("closed: nothing released, no API") {
        Verdict v = score(R"({"manifest_version": 1, "model": {"name": "m"}, "access": "none"})");
        CHECK(v.tier_info().id == "closed");
        CHECK(v.score == 0.0);
        CHECK(missing_ids(v) == std::vector<std::string>{"access.api"});
    }
    SECTION("api-only") {
        Verdict v = score(R"({"manifest_version": 1, "model": {"name": "m"}, "access": "api",
            "documentation": {"technical_report": {"available": true}}})");
        CHECK(v.tier_info().id == "api-only");
        CHECK(v.score == 2.0);
        CHECK(missing_ids(v) == std::vector<std::string>{"weights.final.downloadable"});
    }
    SECTION("restricted-weights: a restricted license") {
        Verdict v = score(full_manifest("download", "llama3.1"));
        CHECK(v.tier_info().id == "restricted-weights");
        CHECK(missing_ids(v) == std::vector<std::string>{"weights.final.open-license"});
        CHECK(reason_of(v, "weights.final.open-license").find("restricted") != std::string::npos);
    }
    SECTION("restricted-weights: an unknown license is not open") {
        Verdict v = score(full_manifest("download", "NOASSERTION"));
        CHECK(v.tier_info().id == "restricted-weights");
    }
    SECTION("restricted-weights: an unparsable license is not open") {
        Verdict v = score(full_manifest("download", "MIT AND (Apache-2.0"));
        CHECK(v.tier_info().id == "restricted-weights");
        CHECK(reason_of(v, "weights.final.open-license").find("cannot parse") != std::string::npos);
    }
    SECTION("open-weights: training code missing") {
        Verdict v = score(full_manifest("download", "Apache-2.0", R"({"available": false})"));
        CHECK(v.tier_info().id == "open-weights");
        CHECK(missing_ids(v) == std::vector<std::string>{"code.training.open-license"});
        CHECK(reason_of(v, "code.training.open-license") == "training code not released");
    }
    SECTION("open-weights: training code under a data license is not OSI-approved") {
        Verdict v = score(full_manifest("download", "Apache-2.0",
                                        R"({"available": true, "license": "CC-BY-4.0"})"));
        CHECK(v.tier_info().id == "open-weights");
    }
    SECTION("open-source: training data not released") {
        Verdict v = score(full_manifest("download", "Apache-2.0", R"({"available": true})",
                                        R"({"available": false})"));
        CHECK(v.tier_info().id == "open-source");
        CHECK(missing_ids(v) == std::vector<std::string>{"data.training.open-license"});
    }
    SECTION("open-source: training data under a non-commercial license") {
        Verdict v = score(full_manifest("download", "Apache-2.0", R"({"available": true})",
                                        R"({"available": true, "license": "CC-BY-NC-4.0"})"));
        CHECK(v.tier_info().id == "open-source");
    }
    SECTION("open-source: no report and no paper") {
        Verdict v = score(full_manifest("download", "Apache-2.0", R"({"available": true})",
                                        R"({"available": true, "license": "CC0-1.0"})",
                                        R"({"available": false})"));
        CHECK(v.tier_info().id == "open-source");
        CHECK(missing_ids(v) == std::vector<std::string>{"documentation.report-or-paper"});
    }
}

TEST_CASE("gated access does not lower the tier but warns", "[engine]") {
    Verdict v = score(full_manifest("gated"));
    CHECK(v.tier_info().id == "fully-open");
    REQUIRE(v.warnings.size() == 1);
    CHECK(v.warnings[0].find("access is gated") == 0);
}

TEST_CASE("weights marked available behind an API are not downloadable", "[engine]") {
    Verdict v = score(full_manifest("api"));
    CHECK(v.tier_info().id == "closed");
    REQUIRE(v.warnings.size() == 1);
    CHECK(v.warnings[0].find("access is api or none") != std::string::npos);
}

TEST_CASE("inherited licenses are marked as inherited", "[engine]") {
    Verdict v = score(full_manifest());
    const auto& inference = v.artifacts[static_cast<std::size_t>(
        openness::manifest::ArtifactId::code_inference)];
    CHECK(inference.inherited);
    CHECK(inference.license == std::optional<std::string>("Apache-2.0"));
    CHECK(reason_of(v, "code.inference.open-license")
              .find("inherited from the top-level license") != std::string::npos);
}

TEST_CASE("a missing license is never open", "[engine]") {
    Verdict v = score(R"({"manifest_version": 1, "model": {"name": "m"}, "access": "download",
        "weights": {"final": {"available": true}}})");
    CHECK(v.tier_info().id == "restricted-weights");
    CHECK(reason_of(v, "weights.final.open-license").find("no license stated") !=
          std::string::npos);
}

TEST_CASE("a copied or moved verdict keeps every rule's reason", "[engine]") {
    const Verdict original = score(full_manifest("download", "llama3.1"));
    std::vector<std::string> reasons;
    for (const auto& r : original.rules) {
        reasons.emplace_back(original.reason(r));
    }
    REQUIRE_FALSE(reasons.front().empty());
    SECTION("copied") {
        const Verdict copy = original;
        for (std::size_t i = 0; i < reasons.size(); ++i) {
            CHECK(copy.reason(i) == reasons[i]);
            CHECK(copy.reason(i).data() != original.reason(i).data());
        }
    }
    SECTION("moved") {
        Verdict source = original;
        const Verdict moved = std::move(source);
        for (std::size_t i = 0; i < reasons.size(); ++i) {
            CHECK(moved.reason(i) == reasons[i]);
        }
    }
}

TEST_CASE("artifacts share one classification per license text", "[engine]") {
    const Verdict v = score(full_manifest());
    const auto& weights = v.artifacts[static_cast<std::size_t>(
        openness::manifest::ArtifactId::weights_final)];
    const auto& inference = v.artifacts[static_cast<std::size_t>(
        openness::manifest::ArtifactId::code_inference)];
    REQUIRE(weights.license == inference.license);
    CHECK(weights.classification.get() == inference.classification.get());
    SECTION("an artifact without a license has the constant for it") {
        const Verdict bare =
            score(R"({"manifest_version": 1, "model": {"name": "m"}, "access": "none"})");
        CHECK(bare.artifacts[0].classification.get() ==
              openness::engine::no_license_classification().get());
        CHECK(bare.artifacts[0].classification->explanation ==
              openness::engine::k_no_license_explanation);
    }
}

TEST_CASE("NONE does not inherit the top-level license", "[engine]") {
    Verdict v = score(R"({"manifest_version": 1, "model": {"name": "m"}, "access": "download",
        "license": "MIT", "weights": {"final": {"available": true, "license": "NONE"}}})");
    CHECK(v.tier_info().id == "restricted-weights");
    CHECK_FALSE(v.artifacts[0].inherited);
}

TEST_CASE("OR takes the most open operand for the weights", "[engine]") {
    CHECK(score(full_manifest("download", "llama3.1 OR MIT")).tier_info().id == "fully-open");
    CHECK(score(full_manifest("download", "llama3.1 AND MIT")).tier_info().id ==
          "restricted-weights");
}

TEST_CASE("artifact verdicts carry where the manifest lists them", "[engine]") {
    Verdict v = score(R"({"manifest_version": 1, "model": {"name": "m"}, "access": "download",
  "weights": {"final": {"available": true, "license": "MIT"}}})");
    CHECK(v.artifacts[0].position.line == 2);
    CHECK(v.artifacts[0].position.column == 24);
    // Not listed: where it would go, the "weights" object; no group at all: unknown.
    CHECK(v.artifacts[1].position.line == 2);
    CHECK(v.artifacts[1].position.column == 14);
    CHECK(v.artifacts[2].position.line == 0);
}

TEST_CASE("to reach never asks a release to become less open", "[engine][advice]") {
    SECTION("downloadable, weights withheld: not api-only (narrower access) but restricted") {
        const Verdict v = score(R"({"manifest_version": 1, "model": {"name": "m"},
  "access": "download", "data": {"training": {"available": true, "license": "CC-BY-4.0"}}})");
        CHECK(v.tier_info().id == "closed");
        REQUIRE(v.next_tier() != nullptr);
        CHECK(v.next_tier()->id == "restricted-weights");
        REQUIRE(v.missing.size() == 1);
        CHECK(v.rubric->rules[v.missing[0]].id == "weights.final.downloadable");
    }
    SECTION("no access at all: an API is more open, so api-only is next") {
        const Verdict v = score(R"({"manifest_version": 1, "model": {"name": "m"},
  "access": "none"})");
        REQUIRE(v.next_tier() != nullptr);
        CHECK(v.next_tier()->id == "api-only");
    }
    SECTION("api-only leads to restricted weights by releasing them") {
        const Verdict v = score(R"({"manifest_version": 1, "model": {"name": "m"},
  "access": "api"})");
        CHECK(v.tier_info().id == "api-only");
        REQUIRE(v.next_tier() != nullptr);
        CHECK(v.next_tier()->id == "restricted-weights");
    }
}
