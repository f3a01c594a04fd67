#include "openness/util/json.hpp"

#include "test_files.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using openness::util::JsonLimits, openness::util::JsonValue, openness::util::parse_json;
using openness::util::render;

namespace {

std::string error_of(std::string_view text, const JsonLimits& limits = {}) {
    auto result = parse_json(text, "t.json", limits);
    REQUIRE_FALSE(result.value);
    REQUIRE(result.error);
    return render(*result.error);
}

}  // namespace

TEST_CASE("values remember where they start", "[json]") {
    auto result = parse_json("{\n  \"a\": [1, true],\n  \"b\": {\"c\": \"x\"}\n}", "t.json");
    REQUIRE(result.value);
    const JsonValue& root = *result.value;
    CHECK(root.location().line == 1);
    CHECK(root.location().column == 1);
    const JsonValue* a = root.find("a");
    REQUIRE(a != nullptr);
    CHECK(a->location().line == 2);
    CHECK(a->location().column == 8);
    CHECK(a->items()[1].location().column == 12);
    CHECK(a->items()[1].as_bool());
    const JsonValue* c = root.find("b")->find("c");
    REQUIRE(c != nullptr);
    CHECK(c->as_string() == "x");
    CHECK(c->location().line == 3);
    CHECK(c->location().column == 14);
}

TEST_CASE("numbers keep integers exact and reject what RFC 8259 rejects", "[json]") {
    auto result = parse_json("[0, -12, 3.5, 1e2, 9007199254740993, 1e-400]", "t.json");
    REQUIRE(result.value);
    const auto& items = result.value->items();
    CHECK(items[0].is_integer());
    CHECK(items[1].as_integer() == -12);
    CHECK_FALSE(items[2].is_integer());
    CHECK(items[2].as_number() == 3.5);
    CHECK_FALSE(items[3].is_integer());
    CHECK(items[3].as_number() == 100.0);
    CHECK(items[4].as_integer() == 9007199254740993);
    CHECK(items[5].as_number() == 0.0);
    CHECK(error_of("01") == "t.json:1:2: error: leading zeros are not allowed in a number");
    CHECK(error_of("1.") == "t.json:1:3: error: expected a digit after the decimal point");
    CHECK(error_of("-") == "t.json:1:2: error: expected a digit in a number");
    CHECK(error_of("1e") == "t.json:1:3: error: expected a digit in the exponent");
    CHECK(error_of("+1") == "t.json:1:1: error: expected a value, got '+'");
    CHECK(error_of("1e400") == "t.json:1:1: error: number out of range");
}

TEST_CASE("strings decode escapes and validate UTF-8", "[json]") {
    auto result = parse_json(R"(["a\"b\\\/\b\f\n\r\t", "\u00e9\ud83d\ude00", "ü"])", "t.json");
    REQUIRE(result.value);
    const auto& items = result.value->items();
    CHECK(items[0].as_string() == "a\"b\\/\b\f\n\r\t");
    CHECK(items[1].as_string() == "\xC3\xA9\xF0\x9F\x98\x80");
    CHECK(items[2].as_string() == "\xC3\xBC");
    CHECK(error_of(R"(["\q"])") == "t.json:1:3: error: invalid escape '\\q' in a string");
    CHECK(error_of(R"(["\ud800"])") == "t.json:1:3: error: lone high surrogate in a \\u escape");
    CHECK(error_of(R"(["\udc00"])") == "t.json:1:3: error: lone low surrogate in a \\u escape");
    CHECK(error_of(R"(["\u12g4"])") ==
          "t.json:1:7: error: invalid \\u escape: expected four hex digits");
    CHECK(error_of("[\"a\nb\"]") ==
          "t.json:1:4: error: control character U+000A in a string must be escaped");
    CHECK(error_of("[\"\xff\"]") == "t.json:1:3: error: invalid UTF-8 byte 0xff");
    CHECK(error_of("[\"\xC0\xAF\"]") == "t.json:1:3: error: invalid UTF-8 byte 0xc0");
    CHECK(error_of("[\"\xED\xA0\x80\"]") ==
          "t.json:1:3: error: invalid UTF-8 sequence starting with byte 0xed");
    CHECK(error_of("[\"abc") == "t.json:1:2: error: unterminated string");
}

TEST_CASE("structural errors say what was expected and where", "[json]") {
    CHECK(error_of("") == "t.json:1:1: error: empty input");
    CHECK(error_of("  \n ") == "t.json:2:2: error: no JSON value, only whitespace");
    CHECK(error_of("{\"a\" 1}") == "t.json:1:6: error: expected ':' after a member name, got '1'");
    CHECK(error_of("{\"a\": 1,}") ==
          "t.json:1:9: error: expected a member name in double quotes, got '}'");
    CHECK(error_of("[1 2]") == "t.json:1:4: error: expected ',' or ']' after an array item, got '2'");
    CHECK(error_of("[1,") == "t.json:1:4: error: unexpected end of input, expected a value");
    CHECK(error_of("{\"a\": 1") ==
          "t.json:1:8: error: unexpected end of input, expected ',' or '}' in an object");
    CHECK(error_of("{} x") == "t.json:1:4: error: trailing characters after the JSON value");
    CHECK(error_of("tru") == "t.json:1:1: error: expected a value, got 't'");
    CHECK(error_of("// c\n{}") == "t.json:1:1: error: expected a value, got '/'");
}

TEST_CASE("limits give clear errors", "[json]") {
    JsonLimits limits;
    limits.max_depth = 3;
    limits.max_string_bytes = 4;
    limits.max_members = 2;
    CHECK(parse_json("[[[1]]]", "t.json", limits).value);
    CHECK(error_of("[[[[1]]]]", limits) == "t.json:1:4: error: nesting deeper than 3 levels");
    CHECK(error_of("[\"abcde\"]", limits) == "t.json:1:2: error: string longer than 4 bytes");
    CHECK(error_of("[1,2,3]", limits) == "t.json:1:6: error: more than 2 items in one array");
    CHECK(error_of("{\"a\":1,\"b\":2,\"c\":3}", limits) ==
          "t.json:1:14: error: more than 2 members in one object");
}

TEST_CASE("deep nesting is refused without exhausting the stack", "[json]") {
    const std::string deep(100000, '[');
    CHECK(error_of(deep) == "t.json:1:65: error: nesting deeper than 64 levels");
}

TEST_CASE("a duplicate key is an error naming both places (issue 14)", "[json]") {
    CHECK(error_of("{\"a\": 1,\n \"a\": 2}") ==
          "t.json:2:2: error: duplicate key 'a' (first at line 1, column 2): tools disagree on "
          "which one counts, so a key may appear only once");
    CHECK(error_of("{\"m\": {\"b\": [], \"b\": {}}}") ==
          "t.json:1:17: error: duplicate key 'b' (first at line 1, column 8): tools disagree on "
          "which one counts, so a key may appear only once");
}

TEST_CASE("a UTF-8 byte order mark is skipped", "[json]") {
    auto result = parse_json("\xEF\xBB\xBF{\"a\": 1}", "t.json");
    REQUIRE(result.value);
    CHECK(result.value->location().column == 1);  // editors do not count the mark
}

TEST_CASE("JSONTestSuite: y_ accepted, n_ rejected, i_ either way",
          "[json][conformance][shared]") {
    const std::optional<std::string> dir =
        openness::test::shared_path("testdata/jsontestsuite/test_parsing");
    if (!dir) {
        return;
    }
    const std::vector<std::string> paths = openness::test::files_in(*dir, ".json");
    std::size_t accepted = 0;
    std::size_t rejected = 0;
    for (const std::string& path : paths) {
        const std::string name = path.substr(dir->size() + 1);
        const auto result = parse_json(openness::test::read_file(path), name);
        INFO(name);
        CHECK(result.value.has_value() != result.error.has_value());
        // Deliberate (issue 14): JSON allows a key twice, openness refuses it (readers disagree
        // on which one counts), so these two y_ files are rejected, with that reason.
        if (name == "y_object_duplicated_key.json" ||
            name == "y_object_duplicated_key_and_value.json") {
            REQUIRE(result.error);
            CHECK(result.error->message.rfind("duplicate key 'a' (first at line 1", 0) == 0);
        } else if (name[0] == 'y') {
            CHECK(result.value);
        } else if (name[0] == 'n') {
            CHECK_FALSE(result.value);
        }
        (result.value ? accepted : rejected) += 1;
    }
    CHECK(paths.size() == 318);
    CHECK(accepted + rejected == paths.size());
}

TEST_CASE("the value count is limited, which bounds the memory of the tree", "[json][limits]") {
    JsonLimits limits;
    limits.max_values = 4;
    CHECK(parse_json("[1, [2]]", "t.json", limits).value);
    CHECK(error_of("[1, [2, 3]]", limits) ==
          "t.json:1:9: error: more than 4 values in one document");
    CHECK(JsonLimits{}.max_values == 1000000);
}

TEST_CASE("duplicate keys are found in large objects too", "[json]") {
    std::string text = "{";
    for (int i = 0; i < 100; ++i) {
        text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
    }
    auto clean = parse_json(text + "\"k100\": 100}", "t.json");
    REQUIRE(clean.value);
    CHECK(clean.value->members().size() == 101);
    auto result = parse_json(text + "\"k100\": 100, \"k7\": -1}", "t.json");
    REQUIRE(result.error);
    CHECK(result.error->message ==
          "duplicate key 'k7' (first at line 1, column 65): tools disagree on which one counts, "
          "so a key may appear only once");
}
