#include "openness/evidence/map.hpp"

#include <catch2/catch.hpp>

using namespace openness;
using evidence::glob_match, evidence::RuleSource;

namespace {

std::vector<std::string> rule_ids(const std::string& path, RuleSource source = RuleSource::file) {
    std::vector<std::string> ids;
    for (const evidence::Rule* r : evidence::match_path(evidence::bundled_evidence_map(), source, path)) {
        ids.push_back(r->id);
    }
    return ids;
}

std::vector<std::string> load_errors(const std::string& text) {
    std::vector<util::Diagnostic> diagnostics;
    CHECK_FALSE(evidence::load_evidence_map(text, "map.json", diagnostics));
    std::vector<std::string> out;
    for (const util::Diagnostic& d : diagnostics) {
        out.push_back(util::render(d));
    }
    return out;
}

}  // namespace

TEST_CASE("glob patterns match case-insensitively with * and ?", "[evidence-map]") {
    CHECK(glob_match("*.safetensors", "model-00001-of-00002.SafeTensors"));
    CHECK(glob_match("checkpoint-*", "checkpoint-1000"));
    CHECK(glob_match("step?", "step1"));
    CHECK_FALSE(glob_match("step?", "step10"));
    CHECK_FALSE(glob_match("*.bin", "model.bin.index.json"));
    CHECK(glob_match("*train*config*.yaml", "my_train_big_config.yaml"));
    CHECK(glob_match("", ""));
    CHECK_FALSE(glob_match("", "a"));
    SECTION("a long name against many stars stays fast (no exponential backtracking)") {
        const std::string name(5000, 'a');
        CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*b", name));
    }
}

TEST_CASE("the bundled evidence map is evidence@1.0 and maps file names to artifacts",
          "[evidence-map]") {
    const evidence::EvidenceMap& map = evidence::bundled_evidence_map();
    CHECK(map.ref() == "evidence@1.0");
    CHECK(rule_ids("model-00001-of-00003.safetensors") ==
          std::vector<std::string>{"weights.safetensors"});
    CHECK(rule_ids("model.safetensors.index.json") ==
          std::vector<std::string>{"weights.shard-index"});
    CHECK(rule_ids("sub/q.Q4_K_M.gguf") == std::vector<std::string>{"weights.gguf"});
    CHECK(rule_ids("config.json") == std::vector<std::string>{"architecture.config"});
    CHECK(rule_ids("modeling_olmo2.py") == std::vector<std::string>{"architecture.modeling"});
    CHECK(rule_ids("scripts/train.py") == std::vector<std::string>{"code.training"});
    CHECK(rule_ids("configs/official-1124/OLMo2-13B-stage1.yaml") ==
          std::vector<std::string>{"hyperparameters.config-folder"});
    CHECK(rule_ids("OLMo2-13B-stage1.yaml").empty());  // a YAML file outside configs/
    CHECK(rule_ids("README.md").empty());
    CHECK(rule_ids("LICENSE-MODEL", RuleSource::license_file) ==
          std::vector<std::string>{"license.file"});
    CHECK(rule_ids("USE_POLICY.md", RuleSource::license_file) ==
          std::vector<std::string>{"license.use-policy"});
    CHECK(rule_ids("checkpoint-500", RuleSource::folder) ==
          std::vector<std::string>{"weights.checkpoint-folder"});
    CHECK(rule_ids("stage1-step140000-tokens1174B", RuleSource::branch) ==
          std::vector<std::string>{"weights.checkpoint-branch"});
    CHECK(rule_ids("main", RuleSource::branch).empty());
}

TEST_CASE("an evidence map with mistakes is refused with every problem and its path",
          "[evidence-map]") {
    CHECK(load_errors("[]") ==
          std::vector<std::string>{"map.json:1:1: error: an evidence map is a JSON object"});
    CHECK(load_errors(R"({"evidence_map_format": 1, "id": "e", "version": "1", "rules": [
  {"id": "x", "source": "file", "artifacts": ["weights.nope"], "proves": "p", "match": ["*"]},
  {"id": "y", "source": "disk", "proves": "p"},
  {"id": "z", "source": "link", "artifacts": ["architecture"], "proves": "p"}]})") ==
          std::vector<std::string>{
              "map.json:2:46: error: rules[0].artifacts: unknown artifact 'weights.nope'",
              "map.json:2:3: error: rules[0]: a file rule needs 'artifacts'",
              "map.json:3:25: error: rules[1].source: unknown source 'disk' (file, folder, "
              "branch, card, link or license-file)",
              "map.json:4:3: error: rules[2]: a link rule needs 'hosts'"});
}
