#include "openness/report/neutralise.hpp"

#include "openness/util/printable.hpp"
#include "openness/util/strings.hpp"
#include "openness/util/utf8.hpp"

#include "reporters.hpp"

#include <algorithm>

namespace openness::report {

namespace {

constexpr const char* k_replacement = "\xEF\xBF\xBD";
// U+200B as an entity: Markdown renders nothing, but a mention or link no longer matches.
constexpr const char* k_zero_width_space = "&#8203;";

// C1 controls and the bidirectional embeddings, overrides and isolates: invisible characters
// that change how what follows is shown.
bool is_c1(char32_t cp) {
    return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

// `##[` anywhere: the runner's older command syntax.
bool opens_old_command(std::string_view text, std::size_t i) {
    return text[i] == '[' && i >= 2 && text[i - 1] == '#' && text[i - 2] == '#';
}

bool is_ascii_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A character HTML and XML keep as it is, except the runner's command openers (`##[` anywhere,
// `::` where a line could start), whose first character becomes a character reference.
void append_markup_character(std::string& out, std::string_view text, char32_t cp, std::size_t i,
                             std::size_t length) {
    if (opens_old_command(text, i)) {
        out += "&#91;";
    } else if (cp == ':' && util::starts_workflow_command(text, i)) {
        out += "&#58;";
    } else {
        out.append(text.substr(i, length));
    }
}

// Calls `each(cp, i, length)` for each well-formed character of `text`, which returns the bytes
// it used (more than `length` when it took the next character too); each byte that is not UTF-8
// appends U+FFFD to `out` instead.
template <typename Each>
void for_each_character(std::string_view text, std::string& out, Each each) {
    std::size_t i = 0;
    while (i < text.size()) {
        char32_t cp = 0;
        const std::size_t length = util::decode_utf8(text, i, cp);
        if (length == 0) {
            out += k_replacement;
            ++i;
            continue;
        }
        i += each(cp, i, length);
    }
}

}  // namespace

std::string terminal_text(std::string_view text) {
    return util::printable(text);
}

void append_csv_field(std::string& out, std::string_view text) {
    // Written in place (every cell of a batch's CSV comes through here); copied only to quote.
    const std::size_t start = out.size();
    util::append_printable(out, text);
    if (out.size() != start) {
        const char first = out[start];
        // printable has already written a tab or CR as `\t` / `\r`, so only the four remain.
        if (first == '=' || first == '+' || first == '-' || first == '@') {
            out.insert(out.begin() + static_cast<std::ptrdiff_t>(start), '\'');
        }
    }
    if (out.find_first_of(",\"\r\n", start) == std::string::npos) {
        return;
    }
    const std::string cell = out.substr(start);
    out.resize(start);
    out += '"';
    for (const char c : cell) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
}

std::string markdown_text(std::string_view text, bool in_cell) {
    std::string out;
    out.reserve(text.size() + 8);
    const std::size_t digits = text.find_first_not_of("0123456789");
    const std::size_t number_end =
        digits != 0 && digits != std::string_view::npos &&
                (text[digits] == '.' || text[digits] == ')')
            ? digits
            : std::string_view::npos;
    for_each_character(text, out, [&](char32_t cp, std::size_t i, std::size_t length) {
        const char c = text[i];
        if ((i == 0 && (c == '#' || c == '-' || c == '+' || c == '=' || c == ':')) ||
            i == number_end) {
            out += '\\';
            out += c;
            return length;
        }
        switch (cp) {
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '<':
        case '>':
        case '|':
        case '~':
        case '&':
            out += '\\';
            out += c;
            break;
        case '@':
            // A mention pings a user or team; a zero-width space after '@' stops it.
            // (After a letter or digit it is an address or a version, as in openness@1.0.)
            out += '@';
            if (i + 1 < text.size() && (is_ascii_alnum(text[i + 1]) || text[i + 1] == '-') &&
                (i == 0 || !(is_ascii_alnum(text[i - 1]) || text[i - 1] == '_'))) {
                out += k_zero_width_space;
            }
            break;
        case ':':
            // A bare URL becomes a link (GFM autolinks); a zero-width space in `://` stops it.
            out += ':';
            if (text.compare(i + 1, 2, "//") == 0) {
                out += k_zero_width_space;
            }
            break;
        case '.':
            if (i >= 3 && (text.compare(i - 3, 3, "www") == 0 || text.compare(i - 3, 3, "WWW") == 0)) {
                out += k_zero_width_space;
            }
            out += '.';
            break;
        case '#':
            // `#123` and `owner/repo#123` link an issue.
            out += '#';
            if (i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9') {
                out += k_zero_width_space;
            }
            break;
        case '\r':
        case '\n':
            out += in_cell ? "<br>" : " ";
            return c == '\r' && i + 1 < text.size() && text[i + 1] == '\n' ? 2 : length;
        default:
            // Other control characters mean nothing in Markdown and can upset renderers.
            if (cp < 0x20 || cp == 0x7F) {
                out += ' ';
            } else if (is_c1(cp)) {
                out += k_replacement;
            } else {
                out.append(text.substr(i, length));
            }
        }
        return length;
    });
    return out;
}

std::string markdown_code(std::string_view text, bool in_cell) {
    std::string body;
    body.reserve(text.size());
    std::size_t run = 0;
    std::size_t longest = 0;
    for_each_character(text, body, [&](char32_t cp, std::size_t i, std::size_t length) {
        run = cp == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
        if (cp == '\r' || cp == '\n') {
            body += ' ';
        } else if (cp == '|' && in_cell) {
            body += "\\|";
        } else if (cp < 0x20 || cp == 0x7F || is_c1(cp)) {
            body += k_replacement;
        } else {
            body.append(text.substr(i, length));
        }
        return length;
    });
    const std::string fence(longest + 1, '`');
    const bool pad = longest != 0 || body.empty() || body.front() == ' ' || body.back() == ' ';
    return pad ? fence + " " + body + " " + fence : fence + body + fence;
}

std::string html_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for_each_character(text, out, [&](char32_t cp, std::size_t i, std::size_t length) {
        if (const char* entity = markup_entity(cp)) {
            out += entity;
        } else if (cp == '\'') {
            out += "&#39;";
        } else if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F || is_c1(cp)) {
            out += k_replacement;
        } else {
            append_markup_character(out, text, cp, i, length);
        }
        return length;
    });
    return out;
}

std::string html_url(std::string_view url) {
    if (!util::istarts_with(url, "http://") && !util::istarts_with(url, "https://")) {
        return "";
    }
    // A URL with white space or control characters is not one a browser should be sent to.
    for (const char c : url) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) {
            return "";
        }
    }
    return html_text(url);
}

std::string github_data(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for_each_character(text, out, [&](char32_t cp, std::size_t i, std::size_t length) {
        switch (cp) {
        case '%':
            out += "%25";
            break;
        case '\r':
            out += "%0D";
            break;
        case '\n':
            out += "%0A";
            break;
        default:
            // The log shows the command line as it is: no terminal controls in it.
            if ((cp < 0x20 && cp != '\t') || cp == 0x7F || is_c1(cp)) {
                out += k_replacement;
            } else {
                out.append(text.substr(i, length));
            }
        }
        return length;
    });
    return out;
}

std::string github_property(std::string_view text) {
    return util::replace_chars(github_data(text), {{':', "%3A"}, {',', "%2C"}});
}

void append_xml(std::string& out, std::string_view text, bool attribute) {
    for_each_character(text, out, [&](char32_t cp, std::size_t i, std::size_t length) {
        if (const char* entity = markup_entity(cp)) {
            out += entity;
            return length;
        }
        switch (cp) {
        case '\'':
            out += "&apos;";
            break;
        case '\t':
            out += attribute ? "&#9;" : "\t";
            break;
        case '\n':
            out += attribute ? "&#10;" : "\n";
            break;
        case '\r':
            out += "&#13;";  // a raw CR would be read back as LF
            break;
        default:
            if (cp < 0x20 || cp == 0x7F || is_c1(cp) || cp == 0xFFFE || cp == 0xFFFF) {
                out += k_replacement;
            } else {
                append_markup_character(out, text, cp, i, length);
            }
        }
        return length;
    });
}

}  // namespace openness::report
