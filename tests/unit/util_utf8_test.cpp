#include "openness/util/utf8.hpp"

#include <catch2/catch.hpp>

#include <string>

using openness::util::decode_utf8, openness::util::utf8_sequence_length;

TEST_CASE("UTF-8 sequences are measured and checked", "[util][utf8]") {
    CHECK(utf8_sequence_length("a", 0) == 1);
    CHECK(utf8_sequence_length("\xC3\xA9", 0) == 2);
    CHECK(utf8_sequence_length("\xE2\x82\xAC", 0) == 3);
    CHECK(utf8_sequence_length("\xF0\x9F\x98\x80", 0) == 4);
    SECTION("malformed sequences are 0") {
        CHECK(utf8_sequence_length("\x80", 0) == 0);              // stray continuation byte
        CHECK(utf8_sequence_length("\xC0\xAF", 0) == 0);          // overlong
        CHECK(utf8_sequence_length("\xE0\x80\xAF", 0) == 0);      // overlong
        CHECK(utf8_sequence_length("\xED\xA0\x80", 0) == 0);      // surrogate
        CHECK(utf8_sequence_length("\xF4\x90\x80\x80", 0) == 0);  // past U+10FFFF
        CHECK(utf8_sequence_length(std::string_view("\xE2\x82", 2), 0) == 0);  // cut short
        CHECK(utf8_sequence_length("\xFF", 0) == 0);
    }
}

TEST_CASE("UTF-8 sequences decode to their code points", "[util][utf8]") {
    char32_t cp = 0;
    CHECK(decode_utf8("x\xC3\xA9", 1, cp) == 2);
    CHECK(cp == 0xE9);
    CHECK(decode_utf8("\xF0\x9F\x98\x80", 0, cp) == 4);
    CHECK(cp == 0x1F600);
    CHECK(decode_utf8("\xEF\xBF\xBD", 0, cp) == 3);
    CHECK(cp == 0xFFFD);
    CHECK(decode_utf8("\xED\xA0\x80", 0, cp) == 0);
}

TEST_CASE("check_utf8 names the first fault it meets", "[util][utf8]") {
    using openness::util::check_utf8;
    using openness::util::Utf8Fault;
    CHECK(check_utf8("\xC3\xA9", 0).length == 2);
    CHECK(check_utf8("\xC3\xA9", 0).fault == Utf8Fault::none);
    CHECK(check_utf8("\xFF", 0).fault == Utf8Fault::bad_lead);
    CHECK(check_utf8("\x80", 0).fault == Utf8Fault::bad_lead);
    CHECK(check_utf8(std::string_view("\xE2\x82", 2), 0).fault == Utf8Fault::truncated);
    CHECK(check_utf8("\xED\xA0\x80", 0).fault == Utf8Fault::bad_continuation);
    // A bad byte before the end is named, not the end itself.
    CHECK(check_utf8(std::string_view("\xF0\x41", 2), 0).fault == Utf8Fault::bad_continuation);
    CHECK(check_utf8(std::string_view("\xF0\x41", 2), 0).length == 0);
}
