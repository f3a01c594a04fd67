#include "openness/engine/evaluate.hpp"
#include "openness/manifest/json_loader.hpp"
#include "openness/report/report.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/file_system.hpp"
#include "report_fixtures.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace openness;

namespace {

report::Outcome scored(const std::string& text) {
    util::MemoryFileSystem files;
    auto rubric = rubric::resolve_rubric("openness@1.0", files).rubric;
    auto loaded = manifest::load_manifest_json(text, "m.json");
    REQUIRE(loaded.manifest);
    report::Outcome outcome;
    outcome.source = "m.json";
    outcome.verdict = engine::evaluate(rubric, *loaded.manifest);
    return outcome;
}

const char* const k_gated = R"({"manifest_version": 1, "model": {"name": "m", "version": "2"},
  "access": "gated", "license": "llama3.1", "weights": {"final": {"available": true}},
  "code": {"inference": {"available": true, "license": "MIT"}}})";

std::string text_of(const report::Outcome& outcome, const report::Options& options = {}) {
    std::ostringstream out;
    auto reporter = report::make_reporter("text", out, options);
    reporter->begin();
    reporter->add(outcome);
    return out.str();
}

}  // namespace

TEST_CASE("text shows the tier, each artifact, warnings and what the next tier needs",
          "[report][text]") {
    const std::string text = text_of(scored(k_gated));
    CHECK(text.find("  tier     restricted-weights (restricted weights)\n") != std::string::npos);
    CHECK(text.find("    final weights           yes  llama3.1 (inherited)  restricted\n") !=
          std::string::npos);
    CHECK(text.find("    inference code          yes  MIT  osi\n") != std::string::npos);
    CHECK(text.find("    training data           no   (not listed)\n") != std::string::npos);
    CHECK(text.find("    - access is gated") != std::string::npos);
    CHECK(text.find("  to reach open-weights (open weights):\n    - Final weights: released under "
                    "an OSI-approved or open data/content license.\n") != std::string::npos);
    CHECK(text.find("\x1b[") == std::string::npos);
}

TEST_CASE("text colours only when asked", "[report][text]") {
    report::Options options;
    options.color = true;
    CHECK(text_of(scored(k_gated), options).find("\x1b[31mrestricted-weights\x1b[0m") !=
          std::string::npos);
}

TEST_CASE("an invalid input is reported with its errors", "[report][text]") {
    report::Outcome outcome;
    outcome.source = "bad.json";
    outcome.diagnostics.push_back({util::Severity::error, "bad.json", {2, 3}, "", "boom"});
    CHECK(text_of(outcome) == "bad.json\n  invalid: not scored\n    bad.json:2:3: error: boom\n");
}

TEST_CASE("the summary counts tiers in rubric order, invalid inputs and the gate",
          "[report][text]") {
    std::ostringstream out;
    auto reporter = report::make_reporter("text", out, {});
    report::Summary summary;
    summary.tier_order = {"low", "high"};
    summary.gate_set = true;
    summary.gate = "--min-tier high";
    report::Outcome bad;
    bad.source = "bad.json";
    bad.gate_failed = true;
    summary.add(bad);
    summary.add(bad);
    reporter->end(summary);
    CHECK(out.str() ==
          "summary: 2 manifests\n  low                 0\n  high                0\n"
          "  invalid             2\n    bad.json\n    bad.json\n"
          "  gate --min-tier high: failed (0 below, 2 invalid)\n");
}

TEST_CASE("text says where imported facts came from, and nothing for manifests",
          "[report][text]") {
    report::Outcome outcome = scored(k_gated);
    CHECK(text_of(outcome).find("from:") == std::string::npos);
    engine::ArtifactVerdict& weights = outcome.verdict->artifacts[0];
    weights.provenance = "cyclonedx components[0].licenses[0]";
    engine::ArtifactVerdict& data = outcome.verdict->artifacts[4];
    data.availability = manifest::Availability::unknown;
    data.provenance = "not stated in a model card";
    const std::string text = text_of(outcome);
    CHECK(text.find("    final weights           yes  llama3.1 (inherited)  restricted\n"
                    "                                  llama3.1 (Llama 3.1 Community License "
                    "Agreement) is restricted: use-restricted custom model license\n"
                    "                                  from: cyclonedx components[0].licenses[0]\n") !=
          std::string::npos);
    CHECK(text.find("    training data           ?    not stated in a model card\n") !=
          std::string::npos);
}

TEST_CASE("text wraps long lines at the width, with a hanging indent", "[report][text]") {
    report::Options options;
    options.width = 60;
    const std::string text = text_of(scored(k_gated), options);
    // The advisory: continuation lines line up under the text after "- ".
    CHECK(text.find("  warnings\n"
                    "    - access is gated: the weights are downloadable only\n"
                    "      after accepting terms or signing in; this does not\n"
                    "      lower the tier\n") != std::string::npos);
    // A license explanation keeps to the license column.
    CHECK(text.find("\n                                  llama3.1 (Llama 3.1\n"
                    "                                  Community License\n") != std::string::npos);
    // Every list item and continuation line fits; only the artifact table's rows are wider.
    for (const std::string& line : test::lines(text)) {
        if (line.rfind("    - ", 0) == 0 || line.rfind("      ", 0) == 0) {
            CHECK(line.size() <= 60);
        }
    }
}

TEST_CASE("text does not wrap at width 0, which is what a pipe gets", "[report][text]") {
    const std::string text = text_of(scored(k_gated));
    CHECK(text.find("    - access is gated: the weights are downloadable only after accepting "
                    "terms or signing in; this does not lower the tier\n") != std::string::npos);
}
