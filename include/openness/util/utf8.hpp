#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace openness::util {

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
