// Which licenses count as open for each kind of artifact is rubric data: two rubrics that differ
// only in "open_licenses" judge the same manifest differently, with no C++ change, and the text
// report shows what the engine decided.

#include "openness/engine/evaluate.hpp"
#include "openness/engine/gate.hpp"
#include "openness/manifest/json_loader.hpp"
#include "openness/report/report.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/file_system.hpp"

#include "rubrics.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

using namespace openness;

namespace {

// A small rubric: one tier needs training code under a license `code_open` counts as open.
std::string policy_rubric(const std::string& code_open) {
    return R"({"rubric_format": 1, "id": "policy", "version": "1.0",
  "license_table": "openness-licenses@1.0",
  "open_licenses": {"weights": ["osi", "open-data"], "code": )" +
           code_open + R"(, "data": ["osi", "open-data"], "documentation": ["osi", "open-data"]},
  "rules": [{"id": "code.training.open", "description": "Training code: open.", "points": 1,
             "check": {"artifact": "code.training", "license": "open"}}],
  "tiers": [{"id": "none", "label": "none"},
            {"id": "open-code", "label": "open code", "requires": ["code.training.open"]}]})";
}

std::shared_ptr<const rubric::Rubric> load(const std::string& text) {
    return test::load_rubric_text(text, "policy.json");
}

engine::Verdict judge(const std::shared_ptr<const rubric::Rubric>& rubric) {
    const std::string manifest = R"({"manifest_version": 1, "model": {"name": "m"},
  "access": "download", "code": {"training": {"available": true, "license": "CC-BY-4.0"}}})";
    auto loaded = manifest::load_manifest_json(manifest, "m.json");
    REQUIRE(loaded.manifest);
    return engine::evaluate(rubric, *loaded.manifest);
}

const engine::ArtifactVerdict& training_code(const engine::Verdict& v) {
    return v.artifacts[static_cast<std::size_t>(manifest::ArtifactId::code_training)];
}

// The verdict's report in `format`, checked against a gate on the rubric's "open-code" tier
// (built from the flags as classify builds it), so reports show the gate's shortfall too.
std::string report_of(const engine::Verdict& v, const std::string& format = "text",
                      bool gated = false) {
    report::Outcome outcome;
    outcome.source = "m.json";
    outcome.verdict = v;
    if (gated) {
        engine::Gate gate({v.rubric});
        REQUIRE(gate.add_min_tier("open-code"));
        outcome.gate_reason = gate.check(v, {});
        outcome.gate_failed = !outcome.gate_reason.empty();
        outcome.gate_shortfalls = gate.shortfalls(v, {});
    }
    std::ostringstream out;
    report::Options options;
    options.rubric = v.rubric;
    auto reporter = report::make_reporter(format, out, options);
    reporter->begin();
    reporter->add(outcome);
    reporter->end(report::Summary{});
    return out.str();
}

std::string text_of(const engine::Verdict& v) {
    return report_of(v);
}

bool has(const std::string& text, const std::string& part) {
    INFO(text);
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a rubric that counts open-data licenses as open for code", "[engine][policy]") {
    const engine::Verdict v = judge(load(policy_rubric(R"(["osi", "open-data"])")));
    CHECK(v.tier == 1);
    CHECK(v.rules[0].passed);
    CHECK(training_code(v).open);
    CHECK_FALSE(training_code(v).open_for_other_kinds);
    CHECK(text_of(v).find("    training code           yes  CC-BY-4.0  open-data\n") !=
          std::string::npos);
}

TEST_CASE("a rubric that counts only OSI-approved licenses as open for code", "[engine][policy]") {
    const engine::Verdict v = judge(load(policy_rubric(R"(["osi"])")));
    CHECK(v.tier == 0);
    CHECK_FALSE(v.rules[0].passed);
    CHECK_FALSE(training_code(v).open);
    CHECK(training_code(v).open_for_other_kinds);
    CHECK(text_of(v).find("policy@1.0 does not count it as open for code") != std::string::npos);
}

TEST_CASE("without open_licenses, the classes come from the rules per kind", "[engine][policy]") {
    util::MemoryFileSystem files;
    auto rubric = rubric::resolve_rubric("openness@1.0", files).rubric;
    REQUIRE(rubric);
    using license::LicenseClass;
    CHECK(rubric->open_mask(manifest::ArtifactKind::code) == rubric::bit(LicenseClass::osi));
    CHECK(rubric->open_mask(manifest::ArtifactKind::weights) ==
          (rubric::bit(LicenseClass::osi) | rubric::bit(LicenseClass::open_data)));
}

TEST_CASE("'open' in a rule needs the rubric's open_licenses", "[engine][policy]") {
    const std::string text = R"({"rubric_format": 1, "id": "p", "version": "1.0",
  "license_table": "openness-licenses@1.0",
  "rules": [{"id": "r", "description": "d", "check": {"artifact": "code.training", "license": "open"}}],
  "tiers": [{"id": "none", "label": "none"}]})";
    rubric::RubricLoadResult loaded = rubric::load_rubric(text, "p.json");
    CHECK_FALSE(loaded.rubric);
    REQUIRE(loaded.diagnostics.size() == 1);
    CHECK(loaded.diagnostics[0].message == "'open' needs the rubric's 'open_licenses'");
}

TEST_CASE("every report renders the rubric's open policy and decides nothing", "[engine][policy]") {
    // The same manifest (training code under CC-BY-4.0) under two rubrics that differ only in
    // "open_licenses": no C++ change, and each format follows the engine's decision.
    const engine::Verdict lenient = judge(load(policy_rubric(R"(["osi", "open-data"])")));
    const engine::Verdict strict = judge(load(policy_rubric(R"(["osi"])")));
    const std::string code_json = R"({"id":"code.training","released":true,"listed":true,)"
                                  R"("license":"CC-BY-4.0","license_inherited":false,)"
                                  R"("license_class":"open-data",)";
    CHECK(has(report_of(lenient, "json"), code_json));
    CHECK(has(report_of(lenient, "json"), R"(conformant with the Open Definition","open":true,)"));
    CHECK(has(report_of(strict, "json"), R"(conformant with the Open Definition","open":false,)"));
    CHECK(has(report_of(lenient, "html"), R"(<td class="a open" data-v="6")"));
    CHECK(has(report_of(strict, "html"), R"(<td class="a open notopen" data-v="6")"));
    CHECK(has(report_of(strict, "html"), "(not open for code under policy@1.0)"));
    // Under a gate on the tier that needs open training code, only the strict rubric fails, and
    // says what would do: relicensing under what it counts as open for code.
    CHECK(has(report_of(lenient, "text", true), "gate failed") == false);
    const std::string need = "training code: released under CC-BY-4.0: CC-BY-4.0 (Creative "
                             "Commons Attribution 4.0 International) is an open data/content "
                             "license: conformant with the Open Definition; relicense it under an "
                             "OSI-approved license";
    for (const char* format : {"text", "json", "sarif", "github", "junit", "markdown", "html"}) {
        INFO(format);
        const std::string report = report_of(strict, format, true);
        CHECK(has(report, std::string(format) == "json"
                              ? R"("missing":[{"rubric":"policy@1.0","minimum":"open-code",)"
                              : "missing for open-code (open code), the gate"));
        CHECK(has(report, "relicense it under an OSI-approved license"));
    }
    CHECK(has(report_of(strict, "text", true), need));
}
