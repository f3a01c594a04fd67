#include "openness/util/json_writer.hpp"

#include "openness/util/json.hpp"
#include "openness/util/utf8.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace openness::util {

namespace {

// True for the bytes a JSON string holds as they are: printable ASCII but '"' and '\\'.
constexpr std::array<bool, 256> make_plain_table() {
    std::array<bool, 256> table{};
    for (std::size_t b = 0x20; b < 0x7f; ++b) {
        table[b] = b != '"' && b != '\\';
    }
    return table;
}

constexpr std::array<bool, 256> k_plain = make_plain_table();

// True when one of the eight bytes of `w` is not plain: below 0x20, '"', '\\', 0x7f or from
// 0x80 up. Each test is exact about whether any byte matches, so a word it passes is plain.
bool has_special_byte(std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t high = 0x8080808080808080ULL;
    const auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & high; };
    const std::uint64_t below_space = (w - ones * 0x20) & ~w & high;
    return ((w & high) | below_space | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\')) |
            has_zero(w ^ (ones * 0x7f))) != 0;
}

#ifdef __SSE2__
// One bit per byte of the sixteen at `data`, set where the byte is not plain.
unsigned special_mask(const char* data) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data));
    // As signed bytes, everything from 0x80 up is negative, so "less than 0x20" also catches the
    // bytes that start UTF-8 sequences.
    const __m128i special = _mm_or_si128(
        _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f))));
    return static_cast<unsigned>(_mm_movemask_epi8(special));
}
#endif

// The end of the run of plain bytes that starts at `i`: sixteen bytes at a time with SSE2 (every
// x86-64 CPU has it), else eight at a time in a 64-bit word, then byte by byte.
std::size_t plain_run_end(const char* data, std::size_t i, std::size_t size) {
#ifdef __SSE2__
    while (i + 16 <= size) {
        const unsigned mask = special_mask(data + i);
        if (mask != 0) {
            return i + static_cast<std::size_t>(__builtin_ctz(mask));
        }
        i += 16;
    }
    if (i < size && size >= 16) {
        // The last sixteen bytes, read again where they overlap bytes already known to be plain;
        // the shift drops those.
        const std::size_t base = size - 16;
        const unsigned mask = special_mask(data + base) >> (i - base);
        return mask != 0 ? i + static_cast<std::size_t>(__builtin_ctz(mask)) : size;
    }
#endif
    while (i + 8 <= size) {
        std::uint64_t word = 0;
        std::memcpy(&word, data + i, sizeof word);
        if (has_special_byte(word)) {
            break;
        }
        i += 8;
    }
    while (i < size && k_plain[static_cast<unsigned char>(data[i])]) {
        ++i;
    }
    return i;
}

// Appends the escape of one ASCII byte that is not plain.
void append_escape(std::string& out, char c) {
    switch (c) {
    case '"':
        out += "\\\"";
        break;
    case '\\':
        out += "\\\\";
        break;
    case '\n':
        out += "\\n";
        break;
    case '\r':
        out += "\\r";
        break;
    case '\t':
        out += "\\t";
        break;
    case '\b':
        out += "\\b";
        break;
    case '\f':
        out += "\\f";
        break;
    default: {
        // Control characters and DEL (the plain table sends nothing else here).
        constexpr const char* k_hex = "0123456789abcdef";
        const auto byte = static_cast<unsigned char>(c);
        out += "\\u00";
        out += k_hex[byte >> 4];
        out += k_hex[byte & 0xF];
    }
    }
}

// The JSON string literal of `text`, escaped per RFC 8259.
void append_plain_json_string(std::string& out, std::string_view text) {
    const std::size_t size = text.size();
    // Most text needs no escaping: a string that is one plain run costs one append.
    std::size_t i = plain_run_end(text.data(), 0, size);
    if (i == size) {
        const std::size_t start = out.size();
        out.append(size + 2, '"');
        if (size != 0) {
            std::memcpy(&out[start + 1], text.data(), size);
        }
        return;
    }
    out += '"';
    out.append(text.data(), i);
    while (i < size) {
        const char c = text[i];
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80) {
            // File names need not be UTF-8; JSON must be, so bad bytes become U+FFFD. C1
            // controls and bidirectional overrides are written as escapes, so the JSON shown on
            // a terminal is not changed by them (a reader gets the same characters).
            char32_t cp = 0;
            const std::size_t length = decode_utf8(text, i, cp);
            if (length == 0) {
                out += "\\ufffd";
                ++i;
            } else if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
                       (cp >= 0x2066 && cp <= 0x2069)) {
                char escape[8];
                std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(cp));
                out += escape;
                i += length;
            } else {
                out.append(text.data() + i, length);
                i += length;
            }
        } else {
            ++i;
            append_escape(out, c);
        }
        // Copy the plain run that follows in one append.
        const std::size_t run = plain_run_end(text.data(), i, size);
        out.append(text.data() + i, run - i);
        i = run;
    }
    out += '"';
}

// A CI runner reads `##[name]` anywhere in a line of output as a workflow command: in a string
// that holds one, each such '[' is written as \u005b, which every JSON reader reads back as '['.
void defuse_old_workflow_commands(std::string& out, std::size_t from) {
    std::size_t at = out.find("##[", from);
    while (at != std::string::npos) {
        out.replace(at + 2, 1, "\\u005b");
        at = out.find("##[", at + 8);
    }
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    if (text.find("##[") != std::string_view::npos) {
        const std::size_t from = out.size();
        append_plain_json_string(out, text);
        defuse_old_workflow_commands(out, from);
        return;
    }
    append_plain_json_string(out, text);
}

void append_json_number(std::string& out, double value) {
    if (!std::isfinite(value)) {
        out += "null";
        return;
    }
    // std::to_chars writes what "%.0f" / "%.1f" write (both round the exact binary value), without
    // printf's format parsing and locale work; this runs several times per verdict.
    char buffer[64];
    const std::to_chars_result written =
        value == std::floor(value) && std::fabs(value) < 1e15
            ? std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(value))
            : std::fabs(value) < 1e15
                  ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 1)
                  : std::to_chars_result{buffer, std::errc::value_too_large};
    if (written.ec == std::errc()) {
        if (value == 0 && std::signbit(value)) {
            out += '-';  // "%.0f" keeps the sign of -0.0; the integer conversion drops it
        }
        out.append(buffer, static_cast<std::size_t>(written.ptr - buffer));
        return;
    }
    // Huge values keep the old format, truncation to the buffer included.
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    out += buffer;
}

void append_json_decimal(std::string& out, double value, int decimals) {
    if (!std::isfinite(value)) {
        out += "null";
        return;
    }
    char buffer[64];
    const auto [end, ec] =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
    std::string_view text(buffer, ec == std::errc() ? static_cast<std::size_t>(end - buffer) : 0);
    if (text.find('.') != std::string_view::npos) {
        while (text.back() == '0') {
            text.remove_suffix(1);
        }
        if (text.back() == '.') {
            text.remove_suffix(1);
        }
    }
    out += text == "-0" ? std::string_view("0") : text;
}

void append_json_value(std::string& out, const JsonValue& value) {
    switch (value.kind()) {
    case JsonValue::Kind::null:
        out += "null";
        return;
    case JsonValue::Kind::boolean:
        out += value.as_bool() ? "true" : "false";
        return;
    case JsonValue::Kind::number: {
        char buffer[64];
        const std::to_chars_result written =
            value.is_integer() ? std::to_chars(buffer, buffer + sizeof buffer, value.as_integer())
                               : std::to_chars(buffer, buffer + sizeof buffer, value.as_number());
        out.append(buffer, static_cast<std::size_t>(written.ptr - buffer));
        return;
    }
    case JsonValue::Kind::string:
        append_json_string(out, value.as_string());
        return;
    case JsonValue::Kind::array: {
        out += '[';
        bool first = true;
        for (const JsonValue& item : value.items()) {
            out += first ? "" : ", ";
            first = false;
            append_json_value(out, item);
        }
        out += ']';
        return;
    }
    case JsonValue::Kind::object: {
        out += '{';
        bool first = true;
        for (const JsonValue::Member& member : value.members()) {
            out += first ? "" : ", ";
            first = false;
            append_json_string(out, member.first);
            out += ": ";
            append_json_value(out, member.second);
        }
        out += '}';
        return;
    }
    }
}

}  // namespace openness::util
