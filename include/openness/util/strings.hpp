#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace openness::util {

// ASCII only, on purpose: identifiers, keys and file names are compared the same in every locale.

// `c` lower-cased if it is an ASCII capital letter.
inline char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// `text` with its ASCII capital letters lower-cased.
std::string lower(std::string_view text);

// `text` with its ASCII small letters upper-cased.
std::string upper(std::string_view text);

// True when `a` and `b` are equal but for the case of ASCII letters.
bool iequals(std::string_view a, std::string_view b);

// True when `text` begins with `prefix`.
bool starts_with(std::string_view text, std::string_view prefix);

// True when `text` ends with `suffix`.
bool ends_with(std::string_view text, std::string_view suffix);

// starts_with and ends_with but for the case of ASCII letters.
bool istarts_with(std::string_view text, std::string_view prefix);
bool iends_with(std::string_view text, std::string_view suffix);

// The blanks of a line of text: space, tab, carriage return, newline.
inline constexpr std::string_view k_blanks = " \t\r\n";

// `text` without the leading and trailing characters that are in `blanks`.
std::string_view trim(std::string_view text, std::string_view blanks = k_blanks);

// `text` without the trailing characters that are in `blanks`.
std::string_view trim_right(std::string_view text, std::string_view blanks = k_blanks);

// True when `text` holds nothing but characters in `blanks` (or nothing at all).
bool is_blank(std::string_view text, std::string_view blanks = k_blanks);

// The parts of `text` between `separator`s, empty ones left out ("a//b/" gives "a", "b").
std::vector<std::string_view> split(std::string_view text, char separator);

// A character and the text that stands for it once escaped.
struct Replacement {
    char from;
    std::string_view to;
};

// `text` with each character that `replacements` names replaced by its text.
std::string replace_chars(std::string_view text, std::initializer_list<Replacement> replacements);

// Cuts the next line (without its '\n') off the front of `rest` into `line`; false once `rest`
// is empty, so text ending in '\n' has no empty last line.
bool next_line(std::string_view& rest, std::string_view& line);

// The byte order mark some editors put before UTF-8 text.
inline constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

// `text` without a leading byte order mark.
inline std::string_view without_bom(std::string_view text) {
    return starts_with(text, k_utf8_bom) ? text.substr(k_utf8_bom.size()) : text;
}

}  // namespace openness::util
