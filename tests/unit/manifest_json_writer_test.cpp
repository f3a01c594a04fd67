#include "openness/manifest/json_writer.hpp"

#include "import_test_support.hpp"

#include <nlohmann/json.hpp>

using namespace openness;
using manifest::ArtifactId;

namespace {

// Scores an import and the native manifest converted from it; both must agree.
void check_round_trip(const std::string& text, const std::string& source) {
    INFO(source);
    manifest::ImportOptions options;
    options.lenient = true;
    manifest::LoadResult imported =
        manifest::load_manifest(text, source, std::nullopt, {}, options);
    INFO(Catch::Detail::stringify(test::rendered(imported.diagnostics)));
    REQUIRE(imported.manifest);
    const std::string native = manifest::write_manifest_json(*imported.manifest);
    manifest::LoadResult reloaded = manifest::load_manifest_json(native, source + ".manifest.json");
    INFO(native);
    INFO(Catch::Detail::stringify(test::rendered(reloaded.diagnostics)));
    REQUIRE(reloaded.manifest);
    CHECK(reloaded.diagnostics.empty());
    const engine::Verdict before = test::score(*imported.manifest);
    const engine::Verdict after = test::score(*reloaded.manifest);
    CHECK(test::tier_of(after) == test::tier_of(before));
    CHECK(after.score == before.score);
    CHECK(after.missing == before.missing);
    for (std::size_t i = 0; i < before.rules.size(); ++i) {
        INFO(before.rubric->rules[i].id);
        CHECK(after.rules[i].passed == before.rules[i].passed);
    }
    // Written again, the converted manifest does not change.
    CHECK(manifest::write_manifest_json(*reloaded.manifest) == native);
}

}  // namespace

TEST_CASE("every importable fixture converts to a manifest that scores the same", "[json-writer]") {
    std::size_t checked = 0;
    for (const char* folder : {"hf", "cyclonedx", "spdx3", "walk"}) {
        const std::string directory =
            std::string(OPENNESS_SOURCE_DIR) + "/tests/data/formats/" + folder;
        for (const std::string& path : test::files_in(directory)) {
            const std::string name = path.substr(directory.size() + 1);
            const std::string text = test::read_file(path);
            manifest::ImportOptions lenient;
            lenient.lenient = true;
            if (!manifest::load_manifest(text, name, std::nullopt, {}, lenient).manifest) {
                continue;  // the broken fixtures
            }
            check_round_trip(text, std::string(folder) + "/" + name);
            ++checked;
        }
    }
    CHECK(checked == 15);
}

TEST_CASE("the ../shared/formats files convert to manifests that score the same",
          "[json-writer][shared]") {
    const std::optional<std::string> directory = test::shared_path("formats");
    if (!directory) {
        return;
    }
    for (const std::string& path : test::files_in(*directory)) {
        check_round_trip(test::read_file(path), path.substr(directory->size() + 1));
    }
}

TEST_CASE("the native examples survive conversion unchanged in meaning", "[json-writer]") {
    const std::string directory = std::string(OPENNESS_SOURCE_DIR) + "/examples";
    const std::vector<std::string> paths = test::files_in(directory);
    REQUIRE(paths.size() >= 10);  // an emptied or moved examples/ fails instead of passing
    for (const std::string& path : paths) {
        check_round_trip(test::read_file(path), path.substr(directory.size() + 1));
    }
}

TEST_CASE("unknowns are left explicit in the converted manifest", "[json-writer]") {
    manifest::LoadResult result =
        manifest::load_manifest(test::fixture("cyclonedx/minimal.cdx.json"), "min.cdx.json");
    REQUIRE(result.manifest);
    const std::string text = manifest::write_manifest_json(*result.manifest);
    CHECK(text.find("\"access\": \"none\"") != std::string::npos);
    CHECK(text.find("\"final\": {\"available\": false, \"notes\": \"not stated in the CycloneDX "
                    "BOM; check and complete\"}") != std::string::npos);
    CHECK(text.find("Access is not stated in the source; \\\"none\\\" is a placeholder: check "
                    "and complete") != std::string::npos);
    CHECK(text.find("Converted from min.cdx.json (cyclonedx-1.6) by openness convert") !=
          std::string::npos);
}

TEST_CASE("a converted model card, whole", "[json-writer]") {
    manifest::LoadResult result =
        manifest::load_manifest(test::fixture("hf/apache.md"), "apache/README.md");
    REQUIRE(result.manifest);
    const std::string expected = R"({
  "manifest_version": 1,
  "model": {
    "name": "Example Apache Model"
  },
  "access": "download",
  "weights": {
    "final": {"available": true, "license": "apache-2.0", "notes": "from model card license"},
    "intermediate": {"available": false, "notes": "not stated in a model card; check and complete"}
  },
  "architecture": {"available": false, "notes": "not stated in a model card; check and complete"},
  "hyperparameters": {"available": false, "notes": "not stated in a model card; check and complete"},
  "data": {
    "training": {"available": false, "notes": "not stated in a model card; check and complete"},
    "evaluation": {"available": false, "notes": "not stated in a model card; check and complete"},
    "card": {"available": false, "notes": "not stated in a model card; check and complete"}
  },
  "code": {
    "training": {"available": false, "notes": "not stated in a model card; check and complete"},
    "inference": {"available": false, "notes": "not stated in a model card; check and complete"},
    "evaluation": {"available": false, "notes": "not stated in a model card; check and complete"},
    "data_processing": {"available": false, "notes": "not stated in a model card; check and complete"},
    "libraries": {"available": false, "notes": "not stated in a model card; check and complete"}
  },
  "documentation": {
    "model_card": {"available": true, "license": "apache-2.0", "notes": "from the model card itself, under its license"},
    "technical_report": {"available": false, "notes": "not stated in a model card; check and complete"},
    "research_paper": {"available": false, "notes": "not stated in a model card; check and complete"},
    "evaluation_results": {"available": false, "notes": "not stated in a model card; check and complete"},
    "sample_outputs": {"available": false, "notes": "not stated in a model card; check and complete"}
  },
  "notes": "Converted from apache/README.md (hf-card) by openness convert; artifacts the source does not state are written as not available: check and complete them. Limitation: the tier is a lower bound from a model card: a card does not say whether training code, training data or hyperparameters are released, so they are not counted"
}
)";
    CHECK(manifest::write_manifest_json(*result.manifest) == expected);
}

namespace {

// A manifest that uses every field, unknown keys at every level, NONE and NOASSERTION, an
// inherited license, and an artifact listed as not released with notes (issue 15).
const char* const k_everything = R"({
  "$schema": "https://example.org/manifest-v1.schema.json",
  "manifest_version": 1,
  "model": {"name": "Everything", "version": "2", "organization": "Lab",
            "release_date": "2024-06-13", "url": "https://example.org/m",
            "x-family": "demo"},
  "access": "gated",
  "license": "Apache-2.0",
  "weights": {
    "final": {"available": true, "location": "https://example.org/w", "notes": "fp16",
              "x-sha256": "abc", "x-size": 1.5e3},
    "intermediate": {"available": false, "notes": "not yet"},
    "finals": {"available": true}
  },
  "architecture": {"available": true, "license": "NOASSERTION"},
  "data": {"training": {"available": true, "license": "ODC-By-1.0"},
           "card": {"available": true, "license": "NONE"}},
  "code": {"inference": {"available": true}},
  "sources": ["https://example.org/a", "https://example.org/b"],
  "notes": "Release notes.",
  "licence": "MIT",
  "x-nested": {"list": [1, true, null, "s"], "deep": {"k": -2}}
})";

nlohmann::json parsed(const std::string& text) {
    return nlohmann::json::parse(text);
}

}  // namespace

TEST_CASE("an unknown member is written back as the loader kept it, -0 included", "[json-writer]") {
    // Built as util::Json, the writer would turn -0 into 0 (nlohmann reads "-0" as an integer).
    const char* const input = R"({"manifest_version": 1,
  "model": {"name": "m", "x-zero": -0.0},
  "access": "none",
  "weights": {"final": {"available": true, "x-q": [-0.0, 1.5e300, 0.1]}, "x-w": {"z": -0.0}},
  "x-n": [-0.0, 1e15, 18446744073709551616, -1e-7]})";
    manifest::LoadResult loaded = manifest::load_manifest_json(input, "z.json");
    REQUIRE(loaded.manifest);
    CHECK(manifest::write_manifest_json(*loaded.manifest) ==
          "{\n"
          "  \"manifest_version\": 1,\n"
          "  \"model\": {\n"
          "    \"name\": \"m\",\n"
          "    \"x-zero\": -0\n"
          "  },\n"
          "  \"access\": \"none\",\n"
          "  \"weights\": {\n"
          "    \"final\": {\"available\": true, \"x-q\": [-0, 1.5e+300, 0.1]},\n"
          "    \"x-w\": {\"z\": -0}\n"
          "  },\n"
          "  \"x-n\": [-0, 1e+15, 18446744073709551616, -1e-07]\n"
          "}\n");
}

TEST_CASE("convert to a manifest keeps the whole document: sources, notes, unknown keys (issue 15)",
          "[json-writer]") {
    manifest::LoadResult loaded = manifest::load_manifest_json(k_everything, "e.json");
    REQUIRE(loaded.manifest);
    const std::string written = manifest::write_manifest_json(*loaded.manifest);
    INFO(written);
    CHECK(parsed(written) == parsed(k_everything));
    SECTION("written again, it does not change") {
        manifest::LoadResult again = manifest::load_manifest_json(written, "again.json");
        REQUIRE(again.manifest);
        CHECK(manifest::write_manifest_json(*again.manifest) == written);
    }
    SECTION("the one-pass reader keeps $schema as the full reader does") {
        const std::string clean = R"({"$schema": "s", "manifest_version": 1,
            "model": {"name": "m"}, "access": "none"})";
        manifest::Manifest fast;
        REQUIRE(manifest::read_clean_manifest_json(clean, "c.json", {}, fast));
        CHECK(parsed(manifest::write_manifest_json(fast)) == parsed(clean));
    }
}
