// engine::evaluate asked for fewer reasons (engine::Reasons, what a report that shows none asks
// for) decides exactly what the full evaluation decides: every field of the verdict but the
// reasons, and every shortfall a gate would report, over the examples and the conformance
// manifests under each bundled rubric, and on a small rubric whose shortfall explains a rule
// as a whole (its text quotes the rule's reason, which such a verdict does not hold).

#include "openness/engine/evaluate.hpp"
#include "openness/manifest/load.hpp"
#include "openness/rubric/rubric.hpp"

#include "rubrics.hpp"
#include "test_files.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

using namespace openness;

namespace {

// The rubrics a verdict must never change under: every bundled one.
std::vector<std::shared_ptr<const rubric::Rubric>> bundled_rubrics() {
    static const std::vector<std::shared_ptr<const rubric::Rubric>> rubrics = {
        test::rubric_1_0(), test::rubric_2_0(), test::bundled_rubric("mof@1.0"),
        test::bundled_rubric("osaid@1.0")};
    return rubrics;
}

// What the engine decided about an artifact, a rule and a verdict: all but the reasons.
auto decided(const engine::ArtifactVerdict& a) {
    return std::make_tuple(a.id, a.availability, a.listed, a.license, a.inherited,
                           a.classification->license_class, a.classification->explanation,
                           a.position.line, a.position.column, a.provenance, a.open,
                           a.open_for_other_kinds);
}
auto decided(const engine::RuleResult& r) {
    return std::make_tuple(r.rule, r.applies, r.passed, r.failure, r.lacking);
}
auto decided(const engine::Verdict& v) {
    return std::make_tuple(v.rubric, v.source, v.format, v.model.name, v.model.version,
                           v.model.organization, v.access, v.tier, v.score, v.progress,
                           v.warnings, v.target, v.missing, v.terms_only, v.progress_reported);
}
auto decided(const engine::Need& n) { return std::make_tuple(n.kind, n.artifacts, n.rules, n.text); }

// Every field but the reasons is the same; the reasons written are the full ones.
void check_same_verdict(const engine::Verdict& full, const engine::Verdict& lean,
                        engine::Reasons reasons) {
    CHECK(decided(lean) == decided(full));
    REQUIRE(lean.artifacts.size() == full.artifacts.size());
    for (std::size_t i = 0; i < full.artifacts.size(); ++i) {
        INFO("artifact " << manifest::spec(full.artifacts[i].id).key);
        CHECK(decided(lean.artifacts[i]) == decided(full.artifacts[i]));
    }
    REQUIRE(lean.rules.size() == full.rules.size());
    for (std::size_t r = 0; r < full.rules.size(); ++r) {
        const engine::RuleResult& a = full.rules[r];
        INFO("rule " << full.rubric->rules[r].id);
        CHECK(decided(lean.rules[r]) == decided(a));
        CHECK_FALSE(full.reason(a).empty());
        const bool written = reasons == engine::Reasons::all ||
                             (reasons == engine::Reasons::failed && !a.passed);
        CHECK(lean.reason(r) == (written ? full.reason(a) : std::string_view()));
    }
}

// Every shortfall (one per tier) is the same, texts included. Returns how many needs were
// compared and, in `whole`, how many explain a rule as a whole (Need::Kind::other).
std::size_t check_same_shortfalls(const engine::Verdict& full, const engine::Verdict& lean,
                                  std::size_t& whole) {
    std::size_t needs = 0;
    for (std::size_t t = 0; t < full.rubric->tiers.size(); ++t) {
        const engine::Shortfall a = engine::shortfall(full, t);
        const engine::Shortfall b = engine::shortfall(lean, t);
        INFO("shortfall for tier " << full.rubric->tiers[t].id);
        CHECK(b.tier == a.tier);
        CHECK(b.rules == a.rules);
        CHECK(b.terms_only == a.terms_only);
        REQUIRE(b.needs.size() == a.needs.size());
        for (std::size_t i = 0; i < a.needs.size(); ++i) {
            INFO(a.needs[i].text);
            CHECK(decided(b.needs[i]) == decided(a.needs[i]));
            whole += a.needs[i].kind == engine::Need::Kind::other ? 1U : 0U;
        }
        needs += a.needs.size();
    }
    return needs;
}

// Checks every file of `paths` under every bundled rubric; returns the number of verdicts.
std::size_t check_files(const std::vector<std::string>& paths) {
    std::size_t verdicts = 0;
    std::size_t needs = 0;
    std::size_t whole = 0;
    for (const std::string& path : paths) {
        const manifest::LoadResult loaded = manifest::load_manifest(test::read_file(path), path);
        INFO(path);
        REQUIRE(loaded.manifest);
        for (const auto& rubric : bundled_rubrics()) {
            INFO(rubric->ref());
            const engine::Verdict full = engine::evaluate(rubric, *loaded.manifest);
            for (engine::Reasons reasons : {engine::Reasons::failed, engine::Reasons::none}) {
                const engine::Verdict lean = engine::evaluate(rubric, *loaded.manifest, reasons);
                check_same_verdict(full, lean, reasons);
                needs += check_same_shortfalls(full, lean, whole);
                ++verdicts;
            }
        }
    }
    CHECK(needs > 0);  // the shortfalls compared were not all empty
    return verdicts;
}

}  // namespace

TEST_CASE("scored without reasons, an example's verdict and shortfalls are the full ones",
          "[engine][evaluate][reasons]") {
    const std::vector<std::string> paths =
        test::files_in(std::string(OPENNESS_SOURCE_DIR) + "/examples", ".json");
    REQUIRE(paths.size() >= 10);
    CHECK(check_files(paths) == paths.size() * bundled_rubrics().size() * 2);
}

TEST_CASE("scored without reasons, a conformance manifest's verdict is the full one",
          "[engine][evaluate][reasons][shared]") {
    const std::optional<std::string> mot = test::shared_path("conformance/mot/models");
    const std::optional<std::string> index = test::shared_path("conformance/osai-index/projects");
    if (!mot || !index) {
        return;
    }
    const std::vector<std::string> models = test::files_in(*mot, ".yml");
    const std::vector<std::string> projects = test::files_in(*index, ".yaml");
    CHECK(models.size() == 273);
    CHECK(projects.size() == 193);
    CHECK(check_files(models) == models.size() * bundled_rubrics().size() * 2);
    CHECK(check_files(projects) == projects.size() * bundled_rubrics().size() * 2);
}

TEST_CASE("a shortfall that explains a rule as a whole quotes its reason, written or not",
          "[engine][evaluate][reasons][shortfall]") {
    // "reach" holds with download access or open training code: not one artifact's terms, so
    // its shortfall explains the rule whole, with the reason the engine gives for it.
    const auto rubric = test::load_rubric_text(R"({"rubric_format": 1, "id": "t", "version": "1.0",
      "license_table": "openness-licenses@1.0",
      "open_licenses": {"weights": ["osi"], "code": ["osi"], "data": ["osi"],
                        "documentation": ["osi"]},
      "rules": [{"id": "reach", "description": "Downloadable, or its code open.", "points": 1,
                 "check": {"any": [{"access": ["download"]},
                                   {"artifact": "code.training", "license": "open"}]}}],
      "tiers": [{"id": "closed", "label": "closed"},
                {"id": "reached", "label": "reached", "requires": ["reach"]}]})",
                                               "t.json");
    const std::string manifest = R"({"manifest_version": 1,
      "model": {"name": "m", "version": "1", "organization": "o"}, "access": "api"})";
    const manifest::LoadResult loaded = manifest::load_manifest(manifest, "m.json");
    REQUIRE(loaded.manifest);
    const engine::Verdict full = engine::evaluate(rubric, *loaded.manifest);
    const engine::Verdict lean = engine::evaluate(rubric, *loaded.manifest, engine::Reasons::none);
    CHECK(lean.reasons.empty());
    const engine::Shortfall s = engine::shortfall(lean, 1);
    REQUIRE(s.needs.size() == 1);
    CHECK(s.needs[0].kind == engine::Need::Kind::other);
    CHECK(s.needs[0].text == "Downloadable, or its code open. access is api, not one of "
                             "download; and training code not released (not listed in the "
                             "manifest)");
    CHECK(s.needs[0].text == "Downloadable, or its code open. " + std::string(full.reason(0)));
    std::size_t whole = 0;
    CHECK(check_same_shortfalls(full, lean, whole) == 1);
    CHECK(whole == 1);
}
