#include "openness/manifest/load.hpp"

#include <catch2/catch.hpp>

#include <string>

using openness::manifest::InputFormat, openness::manifest::load_manifest;
using openness::util::render, openness::util::Severity;

TEST_CASE("at most 100 diagnostics are kept per input, errors first", "[manifest][limits]") {
    SECTION("warnings only: the manifest still loads") {
        std::string text = R"({"manifest_version": 1, "model": {"name": "m"}, "access": "api")";
        for (int i = 0; i < 150; ++i) {
            text += ", \"x" + std::to_string(i) + "\": 0";
        }
        text += "}";
        auto result = load_manifest(text, "m.json", InputFormat::manifest_v1);
        REQUIRE(result.manifest);
        REQUIRE(result.diagnostics.size() == 101);
        CHECK(result.diagnostics[99].path == "x99");
        CHECK(render(result.diagnostics[100]) ==
              "m.json: warning: 50 more warnings not shown (at most 100 per input)");
    }
    SECTION("errors are kept before warnings") {
        std::string text = "{";
        for (int i = 0; i < 150; ++i) {
            text += "\"x" + std::to_string(i) + "\": 0, ";
        }
        text += R"("sources": [)";
        for (int i = 0; i < 120; ++i) {
            text += std::string(i == 0 ? "" : ", ") + "1";
        }
        text += "]}";
        auto result = load_manifest(text, "m.json", InputFormat::manifest_v1);
        CHECK_FALSE(result.manifest);
        REQUIRE(result.diagnostics.size() == 101);
        for (std::size_t i = 0; i < 100; ++i) {
            CHECK(result.diagnostics[i].severity == Severity::error);
        }
        CHECK(render(result.diagnostics[100]) ==
              "m.json: error: 23 more errors and 150 more warnings not shown (at most 100 per "
              "input)");
    }
}
