#include "openness/manifest/load.hpp"
#include "openness/manifest/json_writer.hpp"
#include "openness/manifest/mof_loader.hpp"

#include "fuzz_regressions.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>

#include <catch2/catch.hpp>

using openness::manifest::ArtifactId, openness::manifest::Availability;
using openness::manifest::load_mof_yaml;
using openness::util::render;

namespace {

std::vector<std::string> rendered(const openness::manifest::LoadResult& result) {
    std::vector<std::string> out;
    for (const auto& d : result.diagnostics) {
        out.push_back(render(d));
    }
    return out;
}

// The diagnostics of a fuzz regression input of the MOF loader, one line each.
std::string regression_errors(const std::string& name) {
    std::string out;
    const auto result = load_mof_yaml(fuzz_regression("mof_yaml", name), "r.yml");
    for (const std::string& line : rendered(result)) {
        out += line + "\n";
    }
    return out;
}

// Loads a fuzz regression input, writes it as MOF and loads that: the license of the
// architecture, or what went wrong.
std::string written_and_read_license(const std::string& name) {
    auto first = load_mof_yaml(fuzz_regression("mof_yaml", name), "first.yml");
    if (!first.manifest) {
        return "first load failed";
    }
    auto second = load_mof_yaml(openness::manifest::write_mof_yaml(*first.manifest), "second.yml");
    if (!second.manifest) {
        return "second load failed";
    }
    return second.manifest->artifact(ArtifactId::architecture).license.value_or("no license");
}

const char* const k_header = R"(framework:
  name: Model Openness Framework
  version: '1.0'
  date: '2024-12-15'
)";

// `count` copies of `item`, one after the other.
std::string repeated(const std::string& item, int count) {
    std::string out;
    for (int i = 0; i < count; ++i) {
        out += item;
    }
    return out;
}

}  // namespace

TEST_CASE("MOF licenses resolve as the MOT resolves them", "[manifest][mof]") {
    const std::string text = std::string(k_header) + R"(release:
  name: m
  producer: p
  license:
    distribution: {name: Apache-2.0}
    data: {name: CC-BY-4.0}
  components:
    - name: Model architecture
    - name: Model parameters (Final)
    - name: Model card
    - name: Training code
      license: MIT
    - name: Inference code
      license: unlicensed
)";
    auto result = load_mof_yaml(text, "m.yml");
    REQUIRE(result.manifest);
    const auto& m = *result.manifest;
    CHECK(m.format == "mof");
    CHECK(m.artifact(ArtifactId::architecture).license == std::optional<std::string>("Apache-2.0"));
    CHECK(m.artifact(ArtifactId::weights_final).license == std::optional<std::string>("CC-BY-4.0"));
    CHECK(m.artifact(ArtifactId::documentation_model_card).license ==
          std::optional<std::string>("Apache-2.0"));
    CHECK(m.artifact(ArtifactId::code_training).license == std::optional<std::string>("MIT"));
    CHECK(m.artifact(ArtifactId::code_inference).license == std::optional<std::string>("NONE"));
    CHECK(m.artifact(ArtifactId::data_training).availability == Availability::not_released);
    CHECK(m.artifact(ArtifactId::weights_final).position.line == 13);
    CHECK(m.access == openness::manifest::Access::download);
}

TEST_CASE("a component without a license and no release license has none", "[manifest][mof]") {
    auto result = load_mof_yaml(std::string(k_header) + R"(release:
  name: m
  producer: p
  license: {}
  components:
    - name: Datasets
)",
                                "m.yml");
    REQUIRE(result.manifest);
    CHECK_FALSE(result.manifest->artifact(ArtifactId::data_training).license);
    CHECK(result.manifest->artifact(ArtifactId::data_training).availability ==
          Availability::released);
}

TEST_CASE("the MOF schema's constraints are checked with line, column and path",
          "[manifest][mof]") {
    SECTION("missing release keys and a bad enum") {
        auto result = load_mof_yaml(std::string(k_header) + R"(release:
  name: ''
  type: robot
  components: []
)",
                                    "m.yml");
        CHECK_FALSE(result.manifest);
        CHECK(rendered(result) ==
              std::vector<std::string>{
                  "m.yml:6:3: error: release: missing required key 'license'",
                  "m.yml:6:3: error: release: missing required key 'producer'",
                  "m.yml:6:9: error: release.name: must not be empty",
                  "m.yml:7:9: error: release.type: 'robot' is not one of '', language, vision, "
                  "image, audio, video, 3d, code, multimodal, other"});
    }
    SECTION("a bad date and a wrong framework name") {
        auto result = load_mof_yaml(R"(framework:
  name: Other Framework
  version: '1.0'
  date: 2024-13-01
release: {name: m, producer: p, license: {}, components: []}
)",
                                    "m.yml");
        CHECK(rendered(result) ==
              std::vector<std::string>{
                  "m.yml:2:9: error: framework.name: 'Other Framework' is not one of Model "
                  "Openness Framework",
                  "m.yml:4:9: error: framework.date: '2024-13-01' is not a date (YYYY-MM-DD)"});
    }
    SECTION("components must be a list of mappings") {
        auto result = load_mof_yaml(std::string(k_header) + R"(release:
  name: m
  producer: p
  license: {}
  components: {name: Datasets}
)",
                                    "m.yml");
        CHECK(rendered(result) ==
              std::vector<std::string>{
                  "m.yml:9:15: error: release.components: expected a list, got a mapping"});
    }
    SECTION("invalid YAML") {
        auto result = load_mof_yaml("framework: [unclosed\n", "m.yml");
        REQUIRE(result.diagnostics.size() == 1);
        CHECK(result.diagnostics[0].location.line == 2);
        CHECK(result.diagnostics[0].message.rfind("invalid YAML: ", 0) == 0);
    }
}

TEST_CASE("unknown and repeated component names are warnings", "[manifest][mof]") {
    auto result = load_mof_yaml(std::string(k_header) + R"(release:
  name: m
  producer: p
  license: {}
  components:
    - name: Datasets
    - name: datasets
    - name: Datasets
)",
                                "m.yml");
    REQUIRE(result.manifest);
    CHECK(rendered(result) ==
          std::vector<std::string>{
              "m.yml:11:13: warning: release.components[1].name: 'datasets' is not a MOF "
              "component name (names match exactly); ignored; did you mean 'Datasets'?",
              "m.yml:12:13: warning: release.components[2].name: 'Datasets' is listed twice; the "
              "first is used"});
}

TEST_CASE("MOF manifests are detected by content", "[manifest][mof]") {
    using openness::manifest::detect_format;
    using openness::manifest::InputFormat;
    CHECK(detect_format(std::string(k_header) + "release:\n  name: m\n", "x.txt") ==
          InputFormat::mof);
    CHECK(detect_format("name: [not a model card]\n", "x.yml") == InputFormat::mof);
    CHECK(detect_format(R"({"manifest_version": 1})", "x.yml") == InputFormat::manifest_v1);
    CHECK(detect_format(R"({"manifest_version": 1})", "x.json") == InputFormat::manifest_v1);
}

TEST_CASE("a manifest written as MOF reads back to the same artifacts", "[manifest][mof]") {
    auto first = load_mof_yaml(std::string(k_header) + R"(release:
  name: m
  version: '2'
  producer: p
  license:
    code: {name: Apache-2.0}
  components:
    - name: Model architecture
    - name: Research paper
      license: CC-BY-4.0
    - name: Datasets
      license: unlicensed
)",
                               "m.yml");
    REQUIRE(first.manifest);
    const std::string yaml = openness::manifest::write_mof_yaml(*first.manifest);
    auto second = load_mof_yaml(yaml, "again.yml");
    REQUIRE(second.manifest);
    for (const auto& spec : openness::manifest::artifact_specs()) {
        INFO(spec.key);
        CHECK(first.manifest->artifact(spec.id).availability ==
              second.manifest->artifact(spec.id).availability);
        CHECK(openness::manifest::effective_license(*first.manifest, spec.id).text ==
              openness::manifest::effective_license(*second.manifest, spec.id).text);
    }
}

TEST_CASE("hostile YAML is refused before a tree is built", "[manifest][mof][limits]") {
    SECTION("nesting deeper than 64 levels") {
        const std::string text = std::string(k_header) + "release: " + std::string(100000, '[') +
                                 std::string(100000, ']') + "\n";
        CHECK(rendered(load_mof_yaml(text, "m.yml")) ==
              std::vector<std::string>{"m.yml:5:73: error: YAML nesting deeper than 64 levels"});
    }
    SECTION("a billion laughs: an alias of a list") {
        const std::string text = std::string(k_header) +
                                 "a: &a [x, x, x, x, x, x, x, x, x]\n"
                                 "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                                 "release: {name: lol, producer: p, license: {}, components: *b}\n";
        CHECK(rendered(load_mof_yaml(text, "m.yml")) ==
              std::vector<std::string>{"m.yml:6:8: error: YAML alias '*a' refers to a mapping or "
                                       "list; a MOF manifest may alias only single values"});
    }
    SECTION("an alias inside its own anchor (a cycle)") {
        CHECK(rendered(load_mof_yaml("framework: &f {self: *f}\nrelease: x\n", "m.yml")) ==
              std::vector<std::string>{"m.yml:1:22: error: YAML alias '*f' refers to a mapping or "
                                       "list; a MOF manifest may alias only single values"});
    }
    SECTION("more than 100 aliases") {
        const std::string text = k_header + ("x: &x 1\ny: [" + repeated("*x, ", 101) + "]\n");
        CHECK(rendered(load_mof_yaml(text, "m.yml")) ==
              std::vector<std::string>{"m.yml:6:405: error: more than 100 YAML aliases"});
    }
    SECTION("more than 10000 nodes") {
        const std::string text = k_header + ("x: [" + repeated("0,", 10000) + "]\n");
        CHECK(rendered(load_mof_yaml(text, "m.yml")) ==
              std::vector<std::string>{"m.yml:5:19983: error: more than 10000 YAML nodes"});
    }
    SECTION("a value longer than 1 MiB") {
        const std::string text = std::string(k_header) + "x: " + std::string(1024 * 1024 + 1, 'a');
        CHECK(rendered(load_mof_yaml(text, "m.yml")) ==
              std::vector<std::string>{"m.yml:5:4: error: YAML value longer than 1048576 bytes"});
    }
}

TEST_CASE("aliases of single values are read", "[manifest][mof]") {
    auto result = load_mof_yaml(std::string(k_header) + R"(release:
  name: m
  producer: p
  license: {code: {name: &apache Apache-2.0}}
  components:
    - {name: Model architecture, license: *apache}
    - {name: Training code, license: *apache}
)",
                                "m.yml");
    REQUIRE(result.manifest);
    CHECK(result.manifest->artifact(ArtifactId::code_training).license ==
          std::optional<std::string>("Apache-2.0"));
}

TEST_CASE("a MOF license longer than an expression may be is an error", "[manifest][mof][limits]") {
    auto result = load_mof_yaml(std::string(k_header) + "release:\n  name: m\n  producer: p\n"
                                "  license: {}\n  components:\n    - name: Model card\n"
                                "      license: " + std::string(4097, 'a') + "\n",
                                "m.yml");
    CHECK(rendered(result) == std::vector<std::string>{"m.yml:11:16: error: "
                                                       "release.components[0].license: license "
                                                       "is longer than 4096 bytes"});
}

TEST_CASE("fuzz regressions of the MOF loader, one line each", "[manifest][mof][regression]") {
    // 0001: invalid UTF-8 was read as is and written back as U+FFFD, so the license changed.
    CHECK(regression_errors("0001-invalid-utf8.bin") ==
          "r.yml:11:17: error: invalid UTF-8 (byte 0xd8): a MOF manifest must be UTF-8\n");
    // 0002: yaml-cpp read a raw NUL and the byte after it as one invalid byte.
    CHECK(regression_errors("0002-raw-nul-byte.bin") ==
          "r.yml:6:9: error: control character U+0000 is not allowed in YAML (write it as an "
          "escape in a double-quoted string)\n");
    // 0003: a license ending in an escaped CR was written as a plain scalar and lost the CR.
    CHECK(written_and_read_license("0003-escaped-carriage-return.bin") == "MIT\r");
    // 0004: yaml-cpp reads the escape \N as the single byte 0x85, which is not UTF-8.
    CHECK(regression_errors("0004-nel-escape.bin") ==
          "r.yml:1:104: error: a YAML value is not UTF-8 once its escapes are read (yaml-cpp reads "
          "\\N and \\_ as single bytes; write \\x85 or \\xa0)\n");
    // 0005: a license inherited from a release license named "unlicensed" was written as the
    // component's own "unlicensed", which means no license.
    CHECK(written_and_read_license("0005-inherited-unlicensed.bin") == "unlicensed");
}

namespace {

// Native manifest -> MOF model.yml -> native manifest, as `convert` does it.
std::string through_mof(const std::string& native, const std::string& source) {
    auto loaded = openness::manifest::load_manifest_json(native, source);
    REQUIRE(loaded.manifest);
    const std::string yaml = openness::manifest::write_mof_yaml(*loaded.manifest);
    INFO(yaml);
    auto back = load_mof_yaml(yaml, source + ".yml");
    INFO(Catch::Detail::stringify(rendered(back)));
    REQUIRE(back.manifest);
    return openness::manifest::write_manifest_json(*back.manifest);
}

}  // namespace

TEST_CASE("a MOF round trip loses nothing: sources, notes, NOASSERTION, unknown keys (issue 15)",
          "[manifest][mof]") {
    const std::string native = R"({
  "manifest_version": 1,
  "model": {"name": "Round", "version": "1", "organization": "Lab", "release_date": "2024-06-13"},
  "access": "gated",
  "license": "Apache-2.0",
  "weights": {"final": {"available": true, "notes": "fp16"},
              "intermediate": {"available": false, "notes": "later"}},
  "architecture": {"available": true, "license": "NOASSERTION"},
  "data": {"training": {"available": true, "license": "ODC-By-1.0"},
           "card": {"available": true, "license": "NONE"}},
  "sources": ["https://example.org/a"],
  "notes": "Release notes.",
  "x-extra": {"kept": true}
})";
    CHECK(nlohmann::json::parse(through_mof(native, "round.json")) ==
          nlohmann::json::parse(native));
    SECTION("NOASSERTION is written as NOASSERTION, not as unlicensed") {
        auto loaded = openness::manifest::load_manifest_json(native, "round.json");
        REQUIRE(loaded.manifest);
        const std::string yaml = openness::manifest::write_mof_yaml(*loaded.manifest);
        CHECK(yaml.find("name: Model architecture\n      license: NOASSERTION") !=
              std::string::npos);
    }
    SECTION("every example survives the round trip whole") {
        const std::string directory = std::string(OPENNESS_SOURCE_DIR) + "/examples/";
        for (const char* name : {"bloom.json", "deepseek-r1.json", "gpt-4.json",
                                 "llama-3.1-8b.json", "mistral-7b-v0.1.json",
                                 "mixtral-8x7b.json", "olmo-2-7b.json", "pythia-6.9b.json",
                                 "qwen2.5-7b.json", "starcoder2-15b.json"}) {
            INFO(name);
            std::ifstream in(directory + name);
            const std::string text((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
            REQUIRE(!text.empty());
            CHECK(nlohmann::json::parse(through_mof(text, name)) == nlohmann::json::parse(text));
        }
    }
}

TEST_CASE("a kept manifest that disagrees with edited components is ignored, with a warning",
          "[manifest][mof]") {
    auto loaded = openness::manifest::load_manifest_json(
        R"({"manifest_version": 1, "model": {"name": "m"}, "access": "download",
            "weights": {"final": {"available": true, "license": "MIT"}}})",
        "m.json");
    REQUIRE(loaded.manifest);
    std::string yaml = openness::manifest::write_mof_yaml(*loaded.manifest);
    const std::string from = "license: MIT\n";
    const std::size_t at = yaml.find(from);
    REQUIRE(at != std::string::npos);
    yaml.replace(at, from.size(), "license: GPL-3.0-only\n");
    auto back = load_mof_yaml(yaml, "edited.yml");
    REQUIRE(back.manifest);
    CHECK(back.manifest->format == "mof");
    CHECK(back.manifest->artifact(ArtifactId::weights_final).license == "GPL-3.0-only");
    bool warned = false;
    for (const std::string& line : rendered(back)) {
        warned = warned || line.find("warning: openness.manifest: the manifest kept here "
                                     "disagrees with the component 'Model parameters (Final)'") !=
                               std::string::npos;
    }
    CHECK(warned);
}

TEST_CASE("MOF typos get a did-you-mean: keys and component names (issue 15)",
          "[manifest][mof]") {
    auto result = load_mof_yaml(std::string(k_header) + R"(release:
  name: m
  producer: p
  licence: {}
  license: {}
  components:
    - name: Model parameters (final)
      licence: MIT
    - name: Evaluation Data
      license: CC-BY-4.0
    - name: Something else entirely
      lisence: MIT
relase: x
)",
                                "m.yml");
    REQUIRE(result.manifest);
    CHECK(rendered(result) ==
          std::vector<std::string>{
              "m.yml:17:1: warning: relase: unknown key (ignored); did you mean 'release'?",
              "m.yml:8:3: warning: release.licence: unknown key (ignored); did you mean "
              "'license'?",
              "m.yml:12:7: warning: release.components[0].licence: unknown key (ignored); did "
              "you mean 'license'?",
              "m.yml:11:13: warning: release.components[0].name: 'Model parameters (final)' is "
              "not a MOF component name (names match exactly); ignored; did you mean 'Model "
              "parameters (Final)'?",
              "m.yml:13:13: warning: release.components[1].name: 'Evaluation Data' is not a "
              "MOF component name (names match exactly); ignored; did you mean 'Evaluation "
              "data'?",
              "m.yml:16:7: warning: release.components[2].lisence: unknown key (ignored); did "
              "you mean 'license'?",
              "m.yml:15:13: warning: release.components[2].name: 'Something else entirely' is "
              "not a MOF component name (names match exactly); ignored"});
}
