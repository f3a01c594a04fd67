#pragma once

#include <string>
#include <string_view>

namespace openness::util {

class JsonValue;

// Appends `text` as a JSON string literal (quotes included), escaping per RFC 8259: bytes that
// are not UTF-8 become U+FFFD, C1 controls and bidirectional overrides \u escapes, and the `[` of
// `##[` (a CI runner's command opener) \u005b.
void append_json_string(std::string& out, std::string_view text);

// Appends a number the way reports show scores: integers without a fraction, else one decimal.
void append_json_number(std::string& out, double value);

// Appends a number with up to `decimals` fraction digits, trailing zeros dropped (83.33, 100).
void append_json_decimal(std::string& out, double value, int decimals);

// Appends a parsed value as compact JSON that parses back to the same value: integers as
// integers, other numbers in the shortest form that reads back exactly.
void append_json_value(std::string& out, const JsonValue& value);

}  // namespace openness::util
