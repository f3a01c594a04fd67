#include "openness/manifest/spdx3.hpp"

#include "import_test_support.hpp"

using namespace openness;
using manifest::ArtifactId, manifest::Availability;
using test::fixture, test::rendered;

namespace {

manifest::LoadResult load(const std::string& text, const std::string& source = "doc.json") {
    return manifest::load_spdx3(text, source);
}

manifest::Manifest document(const std::string& text) {
    manifest::LoadResult result = load(text);
    INFO(Catch::Detail::stringify(rendered(result.diagnostics)));
    REQUIRE(result.manifest);
    return *result.manifest;
}

// A document with one AI package and the given extra elements.
std::string graph(const std::string& package_members, const std::string& more = "") {
    return R"({"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [
        {"type": "ai_AIPackage", "spdxId": "urn:m", "name": "m",
         "software_downloadLocation": "https://example.com/m")" +
           package_members + "}" + more + "]}";
}

std::string license_relationship(const std::string& type, const std::string& to) {
    return R"(, {"type": "Relationship", "spdxId": "urn:r-)" + type +
           R"(", "relationshipType": ")" + type + R"(", "from": "urn:m", "to": [")" + to + "\"]}";
}

}  // namespace

TEST_CASE("a complete SPDX 3 AI document: code, open data and hyperparameters", "[spdx3]") {
    const manifest::Manifest m = test::clean_manifest(load(fixture("spdx3/complete.spdx3.json")));
    test::check_model(m, "spdx-3.0.1",
                      {"open-classifier", "2.0", "Example Lab", "2025-02-03",
                       "https://example.com/open-classifier/releases/2.0"});
    const manifest::Artifact& weights = m.artifact(ArtifactId::weights_final);
    CHECK(weights.license == std::string("Apache-2.0"));
    CHECK(weights.provenance ==
          "spdx @graph[3].software_downloadLocation; license: hasConcludedLicense @graph[18] "
          "(used over hasDeclaredLicense @graph[17]: MIT)");
    CHECK(m.artifact(ArtifactId::code_training).provenance ==
          "spdx train.py (@graph[5]) generates the model; license: hasConcludedLicense "
          "@graph[18] of the containing package @graph[3]");
    CHECK(m.artifact(ArtifactId::code_inference).availability == Availability::released);
    CHECK(m.artifact(ArtifactId::code_data_processing).availability == Availability::released);
    CHECK(m.artifact(ArtifactId::code_evaluation).availability == Availability::released);
    CHECK(m.artifact(ArtifactId::data_training).license == std::string("CC-BY-4.0"));
    CHECK(m.artifact(ArtifactId::data_evaluation).license == std::string("CC-BY-4.0"));
    CHECK(m.artifact(ArtifactId::data_card).provenance ==
          "spdx @graph[10] dataset_dataCollectionProcess, dataset_intendedUse (open-corpus)");
    CHECK(m.artifact(ArtifactId::documentation_model_card).location == "README.md");
    CHECK(m.artifact(ArtifactId::architecture).availability == Availability::unknown);
    CHECK(m.notes ==
          "Type of model (ai_typeOfModel): gradient-boosted trees. About training: "
          "Trained for 3 epochs on the open corpus.");
    const engine::Verdict v = test::score(m);
    CHECK(test::passed(v, "code.training.open-license"));
    CHECK(test::passed(v, "data.training.open-license"));
    CHECK(test::passed(v, "hyperparameters.released"));
    // SPDX has no field for the architecture: the one thing between it and open-source.
    CHECK(test::tier_of(v) == "open-weights");
    REQUIRE(v.missing.size() == 1);
    CHECK(v.rubric->rules[v.missing[0]].id == "architecture.open-license");
}

TEST_CASE("SPDX licenses: concluded over declared, listed ids, none and no assertion", "[spdx3]") {
    const auto license_of = [](const std::string& extra) {
        return document(graph("", extra)).artifact(ArtifactId::weights_final);
    };
    SECTION("declared only") {
        const manifest::Artifact a =
            license_of(license_relationship("hasDeclaredLicense", "https://spdx.org/licenses/MIT"));
        CHECK(a.license == std::string("MIT"));
        CHECK(a.provenance ==
              "spdx @graph[0].software_downloadLocation; license: "
              "hasDeclaredLicense @graph[1] (no concluded license)");
    }
    SECTION("concluded only") {
        CHECK(license_of(license_relationship("hasConcludedLicense",
                                              "https://spdx.org/licenses/Apache-2.0"))
                  .license == std::string("Apache-2.0"));
    }
    SECTION("NoAssertion and None individuals") {
        CHECK(license_of(
                  license_relationship("hasConcludedLicense",
                                       "https://spdx.org/rdf/3.0.1/terms/Licensing/NoAssertion"))
                  .license == std::string("NOASSERTION"));
        CHECK(
            license_of(license_relationship("hasConcludedLicense", "expandedlicensing_NoneLicense"))
                .license == std::string("NONE"));
    }
    SECTION("an unknown license target is a warning") {
        manifest::LoadResult result =
            load(graph("", license_relationship("hasConcludedLicense", "urn:nowhere")));
        CHECK(test::warnings_of(result) ==
              std::vector<std::string>{"doc.json:3:195: warning: @graph[1].to: license "
                                       "'urn:nowhere' is not a license this document defines "
                                       "(ignored)"});
        CHECK_FALSE(result.manifest->artifact(ArtifactId::weights_final).license);
    }
}

TEST_CASE("dataset availability follows dataset_datasetAvailability", "[spdx3]") {
    const auto training = [](const std::string& availability) {
        return document(graph("", R"(, {"type": "dataset_DatasetPackage", "spdxId": "urn:d",
            "name": "d", "dataset_datasetAvailability": ")" +
                                      availability + R"("},
            {"type": "Relationship", "spdxId": "urn:t", "relationshipType": "trainedOn",
             "from": "urn:m", "to": ["urn:d"]})"))
            .artifact(ArtifactId::data_training);
    };
    CHECK(training("directDownload").availability == Availability::released);
    CHECK(training("clickthrough").availability == Availability::released);
    CHECK(training("clickthrough").notes == "d: available after accepting terms (clickthrough)");
    CHECK(training("scrapingScript").availability == Availability::not_released);
}

TEST_CASE("a minimal AI package states only what it has", "[spdx3]") {
    const manifest::Manifest m = document(fixture("spdx3/minimal.spdx3.json"));
    CHECK(m.model.name == "bare-model");
    CHECK_FALSE(m.access);
    CHECK(test::tier_of(test::score(m)) == "closed");
}

TEST_CASE("a document without an AI package describes no model", "[spdx3]") {
    const manifest::Manifest m = document(fixture("spdx3/dataset-only.spdx3.json"));
    const engine::Verdict v = test::score(m);
    CHECK(test::tier_of(v) == "closed");
    CHECK(test::has_warning(v,
                            "the document has no ai_AIPackage, so it describes no model; it "
                            "holds the dataset_DatasetPackage 'weather-observations' "
                            "(ODbL-1.0), not linked to any model"));
}

TEST_CASE("broken SPDX documents are errors with line and column", "[spdx3]") {
    SECTION("SPDX 2") {
        CHECK(test::errors_of(load(fixture("spdx3/spdx2.spdx.json"))) ==
              std::vector<std::string>{"doc.json:2:18: error: spdxVersion: an SPDX 2 document: "
                                       "openness reads SPDX 3 JSON-LD (with @context and "
                                       "@graph)"});
    }
    SECTION("no @graph") {
        CHECK(test::errors_of(load(fixture("spdx3/no-graph.spdx3.json"))) ==
              std::vector<std::string>{"doc.json:1:1: error: missing '@graph': openness reads "
                                       "SPDX 3 documents serialized as JSON-LD with a @graph of "
                                       "elements"});
    }
    SECTION("an element that is not an object") {
        CHECK(test::errors_of(load(R"({"@context": "spdx", "@graph": [1]})")) ==
              std::vector<std::string>{
                  "doc.json:1:33: error: @graph[0]: expected an object, got a number"});
    }
}

TEST_CASE("the SPDX 3 files in ../shared/formats", "[spdx3][shared]") {
    SECTION("sentiment demo: CC0-1.0 everything, so open-weights (CC0 is not OSI for code)") {
        if (const auto text =
                test::shared_format("spdx-3.0.1-ai-dataset-sentimentdemo.spdx3.json")) {
            const manifest::Manifest m = document(*text);
            CHECK(m.artifact(ArtifactId::weights_final).license == std::string("CC0-1.0"));
            CHECK(m.artifact(ArtifactId::hyperparameters).availability == Availability::released);
            CHECK(m.artifact(ArtifactId::data_training).availability == Availability::released);
            CHECK(m.artifact(ArtifactId::code_training).availability == Availability::released);
            CHECK(test::tier_of(test::score(m)) == "open-weights");
        }
    }
    SECTION("OWID CO2 dataset: no model") {
        if (const auto text = test::shared_format("spdx-3.0.1-dataset-example01.spdx3.json")) {
            const engine::Verdict v = test::score(document(*text));
            CHECK(test::tier_of(v) == "closed");
            CHECK(test::has_warning(v, "the document has no ai_AIPackage"));
        }
    }
}
