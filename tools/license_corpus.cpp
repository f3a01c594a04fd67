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
};

std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += ' ';
        } else {
            out += c;
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
            texts[found->second].ids.push_back(id);
            continue;
        }
        seen.emplace(words, texts.size());
        texts.push_back({{id}, entry.find("origin")->as_string(), std::move(words)});
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
        out << "], \"origin\": " << quoted(text.origin) << ", \"words\": " << quoted(code) << "}";
        first = false;
    }
    out << "\n  ]\n}\n";
    std::cout << out.str();
    return 0;
}
