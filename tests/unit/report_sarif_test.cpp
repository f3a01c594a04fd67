#include "report_fixtures.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

using nlohmann::json;
using openness::report::Outcome;
using openness::test::invalid, openness::test::report, openness::test::rubric_1_0;
using openness::test::scored, openness::test::weights_manifest;

namespace {

const std::string k_below = "tier restricted-weights is below the minimum open-weights";

json sarif(const std::vector<Outcome>& outcomes,
           const openness::report::Options& options = openness::test::options_1_0()) {
    return json::parse(report("sarif", outcomes, options));
}

json results(const Outcome& outcome) {
    return sarif({outcome})["runs"][0]["results"];
}

// The result for a rule; null when there is none.
json result_for(const json& results, const std::string& rule_id) {
    for (const json& r : results) {
        if (r["ruleId"] == rule_id) {
            return r;
        }
    }
    return nullptr;
}

std::string uri_of(const std::string& source) {
    const json r = results(invalid(source, "[]"))[0];
    return r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
}

}  // namespace

TEST_CASE("sarif writes its header and rules in begin(), before any outcome", "[report][sarif]") {
    std::ostringstream out;
    auto reporter = openness::report::make_reporter("sarif", out, openness::test::options_1_0());
    reporter->begin();
    const std::string head = out.str();
    CHECK(head.find("\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\"") !=
          std::string::npos);
    CHECK(head.find("{\"id\":\"weights.final.open-license\"") != std::string::npos);
    CHECK(head.find("{\"id\":\"invalid-manifest\"") != std::string::npos);
    CHECK(head.substr(head.size() - 12) == "\"results\": [");
}

TEST_CASE("sarif lists every rubric rule, then the gate and invalid-manifest rules",
          "[report][sarif]") {
    const json log = sarif({});
    CHECK(log["version"] == "2.1.0");
    REQUIRE(log["runs"].size() == 1);
    const json& driver = log["runs"][0]["tool"]["driver"];
    CHECK(driver["name"] == "openness");
    CHECK(driver["properties"]["rubric"]["id"] == "openness");
    CHECK(driver["properties"]["rubric"]["sha256"] == rubric_1_0()->sha256);
    const json& rules = driver["rules"];
    const std::size_t n = rubric_1_0()->rules.size();
    REQUIRE(rules.size() == n + 3);
    for (std::size_t i = 0; i < n; ++i) {
        CHECK(rules[i]["id"] == rubric_1_0()->rules[i].id);
        CHECK(rules[i]["shortDescription"]["text"] == rubric_1_0()->rules[i].description);
        CHECK(rules[i]["defaultConfiguration"]["level"] == "note");
    }
    CHECK(rules[n]["id"] == "gate");
    CHECK(rules[n]["defaultConfiguration"]["level"] == "error");
    CHECK(rules[n + 1]["id"] == "invalid-manifest");
    CHECK(rules[n + 1]["defaultConfiguration"]["level"] == "error");
    CHECK(rules[n + 2]["id"] == "input-warning");
    CHECK(rules[n + 2]["defaultConfiguration"]["level"] == "warning");
    CHECK(log["runs"][0]["results"] == json::array());
}

TEST_CASE("sarif percent-encodes manifest paths into URIs", "[report][sarif]") {
    SECTION("relative paths stay relative") {
        CHECK(uri_of("examples/olmo-2_7b~1.json") == "examples/olmo-2_7b~1.json");
    }
    SECTION("spaces and non-ASCII bytes") {
        CHECK(uri_of("my dir/mod\xC3\xA8le.json") == "my%20dir/mod%C3%A8le.json");
    }
    SECTION("reserved characters and percent signs") {
        CHECK(uri_of("a:b%c#d?e.json") == "a%3Ab%25c%23d%3Fe.json");
    }
    SECTION("absolute paths become file URIs") {
        CHECK(uri_of("/tmp/x y.json") == "file:///tmp/x%20y.json");
    }
    SECTION("standard input") {
        CHECK(uri_of("<stdin>") == "%3Cstdin%3E");
    }
}

TEST_CASE("sarif reports unmet rules: warning when the next tier needs them, else note",
          "[report][sarif]") {
    const json all = results(scored("m.json", weights_manifest("llama3.1")));
    const json needed = result_for(all, "weights.final.open-license");
    REQUIRE(needed != nullptr);
    CHECK(needed["level"] == "warning");
    CHECK(needed["ruleIndex"] == 1);
    CHECK(needed["message"]["text"] ==
          "final weights released under llama3.1: llama3.1 (Llama 3.1 Community License "
          "Agreement) is restricted: use-restricted custom model license; needs OSI-approved or "
          "an open data/content license");
    const json other = result_for(all, "code.training.released");
    REQUIRE(other != nullptr);
    CHECK(other["level"] == "note");
    SECTION("passed rules have no result") {
        CHECK(result_for(all, "weights.final.released") == nullptr);
    }
    SECTION("rules worth no points that only a lower tier needs have no result") {
        CHECK(result_for(all, "access.api") == nullptr);
        CHECK(result_for(all, "weights.final.not-released") == nullptr);
    }
    SECTION("no gate result when the gate passed") {
        CHECK(result_for(all, "gate") == nullptr);
    }
}

TEST_CASE("sarif points a rule about one artifact at the line that lists it", "[report][sarif]") {
    const json all = results(scored("m.json", weights_manifest("llama3.1")));
    const json weights = result_for(all, "weights.final.open-license");
    CHECK(weights["locations"][0]["physicalLocation"]["region"] ==
          json{{"startLine", 2}, {"startColumn", 24}});
    SECTION("an artifact the manifest does not list points at the group it would go in") {
        const json intermediate = result_for(all, "weights.intermediate.released");
        CHECK(intermediate["locations"][0]["physicalLocation"]["region"] ==
              json{{"startLine", 2}, {"startColumn", 14}});
    }
    SECTION("an artifact without even its group points at line 1 (issue 15: GitHub's GH1003)") {
        const json training = result_for(all, "code.training.released");
        CHECK(training["locations"][0]["physicalLocation"]["region"] == json{{"startLine", 1}});
    }
}

TEST_CASE("sarif reports a gate failure as an error", "[report][sarif]") {
    const json gate = result_for(results(scored("m.json", weights_manifest("llama3.1"), k_below)),
                                 "gate");
    REQUIRE(gate != nullptr);
    CHECK(gate["level"] == "error");
    CHECK(gate["ruleIndex"] == rubric_1_0()->rules.size());
    CHECK(gate["message"]["text"] == k_below);
    CHECK(gate["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "m.json");
}

TEST_CASE("sarif reports an invalid manifest once, at its first error", "[report][sarif]") {
    auto bad = invalid("bad.json", "{\"manifest_version\": 1,\n \"model\": 3}");
    bad.gate_failed = true;
    const json all = results(bad);
    REQUIRE(all.size() == 1);
    CHECK(all[0]["ruleId"] == "invalid-manifest");
    CHECK(all[0]["ruleIndex"] == rubric_1_0()->rules.size() + 1);
    CHECK(all[0]["level"] == "error");
    CHECK(all[0]["message"]["text"] ==
          "missing required key 'access' (one of none, api, gated, download) (and 1 more error)");
    CHECK(all[0]["locations"][0]["physicalLocation"]["region"] ==
          json{{"startLine", 1}, {"startColumn", 1}});
}

TEST_CASE("sarif without a rubric in the options still writes a valid log", "[report][sarif]") {
    const json log = sarif({scored("m.json", weights_manifest("llama3.1"), k_below)},
                           openness::report::Options{});
    const json& rules = log["runs"][0]["tool"]["driver"]["rules"];
    REQUIRE(rules.size() == 3);
    CHECK(rules[0]["id"] == "gate");
    const json& all = log["runs"][0]["results"];
    CHECK(result_for(all, "weights.final.open-license").count("ruleIndex") == 0);
    CHECK(result_for(all, "gate")["ruleIndex"] == 0);
}

TEST_CASE("every sarif result has a region and stable fingerprints (issue 15)", "[report][sarif]") {
    const json all = results(scored("./dir/m.json", weights_manifest("llama3.1"), k_below));
    REQUIRE(all.size() > 2);
    std::vector<std::string> prints;
    for (const json& r : all) {
        const json& location = r["locations"][0]["physicalLocation"];
        CHECK(location["region"]["startLine"].get<int>() >= 1);
        CHECK(location["artifactLocation"]["uri"] == "dir/m.json");
        CHECK(location["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
        const std::string print = r["partialFingerprints"]["opennessResult/v1"];
        CHECK(print.size() == 64);
        prints.push_back(print);
    }
    std::sort(prints.begin(), prints.end());
    CHECK(std::adjacent_find(prints.begin(), prints.end()) == prints.end());
    SECTION("the same result in another run has the same fingerprint") {
        CHECK(results(scored("./dir/m.json", weights_manifest("llama3.1"), k_below)) == all);
    }
    SECTION("an absolute path is a file: URI without a base") {
        const json abs = results(invalid("/tmp/m.json", "[]"))[0];
        const json& artifact = abs["locations"][0]["physicalLocation"]["artifactLocation"];
        CHECK(artifact["uri"] == "file:///tmp/m.json");
        CHECK(artifact.count("uriBaseId") == 0);
        CHECK(abs["locations"][0]["physicalLocation"]["region"]["startLine"] == 1);
    }
    SECTION("the run declares the base") {
        CHECK(sarif({})["runs"][0]["originalUriBaseIds"].count("%SRCROOT%") == 1);
    }
}

TEST_CASE("sarif reports an input warning at its line, did-you-mean included (issue 15)",
          "[report][sarif]") {
    const json warning = result_for(results(openness::test::scored_with_typo("t.json")),
                                    "input-warning");
    REQUIRE(warning != nullptr);
    CHECK(warning["level"] == "warning");
    CHECK(warning["message"]["text"] ==
          "licence: unknown key (ignored; it may belong to a newer manifest version); did you "
          "mean 'license'?");
    CHECK(warning["locations"][0]["physicalLocation"]["region"] ==
          json{{"startLine", 2}, {"startColumn", 14}});
    CHECK(warning["ruleIndex"] == rubric_1_0()->rules.size() + 2);
}
