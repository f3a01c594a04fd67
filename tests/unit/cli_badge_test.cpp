#include "openness/cli/run.hpp"
#include "openness/util/file_system.hpp"

#include "cli_fixtures.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using openness::cli::Environment;
using openness::test::example, openness::test::invoke, openness::test::Result;

TEST_CASE("badge writes an SVG with the tier's label and colour", "[cli][badge]") {
    Result r = invoke({"badge", example("mistral-7b-v0.1.json")});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("<svg xmlns=\"http://www.w3.org/2000/svg\"") == 0);
    CHECK(r.out.find("aria-label=\"openness: open weights\"") != std::string::npos);
    CHECK(r.out.find("fill=\"#a4a61d\"") != std::string::npos);
    SECTION("another rubric and label") {
        Result osaid = invoke({"badge", example("olmo-2-7b.json"), "--rubric", "osaid@1.0",
                               "--label", "OSAID"});
        CHECK(osaid.out.find("aria-label=\"OSAID: conformant with OSAID 1.0\"") !=
              std::string::npos);
    }
    SECTION("the default label names the rubric measured (issue 15)") {
        Result mof = invoke({"badge", example("gpt-4.json"), "--rubric", "mof@1.0"});
        CHECK(mof.code == 0);
        CHECK(mof.out.find("aria-label=\"mof: Unclassified\"") != std::string::npos);
        Result shields = invoke({"badge", example("gpt-4.json"), "--rubric", "osaid",
                                 "--format", "shields"});
        CHECK(shields.out.find("\"label\": \"osaid\"") != std::string::npos);
    }
}

TEST_CASE("badge --format shields writes the endpoint JSON", "[cli][badge]") {
    Result r = invoke({"badge", example("gpt-4.json"), "--format", "shields"});
    REQUIRE(r.code == 0);
    CHECK(r.out == "{\"schemaVersion\": 1, \"label\": \"openness\", \"message\": \"API only\", "
                   "\"color\": \"fe7d37\"}\n");
}

TEST_CASE("badge -o writes the file", "[cli][badge]") {
    openness::test::TempDir dir;
    Result r = invoke({"badge", example("olmo-2-7b.json"), "-o", dir / "badge.svg"});
    REQUIRE(r.code == 0);
    CHECK(r.out.empty());
    CHECK(openness::test::read_file(dir / "badge.svg").find("fully open</text>") !=
          std::string::npos);
}

TEST_CASE("badge exit codes: 3 for a manifest that does not load, 2 for a rubric",
          "[cli][badge]") {
    openness::util::MemoryFileSystem files;
    files.add("bad.json", "{\"manifest_version\": 1}");
    Environment environment;
    environment.files = &files;
    Result bad = invoke({"badge", "bad.json"}, environment);
    CHECK(bad.code == 3);
    CHECK(bad.out.empty());
    CHECK(bad.err.find("bad.json:1:1: error: ") == 0);
    Result rubric = invoke({"badge", example("gpt-4.json"), "--rubric", "nope"});
    CHECK(rubric.code == 2);
    Result format = invoke({"badge", example("gpt-4.json"), "--format", "png"});
    CHECK(format.code == 2);
}
