#include "openness/util/printable.hpp"

#include "openness/util/utf8.hpp"

namespace openness::util {

namespace {

constexpr char k_hex[] = "0123456789abcdef";

void append_hex_byte(std::string& out, unsigned char byte) {
    out += "\\x";
    out += k_hex[byte >> 4U];
    out += k_hex[byte & 0xFU];
}

void append_code_point(std::string& out, char32_t cp) {
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) {
        out += k_hex[(cp >> static_cast<unsigned>(shift)) & 0xFU];
    }
}

// Code points that change how a terminal shows what follows: C1 controls and the Unicode
// bidirectional embeddings, overrides and isolates (the "Trojan Source" characters).
bool is_invisible_control(char32_t cp) {
    return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

// A byte that stands for itself wherever it is: printable ASCII other than the two that may
// start a workflow command ("::", "##[").
bool plain_ascii(unsigned char byte) {
    return byte >= 0x20 && byte < 0x7F && byte != ':' && byte != '[';
}

}  // namespace

bool starts_workflow_command(std::string_view text, std::size_t i) {
    if (text.compare(i, 2, "::") != 0) {
        return false;
    }
    if (i == 0) {
        return true;
    }
    // The runner trims leading white space, Unicode's included, before it looks for "::".
    const auto before = static_cast<unsigned char>(text[i - 1]);
    return before == ' ' || before == '\t' || before == '\n' || before == '\r' || before >= 0x80;
}

void append_printable(std::string& out, std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        // Most text is plain ASCII: copy each such run at once (the batch's CSV writes every
        // cell through here).
        std::size_t run = i;
        while (run < text.size() && plain_ascii(static_cast<unsigned char>(text[run]))) {
            ++run;
        }
        if (run != i) {
            out.append(text.data() + i, run - i);
            i = run;
            continue;
        }
        char32_t cp = 0;
        const std::size_t length = decode_utf8(text, i, cp);
        if (length == 0) {
            append_hex_byte(out, static_cast<unsigned char>(text[i]));
            ++i;
            continue;
        }
        if (cp == '\n') {
            out += "\\n";
        } else if (cp == '\r') {
            out += "\\r";
        } else if (cp == '\t') {
            out += "\\t";
        } else if (cp < 0x20 || cp == 0x7F) {
            append_hex_byte(out, static_cast<unsigned char>(cp));
        } else if (is_invisible_control(cp)) {
            append_code_point(out, cp);
        } else if (cp == '[' && i >= 2 && text[i - 1] == '#' && text[i - 2] == '#') {
            out += "\\x5b";
        } else if (cp == ':' && starts_workflow_command(text, i)) {
            out += "\\x3a";
        } else {
            out.append(text.substr(i, length));
        }
        i += length;
    }
}

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    append_printable(out, text);
    return out;
}

}  // namespace openness::util
