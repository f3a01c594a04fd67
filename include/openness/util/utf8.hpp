#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace openness::util {

// What is wrong with the bytes at text[i] as UTF-8: nothing, their first byte (a stray
// continuation byte, or one no UTF-8 starts with), the text ending within the sequence, or a later
// byte (an overlong form, a surrogate, a code point past U+10FFFF).
enum class Utf8Fault { none, bad_lead, truncated, bad_continuation };

struct Utf8Check {
    std::size_t length = 0;  // 1 to 4 when well-formed, else 0
    Utf8Fault fault = Utf8Fault::none;
};

// Checks the UTF-8 sequence at text[i] byte by byte; the fault is the first problem met.
Utf8Check check_utf8(std::string_view text, std::size_t i);

// Bytes of the well-formed UTF-8 character at text[i]: 1 for ASCII, 2 to 4 for a multi-byte
// sequence, 0 when the bytes there are not UTF-8 (a stray continuation byte, an overlong form, a
// surrogate, a code point past U+10FFFF, or a sequence cut short).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

// Like utf8_sequence_length, and stores the character's code point when it is well-formed.
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& code_point);

// Appends the UTF-8 encoding of a code point (at most U+10FFFF, not a surrogate).
void append_utf8(std::string& out, char32_t code_point);

// Byte offset of the first byte that does not start a valid UTF-8 sequence; nullopt when all of
// `text` is UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

}  // namespace openness::util
