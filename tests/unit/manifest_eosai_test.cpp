#include "openness/manifest/eosai.hpp"

#include "import_test_support.hpp"

#include <algorithm>
#include <utility>
#include <vector>

using namespace openness;
using manifest::ArtifactId, manifest::Availability;
using test::fixture, test::rendered;

namespace {

manifest::LoadResult load(const std::string& name) {
    return manifest::load_eosai(fixture("eosai/" + name), name);
}

// A file that loads with no diagnostics at all.
manifest::Manifest clean(const std::string& name) { return test::clean_manifest(load(name)); }

const manifest::Artifact& artifact(const manifest::Manifest& m, ArtifactId id) {
    return m.artifact(id);
}

}  // namespace

TEST_CASE("an index file rated open throughout: each dimension to its artifacts, with licenses",
          "[eosai]") {
    const manifest::Manifest m = clean("open.yaml");
    // The index rates no version and gives a month, not a date, for the release.
    test::check_model(m, "eosai", {"Example Open", "", "Example Lab", "", "https://example.org/model"});
    CHECK(m.access == manifest::Access::download);
    const manifest::Artifact& weights = artifact(m, ArtifactId::weights_final);
    CHECK(weights.availability == Availability::released);
    CHECK(weights.license == std::string("Apache-2.0"));
    CHECK(weights.provenance ==
          "eosai weights_endmodel: open; license from system.endmodellicense");
    CHECK(weights.location == "https://example.org/weights_endmodel");
    // The base model's weights stand for the intermediate weights; the index names no license.
    CHECK(artifact(m, ArtifactId::weights_intermediate).availability == Availability::released);
    CHECK_FALSE(artifact(m, ArtifactId::weights_intermediate).license);
    // Code and data take the licenses licenses.notes names for them.
    CHECK(artifact(m, ArtifactId::code_training).license == std::string("MIT"));
    CHECK(artifact(m, ArtifactId::code_data_processing).license == std::string("MIT"));
    CHECK(artifact(m, ArtifactId::data_training).license == std::string("CC-BY-4.0"));
    CHECK(artifact(m, ArtifactId::data_training).provenance ==
          "eosai datasources_basemodel: open, datasources_endmodel: open; license from "
          "licenses.notes (Data:)");
    // Rated open, with no license of their own named: released, no license. Not rated by the
    // index: not stated, never counted.
    const std::pair<Availability, std::vector<ArtifactId>> groups[] = {
        {Availability::released,
         {ArtifactId::architecture, ArtifactId::hyperparameters, ArtifactId::data_card,
          ArtifactId::documentation_model_card, ArtifactId::documentation_technical_report,
          ArtifactId::documentation_research_paper}},
        {Availability::unknown,
         {ArtifactId::code_inference, ArtifactId::code_evaluation, ArtifactId::code_libraries,
          ArtifactId::data_evaluation, ArtifactId::documentation_evaluation_results,
          ArtifactId::documentation_sample_outputs}},
    };
    for (const auto& [availability, ids] : groups) {
        for (const ArtifactId id : ids) {
            INFO(manifest::spec(id).key);
            CHECK(artifact(m, id).availability == availability);
            CHECK_FALSE(artifact(m, id).license);
            if (availability == Availability::unknown) {
                CHECK(artifact(m, id).provenance ==
                      "not rated by the European Open Source AI Index");
            }
        }
    }
    const engine::Verdict v = test::score(m);
    CHECK(test::tier_of(v) == "open-weights");
    CHECK(test::has_warning(v, "the tier is a lower bound from the European Open Source AI Index"));
}

TEST_CASE("partial is released without an open license, whatever license is named", "[eosai]") {
    SECTION("gated weights under a restricted license") {
        const manifest::Manifest m = clean("partial.yaml");
        CHECK(m.access == manifest::Access::gated);
        const manifest::Artifact& weights = artifact(m, ArtifactId::weights_final);
        CHECK(weights.availability == Availability::released);
        CHECK_FALSE(weights.license);
        CHECK(weights.provenance ==
              "eosai weights_endmodel: partial; partly released or on conditions, so no open "
              "license is counted (system.endmodellicense names 'Llama 3.1 Community License "
              "Agreement')");
        // One data dimension partial, the other closed: some data, never open.
        CHECK(artifact(m, ArtifactId::data_training).availability == Availability::released);
        CHECK_FALSE(artifact(m, ArtifactId::data_training).license);
        CHECK(artifact(m, ArtifactId::code_training).availability == Availability::not_released);
        CHECK(test::tier_of(test::score(m)) == "restricted-weights");
    }
    SECTION("partial weights and code named Apache-2.0 stay not open") {
        const manifest::Manifest m = clean("partial-apache.yaml");
        CHECK_FALSE(artifact(m, ArtifactId::weights_final).license);
        CHECK_FALSE(artifact(m, ArtifactId::code_training).license);
        CHECK(artifact(m, ArtifactId::code_training).availability == Availability::released);
        const engine::Verdict v = test::score(m);
        CHECK(test::tier_of(v) == "restricted-weights");
        CHECK_FALSE(test::passed(v, "weights.final.open-license"));
    }
}

TEST_CASE("closed weights are not released and access is not stated", "[eosai]") {
    const manifest::Manifest m = clean("closed.yaml");
    CHECK(artifact(m, ArtifactId::weights_final).availability == Availability::not_released);
    CHECK(artifact(m, ArtifactId::weights_final).provenance == "eosai weights_endmodel: closed");
    CHECK_FALSE(m.access);
    CHECK(artifact(m, ArtifactId::documentation_technical_report).availability ==
          Availability::released);
    const engine::Verdict v = test::score(m);
    CHECK(test::tier_of(v) == "closed");
    CHECK(test::has_warning(v, "the index does not rate access (an API)"));
}

TEST_CASE("the index's quirks are warnings, never failures", "[eosai]") {
    const manifest::LoadResult result = load("quirks.yaml");
    CHECK(test::warnings_of(result) ==
          std::vector<std::string>{
              "quirks.yaml:12:5: warning: system.datasources_endmodel: 'datasources_endmodel' is "
              "a dimension of the index, rated at the top level, not inside 'system': not read",
              "quirks.yaml:11:5: warning: system.endmodel license: read 'endmodel license' as "
              "'endmodellicense' (a misspelled key)",
              "quirks.yaml:42:12: warning: trainingcode.class: class 'opne' is not open, partial "
              "or closed: read as not rated",
              "quirks.yaml: warning: paper: the file does not rate 'paper': read as not rated",
              "quirks.yaml:11:5: warning: system.endmodellicense: the end model's weights are "
              "rated open but system.endmodellicense says 'Unknown': they count as released "
              "without a license",
              "quirks.yaml:72:5: warning: licenses.class: licenses are rated open but "
              "system.endmodellicense says 'Unknown' (a contradiction)",
              "quirks.yaml:32:5: warning: weights_basemodel.class: the file names no base model "
              "of its own, so weights_basemodel should mirror weights_endmodel, but it is rated "
              "closed against open"});
    const manifest::Manifest& m = *result.manifest;
    // 'Unknown' names no license: released, never open.
    CHECK(artifact(m, ArtifactId::weights_final).availability == Availability::released);
    CHECK_FALSE(artifact(m, ArtifactId::weights_final).license);
    // A misspelled class and a missing or empty rating are not rated.
    CHECK(artifact(m, ArtifactId::code_training).availability == Availability::unknown);
    CHECK(artifact(m, ArtifactId::documentation_research_paper).availability ==
          Availability::unknown);
    CHECK(artifact(m, ArtifactId::architecture).availability == Availability::unknown);
    // No base model of its own: the base entries mirror the end model's, so no intermediate
    // weights are read from them.
    CHECK(artifact(m, ArtifactId::weights_intermediate).availability == Availability::unknown);
    CHECK(test::tier_of(test::score(m)) == "restricted-weights");
}

TEST_CASE("legacy Opening up ChatGPT files: their 14 dimensions", "[eosai]") {
    SECTION("downloadable weights, a package, combined data") {
        const manifest::Manifest m = clean("legacy.yaml");
        CHECK(m.model.name == "Example Chat");
        CHECK(m.access == manifest::Access::download);
        CHECK(artifact(m, ArtifactId::weights_final).license == std::string("MIT"));
        CHECK(artifact(m, ArtifactId::weights_final).provenance ==
              "eosai rlweights: open; license from project.license");
        CHECK(artifact(m, ArtifactId::weights_intermediate).availability == Availability::released);
        CHECK(artifact(m, ArtifactId::code_inference).availability == Availability::released);
        CHECK(artifact(m, ArtifactId::data_training).provenance ==
              "eosai llmdata: open, rldata: partial; partly released or on conditions, so no "
              "open license is counted");
        CHECK(test::tier_of(test::score(m)) == "open-weights");
    }
    SECTION("license notes: named by the legacy layout's key, license.notes") {
        const manifest::Manifest m = clean("legacy-notes.yaml");
        CHECK(artifact(m, ArtifactId::code_training).license == std::string("Apache-2.0"));
        CHECK(artifact(m, ArtifactId::code_training).provenance ==
              "eosai opencode: open; license from license.notes (Code:)");
    }
    SECTION("no weights and a commercial API: api-only") {
        const manifest::Manifest m = clean("legacy-api.yaml");
        CHECK(m.access == manifest::Access::api);
        CHECK(test::tier_of(test::score(m)) == "api-only");
    }
}

TEST_CASE("broken index files are errors with a place", "[eosai]") {
    SECTION("neither system nor project") {
        const manifest::LoadResult r = manifest::load_eosai("org:\n  name: x\n", "x.yaml");
        CHECK_FALSE(r.manifest);
        CHECK(rendered(r.diagnostics) ==
              std::vector<std::string>{
                  "x.yaml:1:1: error: not a European Open Source AI Index file: no top-level "
                  "'system' (the index's files) or 'project' (its legacy Opening up ChatGPT "
                  "files)"});
    }
    SECTION("not a mapping") {
        const manifest::LoadResult r = manifest::load_eosai("- a\n- b\n", "x.yaml");
        CHECK_FALSE(r.manifest);
        CHECK(rendered(r.diagnostics) ==
              std::vector<std::string>{"x.yaml:1:1: error: not a European Open Source AI Index "
                                       "file: expected a mapping of keys"});
    }
    SECTION("a key given twice is refused, as in every YAML input") {
        const manifest::LoadResult r = manifest::load_eosai(
            "system:\n  name: a\nsystem:\n  name: b\nweights_endmodel:\n  class: open\n", "x.yaml");
        CHECK_FALSE(r.manifest);
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].message.find("system") != std::string::npos);
    }
}

TEST_CASE("index files are detected by content, not by name", "[eosai][load]") {
    using manifest::detect_format;
    using manifest::InputFormat;
    CHECK(detect_format(fixture("eosai/open.yaml"), "x") == InputFormat::eosai);
    CHECK(detect_format(fixture("eosai/legacy.yaml"), "x.txt") == InputFormat::eosai);
    CHECK(manifest::looks_like_eosai("system:\n  name: x\nweights_endmodel:\n  class: open\n"));
    CHECK(manifest::looks_like_eosai("project:\n  name: x\nrlweights:\n  class: open\n"));
    // Front matter that merely mentions the keys is still a model card.
    CHECK(detect_format("---\nlicense: mit\n---\nsystem: x\nweights_endmodel: y\n", "README.md") ==
          InputFormat::hf_card);
    CHECK_FALSE(manifest::looks_like_eosai("system:\n  weights_endmodel: open\n"));
    CHECK(manifest::parse_format_name("eosai") == InputFormat::eosai);
}

TEST_CASE("a file with a base model and no end model: the base model is the release", "[eosai]") {
    const manifest::LoadResult result = load("base-only.yaml");
    CHECK(test::warnings_of(result) ==
          std::vector<std::string>{
              "base-only.yaml:10:5: warning: system.endmodelname: the file names no end model, "
              "only the base model 'Example-Base': read as the release, so weights_basemodel and "
              "datasources_basemodel stand for its final weights and training data, and "
              "weights_endmodel (closed) and datasources_endmodel (closed) are not read"});
    const manifest::Manifest& m = *result.manifest;
    CHECK(m.access == manifest::Access::download);
    CHECK(artifact(m, ArtifactId::weights_final).license == std::string("Apache-2.0"));
    CHECK(artifact(m, ArtifactId::weights_final).provenance ==
          "eosai weights_basemodel: open; license from system.endmodellicense");
    CHECK(artifact(m, ArtifactId::weights_intermediate).availability == Availability::unknown);
    // Only the base model's data rating counts: partial, so released without an open license.
    CHECK(artifact(m, ArtifactId::data_training).provenance ==
          "eosai datasources_basemodel: partial; partly released or on conditions, so no open "
          "license is counted (licenses.notes (Data:) names 'CC-BY-4.0')");
}

TEST_CASE("licenses.notes that contradict the ratings or the end model's license", "[eosai]") {
    std::string text = fixture("eosai/open.yaml");
    const std::string notes = "Weights: Apache-2.0. Code: MIT. Data: CC-BY-4.0.";
    REQUIRE(text.find(notes) != std::string::npos);
    text.replace(text.find(notes), notes.size(),
                 "Weights: Example Community License. Code: not released. Data: CC-BY-4.0.");
    const manifest::LoadResult result = manifest::load_eosai(text, "notes.yaml");
    CHECK(test::warnings_of(result) ==
          std::vector<std::string>{
              "notes.yaml:78:5: warning: licenses.notes: licenses.notes names the weights' "
              "license 'Example Community License' but system.endmodellicense says 'Apache-2.0' "
              "(a contradiction): both are taken to apply",
              "notes.yaml:41:5: warning: trainingcode.class: trainingcode is rated open but "
              "licenses.notes says 'not released' (a contradiction)"});
    const manifest::Manifest& m = *result.manifest;
    // Both licenses apply, so the weights are only as open as the less open of the two.
    CHECK(artifact(m, ArtifactId::weights_final).license ==
          std::string("Apache-2.0 AND (Example Community License)"));
    CHECK_FALSE(test::passed(test::score(m), "weights.final.open-license"));
    // "not released" names no license: the code is released as rated, with none.
    CHECK(artifact(m, ArtifactId::code_training).availability == Availability::released);
    CHECK_FALSE(artifact(m, ArtifactId::code_training).license);
    CHECK(artifact(m, ArtifactId::data_training).license == std::string("CC-BY-4.0"));
}

TEST_CASE("a bare file (no org, few ratings) loads, with a warning per missing rating", "[eosai]") {
    const manifest::LoadResult r = manifest::load_eosai(
        "system:\n  name: x\n  endmodellicense: MIT\nweights_endmodel:\n  class: open\n", "x.yaml");
    REQUIRE(r.manifest);
    CHECK(r.diagnostics.size() == 11);  // the 11 dimensions besides weights_endmodel
    CHECK(rendered(r.diagnostics).front() ==
          "x.yaml: warning: datasources_basemodel: the file does not rate "
          "'datasources_basemodel': read as not rated");
    CHECK(r.manifest->artifact(ArtifactId::weights_final).license == std::string("MIT"));
    CHECK(r.manifest->model.organization.empty());
}

TEST_CASE("license values longer than a license may be are refused, in bounded time", "[eosai]") {
    // Two long values that a naive comparison would take quadratic time over.
    const std::string long_license(600000, 'a');
    const std::string long_notes = std::string(300000, 'a') + "b";
    const manifest::LoadResult r = manifest::load_eosai(
        "system:\n  name: x\n  basemodelname: b\n  endmodelname: e\n  endmodellicense: \"" +
            long_license + "\"\nweights_endmodel:\n  class: open\nlicenses:\n  class: open\n"
            "  notes: \"Weights: " + long_notes + " Code: MIT Data: MIT\"\n",
        "long.yaml");
    REQUIRE(r.manifest);
    CHECK_FALSE(r.manifest->artifact(ArtifactId::weights_final).license);
    bool refused = false;
    for (const util::Diagnostic& d : r.diagnostics) {
        CHECK(d.severity == util::Severity::warning);
        CHECK(d.message.size() < 600);  // long values are shortened in messages
        refused = refused || d.message.find("license is longer than 4096 bytes") == 0;
    }
    CHECK(refused);
}
