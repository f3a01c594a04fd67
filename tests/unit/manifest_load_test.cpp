#include "openness/manifest/load.hpp"

#include "import_test_support.hpp"

using namespace openness;
using manifest::detect_format, manifest::InputFormat;

TEST_CASE("formats are detected from content", "[load]") {
    SECTION("native manifests") {
        CHECK(detect_format(R"({"manifest_version": 1})", "x.json") == InputFormat::manifest_v1);
        // Anything else that is JSON stays a manifest, so its errors are manifest errors.
        CHECK(detect_format(R"({"name": "x"})", "bom.json") == InputFormat::manifest_v1);
        CHECK(detect_format("{", "x.json") == InputFormat::manifest_v1);
        CHECK(detect_format("", "x.json") == InputFormat::manifest_v1);
    }
    SECTION("CycloneDX, even when malformed") {
        CHECK(detect_format(R"({"bomFormat" : "CycloneDX", "x": 1,})", "a") ==
              InputFormat::cyclonedx);
        CHECK(detect_format(R"({"bomFormat": "SPDX"})", "a") == InputFormat::manifest_v1);
        CHECK(detect_format("\xEF\xBB\xBF\n {\"bomFormat\":\"CycloneDX\"}", "a") ==
              InputFormat::cyclonedx);
    }
    SECTION("SPDX 3 by its @context; SPDX 2 goes there too, to be told what it is") {
        CHECK(detect_format(R"({"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"})",
                            "a") == InputFormat::spdx3);
        CHECK(detect_format(R"({"@context": ["https://SPDX.org/x"], "@graph": []})", "a") ==
              InputFormat::spdx3);
        CHECK(detect_format(R"({"@context": "https://schema.org"})", "a") ==
              InputFormat::manifest_v1);
        CHECK(detect_format(R"({"spdxVersion": "SPDX-2.3"})", "a") == InputFormat::spdx3);
    }
    SECTION("front matter is a model card, unless it is a MOF model.yml") {
        CHECK(detect_format("---\nlicense: mit\n---\n# x\n", "README.md") == InputFormat::hf_card);
        CHECK(detect_format("---\r\nlicense: mit\r\n---\r\n", "x") == InputFormat::hf_card);
        CHECK(detect_format("---\nframework:\n  name: MOF\nrelease:\n  name: x\n", "model.yml") !=
              InputFormat::hf_card);
        CHECK(detect_format("---\nlicense: mit\n---\nrelease: notes\n", "x") ==
              InputFormat::hf_card);
        CHECK(detect_format("----\nx\n", "x") == InputFormat::manifest_v1);
    }
    SECTION("Markdown without front matter goes to the card importer, which explains") {
        CHECK(detect_format("# Title\n", "docs/README.md") == InputFormat::hf_card);
    }
}

TEST_CASE("format names for --input-format", "[load]") {
    CHECK(manifest::format_names() ==
          std::vector<std::string>{"manifest", "mof", "hf-card", "cyclonedx", "spdx3", "eosai"});
    for (const std::string& name : manifest::format_names()) {
        REQUIRE(manifest::parse_format_name(name));
        CHECK(manifest::format_name(*manifest::parse_format_name(name)) == name);
    }
    CHECK_FALSE(manifest::parse_format_name("yaml"));
}

TEST_CASE("a forced format is used whatever the content", "[load]") {
    manifest::LoadResult result =
        manifest::load_manifest(R"({"manifest_version": 1})", "x.json", InputFormat::cyclonedx);
    CHECK(test::rendered(result.diagnostics) ==
          std::vector<std::string>{
              "x.json:1:1: error: bomFormat: expected \"CycloneDX\": not a CycloneDX BOM"});
}

TEST_CASE("lenient reaches the importers through load_manifest", "[load]") {
    const std::string text = test::fixture("cyclonedx/trailing-comma.cdx.json");
    CHECK_FALSE(manifest::load_manifest(text, "t.json").manifest);
    manifest::ImportOptions options;
    options.lenient = true;
    CHECK(manifest::load_manifest(text, "t.json", std::nullopt, {}, options).manifest);
}

TEST_CASE("an importer's empty license is read as no license stated, with a warning",
          "[load][regression]") {
    // fuzz/regressions/import_hf_card/0001: `license: ""` used to reach the converted manifest.
    const auto result = openness::manifest::load_manifest(
        "---\nlicense: \"\"\n---\n# card\n", "README.md", openness::manifest::InputFormat::hf_card);
    REQUIRE(result.manifest);
    CHECK_FALSE(result.manifest->artifact(openness::manifest::ArtifactId::weights_final).license);
    bool warned = false;
    for (const auto& d : result.diagnostics) {
        warned = warned || d.message == "empty license: read as no license stated";
    }
    CHECK(warned);
}
