#include "openness/util/json.hpp"

#include "openness/util/strings.hpp"
#include "openness/util/utf8.hpp"

#include <fmt/format.h>

#include <cassert>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

namespace openness::util {

bool JsonValue::as_bool() const {
    assert(m_kind == Kind::boolean);
    return m_bool;
}

double JsonValue::as_number() const {
    assert(m_kind == Kind::number);
    return m_number;
}

bool JsonValue::is_integer() const {
    return m_kind == Kind::number && m_integer;
}

std::int64_t JsonValue::as_integer() const {
    assert(is_integer());
    return m_int;
}

const std::string& JsonValue::as_string() const {
    assert(m_kind == Kind::string);
    return m_string;
}

const std::vector<JsonValue>& JsonValue::items() const {
    assert(m_kind == Kind::array);
    return m_items;
}

const std::vector<JsonValue::Member>& JsonValue::members() const {
    assert(m_kind == Kind::object);
    return m_members;
}

const JsonValue* JsonValue::find(std::string_view key) const {
    if (m_kind != Kind::object) {
        return nullptr;
    }
    for (const Member& member : m_members) {
        if (member.first == key) {
            return &member.second;
        }
    }
    return nullptr;
}

const char* JsonValue::kind_name(Kind kind) {
    return util::enum_name(kind,
                           {"null", "a boolean", "a number", "a string", "an array", "an object"});
}

namespace {

// Objects up to this many members check keys for duplicates by a plain scan.
constexpr std::size_t k_linear_key_search = 32;

// Thrown inside the parser only; parse_json turns it into a diagnostic.
struct ParseFailure {
    std::size_t offset;
    std::string message;
};

std::string describe_byte(unsigned char c) {
    if (c >= 0x21 && c < 0x7f) {
        return fmt::format("'{}'", static_cast<char>(c));
    }
    return fmt::format("byte 0x{:02x}", c);
}

// Moves `pos` past JSON whitespace (space, tab, CR, LF) in `text`; at each LF it counts a line
// and records where the next one starts, so positions can be given as line:column.
void skip_json_whitespace(std::string_view text, std::size_t& pos, std::size_t& line,
                          std::size_t& line_start) {
    while (pos < text.size()) {
        const char c = text[pos];
        if (c == '\n') {
            ++line;
            line_start = pos + 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            return;
        }
        ++pos;
    }
}

// The character a one-letter JSON escape stands for (`n` for "\n": a newline); '\0' for `u`,
// which four hex digits follow, and for letters JSON does not define.
char json_escape_char(char letter) {
    switch (letter) {
    case '"':
    case '\\':
    case '/':
        return letter;
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    default:
        return '\0';
    }
}

}  // namespace

namespace detail {

class JsonParser {
public:
    JsonParser(std::string_view text, const JsonLimits& limits, const std::string& source)
        : m_text(text), m_limits(limits), m_source(&source) {}

    JsonValue parse_document() {
        if (m_text.size() >= 3 && m_text.substr(0, 3) == "\xEF\xBB\xBF") {
            m_pos = 3;
            m_line_start = 3;
        }
        skip_whitespace();
        if (m_pos == m_text.size()) {
            fail(m_pos, m_text.empty() ? "empty input" : "no JSON value, only whitespace");
        }
        JsonValue value = parse_value(0);
        skip_whitespace();
        if (m_pos != m_text.size()) {
            fail(m_pos, "trailing characters after the JSON value");
        }
        return value;
    }

    std::vector<Diagnostic>& warnings() { return m_warnings; }

    // Line and column (1-based, column in bytes) of an offset.
    Location location_of(std::size_t offset) const {
        // Offsets at or after the current line start are cheap; others are recounted.
        if (offset >= m_line_start) {
            return {m_line, offset - m_line_start + 1};
        }
        std::size_t line = 1;
        std::size_t start = 0;
        for (std::size_t i = 0; i < offset && i < m_text.size(); ++i) {
            if (m_text[i] == '\n') {
                ++line;
                start = i + 1;
            }
        }
        return {line, offset - start + 1};
    }

private:
    [[noreturn]] void fail(std::size_t offset, std::string message) const {
        throw ParseFailure{offset, std::move(message)};
    }

    Location here() const { return {m_line, m_pos - m_line_start + 1}; }

    void skip_whitespace() { skip_json_whitespace(m_text, m_pos, m_line, m_line_start); }

    unsigned char peek() const { return static_cast<unsigned char>(m_text[m_pos]); }

    JsonValue parse_value(std::size_t depth) {
        if (m_pos == m_text.size()) {
            fail(m_pos, "unexpected end of input, expected a value");
        }
        // A value costs about 130 bytes however short its text ("0,"), so the count, not the
        // file size, bounds the memory of the tree.
        if (++m_values > m_limits.max_values) {
            fail(m_pos, fmt::format("more than {} values in one document", m_limits.max_values));
        }
        const Location at = here();
        switch (m_text[m_pos]) {
        case '{':
            return parse_object(depth + 1);
        case '[':
            return parse_array(depth + 1);
        case '"': {
            JsonValue string(JsonValue::Kind::string, at);
            string.m_string = parse_string();
            return string;
        }
        case 't':
        case 'f': {
            JsonValue boolean(JsonValue::Kind::boolean, at);
            boolean.m_bool = m_text[m_pos] == 't';
            expect_word(boolean.m_bool ? "true" : "false");
            return boolean;
        }
        case 'n':
            expect_word("null");
            return JsonValue(JsonValue::Kind::null, at);
        default:
            if (m_text[m_pos] == '-' || (m_text[m_pos] >= '0' && m_text[m_pos] <= '9')) {
                return parse_number();
            }
            fail(m_pos, "expected a value, got " + describe_byte(peek()));
        }
    }

    void expect_word(std::string_view word) {
        if (m_text.substr(m_pos, word.size()) != word) {
            fail(m_pos, "expected a value, got " + describe_byte(peek()));
        }
        m_pos += word.size();
    }

    void check_depth(std::size_t depth) const {
        if (depth > m_limits.max_depth) {
            fail(m_pos, fmt::format("nesting deeper than {} levels", m_limits.max_depth));
        }
    }

    JsonValue parse_array(std::size_t depth) {
        check_depth(depth);
        const Location at = here();
        ++m_pos;  // '['
        JsonValue array(JsonValue::Kind::array, at);
        std::vector<JsonValue>& items = array.m_items;
        if (closes_at_once(']')) {
            return array;
        }
        for (;;) {
            skip_whitespace();
            if (items.size() >= m_limits.max_members) {
                fail(m_pos, fmt::format("more than {} items in one array", m_limits.max_members));
            }
            items.push_back(parse_value(depth));
            if (!another_entry(']', "an array", "an array item")) {
                return array;
            }
        }
    }

    JsonValue parse_object(std::size_t depth) {
        check_depth(depth);
        const Location at = here();
        ++m_pos;  // '{'
        JsonValue object(JsonValue::Kind::object, at);
        std::vector<JsonValue::Member>& members = object.m_members;
        std::vector<Location> key_locations;  // where each member's key is, for duplicates
        // Duplicate keys are looked up in a hash map once an object is large, so a document
        // with many keys costs linear time, not quadratic.
        std::unordered_map<std::string, std::size_t> large_object_keys;
        if (closes_at_once('}')) {
            return object;
        }
        for (;;) {
            skip_whitespace();
            if (m_pos == m_text.size()) {
                fail(m_pos, "unexpected end of input, expected a member name in an object");
            }
            if (m_text[m_pos] != '"') {
                fail(m_pos, "expected a member name in double quotes, got " + describe_byte(peek()));
            }
            if (members.size() >= m_limits.max_members) {
                fail(m_pos,
                     fmt::format("more than {} members in one object", m_limits.max_members));
            }
            const std::size_t key_offset = m_pos;
            const Location key_at = here();
            std::string key = parse_string();
            skip_whitespace();
            if (m_pos == m_text.size()) {
                fail(m_pos, "unexpected end of input, expected ':' after a member name");
            }
            if (m_text[m_pos] != ':') {
                fail(m_pos, "expected ':' after a member name, got " + describe_byte(peek()));
            }
            ++m_pos;
            skip_whitespace();
            JsonValue value = parse_value(depth);
            // A key given twice is an error: readers disagree about which one counts (jq,
            // Python and JavaScript take the last), so one file could mean two things.
            std::size_t first = members.size();
            if (members.size() < k_linear_key_search) {
                for (std::size_t m = 0; m < members.size(); ++m) {
                    if (members[m].first == key) {
                        first = m;
                        break;
                    }
                }
            } else {
                if (large_object_keys.empty()) {
                    for (std::size_t m = 0; m < members.size(); ++m) {
                        large_object_keys.emplace(members[m].first, m);
                    }
                }
                first = large_object_keys.emplace(key, members.size()).first->second;
            }
            if (first != members.size()) {
                const Location was = key_locations[first];
                fail(key_offset, duplicate_key_message(key, was));
            }
            members.emplace_back(std::move(key), std::move(value));
            key_locations.push_back(key_at);
            if (!another_entry('}', "an object", "an object member")) {
                return object;
            }
        }
    }

    // True past `close` when it follows the opening bracket at once (an empty container).
    bool closes_at_once(char close) {
        skip_whitespace();
        if (m_pos < m_text.size() && m_text[m_pos] == close) {
            ++m_pos;
            return true;
        }
        return false;
    }

    // After an entry of `container`: true past a ',' (another entry follows), false past `close`
    // (the container ends); anything else fails.
    bool another_entry(char close, const char* container, const char* entry) {
        skip_whitespace();
        if (m_pos == m_text.size()) {
            fail(m_pos, fmt::format("unexpected end of input, expected ',' or '{}' in {}", close,
                                    container));
        }
        const char c = m_text[m_pos];
        if (c != ',' && c != close) {
            fail(m_pos, fmt::format("expected ',' or '{}' after {}, got {}", close, entry,
                                    describe_byte(peek())));
        }
        ++m_pos;
        return c == ',';
    }

    unsigned read_hex4(std::size_t at) const {
        if (at + 4 > m_text.size()) {
            fail(at, "unexpected end of input in a \\u escape");
        }
        unsigned value = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            const char c = m_text[at + i];
            value <<= 4U;
            if (c >= '0' && c <= '9') {
                value |= static_cast<unsigned>(c - '0');
            } else if (c >= 'a' && c <= 'f') {
                value |= static_cast<unsigned>(c - 'a' + 10);
            } else if (c >= 'A' && c <= 'F') {
                value |= static_cast<unsigned>(c - 'A' + 10);
            } else {
                fail(at + i, "invalid \\u escape: expected four hex digits");
            }
        }
        return value;
    }

    // Validates one UTF-8 sequence at m_pos and appends it; fails on anything malformed.
    void copy_utf8(std::string& out) {
        const Utf8Check sequence = check_utf8(m_text, m_pos);
        switch (sequence.fault) {
            case Utf8Fault::none:
                break;
            case Utf8Fault::bad_lead:
                fail(m_pos, "invalid UTF-8 " + describe_byte(peek()));
            case Utf8Fault::truncated:
                fail(m_pos, "truncated UTF-8 sequence");
            case Utf8Fault::bad_continuation:
                fail(m_pos, "invalid UTF-8 sequence starting with " + describe_byte(peek()));
        }
        out.append(m_text.substr(m_pos, sequence.length));
        m_pos += sequence.length;
    }

    std::string parse_string() {
        const std::size_t start = m_pos;
        ++m_pos;  // opening quote
        std::string out;
        for (;;) {
            // Copy the plain run in one go.
            std::size_t run = m_pos;
            while (run < m_text.size()) {
                const auto c = static_cast<unsigned char>(m_text[run]);
                if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) {
                    break;
                }
                ++run;
            }
            out.append(m_text.substr(m_pos, run - m_pos));
            m_pos = run;
            if (out.size() > m_limits.max_string_bytes) {
                fail(start, fmt::format("string longer than {} bytes", m_limits.max_string_bytes));
            }
            if (m_pos == m_text.size()) {
                fail(start, "unterminated string");
            }
            const unsigned char c = peek();
            if (c == '"') {
                ++m_pos;
                return out;
            }
            if (c >= 0x80) {
                copy_utf8(out);
                continue;
            }
            if (c < 0x20) {
                fail(m_pos, fmt::format("control character U+{:04X} in a string must be escaped",
                                        static_cast<unsigned>(c)));
            }
            parse_escape(out);
        }
    }

    void parse_escape(std::string& out) {
        const std::size_t at = m_pos;
        if (m_pos + 1 >= m_text.size()) {
            fail(at, "unexpected end of input in an escape");
        }
        const char e = m_text[m_pos + 1];
        m_pos += 2;
        if (e != 'u') {
            const char decoded = json_escape_char(e);
            if (decoded == '\0') {
                fail(at, "invalid escape '\\" + std::string(1, e) + "' in a string");
            }
            out += decoded;
            return;
        }
        unsigned code = read_hex4(m_pos);
        m_pos += 4;
        if (code >= 0xDC00 && code <= 0xDFFF) {
            fail(at, "lone low surrogate in a \\u escape");
        }
        if (code >= 0xD800 && code <= 0xDBFF) {
            if (m_pos + 1 >= m_text.size() || m_text[m_pos] != '\\' || m_text[m_pos + 1] != 'u') {
                fail(at, "lone high surrogate in a \\u escape");
            }
            const unsigned low = read_hex4(m_pos + 2);
            if (low < 0xDC00 || low > 0xDFFF) {
                fail(at, "lone high surrogate in a \\u escape");
            }
            m_pos += 6;
            code = 0x10000 + ((code - 0xD800) << 10U) + (low - 0xDC00);
        }
        append_utf8(out, code);
    }

    JsonValue parse_number() {
        const Location at = here();
        const std::size_t start = m_pos;
        auto digit = [&](std::size_t i) {
            return i < m_text.size() && m_text[i] >= '0' && m_text[i] <= '9';
        };
        std::size_t i = m_pos;
        if (m_text[i] == '-') {
            ++i;
        }
        if (!digit(i)) {
            fail(i, "expected a digit in a number");
        }
        if (m_text[i] == '0') {
            ++i;
            if (digit(i)) {
                fail(i, "leading zeros are not allowed in a number");
            }
        } else {
            while (digit(i)) {
                ++i;
            }
        }
        bool integer = true;
        if (i < m_text.size() && m_text[i] == '.') {
            integer = false;
            ++i;
            if (!digit(i)) {
                fail(i, "expected a digit after the decimal point");
            }
            while (digit(i)) {
                ++i;
            }
        }
        if (i < m_text.size() && (m_text[i] == 'e' || m_text[i] == 'E')) {
            integer = false;
            ++i;
            if (i < m_text.size() && (m_text[i] == '+' || m_text[i] == '-')) {
                ++i;
            }
            if (!digit(i)) {
                fail(i, "expected a digit in the exponent");
            }
            while (digit(i)) {
                ++i;
            }
        }
        m_pos = i;
        const std::string_view token = m_text.substr(start, i - start);
        std::int64_t int_value = 0;
        if (integer) {
            const auto [end, ec] =
                std::from_chars(token.data(), token.data() + token.size(), int_value);
            integer = ec == std::errc() && end == token.data() + token.size();
        }
        double value = 0.0;
        const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
        if (ec == std::errc::result_out_of_range) {
            // Underflow to zero is harmless; overflow to infinity is not a number JSON can mean.
            if (std::fabs(std::strtod(std::string(token).c_str(), nullptr)) == HUGE_VAL) {
                fail(start, "number out of range");
            }
            value = 0.0;
        } else if (ec != std::errc() || end != token.data() + token.size()) {
            fail(start, "invalid number");
        }
        JsonValue number(JsonValue::Kind::number, at);
        number.m_number = value;
        number.m_integer = integer;
        number.m_int = int_value;
        return number;
    }

    std::string_view m_text;
    const JsonLimits& m_limits;
    const std::string* m_source;
    std::size_t m_pos = 0;
    std::size_t m_line = 1;
    std::size_t m_line_start = 0;
    std::size_t m_values = 0;
    std::vector<Diagnostic> m_warnings;
};

}  // namespace detail

JsonParseResult parse_json(std::string_view text, const std::string& source,
                           const JsonLimits& limits) {
    JsonParseResult result;
    detail::JsonParser parser(text, limits, source);
    try {
        result.value = parser.parse_document();
    } catch (const ParseFailure& failure) {
        result.error = Diagnostic{Severity::error, source, parser.location_of(failure.offset), "",
                                  failure.message};
    }
    result.warnings = std::move(parser.warnings());
    return result;
}

bool expect_kind(const JsonValue& value, JsonValue::Kind kind, const std::string& path,
                 DiagnosticSink& sink) {
    if (value.kind() == kind) {
        return true;
    }
    sink.error(value.location(), path,
               fmt::format("expected {}, got {}", JsonValue::kind_name(kind),
                           JsonValue::kind_name(value.kind())));
    return false;
}

}  // namespace openness::util
