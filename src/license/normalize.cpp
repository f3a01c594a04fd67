// The SPDX License List Matching Guidelines' normalisation, reduced to words: what the
// guidelines call insignificant (case, whitespace, punctuation, quotes, dashes, bullets and list
// numbering, copyright notices, varietal spellings, http/https) never reaches the word list.
#include "openness/license/identify.hpp"

#include "openness/util/strings.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace openness::license {

namespace {

// Decodes one UTF-8 code point at `pos`; returns 0xFFFD and advances one byte on a bad sequence.
char32_t decode(std::string_view text, std::size_t& pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
        ++pos;
        return lead;
    }
    std::size_t length = 0;
    char32_t value = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        value = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        value = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        value = lead & 0x07;
    } else {
        ++pos;
        return 0xFFFD;
    }
    if (pos + length > text.size()) {
        ++pos;
        return 0xFFFD;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(pos + i) & 0xC0) != 0x80) {
            ++pos;
            return 0xFFFD;
        }
        value = (value << 6) | (byte(pos + i) & 0x3F);
    }
    pos += length;
    return value;
}

// Letters and digits of any script make words; everything the guidelines treat as punctuation,
// spacing, quotes, dashes, bullets and symbols separates them.
bool is_word_char(char32_t c) {
    if (c < 0x80) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    return !(c <= 0xBF ||                        // Latin-1 punctuation, no-break space, ©, «»
             c == 0xD7 || c == 0xF7 ||           // × ÷
             (c >= 0x2000 && c <= 0x2BFF) ||     // general punctuation, arrows, symbols, shapes
             (c >= 0x3000 && c <= 0x303F) ||     // CJK punctuation
             (c >= 0xFE30 && c <= 0xFE4F) ||     // CJK compatibility forms
             (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
             (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
             c == 0xFEFF || c == 0xFFFD);
}

struct RawWord {
    std::string word;       // lower-cased (ASCII letters only; other scripts as written)
    char32_t after = ' ';   // the character right after it on its line
};

// The words of one line, each with the character that follows it.
std::vector<RawWord> split_line(std::string_view line, bool& symbol_first) {
    std::vector<RawWord> words;
    std::size_t pos = 0;
    std::string current;
    while (pos < line.size()) {
        const std::size_t start = pos;
        const char32_t c = decode(line, pos);
        if (is_word_char(c)) {
            if (c < 0x80) {
                current += util::lower(static_cast<char>(c));
            } else {
                current.append(line.substr(start, pos - start));
            }
            continue;
        }
        if (c == 0xA9 && words.empty() && current.empty()) {  // © before any word
            symbol_first = true;
        }
        if (!current.empty()) {
            words.push_back({std::move(current), c});
            current.clear();
        }
    }
    if (!current.empty()) {
        words.push_back({std::move(current), ' '});
    }
    return words;
}

bool all_digits(std::string_view word) {
    for (const char c : word) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return !word.empty();
}

bool is_roman(std::string_view word) {
    if (word.empty() || word.size() > 5) {
        return false;
    }
    for (const char c : word) {
        if (c != 'i' && c != 'v' && c != 'x') {
            return false;
        }
    }
    return true;
}

// How many leading words are list markers ("1.", "4.1", "(a)", "iv)", "b.") and not text.
std::size_t list_marker_words(const std::vector<RawWord>& words) {
    std::size_t i = 0;
    while (i < words.size()) {
        const RawWord& w = words[i];
        const bool closes = w.after == '.' || w.after == ')' || w.after == ']' || w.after == ':';
        if (all_digits(w.word) && w.word.size() <= 3) {
            // "4.1 Grant": a dotted number is a marker even without a closing mark.
            std::size_t j = i;
            while (j + 1 < words.size() && words[j].after == '.' && all_digits(words[j + 1].word) &&
                   words[j + 1].word.size() <= 3) {
                ++j;
            }
            if (!closes && j == i) {
                break;
            }
            i = j + 1;
            continue;
        }
        if ((w.word.size() == 1 || is_roman(w.word)) && closes) {
            ++i;
            continue;
        }
        break;
    }
    return i;
}

// A copyright notice line (filled in or a template): it is not part of any license's text.
// `symbol_first` says a © came before the line's first word.
bool is_copyright_line(const std::vector<RawWord>& words, std::size_t first, bool symbol_first) {
    if (first >= words.size()) {
        return false;
    }
    const RawWord& lead = words[first];
    if (words.size() - first == 3 && lead.word == "all" && words[first + 1].word == "rights" &&
        words[first + 2].word == "reserved") {
        return true;
    }
    if (symbol_first || (lead.word == "c" && lead.after == ')')) {
        return true;
    }
    if (lead.word != "copyright") {
        return false;
    }
    for (std::size_t i = first + 1; i < words.size(); ++i) {
        const std::string& w = words[i].word;
        if (all_digits(w) || w == "c" || w == "holder" || w == "holders" || w == "owner" ||
            w == "yyyy" || w == "year" || w == "name" || w == "fullname") {
            return true;
        }
    }
    return false;
}

// Varietal spellings the guidelines treat as the same word, folded to one of them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 38> k_equivalents{{
    {"acknowledgment", "acknowledgement"}, {"analog", "analogue"}, {"analyze", "analyse"},
    {"artifact", "artefact"}, {"artifacts", "artefacts"}, {"authorization", "authorisation"},
    {"authorized", "authorised"}, {"caliber", "calibre"}, {"canceled", "cancelled"},
    {"catalog", "catalogue"}, {"categorize", "categorise"}, {"center", "centre"},
    {"color", "colour"}, {"favor", "favour"}, {"fulfill", "fulfil"},
    {"fulfillment", "fulfilment"}, {"initialize", "initialise"}, {"judgment", "judgement"},
    {"labeling", "labelling"}, {"labor", "labour"}, {"licence", "license"},
    {"licences", "licenses"}, {"licenced", "licensed"}, {"licencee", "licensee"},
    {"licencor", "licensor"}, {"licencing", "licensing"}, {"maximize", "maximise"},
    {"modeled", "modelled"}, {"modeling", "modelling"}, {"offense", "offence"},
    {"optimize", "optimise"}, {"organization", "organisation"}, {"organize", "organise"},
    {"practice", "practise"}, {"realize", "realise"}, {"recognize", "recognise"},
    {"https", "http"}, {"utilize", "utilise"},
}};

// Words the guidelines let a text spell as one word or two.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> k_splits{{
    {"noncommercial", "non commercial"}, {"sublicense", "sub license"},
    {"sublicensable", "sub licensable"}, {"percent", "per cent"},
}};

void emit(std::string word, std::uint32_t line, std::vector<NormalizedWord>& out) {
    for (const auto& [from, to] : k_equivalents) {
        if (word == from) {
            word = std::string(to);
            break;
        }
    }
    for (const auto& [from, to] : k_splits) {
        if (word == from) {
            const std::size_t space = to.find(' ');
            out.push_back({std::string(to.substr(0, space)), line});
            out.push_back({std::string(to.substr(space + 1)), line});
            return;
        }
    }
    out.push_back({std::move(word), line});
}

}  // namespace

std::vector<NormalizedWord> normalize_license_text(std::string_view text, std::size_t max_bytes) {
    if (text.size() > max_bytes) {
        text = text.substr(0, max_bytes);
    }
    std::vector<NormalizedWord> out;
    std::uint32_t line_number = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        ++line_number;
        bool symbol_first = false;
        std::vector<RawWord> words = split_line(text.substr(pos, end - pos), symbol_first);
        const std::size_t first = list_marker_words(words);
        if (!is_copyright_line(words, first, symbol_first)) {
            for (std::size_t i = first; i < words.size(); ++i) {
                emit(std::move(words[i].word), line_number, out);
            }
        }
        pos = end + 1;
    }
    return out;
}

}  // namespace openness::license
