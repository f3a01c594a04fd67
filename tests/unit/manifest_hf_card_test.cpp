#include "openness/manifest/hf_card.hpp"

#include "import_test_support.hpp"

using namespace openness;
using manifest::ArtifactId, manifest::Availability;
using test::fixture, test::rendered;

namespace {

manifest::Manifest card(const std::string& text, const std::string& source = "README.md") {
    manifest::LoadResult result = manifest::load_hf_card(text, source);
    INFO(Catch::Detail::stringify(rendered(result.diagnostics)));
    REQUIRE(result.manifest);
    CHECK(result.diagnostics.empty());
    return *result.manifest;
}

std::vector<std::string> errors(const std::string& text, const std::string& source = "README.md") {
    manifest::LoadResult result = manifest::load_hf_card(text, source);
    CHECK_FALSE(result.manifest);
    return rendered(result.diagnostics);
}

}  // namespace

TEST_CASE("a card with license llama3.1 and gated: true is restricted-weights", "[hf-card]") {
    const manifest::Manifest m = card(fixture("hf/llama-gated.md"));
    CHECK(m.access == manifest::Access::gated);
    CHECK(m.artifact(ArtifactId::weights_final).license == std::string("llama3.1"));
    CHECK(test::tier_of(test::score(m)) == "restricted-weights");
}

TEST_CASE("a card with license apache-2.0 is open-weights, flagged as a lower bound", "[hf-card]") {
    const engine::Verdict v = test::score(card(fixture("hf/apache.md")));
    CHECK(test::tier_of(v) == "open-weights");
    CHECK(test::has_warning(v, "the tier is a lower bound from a model card"));
    CHECK(v.model.name == "Example Apache Model");
}

TEST_CASE("a complete card: license, datasets, base model, evaluation results", "[hf-card]") {
    const manifest::Manifest m = card(fixture("hf/complete.md"), "tiny/README.md");
    CHECK(m.format == "hf-card");
    // The heading names the card's model; a model-index may be copied from another card.
    CHECK(m.model.name == "Tiny Chat 1B");
    CHECK(m.access == manifest::Access::download);
    const manifest::Artifact& weights = m.artifact(ArtifactId::weights_final);
    CHECK(weights.availability == Availability::released);
    CHECK(weights.license == std::string("apache-2.0"));
    CHECK(weights.provenance == "model card license");
    const manifest::Artifact& card_doc = m.artifact(ArtifactId::documentation_model_card);
    CHECK(card_doc.availability == Availability::released);
    CHECK(card_doc.provenance == "the model card itself, under its license");
    CHECK(m.artifact(ArtifactId::documentation_evaluation_results).provenance ==
          "model card model-index");
    const manifest::Artifact& data = m.artifact(ArtifactId::data_training);
    CHECK(data.availability == Availability::unknown);
    CHECK_FALSE(data.license);
    CHECK(data.provenance ==
          "model card datasets (example-org/open-corpus, example-org/instructions); availability "
          "not stated for example-org/open-corpus, example-org/instructions");
    CHECK(data.location ==
          "https://huggingface.co/datasets/example-org/open-corpus "
          "https://huggingface.co/datasets/example-org/instructions");
    CHECK(m.notes == "Base model: example-org/tiny-base-1b.");
    const engine::Verdict v = test::score(m);
    CHECK(test::tier_of(v) == "open-weights");
    CHECK(test::has_warning(v, "derived from example-org/tiny-base-1b (base_model)"));
}

TEST_CASE("what a card cannot say stays not stated", "[hf-card]") {
    const manifest::Manifest m = card(fixture("hf/minimal.md"), "acme/tiny/README.md");
    CHECK(m.model.name == "tiny");  // the repository folder of a README.md
    for (ArtifactId id :
         {ArtifactId::code_training, ArtifactId::hyperparameters, ArtifactId::data_training,
          ArtifactId::architecture, ArtifactId::documentation_evaluation_results}) {
        CHECK(m.artifact(id).availability == Availability::unknown);
        CHECK(m.artifact(id).provenance == "not stated in a model card");
    }
}

TEST_CASE("license: other reads license_name, extra_gated_* means gated", "[hf-card]") {
    const manifest::Manifest m = card(fixture("hf/custom-license.md"));
    CHECK(m.access == manifest::Access::gated);
    CHECK(m.artifact(ArtifactId::weights_final).license == std::string("acme-research-license"));
    CHECK(m.artifact(ArtifactId::weights_final).provenance ==
          "model card license_name (license: other)");
    CHECK(m.sources == std::vector<std::string>{"https://example.com/acme-research-license"});
    CHECK(test::tier_of(test::score(m)) == "restricted-weights");
}

TEST_CASE("gated takes true, false, auto and manual", "[hf-card]") {
    SECTION("auto and manual gate") {
        CHECK(card("---\nlicense: mit\ngated: auto\n---\n").access == manifest::Access::gated);
        CHECK(card("---\nlicense: mit\ngated: manual\n---\n").access == manifest::Access::gated);
    }
    SECTION("an explicit false wins over a form") {
        CHECK(card("---\nlicense: mit\ngated: false\nextra_gated_prompt: hi\n---\n").access ==
              manifest::Access::download);
    }
}

TEST_CASE("a card without a license still has downloadable weights, under no license",
          "[hf-card]") {
    const manifest::Manifest m = card("---\nlanguage: en\n---\n");
    CHECK_FALSE(m.artifact(ArtifactId::weights_final).license);
    CHECK(m.artifact(ArtifactId::weights_final).provenance == "model card (it states no license)");
    CHECK(test::tier_of(test::score(m)) == "restricted-weights");
}

TEST_CASE("an empty front matter is a card with no metadata", "[hf-card]") {
    CHECK(card("---\n---\n# Model Card for Empty\n").model.name == "Empty");
}

TEST_CASE("broken cards are errors with file, line and column", "[hf-card]") {
    SECTION("no front matter") {
        CHECK(errors(fixture("hf/no-front-matter.md"), "x.md") ==
              std::vector<std::string>{"x.md:1:1: error: no YAML front matter: a Hugging Face "
                                       "model card starts with a line '---'"});
    }
    SECTION("front matter never closed") {
        CHECK(errors(fixture("hf/unclosed.md"), "x.md") ==
              std::vector<std::string>{"x.md:1:1: error: the front matter opened by '---' on "
                                       "line 1 is never closed by a line '---'"});
    }
    SECTION("invalid YAML, positioned in the file (not in the front matter)") {
        CHECK(errors(fixture("hf/broken-yaml.md"), "x.md") ==
              std::vector<std::string>{
                  "x.md:4:9: error: YAML front matter: end of sequence flow not found"});
    }
    SECTION("wrong types, every one of them") {
        CHECK(errors(fixture("hf/wrong-type.md"), "x.md") ==
              std::vector<std::string>{
                  "x.md:3:3: error: license: expected a string or a list of strings, got a "
                  "mapping",
                  "x.md:4:8: error: gated: expected true, false, auto or manual, got 'sometimes'"});
    }
    SECTION("front matter that is not a mapping") {
        CHECK(errors("---\n- a\n- b\n---\n", "x.md") ==
              std::vector<std::string>{
                  "x.md:2:1: error: front matter: expected a mapping of keys, got a list"});
    }
    SECTION("a byte order mark does not move the lines") {
        CHECK(errors("\xEF\xBB\xBF---\nlicense: [a\n---\n", "x.md").size() == 1);
        CHECK(card("\xEF\xBB\xBF---\nlicense: mit\n---\n")
                  .artifact(ArtifactId::weights_final)
                  .license == std::string("mit"));
    }
}

TEST_CASE("hostile YAML ends as a diagnostic, never an exception", "[hf-card]") {
    const std::string deep = "---\nlicense: " + std::string(5000, '[') + "\n---\n";
    manifest::LoadResult result;
    REQUIRE_NOTHROW(result = manifest::load_hf_card(deep, "deep.md"));
    CHECK_FALSE(result.manifest);
    CHECK(util::has_error(result.diagnostics));
    REQUIRE_NOTHROW(result = manifest::load_hf_card("---\na: &x [*x]\n---\n", "alias.md"));
}

TEST_CASE("the Hugging Face cards in ../shared/formats", "[hf-card][shared]") {
    SECTION("OLMo 2 13B: apache-2.0, two datasets, open-weights as a lower bound") {
        if (const auto text = test::shared_format("hf-modelcard-olmo-2-1124-13B.frontmatter.md")) {
            const manifest::Manifest m = card(*text, "olmo.md");
            CHECK(m.model.name == "OLMo 2 13B");
            CHECK(m.artifact(ArtifactId::data_training).location ==
                  "https://huggingface.co/datasets/allenai/dolmino-mix-1124 "
                  "https://huggingface.co/datasets/allenai/dolma");
            const engine::Verdict v = test::score(m);
            CHECK(test::tier_of(v) == "open-weights");
            CHECK(test::has_warning(v, "the tier is a lower bound from a model card"));
        }
    }
    SECTION("Yi-VL-34B: license other with license_name yi-license") {
        if (const auto text = test::shared_format("hf-modelcard-yi-vl-34b.frontmatter.md")) {
            const manifest::Manifest m = card(*text, "yi.md");
            CHECK(m.artifact(ArtifactId::weights_final).license == std::string("yi-license"));
            CHECK(m.notes == "License link: LICENSE.");
            CHECK(test::tier_of(test::score(m)) == "restricted-weights");
        }
    }
}

TEST_CASE("a list of licenses all apply, CRLF cards read the same", "[hf-card]") {
    const manifest::Manifest m =
        card("---\r\nlicense:\r\n- mit\r\n- apache-2.0\r\nbase_model: [a/b, c/d]\r\n---\r\n");
    CHECK(m.artifact(ArtifactId::weights_final).license == std::string("mit AND apache-2.0"));
    CHECK(m.artifact(ArtifactId::weights_final).provenance ==
          "model card license (a list: all of them apply)");
    CHECK(m.notes == "Base model: a/b, c/d.");
}
