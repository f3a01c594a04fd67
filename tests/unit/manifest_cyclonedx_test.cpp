#include "openness/manifest/cyclonedx.hpp"

#include "import_test_support.hpp"

using namespace openness;
using manifest::ArtifactId, manifest::Availability;
using test::fixture, test::rendered;

namespace {

manifest::LoadResult load(const std::string& text, bool lenient = false,
                          const std::string& source = "bom.json") {
    manifest::ImportOptions options;
    options.lenient = lenient;
    return manifest::load_cyclonedx(text, source, options);
}

manifest::Manifest bom(const std::string& text, bool lenient = false) {
    manifest::LoadResult result = load(text, lenient);
    INFO(Catch::Detail::stringify(rendered(result.diagnostics)));
    REQUIRE(result.manifest);
    return *result.manifest;
}

std::string model_bom(const std::string& component_members) {
    return R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
        {"type": "machine-learning-model", "name": "m")" +
           component_members + "}]}";
}

}  // namespace

TEST_CASE("a complete ML-BOM maps every artifact it can state", "[cyclonedx]") {
    const manifest::Manifest m = test::clean_manifest(load(fixture("cyclonedx/complete.cdx.json")));
    test::check_model(m, "cyclonedx-1.6",
                      {"open-7b", "1.0", "Example Lab", "", "https://example.com/open-7b"});
    CHECK(m.access == manifest::Access::download);
    const manifest::Artifact& weights = m.artifact(ArtifactId::weights_final);
    CHECK(weights.location == "https://example.com/open-7b/weights");
    CHECK(weights.license == std::string("Apache-2.0"));
    CHECK(weights.provenance ==
          "cyclonedx components[0].externalReferences[0] (distribution); "
          "license: cyclonedx components[0].licenses[0]");
    CHECK(m.artifact(ArtifactId::code_training).location ==
          "https://example.com/git/open-7b-train");
    CHECK(m.artifact(ArtifactId::code_inference).location == "https://example.com/git/open-7b");
    CHECK(m.artifact(ArtifactId::code_evaluation).location ==
          "https://example.com/git/open-7b-eval");
    CHECK(m.artifact(ArtifactId::code_data_processing).provenance ==
          "cyclonedx components[0].externalReferences[5] (source-distribution): data processing "
          "scripts; license: cyclonedx components[0].properties[7]");
    const manifest::Artifact& data = m.artifact(ArtifactId::data_training);
    CHECK(data.availability == Availability::released);
    CHECK(data.license == std::string("CC-BY-4.0"));
    CHECK(data.location == "https://example.com/datasets/open-corpus");
    CHECK(m.artifact(ArtifactId::data_evaluation).availability == Availability::unknown);
    CHECK(m.artifact(ArtifactId::architecture).notes ==
          "architectureFamily: transformer; modelArchitecture: decoder-only transformer");
    const engine::Verdict v = test::score(m);
    CHECK(test::tier_of(v) == "fully-open");
    CHECK(test::has_warning(v, "tier and score are lower bounds from a CycloneDX BOM"));
}

TEST_CASE("a BOM with training code, open training data and hyperparameters", "[cyclonedx]") {
    const manifest::Manifest m = bom(fixture("cyclonedx/training.cdx.json"));
    CHECK(m.format == "cyclonedx-1.7");
    CHECK(m.model.organization == "Example Lab");
    const manifest::Artifact& data = m.artifact(ArtifactId::data_training);
    // The inline dataset names no license, so the training data as a whole has none.
    CHECK(data.availability == Availability::released);
    CHECK_FALSE(data.license);
    const engine::Verdict v = test::score(m);
    CHECK(test::passed(v, "code.training.open-license"));
    CHECK(test::passed(v, "hyperparameters.released"));
    CHECK(test::passed(v, "data.training.released"));
    CHECK_FALSE(test::passed(v, "data.training.open-license"));
    // Inference and data-processing code, the architecture and a data card are not in it.
    CHECK(test::tier_of(v) == "open-weights");
}

TEST_CASE("training data is open only when every dataset is", "[cyclonedx]") {
    const manifest::Manifest m = bom(model_bom(R"(, "modelCard": {"modelParameters": {"datasets":
        [{"ref": "d"}]}}}, {"type": "data", "name": "d", "bom-ref": "d",
        "licenses": [{"license": {"id": "CC-BY-4.0"}}],
        "data": [{"type": "dataset", "contents": {"url": "https://example.com/d"}}])"));
    CHECK(m.artifact(ArtifactId::data_training).license == std::string("CC-BY-4.0"));
    CHECK(m.artifact(ArtifactId::data_training).availability == Availability::released);
}

TEST_CASE("a minimal BOM states almost nothing", "[cyclonedx]") {
    const manifest::Manifest m = bom(fixture("cyclonedx/minimal.cdx.json"));
    CHECK(m.model.name == "tiny");
    CHECK_FALSE(m.access);
    for (const manifest::Artifact& a : m.artifacts) {
        CHECK(a.availability == Availability::unknown);
        CHECK(a.provenance == "not stated in the CycloneDX BOM");
    }
    const engine::Verdict v = test::score(m);
    CHECK(test::tier_of(v) == "closed");
    CHECK(test::has_warning(v, "the BOM says nowhere how to get the weights"));
}

TEST_CASE("the mistakes of published BOMs: errors by default, warnings with --lenient",
          "[cyclonedx]") {
    const std::string text = fixture("cyclonedx/trailing-comma.cdx.json");
    SECTION("strict: the trailing comma is an error at the brace after it") {
        manifest::LoadResult result = load(text, false, "t.json");
        CHECK(test::errors_of(result) ==
              std::vector<std::string>{"t.json:6:3: error: trailing comma after the last entry "
                                       "of an object (JSON does not allow it; --lenient accepts "
                                       "it with a warning)"});
    }
    SECTION("lenient: both mistakes are warnings and the BOM is scored") {
        manifest::LoadResult result = load(text, true, "t.json");
        CHECK(test::warnings_of(result) ==
              std::vector<std::string>{
                  "t.json:5:40: warning: trailing comma after the last entry of an object (not "
                  "JSON; accepted because of --lenient)",
                  "t.json:11:32: warning: components[0].licenses[0].license: has both 'id' and "
                  "'name', but CycloneDX allows only one ('id' is read because of --lenient)"});
        CHECK(result.manifest->artifact(ArtifactId::weights_final).license == std::string("MIT"));
        CHECK(test::tier_of(test::score(*result.manifest)) == "open-weights");
    }
    SECTION("strict: a license with both id and name is an error") {
        manifest::LoadResult result =
            load(model_bom(R"(, "licenses": [{"license": {"id": "MIT", "name": "MIT"}}])"));
        CHECK(rendered(result.diagnostics) ==
              std::vector<std::string>{
                  "bom.json:2:82: error: components[0].licenses[0].license: has both 'id' and "
                  "'name', but CycloneDX allows only one (--lenient accepts it with a warning)"});
    }
    SECTION("a trailing comma in an array, and a numeric specVersion") {
        const std::string odd = R"({"bomFormat": "CycloneDX", "specVersion": 1.6,
            "components": [{"type": "machine-learning-model", "name": "m"},]})";
        CHECK(rendered(load(odd).diagnostics) ==
              std::vector<std::string>{"bom.json:2:76: error: trailing comma after the last entry "
                                       "of an array (JSON does not allow it; --lenient accepts it "
                                       "with a warning)"});
        manifest::LoadResult result = load(odd, true);
        REQUIRE(result.manifest);
        CHECK(result.manifest->format == "cyclonedx-1.6");
        CHECK(rendered(result.diagnostics).size() == 2);
    }
    SECTION("other JSON errors are not repaired") {
        CHECK(rendered(load(R"({"bomFormat": "CycloneDX" "x": 1})", true).diagnostics) ==
              std::vector<std::string>{"bom.json:1:27: error: expected ',' or '}' after an object "
                                       "member, got '\"'"});
    }
}

TEST_CASE("broken BOMs are errors with line, column and path", "[cyclonedx]") {
    test::check_refusals(
        {
            {"no model component", fixture("cyclonedx/no-model.cdx.json"),
             {"bom.json:1:1: error: no component of type machine-learning-model: this BOM "
              "describes no model to score"}},
            {"a member of the wrong type", fixture("cyclonedx/wrong-type.cdx.json"),
             {"bom.json:8:19: error: components[0].licenses: expected an array, got an object"}},
            {"not CycloneDX at all", R"({"bomFormat": "SPDX"})",
             {"bom.json:1:15: error: bomFormat: expected \"CycloneDX\": not a CycloneDX BOM"}},
        },
        [](const std::string& text) { return load(text); });
}

TEST_CASE("a dataset ref that names nothing is a warning and stays not stated", "[cyclonedx]") {
    manifest::LoadResult result =
        load(model_bom(R"(, "modelCard": {"modelParameters": {"datasets": [{"ref": "gone"}]}})"));
    CHECK(test::warnings_of(result) ==
          std::vector<std::string>{"bom.json:2:112: warning: "
                                   "components[0].modelCard.modelParameters.datasets[0].ref: "
                                   "'gone' names no component or data entry in this BOM"});
    CHECK(result.manifest->artifact(ArtifactId::data_training).availability ==
          Availability::unknown);
}

TEST_CASE("the metadata component is scored first, more models are a warning", "[cyclonedx]") {
    manifest::LoadResult result = load(R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
        "metadata": {"component": {"type": "machine-learning-model", "name": "main"}},
        "components": [{"type": "machine-learning-model", "name": "other"}]})");
    REQUIRE(result.manifest);
    CHECK(result.manifest->model.name == "main");
    CHECK(rendered(result.diagnostics) ==
          std::vector<std::string>{"bom.json:2:35: warning: metadata.component: 2 "
                                   "machine-learning-model components; this one (the first) is "
                                   "scored"});
}

TEST_CASE("concluded licenses win over declared ones", "[cyclonedx]") {
    const manifest::Manifest m = bom(model_bom(R"(, "hashes": [{"alg": "SHA-256", "content": "a"}],
        "licenses": [{"license": {"id": "MIT", "acknowledgement": "declared"}},
                     {"license": {"id": "Apache-2.0", "acknowledgement": "concluded"}}])"));
    CHECK(m.artifact(ArtifactId::weights_final).license == std::string("Apache-2.0"));
    CHECK(m.artifact(ArtifactId::weights_final).provenance ==
          "cyclonedx components[0].hashes (digests of the weights); license: cyclonedx "
          "components[0].licenses[1] (concluded, which wins over declared)");
}

TEST_CASE("several licenses all apply, an expression is read as written", "[cyclonedx]") {
    CHECK(bom(model_bom(R"(, "licenses": [{"license": {"id": "MIT"}},
        {"license": {"name": "Acme Terms"}}])"))
              .artifact(ArtifactId::weights_final)
              .license == std::string("MIT AND (Acme Terms)"));
    CHECK(bom(model_bom(R"(, "licenses": [{"expression": "MIT OR Apache-2.0"}])"))
              .artifact(ArtifactId::weights_final)
              .license == std::string("MIT OR Apache-2.0"));
}

TEST_CASE("openness: properties state what CycloneDX has no field for", "[cyclonedx]") {
    manifest::LoadResult result = load(model_bom(R"(, "properties": [
        {"name": "openness:hyperparameters", "value": "true"},
        {"name": "openness:weights.intermediate", "value": "false"},
        {"name": "openness:nonsense", "value": "x"},
        {"name": "other:thing", "value": "y"}])"));
    REQUIRE(result.manifest);
    const manifest::Manifest& m = *result.manifest;
    CHECK(m.artifact(ArtifactId::hyperparameters).availability == Availability::released);
    CHECK(m.artifact(ArtifactId::hyperparameters).provenance ==
          "cyclonedx components[0].properties[0]");
    CHECK(m.artifact(ArtifactId::weights_intermediate).availability == Availability::not_released);
    CHECK(rendered(result.diagnostics) ==
          std::vector<std::string>{"bom.json:5:9: warning: components[0].properties[2]: "
                                   "'openness:nonsense' names no artifact (ignored)"});
}

TEST_CASE("the CycloneDX files in ../shared/formats", "[cyclonedx][shared]") {
    SECTION("bert-base-cased: malformed as published") {
        if (const auto text = test::shared_format("cyclonedx-1.6-mlbom-bert-base-cased.json")) {
            CHECK(rendered(load(*text, false, "bert.json").diagnostics) ==
                  std::vector<std::string>{"bert.json:9:5: error: trailing comma after the last "
                                           "entry of an object (JSON does not allow it; --lenient "
                                           "accepts it with a warning)"});
            manifest::LoadResult lenient = load(*text, true, "bert.json");
            REQUIRE(lenient.manifest);
            CHECK(lenient.diagnostics.size() == 2);
            const engine::Verdict v = test::score(*lenient.manifest);
            CHECK(test::tier_of(v) == "open-weights");
            CHECK(v.artifacts[0].provenance ==
                  "cyclonedx components[0].hashes (digests of the weights); license: cyclonedx "
                  "components[0].licenses[0]");
        }
    }
    SECTION("1.7 model card with datasets: no weights stated, so closed") {
        if (const auto text =
                test::shared_format("cyclonedx-1.7-mlbom-model-card-with-dataset.json")) {
            const manifest::Manifest m = bom(*text);
            CHECK(m.artifact(ArtifactId::data_training).availability == Availability::released);
            CHECK(m.artifact(ArtifactId::documentation_evaluation_results).availability ==
                  Availability::released);
            CHECK(test::tier_of(test::score(m)) == "closed");
        }
    }
    SECTION("Llama-2-7b considerations: a distribution without a license") {
        const auto text =
            test::shared_format("cyclonedx-1.6-valid-machine-learning-considerations-env.json");
        if (!text) {
            return;
        }
        const manifest::Manifest m = bom(*text);
        CHECK(m.model.organization == "meta");
        CHECK(test::tier_of(test::score(m)) == "restricted-weights");
    }
}
