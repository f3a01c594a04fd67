#include "openness/evidence/release.hpp"

#include "import_test_support.hpp"
#include "temp_dir.hpp"

#include <filesystem>

using namespace openness;
using manifest::ArtifactId, manifest::Availability;

namespace {

std::string fixture_dir(const std::string& name) {
    return std::string(OPENNESS_SOURCE_DIR) + "/tests/data/releases/" + name;
}

evidence::ScanResult scan(const std::string& name) {
    util::RealFileSystem files;
    evidence::ScanOptions options;
    options.licenses = test::rubric_1_0()->licenses.get();
    evidence::ScanResult result = evidence::scan_folder(files, fixture_dir(name), options);
    REQUIRE(result.manifest);
    return result;
}

const manifest::Artifact& artifact(const evidence::ScanResult& r, ArtifactId id) {
    return r.manifest->artifact(id);
}

bool has_note(const evidence::Evidence& e, const std::string& start) {
    for (const std::string& n : e.notes) {
        if (n.compare(0, start.size(), start) == 0) {
            return true;
        }
    }
    return false;
}

}  // namespace

TEST_CASE("Git LFS pointers are read by the spec, anything else is not a pointer",
          "[evidence-release]") {
    const std::string oid(64, 'a');
    const std::optional<evidence::LfsPointer> p = evidence::parse_lfs_pointer(
        "version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize 4976698672\n");
    REQUIRE(p);
    CHECK(p->oid == "sha256:" + oid);
    CHECK(p->size == 4976698672ULL);
    CHECK_FALSE(evidence::parse_lfs_pointer("version https://git-lfs.github.com/spec/v1\n"));
    CHECK_FALSE(evidence::parse_lfs_pointer(
        "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 1\n"));
    CHECK_FALSE(evidence::parse_lfs_pointer(
        "version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize 1x\n"));
    CHECK_FALSE(evidence::parse_lfs_pointer(
        "version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize 1"));
    CHECK_FALSE(evidence::parse_lfs_pointer("\x89PNG"));
}

TEST_CASE("a safetensors header is checked from the file's first bytes", "[evidence-release]") {
    const std::string json = R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
    std::string file(8, '\0');
    file[0] = static_cast<char>(json.size());
    file += json + std::string(8, '\0');
    CHECK(evidence::check_safetensors(file, file.size(), 1000) == "");
    CHECK(evidence::check_safetensors(file, 20, 1000) ==
          "its header length (" + std::to_string(json.size()) +
              " bytes) runs past the file's end");
    CHECK(evidence::check_safetensors(file, file.size(), 10) ==
          "its header length (" + std::to_string(json.size()) + " bytes) is not plausible");
    CHECK(evidence::check_safetensors("short", 5, 1000) == "too short for a safetensors header");
    std::string no_tensor = file;
    no_tensor.replace(no_tensor.find("dtype"), 5, "dtypo");
    CHECK(evidence::check_safetensors(no_tensor, no_tensor.size(), 1000) ==
          "its header names no tensor (no dtype)");
}

TEST_CASE("OLMo 2 with its code repository reaches open-source from its files",
          "[evidence-release]") {
    const evidence::ScanResult r = scan("olmo-2-bundle");
    const engine::Verdict v = test::score(*r.manifest);
    CHECK(test::tier_of(v) == "open-source");
    CHECK(r.manifest->model.name == "OLMo-2-1124-13B-Instruct");
    CHECK(r.manifest->format == "release-folder");
    const manifest::Artifact& weights = artifact(r, ArtifactId::weights_final);
    CHECK(weights.license == std::string("apache-2.0"));
    CHECK(weights.provenance.find("[weights.safetensors]; license apache-2.0 from "
                                  "OLMo-2-1124-13B-Instruct/README.md license:") !=
          std::string::npos);
    CHECK(artifact(r, ArtifactId::code_training).license == std::string("Apache-2.0"));
    CHECK(artifact(r, ArtifactId::code_training).provenance ==
          "OLMo/olmo/train.py, OLMo/scripts/train.py [code.training]; license Apache-2.0 from "
          "OLMo/LICENSE");
    // Training data is named by the card, its license is not shown here: a lower bound.
    const manifest::Artifact& data = artifact(r, ArtifactId::data_training);
    CHECK(data.availability == Availability::released);
    CHECK_FALSE(data.license);
    CHECK(data.provenance == "linked: https://huggingface.co/datasets/allenai/RLVR-MATH "
                             "[data.training.named]; released elsewhere, license not shown here");
    // The paper is linked twice (lines 21 and 37) and counted once; the link to transformers
    // inside fenced code is no evidence.
    CHECK(artifact(r, ArtifactId::documentation_research_paper).location ==
          "https://arxiv.org/abs/2501.00656, https://arxiv.org/abs/2411.15124");
    CHECK(r.manifest->limitations.back().compare(0, 29, "the tier is a lower bound: da") == 0);
    CHECK(r.evidence.conflicts.empty());
}

TEST_CASE("a LICENSE text that contradicts the card: both apply, and it is reported",
          "[evidence-release]") {
    const evidence::ScanResult r = scan("license-contradiction");
    REQUIRE(r.evidence.conflicts.size() == 1);
    CHECK(r.evidence.conflicts[0] ==
          "the card's license apache-2.0 (README.md license:) is contradicted by LICENSE, "
          "identified by its text as llama3.1 (100%)");
    CHECK(artifact(r, ArtifactId::weights_final).license == std::string("apache-2.0 AND llama3.1"));
    CHECK(test::tier_of(test::score(*r.manifest)) == "restricted-weights");
}

TEST_CASE("restricted, gated and custom-license releases are never read as open weights",
          "[evidence-release]") {
    SECTION("gated under the Llama 3.1 license, with a use policy") {
        const evidence::ScanResult r = scan("gated-llama");
        CHECK(r.manifest->access == manifest::Access::gated);
        CHECK(artifact(r, ArtifactId::weights_final).license ==
              std::string("(llama3.1 AND LicenseRef-Acceptable-Use-Policy) AND "
                          "LicenseRef-Hub-Gated-Access-Terms"));
        CHECK(test::tier_of(test::score(*r.manifest)) == "restricted-weights");
        CHECK(has_note(r.evidence, "model.safetensors.index.json names 3 shards; missing: "
                                   "model-00003-of-00002.safetensors"));
    }
    SECTION("license: other with a license_name (Yi-VL-34B's card)") {
        const evidence::ScanResult r = scan("license-other");
        CHECK(artifact(r, ArtifactId::weights_final).license == std::string("yi-license"));
        CHECK(artifact(r, ArtifactId::weights_final).provenance.find(
                  "README.md license_name: (license: other)") != std::string::npos);
        CHECK(test::tier_of(test::score(*r.manifest)) == "restricted-weights");
    }
}

TEST_CASE("GGUF-only releases: an LFS pointer and a file with the GGUF magic are weights",
          "[evidence-release]") {
    const evidence::ScanResult r = scan("gguf-only");
    const manifest::Artifact& w = artifact(r, ArtifactId::weights_final);
    CHECK(w.provenance == "quantised-test-7b.Q4_K_M.gguf, quantised-test-7b.Q8_0.gguf "
                          "[weights.gguf]; license apache-2.0 from README.md license:");
    // The heading-like comment in fenced code is not the name.
    CHECK(r.manifest->model.name == "Quantised-Test-7B-GGUF");
    CHECK(test::tier_of(test::score(*r.manifest)) == "open-weights");
}

TEST_CASE("checkpoint folders with weights are intermediate checkpoints", "[evidence-release]") {
    const evidence::ScanResult r = scan("checkpoints");
    CHECK(artifact(r, ArtifactId::weights_intermediate).provenance ==
          "checkpoint-1000/model.safetensors, checkpoint-2000/model.safetensors "
          "[weights.checkpoint-folder]; license mit from README.md license:, which LICENSE "
          "confirms");
    CHECK(artifact(r, ArtifactId::weights_final).location == "model.safetensors");
    CHECK(has_note(r.evidence, "broken.safetensors was not counted as weights: its header "
                               "length (18446744073709551615 bytes) is not plausible"));
    // The model-index names another model: its results are not this model's.
    CHECK(artifact(r, ArtifactId::documentation_evaluation_results).availability ==
          Availability::unknown);
    CHECK(has_note(r.evidence, "README.md model-index names Some-Other-Model, not this model"));
}

TEST_CASE("a walk stays in its folder: no .git, no links out, bounded entries",
          "[evidence-release]") {
    test::TempDir dir;
    namespace fs = std::filesystem;
    fs::create_directories(dir / "release/.git/lfs");
    fs::create_directories(dir / "outside");
    { std::ofstream(dir / "outside/model.safetensors") << "x"; }
    { std::ofstream(dir / "release/.git/lfs/model.bin") << "x"; }
    { std::ofstream(dir / "release/config.json") << "{}"; }
    fs::create_symlink(dir / "outside/model.safetensors", dir / "release/model.safetensors");
    fs::create_symlink(dir / "release/config.json", dir / "release/params.json");
    util::RealFileSystem files;
    evidence::ScanResult r = evidence::scan_folder(files, dir / "release");
    REQUIRE(r.manifest);
    CHECK(r.manifest->artifact(ArtifactId::weights_final).availability == Availability::unknown);
    CHECK(has_note(r.evidence,
                   "model.safetensors was skipped: a symbolic link leading outside the release "
                   "folder"));
    CHECK(r.manifest->artifact(ArtifactId::architecture).provenance ==
          "config.json, params.json [architecture.config]; no license shown for these files");
    SECTION("the entry cap stops the walk and says so") {
        evidence::EvidenceMap map = evidence::bundled_evidence_map();
        map.limits.max_entries = 1;
        evidence::ScanOptions options;
        options.map = &map;
        r = evidence::scan_folder(files, dir / "release", options);
        REQUIRE(r.manifest);
        CHECK(has_note(r.evidence, "the release folder holds more entries than the cap; later "
                                   "names were not read"));
    }
    SECTION("a missing folder is an error naming it") {
        r = evidence::scan_folder(files, dir / "nope");
        CHECK_FALSE(r.manifest);
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(util::render(r.diagnostics[0]) == dir / "nope" + ": error: no such folder");
    }
}

TEST_CASE("a release in memory: the walk goes through util::FileSystem", "[evidence-release]") {
    util::MemoryFileSystem files;
    files.add("r/README.md", "---\nlicense: apache-2.0\n---\n# In Memory\n");
    files.add("r/model.onnx", "onnx bytes");
    files.add("r/sub/evaluate.py", "print()\n");
    const evidence::ScanResult r = evidence::scan_folder(files, "r");
    REQUIRE(r.manifest);
    CHECK(r.manifest->model.name == "In Memory");
    CHECK(r.manifest->artifact(ArtifactId::weights_final).license == std::string("apache-2.0"));
    CHECK(r.manifest->artifact(ArtifactId::code_evaluation).location == "sub/evaluate.py");
}
