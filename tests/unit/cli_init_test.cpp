#include "openness/cli/run.hpp"
#include "openness/manifest/json_loader.hpp"

#include "cli_fixtures.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using openness::cli::Environment;
using openness::test::invoke, openness::test::Result;
using openness::test::read_file, openness::test::TempDir, openness::test::write_file;
namespace manifest = openness::manifest;

namespace {

manifest::Manifest load(const std::string& path) {
    manifest::LoadResult loaded = manifest::load_manifest_json(read_file(path), path);
    REQUIRE(loaded.manifest);
    CHECK(loaded.diagnostics.empty());
    return *loaded.manifest;
}

const manifest::Artifact& artifact(const manifest::Manifest& m, manifest::ArtifactId id) {
    return m.artifact(id);
}

}  // namespace

TEST_CASE("init writes a manifest from flags", "[cli][init]") {
    TempDir dir;
    const std::string file = dir / "openness.json";
    Result r = invoke({"init", file, "--name", "Demo", "--version", "2", "--organization",
                       "Example", "--license", "Apache-2.0", "--access", "gated", "--released",
                       "weights.final", "--released", "code.inference=MIT"});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out == "wrote " + file + ": open-weights (open weights), score 42.4 under "
                   "openness@2.0\nsee why with: openness classify " + file + "\n");
    const manifest::Manifest m = load(file);
    CHECK(m.model.name == "Demo");
    CHECK(m.model.version == "2");
    CHECK(m.model.organization == "Example");
    CHECK(m.access == manifest::Access::gated);
    CHECK(m.license == "Apache-2.0");
    CHECK(artifact(m, manifest::ArtifactId::weights_final).availability ==
          manifest::Availability::released);
    CHECK_FALSE(artifact(m, manifest::ArtifactId::weights_final).license);
    CHECK(artifact(m, manifest::ArtifactId::code_inference).license == "MIT");
    // Every artifact is listed, so the file is a complete template to fill in.
    for (const manifest::Artifact& a : m.artifacts) {
        CHECK(a.listed);
    }
}

TEST_CASE("init never overwrites a file without --force", "[cli][init]") {
    TempDir dir;
    const std::string file = dir / "openness.json";
    write_file(file, "keep me\n");
    Result r = invoke({"init", file, "--name", "Demo"});
    CHECK(r.code == 2);
    CHECK(r.err == "openness: error: " + file + " already exists (use --force to overwrite it)\n");
    CHECK(read_file(file) == "keep me\n");
    r = invoke({"init", file, "--name", "Demo", "--force"});
    CHECK(r.code == 0);
    CHECK(load(file).model.name == "Demo");
}

TEST_CASE("init off a terminal needs a name", "[cli][init]") {
    TempDir dir;
    std::istringstream in("Answer\n");
    Environment environment;
    environment.in = &in;
    Result r = invoke({"init", dir / "openness.json"}, environment);
    CHECK(r.code == 2);
    CHECK(r.err == "openness: error: the manifest needs a model name: give --name (or --from "
                   "FILE), or run init on a terminal to be asked\n");
}

TEST_CASE("init rejects an artifact it does not know", "[cli][init]") {
    TempDir dir;
    Result r = invoke({"init", dir / "o.json", "--name", "x", "--released", "weights.best"});
    CHECK(r.code == 2);
    CHECK(r.err.find("openness: error: --released weights.best: 'weights.best' is not an "
                     "artifact (one of weights.final weights.intermediate ") == 0);
}

TEST_CASE("init prints the manifest for -", "[cli][init]") {
    Result r = invoke({"init", "-", "--name", "Demo", "--access", "api"});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("{\n  \"manifest_version\": 1,\n  \"model\": {\n    \"name\": \"Demo\"\n  },\n"
                     "  \"access\": \"api\",\n") == 0);
}

TEST_CASE("init --from starts from another format, and flags override it", "[cli][init]") {
    TempDir dir;
    const std::string file = dir / "from-mof.json";
    Result r = invoke({"init", file, "--from",
                       std::string(OPENNESS_SOURCE_DIR) + "/tests/data/mof/quirks.yml",
                       "--version", "9"});
    REQUIRE(r.code == 0);
    const manifest::Manifest m = load(file);
    CHECK(m.model.name == "quirks-test-model");
    CHECK(m.model.version == "9");
    CHECK(artifact(m, manifest::ArtifactId::data_training).license == "PDDL-1.0");
    SECTION("an input that does not load is exit 3 and writes nothing") {
        write_file(dir / "bad.json", "{");
        Result bad = invoke({"init", dir / "out.json", "--from", dir / "bad.json"});
        CHECK(bad.code == 3);
        CHECK(bad.err.find("bad.json:1:2: error: ") != std::string::npos);
        CHECK(read_file(dir / "out.json").empty());
    }
}

TEST_CASE("init asks question by question on a terminal", "[cli][init]") {
    TempDir dir;
    const std::string file = dir / "openness.json";
    // Name, version, organization, date, URL, access, license; then each artifact: released?
    // and, when released, its license and location; then sources.
    std::string answers =
        "Test Model\n1.0\nExample Org\n2025-01-01\nhttps://example.org\nsometimes\ndownload\n"
        "Apache-2.0\n"
        "maybe\ny\n\nhttps://example.org/weights\n"  // final weights: inherit the license
        "n\n"                                          // intermediate weights
        "yes\nMIT\n\n";                                // architecture
    for (int i = 0; i < 14; ++i) {
        answers += i == 4 ? "?\n" : "\n";  // the rest keep "no"; training code is "not known"
    }
    answers += "https://example.org/source\n\n";
    std::istringstream in(answers);
    Environment environment;
    environment.in = &in;
    environment.stdin_is_terminal = true;
    Result r = invoke({"init", file}, environment);
    REQUIRE(r.code == 0);
    CHECK(r.err.find("Model name: ") != std::string::npos);
    CHECK(r.err.find("  please answer one of: none api gated download\n") != std::string::npos);
    CHECK(r.err.find("License:   Apache-2.0 is OSI-approved\n") != std::string::npos);
    CHECK(r.err.find("\nfinal weights (weights.final): the trained parameters of the released "
                     "model.\n  Released? [y/N/?]: ") != std::string::npos);
    CHECK(r.err.find("  please answer y (released), n (not released) or ? (not known)\n") !=
          std::string::npos);
    CHECK(r.err.find("  License (blank: the release's license, Apache-2.0): ") !=
          std::string::npos);
    const manifest::Manifest m = load(file);
    CHECK(m.model.name == "Test Model");
    CHECK(m.model.version == "1.0");
    CHECK(m.model.organization == "Example Org");
    CHECK(m.model.release_date == "2025-01-01");
    CHECK(m.model.url == "https://example.org");
    CHECK(m.access == manifest::Access::download);
    CHECK(m.license == "Apache-2.0");
    const manifest::Artifact& weights = artifact(m, manifest::ArtifactId::weights_final);
    CHECK(weights.availability == manifest::Availability::released);
    CHECK_FALSE(weights.license);
    CHECK(weights.location == "https://example.org/weights");
    CHECK(artifact(m, manifest::ArtifactId::architecture).license == "MIT");
    CHECK(artifact(m, manifest::ArtifactId::weights_intermediate).availability ==
          manifest::Availability::not_released);
    CHECK(artifact(m, manifest::ArtifactId::code_training).notes ==
          "not stated in manifest-v1; check and complete");
    CHECK(m.sources == std::vector<std::string>{"https://example.org/source"});
    CHECK(r.out.find("wrote " + file + ": open-weights (open weights)") == 0);
}

TEST_CASE("init stops cleanly when input ends in the middle of the questions", "[cli][init]") {
    TempDir dir;
    std::istringstream in("Test Model\n1.0\n");
    Environment environment;
    environment.in = &in;
    environment.stdin_is_terminal = true;
    Result r = invoke({"init", dir / "openness.json"}, environment);
    CHECK(r.code == 2);
    CHECK(r.err.find("openness: error: standard input ended before every question was "
                     "answered; nothing was written\n") != std::string::npos);
    CHECK(read_file(dir / "openness.json").empty());
}

TEST_CASE("init --no-input asks nothing, even on a terminal", "[cli][init]") {
    std::istringstream in("should not be read\n");
    Environment environment;
    environment.in = &in;
    environment.stdin_is_terminal = true;
    Result r = invoke({"init", "-", "--name", "Quiet", "--no-input"}, environment);
    CHECK(r.code == 0);
    CHECK(r.err.empty());
}

namespace {

// Runs init on a "terminal" for a model named `name` (version and organization given as flags):
// `answers`, then Enter for `blank_artifacts` artifact questions and for the sources.
Result answer_init(const std::string& file, const std::string& name, std::string answers,
                   int blank_artifacts) {
    for (int i = 0; i <= blank_artifacts; ++i) {
        answers += "\n";
    }
    std::istringstream in(answers);
    Environment environment;
    environment.in = &in;
    environment.stdin_is_terminal = true;
    return invoke({"init", file, "--name", name, "--version", "1", "--organization", "O"},
                  environment);
}

}  // namespace

TEST_CASE("init asks again for a date that is not a calendar date (issue 15)", "[cli][init]") {
    TempDir dir;
    const std::string file = dir / "openness.json";
    Result r = answer_init(file, "Dated",
                           "2025-13-45\n2025-02-30\n25/01/2025\n2024-02-29\n\n\nMIT\n", 17);
    REQUIRE(r.code == 0);
    CHECK(r.err.find("  '2025-13-45' is not a date: write it as YYYY-MM-DD (e.g. 2024-06-13)\n") !=
          std::string::npos);
    CHECK(r.err.find("  '2025-02-30' is not a date") != std::string::npos);
    CHECK(r.err.find("  '25/01/2025' is not a date") != std::string::npos);
    CHECK(load(file).model.release_date == "2024-02-29");
}

TEST_CASE("init asks again for a license it cannot read (issue 15)", "[cli][init]") {
    TempDir dir;
    const std::string file = dir / "openness.json";
    // Date, URL, access, license; then final weights: released, its license, its location.
    Result r = answer_init(file, "Licensed",
                           "\n\n\n(MIT AND\nApache-2.0\ny\nsee the LICENSE file\nMIT\n\n", 16);
    REQUIRE(r.code == 0);
    CHECK(r.err.find("  '(MIT AND' cannot be read as a license") != std::string::npos);
    CHECK(r.err.find("  'see the LICENSE file' cannot be read as a license") !=
          std::string::npos);
    const manifest::Manifest m = load(file);
    CHECK(m.license == "Apache-2.0");
    CHECK(artifact(m, manifest::ArtifactId::weights_final).license == "MIT");
}

TEST_CASE("init refuses a --release-date that is not a date", "[cli][init]") {
    Result r = invoke({"init", "-", "--name", "x", "--release-date", "2025-13-45"});
    CHECK(r.code == 2);
    CHECK(r.err == "openness: error: --release-date 2025-13-45: not a date; write it as "
                   "YYYY-MM-DD (e.g. 2024-06-13)\n");
    CHECK(r.out.empty());
}
