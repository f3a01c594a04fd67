#pragma once

// How rubric/license-texts/corpus-1.json writes a text's word numbers as printable characters:
// shared by the library (which reads it) and tools/license_corpus.cpp (which writes it).
// A number n is q = n / k_terminal_digits written in bijective base k_continuation_digits with
// continuation characters, then n % k_terminal_digits as one terminal character; the most common
// words get the smallest numbers, so most take one character. No '"' or '\', so the text is a
// JSON string as it stands.

#include <cstdint>
#include <string>
#include <string_view>

namespace openness::license::corpus_codec {

constexpr std::uint32_t k_terminal_digits = 64;
constexpr std::uint32_t k_continuation_digits = 28;

// The i-th character of the 92 used: printable ASCII without '"' and '\'.
constexpr char digit_char(std::uint32_t i) {
    char c = static_cast<char>('!' + i);
    if (c >= '"') {
        ++c;
    }
    if (c >= '\\') {
        ++c;
    }
    return c;
}

// The digit a character stands for; -1 when it is not one.
constexpr int char_digit(char c) {
    if (c < '!' || c > '~' || c == '"' || c == '\\') {
        return -1;
    }
    int i = c - '!';
    if (c > '\\') {
        --i;
    }
    if (c > '"') {
        --i;
    }
    return i;
}

inline void append_number(std::uint32_t n, std::string& out) {
    std::uint32_t q = n / k_terminal_digits;
    std::string prefix;
    while (q > 0) {
        --q;
        prefix.insert(prefix.begin(),
                      digit_char(k_terminal_digits + q % k_continuation_digits));
        q /= k_continuation_digits;
    }
    out += prefix;
    out += digit_char(n % k_terminal_digits);
}

// Reads the next number at `pos`; false at the end or on a character that is not a digit.
inline bool read_number(std::string_view text, std::size_t& pos, std::uint32_t& n) {
    std::uint64_t q = 0;
    while (pos < text.size()) {
        const int d = char_digit(text[pos++]);
        if (d < 0) {
            return false;
        }
        const auto digit = static_cast<std::uint32_t>(d);
        if (digit < k_terminal_digits) {
            const std::uint64_t value = q * k_terminal_digits + digit;
            if (value > 0xFFFFFFFFu) {
                return false;
            }
            n = static_cast<std::uint32_t>(value);
            return true;
        }
        q = q * k_continuation_digits + (digit - k_terminal_digits) + 1;
        if (q > 0xFFFFFFFFu) {
            return false;
        }
    }
    return false;
}

}  // namespace openness::license::corpus_codec
