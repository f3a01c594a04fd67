// One reading of a file (issue 14): a key given twice is an error naming both places, in every
// input format that can hold one, so no tool reads a file differently from openness.

#include "openness/manifest/json_loader.hpp"
#include "openness/manifest/load.hpp"
#include "openness/manifest/mof_loader.hpp"

#include "import_test_support.hpp"

#include <string>

using namespace openness;

namespace {

// The first error of loading `text`, rendered.
std::string first_error(const std::string& text, const std::string& source) {
    const manifest::LoadResult result = manifest::load_manifest(text, source);
    for (const util::Diagnostic& d : result.diagnostics) {
        if (d.severity == util::Severity::error) {
            return util::render(d);
        }
    }
    return result.manifest ? "loaded" : "no error, no manifest";
}

// Checks that neither the one-pass reader nor the full one accepts `text`, and the error.
void check_refused(const std::string& text, const std::string& expected) {
    CHECK_FALSE(manifest::read_clean_manifest_json(text, "m.json"));
    CHECK(first_error(text, "m.json") == expected);
}

constexpr const char* k_reason =
    "): tools disagree on which one counts, so a key may appear only once";

}  // namespace

TEST_CASE("a manifest with a key twice is refused by both readers", "[load][duplicate]") {
    SECTION("regression: a second license would pass a gate for one reader only") {
        const std::string text =
            "{\"manifest_version\": 1, \"model\": {\"name\": \"m\"}, \"access\": \"download\",\n"
            " \"license\": \"MIT\", \"weights\": {\"final\": {\"available\": true}},\n"
            " \"license\": \"LicenseRef-proprietary-noncommercial\"}";
        check_refused(text, std::string("m.json:3:2: error: duplicate key 'license' (first at "
                                        "line 2, column 2") +
                                k_reason);
    }
    SECTION("nested, in an artifact") {
        const std::string text =
            "{\"manifest_version\": 1, \"model\": {\"name\": \"m\"}, \"access\": \"api\", "
            "\"weights\": {\"final\": {\"available\": false, \"available\": true}}}";
        check_refused(text, std::string("m.json:1:108: error: duplicate key 'available' (first "
                                        "at line 1, column 88") +
                                k_reason);
    }
}

TEST_CASE("a MOF model.yml with a key twice is refused", "[mof][duplicate]") {
    const std::string text =
        "framework:\n  name: Model Openness Framework\n  version: '1.0'\nrelease:\n"
        "  name: m\n  license:\n    distribution: MIT\n  name: n\n";
    const manifest::LoadResult result = manifest::load_mof_yaml(text, "model.yml");
    REQUIRE_FALSE(result.diagnostics.empty());
    CHECK(util::render(result.diagnostics.front()) ==
          std::string("model.yml:8:3: error: duplicate key 'name' (first at line 5, column 3") +
              k_reason);
}

TEST_CASE("a model card with a front-matter key twice is refused", "[hf_card][duplicate]") {
    const std::string text = "---\nlicense: mit\nlicense: other\n---\n# card\n";
    CHECK(first_error(text, "README.md") ==
          std::string("README.md:3:1: error: YAML front matter: duplicate key 'license' (first at "
                      "line 2, column 1") +
              k_reason);
}

TEST_CASE("CycloneDX and SPDX 3 documents with a key twice are refused", "[load][duplicate]") {
    CHECK(first_error("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"specVersion\": "
                      "\"1.5\"}",
                      "bom.json")
              .find("error: duplicate key 'specVersion' (first at line 1, column 28") !=
          std::string::npos);
    CHECK(first_error("{\"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\", "
                      "\"@graph\": [], \"@graph\": []}",
                      "a.spdx3.json")
              .find("error: duplicate key '@graph'") != std::string::npos);
}

TEST_CASE("a model card's YAML is read within the limits every YAML input shares (issue 14)",
          "[hf_card][limits]") {
    SECTION("regression: 1 MiB of `datasets: [a, a, ...]` took 460 MB") {
        std::string text = "---\ndatasets: [a";
        while (text.size() < 1024 * 1024) {
            text += ", a";
        }
        text += "]\n---\n";
        CHECK(first_error(text, "README.md") ==
              "README.md:2:30003: error: YAML front matter: more than 10000 YAML nodes");
    }
    SECTION("aliases of collections and deep nesting") {
        CHECK(first_error("---\na: &x [1]\nb: *x\n---\n", "README.md") ==
              "README.md:3:4: error: YAML front matter: YAML alias '*x' refers to a mapping or "
              "list; a model card's front matter may alias only single values");
        CHECK(first_error("---\na: " + std::string(100, '[') + std::string(100, ']') + "\n---\n",
                          "README.md") ==
              "README.md:2:67: error: YAML front matter: YAML nesting deeper than 64 levels");
    }
}

TEST_CASE("an imported license is capped at 4,096 bytes like a native one (issue 14)",
          "[load][limits]") {
    const std::string text = "---\nlicense: " + std::string(5000, 'a') + "\n---\n";
    CHECK(first_error(text, "README.md") ==
          "README.md: error: weights.final.license: license is longer than 4096 bytes");
}
