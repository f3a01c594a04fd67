#include "openness/manifest/json_loader.hpp"

#include <catch2/catch.hpp>

using openness::manifest::ArtifactId, openness::manifest::Availability;
using openness::manifest::load_manifest_json;
using openness::util::render;

namespace {

const char* const k_olmo = R"({
  "manifest_version": 1,
  "model": {"name": "OLMo-2-1124-7B", "version": "1124", "organization": "Allen Institute for AI",
            "release_date": "2024-11-26", "url": "https://huggingface.co/allenai/OLMo-2-1124-7B"},
  "access": "download",
  "license": "Apache-2.0",
  "weights": {
    "final": {"available": true, "location": "https://huggingface.co/allenai/OLMo-2-1124-7B"},
    "intermediate": {"available": true, "notes": "checkpoints as repository revisions"}
  },
  "architecture": {"available": true, "location": "https://github.com/allenai/OLMo"},
  "hyperparameters": {"available": true, "location": "https://github.com/allenai/OLMo/tree/main/configs"},
  "data": {
    "training": {"available": true, "license": "ODC-By-1.0", "location": "https://huggingface.co/datasets/allenai/olmo-mix-1124"},
    "evaluation": {"available": true, "license": "ODC-By-1.0"},
    "card": {"available": true}
  },
  "code": {
    "training": {"available": true, "location": "https://github.com/allenai/OLMo"},
    "inference": {"available": true},
    "evaluation": {"available": true, "location": "https://github.com/allenai/OLMo-Eval"},
    "data_processing": {"available": true, "location": "https://github.com/allenai/dolma"},
    "libraries": {"available": true}
  },
  "documentation": {
    "model_card": {"available": true},
    "technical_report": {"available": true, "location": "arXiv:2501.00656"},
    "research_paper": {"available": true, "location": "arXiv:2501.00656"},
    "evaluation_results": {"available": true},
    "sample_outputs": {"available": false}
  },
  "sources": ["https://allenai.org/blog/olmo2"]
})";

std::vector<std::string> rendered(const openness::manifest::LoadResult& result) {
    std::vector<std::string> out;
    for (const auto& d : result.diagnostics) {
        out.push_back(render(d));
    }
    return out;
}

// The diagnostics of `text` read as the manifest "m.json", rendered.
std::vector<std::string> errors_of(const std::string& text) {
    return rendered(load_manifest_json(text, "m.json"));
}

}  // namespace

TEST_CASE("the issue's OLMo 2 example loads as written", "[manifest]") {
    auto result = load_manifest_json(k_olmo, "olmo.json");
    REQUIRE(result.diagnostics.empty());
    REQUIRE(result.manifest);
    const auto& m = *result.manifest;
    CHECK(m.model.name == "OLMo-2-1124-7B");
    CHECK(m.model.version == "1124");
    CHECK(m.model.organization == "Allen Institute for AI");
    CHECK(m.access == openness::manifest::Access::download);
    CHECK(m.license == std::optional<std::string>("Apache-2.0"));
    CHECK(m.artifact(ArtifactId::weights_final).availability == Availability::released);
    CHECK(m.artifact(ArtifactId::weights_intermediate).notes == "checkpoints as repository revisions");
    CHECK(m.artifact(ArtifactId::data_training).license == std::optional<std::string>("ODC-By-1.0"));
    CHECK(m.artifact(ArtifactId::documentation_sample_outputs).availability ==
          Availability::not_released);
    CHECK(m.artifact(ArtifactId::documentation_sample_outputs).listed);
    CHECK(m.sources == std::vector<std::string>{"https://allenai.org/blog/olmo2"});
    CHECK(m.artifact(ArtifactId::weights_final).position.line == 8);
}

TEST_CASE("licenses inherit from the top level only into available artifacts", "[manifest]") {
    auto result = load_manifest_json(R"({"manifest_version": 1, "model": {"name": "m"},
        "access": "download", "license": "MIT",
        "weights": {"final": {"available": true}, "intermediate": {"available": false}},
        "code": {"training": {"available": true, "license": "NONE"},
                 "inference": {"available": true, "license": "GPL-3.0-only"}}})",
                                     "m.json");
    REQUIRE(result.manifest);
    const auto& m = *result.manifest;
    using openness::manifest::effective_license;
    auto final_weights = effective_license(m, ArtifactId::weights_final);
    CHECK(final_weights.text == std::optional<std::string>("MIT"));
    CHECK(final_weights.inherited);
    CHECK_FALSE(effective_license(m, ArtifactId::weights_intermediate).text);
    auto none = effective_license(m, ArtifactId::code_training);
    CHECK(none.text == std::optional<std::string>("NONE"));
    CHECK_FALSE(none.inherited);
    auto own = effective_license(m, ArtifactId::code_inference);
    CHECK(own.text == std::optional<std::string>("GPL-3.0-only"));
    CHECK_FALSE(own.inherited);
    CHECK_FALSE(effective_license(m, ArtifactId::data_training).text);
}

TEST_CASE("wrong types name the JSON path", "[manifest]") {
    SECTION("license as a number") {
        auto result = load_manifest_json(R"({"manifest_version": 1, "model": {"name": "m"},
  "access": "download",
  "weights": {"final": {"available": true, "license": 3}}})",
                                         "m.json");
        CHECK_FALSE(result.manifest);
        CHECK(rendered(result) == std::vector<std::string>{
                                      "m.json:3:55: error: weights.final.license: expected a "
                                      "string, got a number"});
    }
    SECTION("available as a string") {
        CHECK(errors_of(R"({"manifest_version": 1, "model": {"name": "m"}, "access": "api", "architecture": {"available": "yes"}})") ==
              std::vector<std::string>{"m.json:1:96: error: architecture.available: expected a "
                                       "boolean, got a string"});
    }
    SECTION("sources item") {
        CHECK(errors_of(R"({"manifest_version": 1, "model": {"name": "m"}, "access": "api", "sources": ["a", null]})") ==
              std::vector<std::string>{"m.json:1:83: error: sources[1]: expected a string, got null"});
    }
    SECTION("root is not an object") {
        CHECK(errors_of("[1]") ==
              std::vector<std::string>{"m.json:1:1: error: expected an object, got an array"});
    }
}

TEST_CASE("required keys and values are checked", "[manifest]") {
    SECTION("missing available") {
        CHECK(errors_of(R"({"manifest_version": 1, "model": {"name": "m"}, "access": "api", "architecture": {}})") ==
              std::vector<std::string>{
                  "m.json:1:82: error: architecture: missing required key 'available' (true or false)"});
    }
    SECTION("unknown access") {
        CHECK(errors_of(R"({"manifest_version": 1, "model": {"name": "m"}, "access": "open"})") ==
              std::vector<std::string>{"m.json:1:59: error: access: unknown access 'open' "
                                       "(expected one of none, api, gated, download)"});
    }
    SECTION("unsupported version") {
        CHECK(errors_of(R"({"manifest_version": 2, "model": {"name": "m"}, "access": "api"})") ==
              std::vector<std::string>{"m.json:1:22: error: manifest_version: unsupported "
                                       "manifest version (this openness reads version 1)"});
    }
    SECTION("empty license") {
        CHECK(errors_of(R"({"manifest_version": 1, "model": {"name": "m"}, "access": "api", "license": " "})") ==
              std::vector<std::string>{"m.json:1:77: error: license: empty license; leave the key "
                                       "out, or write NONE (no license) or NOASSERTION (unknown)"});
    }
    SECTION("several errors are all reported") {
        CHECK(errors_of(R"({"model": {}})") ==
              std::vector<std::string>{
                  "m.json:1:1: error: missing required key 'manifest_version' (this openness reads 1)",
                  "m.json:1:1: error: missing required key 'access' (one of none, api, gated, download)",
                  "m.json:1:11: error: model: missing required key 'name'"});
    }
}

TEST_CASE("unknown keys are warnings, so newer manifests still load", "[manifest]") {
    auto result = load_manifest_json(
        R"({"manifest_version": 1, "model": {"name": "m", "family": "x"}, "access": "api",
  "weights": {"final": {"available": false, "sha": "abc"}, "lora": {"available": true}},
  "energy": 3})",
        "m.json");
    REQUIRE(result.manifest);
    CHECK(rendered(result) ==
          std::vector<std::string>{
              "m.json:1:58: warning: model.family: unknown key (ignored; it may belong to a newer "
              "manifest version)",
              "m.json:2:52: warning: weights.final.sha: unknown key (ignored; it may belong to a "
              "newer manifest version)",
              "m.json:2:68: warning: weights.lora: unknown artifact (ignored; it may belong to a "
              "newer manifest version)",
              "m.json:3:13: warning: energy: unknown key (ignored; it may belong to a newer "
              "manifest version)"});
}

TEST_CASE("syntax errors name the file and line:column", "[manifest]") {
    auto result = load_manifest_json("{\n  \"manifest_version\": 1,\n  \"model\": }", "bad.json");
    CHECK_FALSE(result.manifest);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].file == "bad.json");
    CHECK(result.diagnostics[0].location.line == 3);
    CHECK(result.diagnostics[0].location.column == 12);
}

TEST_CASE("the schema is bundled and names every artifact group", "[manifest]") {
    const std::string_view schema = openness::manifest::manifest_schema();
    CHECK(schema.find("\"manifest_version\"") != std::string_view::npos);
    CHECK(schema.find("\"data_processing\"") != std::string_view::npos);
    CHECK(schema.find("\"sample_outputs\"") != std::string_view::npos);
    auto parsed = openness::util::parse_json(schema, "schema");
    CHECK(parsed.value);
}

TEST_CASE("a license longer than an expression may be is an error", "[manifest][limits]") {
    const std::string text = R"({"manifest_version": 1, "model": {"name": "m"}, "access": "api",
  "license": ")" + std::string(4097, 'a') + "\"}";
    auto result = load_manifest_json(text, "m.json");
    CHECK_FALSE(result.manifest);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(render(result.diagnostics[0]) ==
          "m.json:2:14: error: license: license is longer than 4096 bytes");
    CHECK(load_manifest_json(R"({"manifest_version": 1, "model": {"name": "m"}, "access": "api",
  "license": ")" + std::string(4096, 'a') + "\"}",
                             "m.json")
              .manifest);
}

TEST_CASE("unknown keys and artifacts get a did-you-mean from the known keys (issue 15)",
          "[manifest]") {
    auto result = load_manifest_json(R"({"manifest_version": 1, "model": {"name": "m"},
  "access": "download", "licence": "MIT",
  "weights": {"finals": {"available": true, "lisence": "MIT"}},
  "training_data": {"available": true}})",
                                     "t.json");
    REQUIRE(result.manifest);
    CHECK(rendered(result) ==
          std::vector<std::string>{
              "t.json:2:36: warning: licence: unknown key (ignored; it may belong to a newer "
              "manifest version); did you mean 'license'?",
              "t.json:3:25: warning: weights.finals: unknown artifact (ignored; it may belong to "
              "a newer manifest version); did you mean 'final'?",
              "t.json:4:20: warning: training_data: unknown key (ignored; it may belong to a "
              "newer manifest version); did you mean data.training, written \"data\": "
              "{\"training\": {...}}?"});
}

TEST_CASE("JSON syntax errors name the likely mistake in plain words (issue 15)", "[manifest]") {
    const auto error_of = [](const std::string& text) {
        auto result = openness::manifest::load_manifest_json(text, "m.json");
        REQUIRE_FALSE(result.manifest);
        REQUIRE_FALSE(result.diagnostics.empty());
        return result.diagnostics.back().message;
    };
    SECTION("a comment") {
        CHECK_THAT(error_of("{\n  // weights\n  \"manifest_version\": 1}"),
                   Catch::EndsWith("(JSON allows no comments: remove the comment, or put the "
                                   "text in a \"notes\" member)"));
        CHECK_THAT(error_of("{\"manifest_version\": 1 /* v1 */}"),
                   Catch::Contains("JSON allows no comments"));
    }
    SECTION("a trailing comma") {
        CHECK_THAT(error_of("{\"manifest_version\": 1,\n}"),
                   Catch::EndsWith("(a comma before '}': JSON allows no trailing comma after the "
                                   "last member: remove it)"));
        CHECK_THAT(error_of("{\"sources\": [\"a\", ]}"), Catch::Contains("a comma before ']'"));
    }
    SECTION("single quotes") {
        CHECK_THAT(error_of("{'manifest_version': 1}"),
                   Catch::EndsWith("(JSON strings and keys take double quotes (\"), not single "
                                   "quotes)"));
    }
    SECTION("a key without quotes") {
        CHECK_THAT(error_of("{manifest_version: 1}"),
                   Catch::EndsWith("(JSON keys take double quotes: write \"key\", not key)"));
    }
    SECTION("YAML or TOML in a .json file") {
        CHECK_THAT(error_of("manifest_version: 1\nmodel:\n  name: m\n"),
                   Catch::Contains("(this looks like YAML, not JSON"));
        CHECK_THAT(error_of("[model]\nname = \"m\"\n"), Catch::Contains("(this looks like TOML"));
        CHECK_THAT(error_of("manifest_version = 1\n"), Catch::Contains("(this looks like TOML"));
    }
    SECTION("UTF-16") {
        CHECK_THAT(error_of(std::string("\xFF\xFE{\0\"\0", 6)), Catch::Contains("UTF-16"));
    }
    SECTION("other errors get no guess") {
        CHECK_THAT(error_of("{\"manifest_version\": 1 2}"), !Catch::Contains("("));
    }
}
