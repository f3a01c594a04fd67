#include "openness/manifest/to_json.hpp"

#include "openness/manifest/load.hpp"
#include "openness/report/report.hpp"
#include "report_fixtures.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

using namespace openness;

namespace {

// The verdict of a manifest as JSON: what a round trip must keep.
std::string verdict_json(const manifest::Manifest& m) {
    std::string out;
    report::append_verdict_json(out, engine::evaluate(test::rubric_1_0(), m));
    return out;
}

}  // namespace

TEST_CASE("every example survives a round trip through manifest_to_json", "[manifest][to_json]") {
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(OPENNESS_SOURCE_DIR) + "/examples")) {
        if (entry.path().extension() != ".json") {
            continue;
        }
        const std::string name = entry.path().filename().string();
        INFO(name);
        manifest::LoadResult first =
            manifest::load_manifest(test::read_file(entry.path().string()), name);
        REQUIRE(first.manifest);
        const std::string json = manifest::manifest_to_json(*first.manifest);
        manifest::LoadResult second = manifest::load_manifest_json(json, name);
        REQUIRE(second.manifest);
        CHECK(second.diagnostics.empty());
        const manifest::Manifest& a = *first.manifest;
        const manifest::Manifest& b = *second.manifest;
        CHECK(a.model.name == b.model.name);
        CHECK(a.model.version == b.model.version);
        CHECK(a.model.organization == b.model.organization);
        CHECK(a.model.release_date == b.model.release_date);
        CHECK(a.model.url == b.model.url);
        CHECK(a.access == b.access);
        CHECK(a.license == b.license);
        CHECK(a.sources == b.sources);
        CHECK(a.notes == b.notes);
        for (std::size_t i = 0; i < manifest::k_artifact_count; ++i) {
            CHECK(a.artifacts[i].availability == b.artifacts[i].availability);
            CHECK(a.artifacts[i].listed == b.artifacts[i].listed);
            CHECK(a.artifacts[i].license == b.artifacts[i].license);
            CHECK(a.artifacts[i].location == b.artifacts[i].location);
            CHECK(a.artifacts[i].notes == b.artifacts[i].notes);
        }
        CHECK(verdict_json(a) == verdict_json(b));
    }
}

TEST_CASE("manifest_to_json writes the README's layout", "[manifest][to_json]") {
    manifest::Manifest m;
    m.model.name = "M \"quoted\"";
    m.access = manifest::Access::api;
    m.license = "MIT";
    m.artifact(manifest::ArtifactId::weights_final).listed = true;
    m.artifact(manifest::ArtifactId::weights_final).availability =
        manifest::Availability::released;
    m.artifact(manifest::ArtifactId::code_inference).listed = true;
    m.artifact(manifest::ArtifactId::code_inference).location = "https://example.org/code";
    m.sources = {"https://example.org"};
    CHECK(manifest::manifest_to_json(m) ==
          "{\n"
          "  \"manifest_version\": 1,\n"
          "  \"model\": {\n"
          "    \"name\": \"M \\\"quoted\\\"\"\n"
          "  },\n"
          "  \"access\": \"api\",\n"
          "  \"license\": \"MIT\",\n"
          "  \"weights\": {\n"
          "    \"final\": {\"available\": true}\n"
          "  },\n"
          "  \"code\": {\n"
          "    \"inference\": {\"available\": false, \"location\": \"https://example.org/code\"}\n"
          "  },\n"
          "  \"sources\": [\n"
          "    \"https://example.org\"\n"
          "  ]\n"
          "}\n");
}

TEST_CASE("an availability the source left unknown is written as not available, with a note",
          "[manifest][to_json]") {
    manifest::Manifest m;
    m.model.name = "m";
    m.format = "mof";
    m.access = manifest::Access::download;
    m.limitations = {"a MOF model.yml does not state access"};
    manifest::Artifact& a = m.artifact(manifest::ArtifactId::data_card);
    a.listed = true;
    a.availability = manifest::Availability::unknown;
    const std::string json = manifest::manifest_to_json(m);
    CHECK(json.find("\"card\": {\"available\": false, \"notes\": \"not stated by the source "
                    "(mof): check whether it is released\"}") != std::string::npos);
    CHECK(json.find("\"notes\": \"a MOF model.yml does not state access.\"") !=
          std::string::npos);
    CHECK(manifest::load_manifest_json(json, "m.json").manifest);
}
