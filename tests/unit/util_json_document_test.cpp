#include "openness/util/json_document.hpp"
#include "openness/util/json_writer.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

using openness::util::append_json, openness::util::Json, openness::util::JsonLayout;
using openness::util::report_number;

namespace {

std::string written(const Json& value, JsonLayout layout = {}) {
    std::string out;
    append_json(out, value, layout);
    return out;
}

}  // namespace

TEST_CASE("append_json lays a document out as asked, members in insertion order", "[util][json]") {
    const Json doc = {{"z", 1},
                      {"a", {{"list", Json::array({1, "two"})}, {"empty", Json::array()}}},
                      {"none", Json::object()}};
    SECTION("compact") {
        CHECK(written(doc) == R"({"z":1,"a":{"list":[1,"two"],"empty":[]},"none":{}})");
    }
    SECTION("on one line with spaces") {
        CHECK(written(doc, {true, 0}) ==
              R"({"z": 1, "a": {"list": [1, "two"], "empty": []}, "none": {}})");
    }
    SECTION("the first levels one member a line, deeper ones on one line") {
        CHECK(written(doc, {true, 2}) == "{\n"
                                         "  \"z\": 1,\n"
                                         "  \"a\": {\n"
                                         "    \"list\": [1, \"two\"],\n"
                                         "    \"empty\": []\n"
                                         "  },\n"
                                         "  \"none\": {}\n"
                                         "}");
    }
    SECTION("indented as a value further down") {
        std::string out;
        append_json(out, Json{{"k", true}}, {true, 2}, 1);
        CHECK(out == "{\n    \"k\": true\n  }");
    }
}

TEST_CASE("append_json writes hostile strings as append_json_string does", "[util][json]") {
    // Bytes that are not UTF-8, a bidirectional override, a C1 control, DEL, a control
    // character and a CI runner's command opener, in a value and in a key.
    const std::string hostile = "a\xff\xfe b\xE2\x80\xAE c\xC2\x85 d\x7f e\x1f ##[error]x \xC3\xA9/";
    std::string expected;
    openness::util::append_json_string(expected, hostile);
    CHECK(expected ==
          R"("a\ufffd\ufffd b\u202e c\u0085 d\u007f e\u001f ##\u005berror]x )" "\xC3\xA9/\"");
    CHECK(written(Json(hostile)) == expected);
    CHECK(written(Json{{hostile, hostile}}) == "{" + expected + ":" + expected + "}");
}

TEST_CASE("append_json writes numbers so they read back exactly", "[util][json]") {
    CHECK(written(Json(0)) == "0");
    CHECK(written(Json(-12)) == "-12");
    CHECK(written(Json(std::numeric_limits<std::uint64_t>::max())) == "18446744073709551615");
    CHECK(written(Json(83.3)) == "83.3");
    CHECK(written(Json(5.0)) == "5.0");
    CHECK(written(Json(0.1 + 0.2)) == "0.30000000000000004");
    CHECK(written(Json(1e300)) == "1e+300");
    CHECK(written(Json(1e-7)) == "1e-07");
    CHECK(written(Json(std::nan(""))) == "null");
    CHECK(written(Json(std::numeric_limits<double>::infinity())) == "null");
}

TEST_CASE("raw_json is written as its text, in any layout", "[util][json]") {
    // nlohmann reads "-0" as the integer 0; a manifest's kept member must come back as it was.
    CHECK(written(openness::util::raw_json("-0")) == "-0");
    const Json document = {{"a", openness::util::raw_json("[-0, 1e+15, {\"k\": null}]")},
                           {"b", Json::array({openness::util::raw_json("-0"), -0.0})}};
    CHECK(written(document) == R"({"a":[-0, 1e+15, {"k": null}],"b":[-0,-0.0]})");
    // Any other binary value is nlohmann's, not text.
    CHECK(written(Json::binary({1, 2})) == Json::binary({1, 2}).dump());
}

TEST_CASE("report_number is written as append_json_number writes the number", "[util][json]") {
    // Scores (0 to 100), changes of score and rule points (0 to 1000), in steps that hit
    // integers, one decimal, values that round up to an integer and ties.
    for (int i = -20000; i <= 20000; ++i) {
        for (const double value : {i / 20.0, i / 7.0, i * 0.05 + 0.04, i / 16.0}) {
            std::string expected;
            openness::util::append_json_number(expected, value);
            INFO(value);
            REQUIRE(written(report_number(value)) == expected);
        }
    }
    CHECK(written(report_number(std::nan(""))) == "null");
}
