#include "openness/util/json_writer.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <utility>
#include <string>

using openness::util::append_json_number, openness::util::append_json_string;

namespace {

std::string quoted(std::string_view text) {
    std::string out = "prefix:";
    append_json_string(out, text);
    return out;
}

std::string number(double value) {
    std::string out;
    append_json_number(out, value);
    return out;
}

}  // namespace

TEST_CASE("append_json_string escapes what JSON needs and keeps the rest", "[util][json]") {
    SECTION("plain text is copied, after what the string already held") {
        CHECK(quoted("") == "prefix:\"\"");
        CHECK(quoted("Apache-2.0 OR MIT") == "prefix:\"Apache-2.0 OR MIT\"");
    }
    SECTION("quotes, backslashes and the short escapes") {
        CHECK(quoted("a\"b\\c/d") == "prefix:\"a\\\"b\\\\c/d\"");
        CHECK(quoted("\n\r\t\b\f") == "prefix:\"\\n\\r\\t\\b\\f\"");
    }
    SECTION("other control characters and DEL as \\u00XX") {
        CHECK(quoted(std::string("\x01\x1f\x7f", 3)) == "prefix:\"\\u0001\\u001f\\u007f\"");
        CHECK(quoted(std::string("a\0b", 3)) == "prefix:\"a\\u0000b\"");
    }
    SECTION("valid UTF-8 is kept as is") {
        CHECK(quoted("Z\xc3\xbcrich \xe2\x80\x94 \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x98\x80") ==
              "prefix:\"Z\xc3\xbcrich \xe2\x80\x94 \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x98\x80\"");
    }
    SECTION("invalid UTF-8 becomes U+FFFD, one per bad byte") {
        const std::string fffd = "\\ufffd";  // escaped, so the output stays ASCII
        CHECK(quoted("a\xff") == "prefix:\"a" + fffd + "\"");
        CHECK(quoted("\xc3") == "prefix:\"" + fffd + "\"");               // truncated
        CHECK(quoted("\xc0\xaf") == "prefix:\"" + fffd + fffd + "\"");    // overlong
        CHECK(quoted("\xed\xa0\x80") == "prefix:\"" + fffd + fffd + fffd + "\"");  // surrogate
        CHECK(quoted("\xf4\x90\x80\x80x") ==
              "prefix:\"" + fffd + fffd + fffd + fffd + "x\"");  // above U+10FFFF
        CHECK(quoted("\xe2\x80") == "prefix:\"" + fffd + fffd + "\"");
    }
    SECTION("long runs with escapes at the edges") {
        const std::string run(300, 'x');
        CHECK(quoted("\"" + run + "\n") == "prefix:\"\\\"" + run + "\\n\"");
    }
}

TEST_CASE("append_json_number writes integers bare and others with one decimal", "[util][json]") {
    CHECK(number(0) == "0");
    CHECK(number(10) == "10");
    CHECK(number(-3) == "-3");
    CHECK(number(99.5) == "99.5");
    CHECK(number(0.5) == "0.5");
    CHECK(number(-14.25) == "-14.2");  // "%.1f": the exact binary value, ties to even
    CHECK(number(0.05) == "0.1");
    CHECK(number(0.25) == "0.2");
    CHECK(number(2.675) == "2.7");
    CHECK(number(123456789012345.0) == "123456789012345");
    CHECK(number(1e15) == "1000000000000000.0");
    CHECK(number(-0.0) == "-0");
    CHECK(number(std::numeric_limits<double>::quiet_NaN()) == "null");
    CHECK(number(std::numeric_limits<double>::infinity()) == "null");
}

TEST_CASE("append_json_string finds a special byte at any offset of a long run", "[util][json]") {
    // Plain text is scanned sixteen (SSE2) or eight bytes at a time; a special byte may sit
    // anywhere in a block, or in the tail after the last whole block.
    const std::pair<std::string, std::string> specials[] = {
        {"\"", "\\\""}, {"\\", "\\\\"}, {"\n", "\\n"}, {"\x01", "\\u0001"}, {"\x1f", "\\u001f"},
        {"\x7f", "\\u007f"}, {"\xc3\xa9", "\xc3\xa9"}, {"\xff", "\\ufffd"}, {" ", " "},
        {"~", "~"}};
    for (const auto& [raw, escaped] : specials) {
        for (std::size_t at = 0; at < 40; ++at) {
            const std::string before(at, 'a');
            const std::string after(40 - at, 'b');
            INFO("offset " << at << ", byte " << static_cast<int>(static_cast<unsigned char>(raw[0])));
            CHECK(quoted(before + raw + after) == "prefix:\"" + before + escaped + after + "\"");
        }
    }
}

TEST_CASE("append_json_string escapes a byte at every position of strings of every length",
          "[util][json]") {
    // Strings shorter than a block, a whole block plus a tail (the tail is read again as the
    // last sixteen bytes, overlapping plain bytes already scanned), and several blocks.
    const std::pair<std::string, std::string> specials[] = {
        {"\"", "\\\""}, {"\\", "\\\\"}, {"\t", "\\t"}, {"\x7f", "\\u007f"},
        {"\xe2\x80\x94", "\xe2\x80\x94"}, {"\x80", "\\ufffd"}};
    for (const auto& [raw, escaped] : specials) {
        for (std::size_t length = 0; length <= 50; ++length) {
            for (std::size_t at = 0; at <= length; ++at) {
                const std::string before(at, 'p');
                const std::string after(length - at, 'q');
                INFO("length " << length << ", offset " << at);
                CHECK(quoted(before + raw + after) ==
                      "prefix:\"" + before + escaped + after + "\"");
            }
        }
    }
}

TEST_CASE("append_json_string escapes every control character, alone and in runs", "[util][json]") {
    const char* k_hex = "0123456789abcdef";
    std::string all;
    std::string expected;
    for (int c = 0; c < 0x20; ++c) {
        const std::string raw(1, static_cast<char>(c));
        const std::size_t short_escape = std::string("\b\t\n\f\r").find(raw[0]);
        const std::string escaped =
            short_escape != std::string::npos
                ? std::string("\\") + "btnfr"[short_escape]
                : std::string("\\u00") + k_hex[c >> 4] + k_hex[c & 0xf];
        CHECK(quoted(raw) == "prefix:\"" + escaped + "\"");
        all += raw + "ok";
        expected += escaped + "ok";
    }
    CHECK(quoted(all) == "prefix:\"" + expected + "\"");
    SECTION("escapes back to back, and after a long plain run") {
        const std::string run(37, 'r');
        CHECK(quoted(run + "\"\"\\\\\n\n") == "prefix:\"" + run + "\\\"\\\"\\\\\\\\\\n\\n\"");
        CHECK(quoted(run + "\xc3\xa9\xff" + run) ==
              "prefix:\"" + run + "\xc3\xa9\\ufffd" + run + "\"");
    }
}
