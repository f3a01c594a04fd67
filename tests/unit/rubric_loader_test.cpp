#include "openness/rubric/rubric.hpp"
#include "openness/util/embedded.hpp"
#include "openness/util/file_system.hpp"

#include <catch2/catch.hpp>

using openness::rubric::load_rubric, openness::rubric::resolve_rubric;

namespace {

std::vector<std::string> errors_of(std::string_view text) {
    auto result = load_rubric(text, "r.json");
    CHECK_FALSE(result.rubric);
    std::vector<std::string> out;
    for (const auto& d : result.diagnostics) {
        out.push_back(openness::util::render(d));
    }
    return out;
}

const char* const k_minimal = R"({"rubric_format": 1, "id": "mini", "version": "0.1",
  "license_table": "openness-licenses@1.0",
  "rules": [{"id": "w", "description": "Weights released.", "points": 1,
             "check": {"artifact": "weights.final", "released": true}}],
  "tiers": [{"id": "none", "label": "none", "requires": []},
            {"id": "some", "label": "some", "requires": ["w"]}]})";

}  // namespace

TEST_CASE("a minimal rubric loads", "[rubric]") {
    auto result = load_rubric(k_minimal, "r.json");
    REQUIRE(result.rubric);
    CHECK(result.rubric->ref() == "mini@0.1");
    CHECK(result.rubric->tiers.size() == 2);
    CHECK(result.rubric->tiers[1].requires_rules == std::vector<std::size_t>{0});
    CHECK(result.rubric->sha256.size() == 64);
    CHECK(result.rubric->total_points == 1.0);
}

TEST_CASE("the content hash changes with the rubric text", "[rubric]") {
    std::string changed = k_minimal;
    changed.replace(changed.find("\"points\": 1"), 11, "\"points\": 2");
    auto a = load_rubric(k_minimal, "a.json");
    auto b = load_rubric(changed, "b.json");
    REQUIRE(a.rubric);
    REQUIRE(b.rubric);
    CHECK(a.rubric->sha256 != b.rubric->sha256);
}

TEST_CASE("malformed rubrics name the rule and the problem", "[rubric]") {
    SECTION("unknown artifact") {
        CHECK(errors_of(R"({"rubric_format": 1, "id": "x", "version": "1.0",
  "license_table": "openness-licenses@1.0",
  "rules": [{"id": "w", "description": "d", "check": {"artifact": "weights.fnal", "released": true}}],
  "tiers": [{"id": "a", "label": "a"}]})") ==
              std::vector<std::string>{"r.json:3:67: error: rules[0] (w).check.artifact: unknown "
                                       "artifact 'weights.fnal'"});
    }
    SECTION("unknown license class") {
        CHECK(errors_of(R"({"rubric_format": 1, "id": "x", "version": "1.0",
  "license_table": "openness-licenses@1.0",
  "rules": [{"id": "w", "description": "d", "check": {"artifact": "weights.final", "license": ["opn"]}}],
  "tiers": [{"id": "a", "label": "a"}]})") ==
              std::vector<std::string>{
                  "r.json:3:96: error: rules[0] (w).check.license[0]: unknown license class 'opn' "
                  "(expected one of unknown, proprietary, restricted, open-data, osi)"});
    }
    SECTION("a tier requires an unknown rule") {
        CHECK(errors_of(R"({"rubric_format": 1, "id": "x", "version": "1.0",
  "license_table": "openness-licenses@1.0", "rules": [],
  "tiers": [{"id": "a", "label": "a"}, {"id": "b", "label": "b", "requires": ["nope"]}]})") ==
              std::vector<std::string>{
                  "r.json:3:79: error: tiers[1] (b).requires[0]: unknown rule 'nope'"});
    }
    SECTION("duplicate rule id") {
        CHECK(errors_of(R"({"rubric_format": 1, "id": "x", "version": "1.0",
  "license_table": "openness-licenses@1.0",
  "rules": [{"id": "w", "description": "d", "points": 1, "check": {"access": ["api"]}},
            {"id": "w", "description": "d", "check": {"access": ["api"]}}],
  "tiers": [{"id": "a", "label": "a"}]})") ==
              std::vector<std::string>{"r.json:4:20: error: rules[1] (w).id: duplicate rule id 'w'"});
    }
    SECTION("a condition with two kinds") {
        CHECK(errors_of(R"({"rubric_format": 1, "id": "x", "version": "1.0",
  "license_table": "openness-licenses@1.0",
  "rules": [{"id": "w", "description": "d", "points": 1,
             "check": {"access": ["api"], "artifact": "architecture", "released": true}}],
  "tiers": [{"id": "a", "label": "a"}]})") ==
              std::vector<std::string>{
                  "r.json:4:23: error: rules[0] (w).check: a condition needs exactly one of 'all', "
                  "'any', 'not', 'artifact', 'artifacts', 'access'"});
    }
    SECTION("the lowest tier requires something") {
        CHECK(errors_of(R"({"rubric_format": 1, "id": "x", "version": "1.0",
  "license_table": "openness-licenses@1.0",
  "rules": [{"id": "w", "description": "d", "points": 1, "check": {"access": ["api"]}}],
  "tiers": [{"id": "a", "label": "a", "requires": ["w"]}]})") ==
              std::vector<std::string>{
                  "r.json:4:13: error: tiers[0] (a): the lowest tier must require nothing: it is "
                  "what a release gets when no other tier holds"});
    }
    SECTION("unknown license table") {
        CHECK(errors_of(R"({"rubric_format": 1, "id": "x", "version": "1.0",
  "license_table": "nope@9", "rules": [], "tiers": [{"id": "a", "label": "a"}]})") ==
              std::vector<std::string>{
                  "r.json:2:20: error: license_table: no bundled license table 'nope@9'"});
    }
    SECTION("bad version and unknown top-level key") {
        CHECK(errors_of(R"({"rubric_format": 1, "id": "x", "version": "one", "extra": 1,
  "license_table": "openness-licenses@1.0", "rules": [], "tiers": [{"id": "a", "label": "a"}]})") ==
              std::vector<std::string>{
                  "r.json:1:60: error: extra: unknown key",
                  "r.json:1:44: error: version: expected MAJOR.MINOR or MAJOR.MINOR.PATCH"});
    }
}

TEST_CASE("bundled rubrics resolve by id and by id@version", "[rubric]") {
    openness::util::MemoryFileSystem files;
    auto latest = resolve_rubric("openness", files);
    REQUIRE(latest.rubric);
    CHECK(latest.rubric->id == "openness");
    CHECK(latest.rubric->origin == "bundled");
    CHECK(latest.rubric->version == "2.0");
    auto pinned = resolve_rubric("openness@1.0", files);
    REQUIRE(pinned.rubric);
    CHECK(pinned.rubric->version == "1.0");
    CHECK(pinned.rubric->sha256 != latest.rubric->sha256);
    auto major = resolve_rubric("openness@2", files);
    REQUIRE(major.rubric);
    CHECK(major.rubric->sha256 == latest.rubric->sha256);
    auto unknown = resolve_rubric("openness@9.9", files);
    CHECK_FALSE(unknown.rubric);
    REQUIRE(unknown.diagnostics.size() == 1);
    CHECK(unknown.diagnostics[0].message.find("unknown rubric 'openness@9.9' (bundled: mof@1.0, openness@1.0, openness@2.0, osaid@1.0") ==
          0);
}

TEST_CASE("a rubric file is read through the file system", "[rubric]") {
    openness::util::MemoryFileSystem files;
    files.add("my/rubric.json", k_minimal);
    auto result = resolve_rubric("my/rubric.json", files);
    REQUIRE(result.rubric);
    CHECK(result.rubric->origin == "my/rubric.json");
    auto missing = resolve_rubric("my/other.json", files);
    REQUIRE(missing.diagnostics.size() == 1);
    CHECK(openness::util::render(missing.diagnostics[0]) ==
          "my/other.json: error: cannot open: No such file or directory");
}

TEST_CASE("openness@1.0 has the tiers of the spectrum in order", "[rubric]") {
    openness::util::MemoryFileSystem files;
    auto result = resolve_rubric("openness@1.0", files);
    REQUIRE(result.rubric);
    std::vector<std::string> ids;
    for (const auto& t : result.rubric->tiers) {
        ids.push_back(t.id);
    }
    CHECK(ids == std::vector<std::string>{"closed", "api-only", "restricted-weights",
                                          "open-weights", "open-source", "fully-open"});
    CHECK(result.rubric->total_points == Approx(100.0));
}

TEST_CASE("tiers and advisories are limited", "[rubric][limits]") {
    std::string tiers;
    for (int i = 0; i < 101; ++i) {
        tiers += std::string(i == 0 ? "" : ", ") + "{\"id\": \"t" + std::to_string(i) +
                 "\", \"label\": \"t\"}";
    }
    const std::string many_tiers = R"({"rubric_format": 1, "id": "x", "version": "1.0",
  "license_table": "openness-licenses@1.0", "rules": [],
  "tiers": [)" + tiers + "]}";
    CHECK(errors_of(many_tiers) ==
          std::vector<std::string>{"r.json:3:2903: error: tiers: more than 100 tiers"});
    std::string advisories;
    for (int i = 0; i < 1001; ++i) {
        advisories += std::string(i == 0 ? "" : ",") +
                      R"({"id": "a", "message": "m", "when": {"access": ["api"]}})";
    }
    const std::string many_advisories = R"({"rubric_format": 1, "id": "x", "version": "1.0",
  "license_table": "openness-licenses@1.0", "rules": [], "tiers": [{"id": "a", "label": "a"}],
  "advisories": [)" + advisories + "]}";
    CHECK(errors_of(many_advisories) ==
          std::vector<std::string>{"r.json:3:57018: error: advisories: more than 1000 advisories"});
}

TEST_CASE("a rule listed twice in a tier counts once", "[rubric]") {
    std::string requires_list;
    for (int i = 0; i < 1000; ++i) {
        requires_list += std::string(i == 0 ? "" : ", ") + "\"w\"";
    }
    std::string text = k_minimal;
    text.replace(text.find("\"requires\": [\"w\"]"), 17, "\"requires\": [" + requires_list + "]");
    auto result = load_rubric(text, "r.json");
    REQUIRE(result.rubric);
    CHECK(result.rubric->tiers[1].requires_rules == std::vector<std::size_t>{0});
}

TEST_CASE("every bundled rubric carries the digest computed at build time", "[rubric]") {
    // The build hashes each bundled rubric (cmake/embed_data.cmake); this hashes it again at run
    // time, as for a rubric file, so the two can never drift apart.
    const std::vector<openness::rubric::BundledRubric> bundled = openness::rubric::bundled_rubrics();
    REQUIRE(bundled.size() >= 3);
    openness::util::MemoryFileSystem files;
    for (const openness::rubric::BundledRubric& b : bundled) {
        INFO(b.path);
        const std::string_view* known = openness::util::bundled_rubric_sha256(b.path);
        REQUIRE(known != nullptr);
        const openness::rubric::RubricLoadResult from_text =
            openness::rubric::load_rubric(*openness::util::find_embedded(b.path), b.path);
        REQUIRE(from_text.rubric);
        const openness::rubric::RubricLoadResult bundled_load =
            openness::rubric::resolve_rubric(b.id + "@" + b.version, files);
        REQUIRE(bundled_load.rubric);
        CHECK(from_text.rubric->sha256 == *known);
        CHECK(bundled_load.rubric->sha256 == *known);
    }
    CHECK(openness::util::bundled_rubric_sha256("rubric/licenses/openness-licenses-1.0.json") ==
          nullptr);
}
