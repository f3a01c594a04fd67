#include "openness/engine/evaluate.hpp"
#include "openness/manifest/json_loader.hpp"
#include "openness/report/report.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/file_system.hpp"
#include "openness/util/json.hpp"
#include "openness/util/json_writer.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace openness;

TEST_CASE("a verdict in JSON has the documented fields", "[report][json]") {
    util::MemoryFileSystem files;
    auto rubric = rubric::resolve_rubric("openness@1.0", files).rubric;
    auto loaded = manifest::load_manifest_json(
        R"({"manifest_version": 1, "model": {"name": "m\"q", "version": "1"}, "access": "download",
            "license": "Apache-2.0", "weights": {"final": {"available": true}}, "extra": 1})",
        "m.json");
    REQUIRE(loaded.manifest);
    report::Outcome outcome;
    outcome.source = "m.json";
    outcome.diagnostics = loaded.diagnostics;
    outcome.verdict = engine::evaluate(rubric, *loaded.manifest);
    std::string text;
    report::append_outcome_json(text, outcome);
    auto parsed = util::parse_json(text, "out");
    REQUIRE(parsed.value);
    const util::JsonValue& v = *parsed.value;
    CHECK(v.find("path")->as_string() == "m.json");
    CHECK(v.find("valid")->as_bool());
    CHECK(v.find("model")->find("name")->as_string() == "m\"q");
    CHECK(v.find("rubric")->find("id")->as_string() == "openness");
    CHECK(v.find("rubric")->find("version")->as_string() == "1.0");
    CHECK(v.find("rubric")->find("sha256")->as_string() == rubric->sha256);
    CHECK(v.find("tier")->as_string() == "open-weights");
    CHECK(v.find("tier_label")->as_string() == "open weights");
    CHECK(v.find("score")->as_number() == 20.0);
    CHECK(v.find("rules")->items().size() == rubric->rules.size());
    const util::JsonValue& first = v.find("rules")->items()[0];
    CHECK(first.find("id")->as_string() == "weights.final.released");
    CHECK(first.find("passed")->as_bool());
    CHECK(first.find("reason")->as_string() == "final weights released");
    CHECK(v.find("artifacts")->items().size() == 17);
    CHECK(v.find("artifacts")->items()[0].find("license_inherited")->as_bool());
    CHECK(v.find("next_tier")->find("id")->as_string() == "open-source");
    CHECK(v.find("warnings")->items().empty());
    REQUIRE(v.find("input_warnings")->items().size() == 1);
    CHECK(v.find("gate")->find("passed")->as_bool());
}

TEST_CASE("JSON strings are escaped and invalid UTF-8 in paths is replaced", "[report][json]") {
    std::string out;
    util::append_json_string(out, "a\"b\\c\n\x01 \xC3\xA9 \xFF");
    CHECK(out == "\"a\\\"b\\\\c\\n\\u0001 \xC3\xA9 \\ufffd\"");
}

TEST_CASE("each artifact in JSON says where it came from: null for manifests", "[report][json]") {
    util::MemoryFileSystem files;
    auto rubric = rubric::resolve_rubric("openness@1.0", files).rubric;
    auto loaded = manifest::load_manifest_json(
        R"({"manifest_version": 1, "model": {"name": "m"}, "access": "api"})", "m.json");
    REQUIRE(loaded.manifest);
    manifest::Manifest imported = *loaded.manifest;
    imported.artifacts[0].provenance = "model card license";
    for (const manifest::Manifest* m : {&*loaded.manifest, &imported}) {
        std::string text;
        report::append_verdict_json(text, engine::evaluate(rubric, *m));
        auto parsed = util::parse_json(text, "out");
        REQUIRE(parsed.value);
        const util::JsonValue& first = parsed.value->find("artifacts")->items()[0];
        REQUIRE(first.find("from") != nullptr);
        if (m == &imported) {
            CHECK(first.find("from")->as_string() == "model card license");
        } else {
            CHECK(first.find("from")->is_null());
        }
    }
}

TEST_CASE("verdicts with detail none or failed leave out what full writes", "[report][json]") {
    util::MemoryFileSystem files;
    auto rubric = rubric::resolve_rubric("openness@1.0", files).rubric;
    auto loaded = manifest::load_manifest_json(
        R"({"manifest_version": 1, "model": {"name": "m"}, "access": "download",
            "license": "Apache-2.0", "weights": {"final": {"available": true}}})",
        "m.json");
    REQUIRE(loaded.manifest);
    report::Outcome outcome;
    outcome.source = "m.json";
    outcome.verdict = engine::evaluate(rubric, *loaded.manifest);
    auto render = [&](report::Detail detail) {
        std::string text;
        report::append_outcome_json(text, outcome, detail);
        auto parsed = util::parse_json(text, "out");
        REQUIRE(parsed.value);
        return std::make_pair(text, *parsed.value);
    };
    const auto [full_text, full] = render(report::Detail::full);
    const auto [failed_text, failed] = render(report::Detail::failed);
    const auto [none_text, none] = render(report::Detail::none);
    for (const util::JsonValue* v : {&full, &failed, &none}) {
        CHECK(v->find("tier")->as_string() == "open-weights");
        CHECK(v->find("score")->as_number() == 20.0);
        CHECK(v->find("gate")->find("passed")->as_bool());
    }
    CHECK(full.find("artifacts") != nullptr);
    CHECK(failed.find("artifacts") == nullptr);
    CHECK(none.find("artifacts") == nullptr);
    CHECK(none.find("rules") == nullptr);
    // failed: every failed rule of full, in order, without its description; no passed rule.
    std::vector<std::string> failed_in_full;
    for (const util::JsonValue& rule : full.find("rules")->items()) {
        if (!rule.find("passed")->as_bool()) {
            failed_in_full.push_back(rule.find("id")->as_string());
        }
    }
    std::vector<std::string> listed;
    for (const util::JsonValue& rule : failed.find("rules")->items()) {
        CHECK(rule.find("description") == nullptr);
        CHECK_FALSE(rule.find("reason")->as_string().empty());
        listed.push_back(rule.find("id")->as_string());
    }
    REQUIRE_FALSE(listed.empty());
    CHECK(listed == failed_in_full);
    // The next tier's missing rules: objects in full, ids in the compact forms.
    const util::JsonValue& missing_full = *full.find("next_tier")->find("missing");
    const util::JsonValue& missing_none = *none.find("next_tier")->find("missing");
    REQUIRE(missing_full.items().size() == missing_none.items().size());
    REQUIRE_FALSE(missing_none.items().empty());
    for (std::size_t i = 0; i < missing_none.items().size(); ++i) {
        CHECK(missing_none.items()[i].as_string() ==
              missing_full.items()[i].find("id")->as_string());
    }
    CHECK(none_text.size() <= 1536);
    CHECK(none_text.size() < failed_text.size());
    CHECK(failed_text.size() < full_text.size());
}
