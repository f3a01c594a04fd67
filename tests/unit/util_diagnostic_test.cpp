#include "openness/util/diagnostic.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace util = openness::util;

TEST_CASE("a sink stamps its source on what it collects and knows whether it failed",
          "[util][diagnostic]") {
    std::vector<util::Diagnostic> out;
    util::DiagnosticSink sink("m.json", out);
    sink.warning({2, 3}, "a.b", "unknown key");
    CHECK_FALSE(sink.failed());
    sink.add({util::Severity::warning, "other.json", {}, "", "kept as it is"});
    CHECK_FALSE(sink.failed());
    sink.error({}, "", "broken");
    CHECK(sink.failed());
    REQUIRE(out.size() == 3);
    CHECK(util::render(out[0]) == "m.json:2:3: warning: a.b: unknown key");
    CHECK(util::render(out[1]) == "other.json: warning: kept as it is");
    CHECK(util::render(out[2]) == "m.json: error: broken");

    std::vector<util::Diagnostic> parsed;
    util::DiagnosticSink second("t.json", parsed);
    second.add({util::Severity::error, "t.json", {1, 1}, "", "empty input"});
    CHECK(second.failed());
}

TEST_CASE("document paths", "[util][diagnostic]") {
    CHECK(util::member_path("", "license") == "license");
    CHECK(util::member_path("weights.final", "license") == "weights.final.license");
    CHECK(util::index_path("rules", 3) == "rules[3]");
    CHECK(util::index_path(util::member_path("a", "b"), 0) == "a.b[0]");
}

TEST_CASE("a key given twice is worded once for JSON and YAML", "[util][diagnostic]") {
    CHECK(util::duplicate_key_message("name", {4, 7}) ==
          "duplicate key 'name' (first at line 4, column 7): tools disagree on which one "
          "counts, so a key may appear only once");
}

TEST_CASE("capping keeps errors first, then warnings, and says what it left out",
          "[util][diagnostic]") {
    std::vector<util::Diagnostic> list;
    util::DiagnosticSink sink("m.json", list);
    for (std::size_t i = 0; i < util::k_max_diagnostics; ++i) {
        sink.warning({i + 1, 1}, "", "w");
    }
    util::cap_diagnostics(list, "m.json");
    CHECK(list.size() == util::k_max_diagnostics);  // at the cap: nothing is left out

    sink.error({500, 1}, "", "e1");
    sink.error({501, 1}, "", "e2");
    util::cap_diagnostics(list, "m.json");
    REQUIRE(list.size() == util::k_max_diagnostics + 1);
    CHECK(list[0].location.line == 1);  // document order, not errors moved to the front
    CHECK(list[util::k_max_diagnostics - 2].message == "e1");
    CHECK(list[util::k_max_diagnostics - 1].message == "e2");
    CHECK(util::render(list.back()) ==
          "m.json: warning: 2 more warnings not shown (at most 100 per input)");

    std::vector<util::Diagnostic> errors(util::k_max_diagnostics + 1,
                                         {util::Severity::error, "m.json", {}, "", "e"});
    errors.push_back({util::Severity::warning, "m.json", {}, "", "w"});
    util::cap_diagnostics(errors, "m.json");
    CHECK(util::render(errors.back()) ==
          "m.json: error: 1 more error and 1 more warning not shown (at most 100 per input)");
}
