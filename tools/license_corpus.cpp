// Writes rubric/license-texts/corpus-1.json from license texts: run by tools/gen_license_corpus.py,
// never by the build. Input (standard input): a JSON document
//   {"description": "...", "sources": [...], "texts": [{"id": "...", "origin": "...", "text": "..."}]}
// Output (standard output): the corpus, each text as the library's own normalised words (so the
// words of a reference and of a file can never be normalised differently), numbered by a shared
// vocabulary, most frequent first. Texts whose words are identical are kept once, with every id.
#include "../src/license/corpus_codec.hpp"
#include "openness/license/identify.hpp"
#include "openness/util/json.hpp"

#include <algorithm>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

struct Text {
    std::vector<std::string> ids;
    std::string origin;
    std::vector<std::string> words;
    bool partial = false;  // an appendix: never reported on its own
};

// A JSON string in ASCII only: the build cuts embedded files into literals at fixed byte
// offsets, which must never split a multi-byte character.
std::string quoted(const std::string& text) {
    std::string out = "\"";
    const auto escape = [&](unsigned unit) {
        static const char* const k_hex = "0123456789abcdef";
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) {
            out += k_hex[(unit >> shift) & 0xF];
        }
    };
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
            ++i;
        } else if (c < 0x20) {
            out += ' ';
            ++i;
        } else if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
        } else {
            // Words come from the normaliser, so this is well-formed UTF-8.
            const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            unsigned code = c & (length == 4 ? 0x07u : length == 3 ? 0x0Fu : 0x1Fu);
            for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
                code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
            }
            i += length;
            if (code >= 0x10000) {
                code -= 0x10000;
                escape(0xD800 + (code >> 10));
                escape(0xDC00 + (code & 0x3FF));
            } else {
                escape(code);
            }
        }
    }
    return out + "\"";
}

}  // namespace

int main() {
    const std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    openness::util::JsonLimits limits;
    limits.max_string_bytes = 64 * 1024 * 1024;
    const openness::util::JsonParseResult parsed = openness::util::parse_json(input, "<stdin>", limits);
    if (!parsed.value) {
        std::cerr << "license_corpus: cannot parse the input\n";
        return 1;
    }
    const openness::util::JsonValue& root = *parsed.value;
    std::vector<Text> texts;
    std::map<std::vector<std::string>, std::size_t> seen;
    for (const openness::util::JsonValue& entry : root.find("texts")->items()) {
        const std::string& id = entry.find("id")->as_string();
        std::vector<std::string> words;
        for (openness::license::NormalizedWord& word :
             openness::license::normalize_license_text(entry.find("text")->as_string())) {
            words.push_back(std::move(word.word));
        }
        if (words.size() < 2) {
            std::cerr << "license_corpus: " << id << " has fewer than two words; skipped\n";
            continue;
        }
        const auto found = seen.find(words);
        if (found != seen.end()) {
            std::vector<std::string>& ids = texts[found->second].ids;
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
                ids.push_back(id);
            }
            continue;
        }
        seen.emplace(words, texts.size());
        const openness::util::JsonValue* partial = entry.find("partial");
        texts.push_back({{id}, entry.find("origin")->as_string(), std::move(words),
                         partial != nullptr && partial->is_bool() && partial->as_bool()});
    }
    std::unordered_map<std::string, std::size_t> frequency;
    for (const Text& text : texts) {
        for (const std::string& word : text.words) {
            ++frequency[word];
        }
    }
    std::vector<std::pair<std::string, std::size_t>> ranked(frequency.begin(), frequency.end());
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    std::unordered_map<std::string, std::uint32_t> number;
    std::string vocabulary;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        number.emplace(ranked[i].first, static_cast<std::uint32_t>(i));
        vocabulary += (i == 0 ? "" : " ") + ranked[i].first;
    }
    std::ostringstream out;
    out << "{\n  \"corpus_format\": 1,\n  \"description\": " << quoted(root.find("description")->as_string())
        << ",\n  \"sources\": [";
    bool first = true;
    for (const openness::util::JsonValue& source : root.find("sources")->items()) {
        out << (first ? "\n    " : ",\n    ") << quoted(source.as_string());
        first = false;
    }
    out << "\n  ],\n  \"vocabulary\": " << quoted(vocabulary) << ",\n  \"texts\": [";
    first = true;
    for (const Text& text : texts) {
        std::string code;
        for (const std::string& word : text.words) {
            openness::license::corpus_codec::append_number(number.at(word), code);
        }
        out << (first ? "\n    " : ",\n    ") << "{\"ids\": [";
        for (std::size_t i = 0; i < text.ids.size(); ++i) {
            out << (i == 0 ? "" : ", ") << quoted(text.ids[i]);
        }
        out << "], \"origin\": " << quoted(text.origin)
            << (text.partial ? ", \"partial\": true" : "") << ", \"words\": " << quoted(code)
            << "}";
        first = false;
    }
    out << "\n  ]\n}\n";
    std::cout << out.str();
    return 0;
}
