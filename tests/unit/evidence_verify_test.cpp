#include "openness/evidence/verify.hpp"

#include "import_test_support.hpp"

using namespace openness;

namespace {

std::string root() {
    return std::string(OPENNESS_SOURCE_DIR) + "/tests/data/releases/";
}

// The contradictions of a claims file (tests/data/releases/claims/) with a release fixture.
std::vector<std::string> contradictions(const std::string& claims, const std::string& release) {
    const std::optional<std::string> text = test::read_text(root() + "claims/" + claims);
    REQUIRE(text);
    manifest::LoadResult loaded = manifest::load_manifest(*text, "claims/" + claims);
    REQUIRE(loaded.manifest);
    util::RealFileSystem files;
    evidence::ScanOptions options;
    options.licenses = test::rubric_1_0()->licenses.get();
    const evidence::ScanResult shown = evidence::scan_folder(files, root() + release, options);
    REQUIRE(shown.manifest);
    std::vector<std::string> out;
    for (const util::Diagnostic& d :
         evidence::find_contradictions(*loaded.manifest, *text, shown, options.licenses)) {
        std::string rendered = util::render(d);
        const std::size_t at = rendered.find(root());  // the fixture root is machine-specific
        if (at != std::string::npos) {
            rendered.replace(at, root().size(), "");
        }
        out.push_back(rendered);
    }
    return out;
}

}  // namespace

TEST_CASE("verify finds each planted contradiction at the manifest line", "[evidence-verify]") {
    SECTION("a license the LICENSE text contradicts, and download on a gated release") {
        CHECK(contradictions("gated-claims-apache.json", "gated-llama") ==
              std::vector<std::string>{
                  "claims/gated-claims-apache.json:4:3: error: access: the manifest says "
                  "download, but gated-llama is gated (README.md extra_gated_prompt): access is "
                  "gated",
                  "claims/gated-claims-apache.json:7:14: error: weights.final.license: the "
                  "manifest says Apache-2.0, but the release shows llama3.1 AND "
                  "LicenseRef-Acceptable-Use-Policy (from README.md license: and LICENSE, "
                  "USE_POLICY.md)",
                  "claims/gated-claims-apache.json:25:19: error: documentation.model_card.license: "
                  "the manifest says Apache-2.0, but the release shows llama3.1 AND "
                  "LicenseRef-Acceptable-Use-Policy (from README.md license: and LICENSE, "
                  "USE_POLICY.md)"});
    }
    SECTION("weights declared released with no weight file") {
        CHECK(contradictions("weights-without-files.json", "olmo-2-bundle/OLMo") ==
              std::vector<std::string>{
                  "claims/weights-without-files.json:9:14: error: weights.final: declared "
                  "released, but olmo-2-bundle/OLMo has no weight file (nor a Git LFS pointer to "
                  "one)"});
    }
    SECTION("an artifact declared open whose only evidence is a link") {
        CHECK(contradictions("olmo-data-link-only.json", "olmo-2-bundle") ==
              std::vector<std::string>{
                  "claims/olmo-data-link-only.json:23:17: error: data.training: declared open "
                  "under ODC-By-1.0, but the release only links to it "
                  "(https://huggingface.co/datasets/allenai/RLVR-MATH) and shows no license for "
                  "it"});
    }
    SECTION("a card that contradicts its own LICENSE is reported against the manifest") {
        const std::vector<std::string> found =
            contradictions("gated-claims-apache.json", "license-contradiction");
        REQUIRE_FALSE(found.empty());
        CHECK(found[0].find("error: license: the release contradicts itself: the card's license "
                            "apache-2.0 (README.md license:) is contradicted by LICENSE") !=
              std::string::npos);
    }
}

TEST_CASE("verify finds no contradiction in a manifest the release bears out",
          "[evidence-verify]") {
    CHECK(contradictions("olmo-consistent.json", "olmo-2-bundle").empty());
}
