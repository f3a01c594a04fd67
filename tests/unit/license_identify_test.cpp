#include "openness/license/identify.hpp"
#include "openness/util/embedded.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using openness::license::identify;
using openness::license::Identification;
using openness::license::LicenseClass;
using openness::license::LicenseTable;
using openness::license::normalize_license_text;

namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const LicenseTable& table() {
    static const LicenseTable k_table = [] {
        std::vector<openness::util::Diagnostic> diagnostics;
        const std::string_view* text =
            openness::util::find_embedded("rubric/licenses/openness-licenses-1.0.json");
        REQUIRE(text != nullptr);
        auto loaded = LicenseTable::load(*text, "openness-licenses-1.0.json", diagnostics);
        REQUIRE(loaded);
        return *loaded;
    }();
    return k_table;
}

std::string words_of(std::string_view text) {
    std::string out;
    for (const auto& word : normalize_license_text(text)) {
        out += (out.empty() ? "" : " ") + word.word + "@" + std::to_string(word.line);
    }
    return out;
}

// The MIT license as the SPDX list has it, with its copyright line filled in.
constexpr const char* k_mit =
    "MIT License\n"
    "\n"
    "Copyright (c) 2023 Example Org\n"
    "\n"
    "Permission is hereby granted, free of charge, to any person obtaining a copy\n"
    "of this software and associated documentation files (the \"Software\"), to deal\n"
    "in the Software without restriction, including without limitation the rights\n"
    "to use, copy, modify, merge, publish, distribute, sublicense, and/or sell\n"
    "copies of the Software, and to permit persons to whom the Software is\n"
    "furnished to do so, subject to the following conditions:\n"
    "\n"
    "The above copyright notice and this permission notice shall be included in all\n"
    "copies or substantial portions of the Software.\n"
    "\n"
    "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\n"
    "IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\n"
    "FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\n"
    "AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\n"
    "LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\n"
    "OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\n"
    "SOFTWARE.\n";

}  // namespace

TEST_CASE("normalisation keeps only the words that matter", "[license][identify]") {
    SECTION("case, punctuation, quotes and dashes") {
        CHECK(words_of("The \xE2\x80\x9CSoftware\xE2\x80\x9D \xE2\x80\x94 AS-IS!") ==
              "the@1 software@1 as@1 is@1");
    }
    SECTION("list numbering and bullets") {
        CHECK(words_of("1. Definitions.\n  (a) \"You\" means\n4.1 Grant\n* iv) item\n") ==
              "definitions@1 you@2 means@2 grant@3 item@4");
    }
    SECTION("copyright notices, filled in or templates") {
        CHECK(words_of("Copyright (c) 2024 Jane Doe\n\xC2\xA9 Meta Platforms\nCopyright [yyyy] "
                       "[name of copyright owner]\nAll rights reserved.\nkeep\n") == "keep@5");
        CHECK(words_of("Copyright and Similar Rights means rights\n") ==
              "copyright@1 and@1 similar@1 rights@1 means@1 rights@1");
    }
    SECTION("equivalent spellings") {
        CHECK(words_of("Licence https://example.org noncommercial") ==
              "license@1 http@1 example@1 org@1 non@1 commercial@1");
    }
    SECTION("bytes that are not UTF-8 separate words") {
        CHECK(words_of("a\xFF" "b \xE2\x82") == "a@1 b@1");
    }
}

TEST_CASE("a license text is identified with its class and span", "[license][identify]") {
    const Identification found = identify(k_mit, table());
    REQUIRE(found.licenses.size() == 1);
    CHECK(found.licenses[0].id == "MIT");
    CHECK(found.licenses[0].license_class == LicenseClass::osi);
    CHECK(found.licenses[0].confidence > 0.95);
    CHECK(found.licenses[0].first_line == 1);
    CHECK(found.licenses[0].last_line == 21);
    REQUIRE(found.closest);
    CHECK(found.closest->id == "MIT");
}

TEST_CASE("a text that is no license is unknown, with the closest candidate",
          "[license][identify]") {
    SECTION("a part of a license") {
        const std::string text = std::string(k_mit).substr(0, 400);
        const Identification found = identify(text, table());
        CHECK(found.licenses.empty());
        REQUIRE(found.closest);
        CHECK(found.closest->confidence < 0.8);
    }
    SECTION("prose") {
        const Identification found =
            identify("This repository holds the weights. Ask us before you use them.", table());
        CHECK(found.licenses.empty());
    }
    SECTION("nothing") {
        const Identification found = identify("", table());
        CHECK(found.licenses.empty());
        CHECK_FALSE(found.closest);
        CHECK(found.words == 0);
    }
}

TEST_CASE("the corpus holds every reference text", "[license][identify]") {
    const std::vector<std::string> ids = openness::license::reference_ids();
    CHECK(ids.size() > 700);
    for (const char* id : {"Apache-2.0", "MIT", "llama3", "llama3.1", "gemma", "CC-BY-NC-4.0",
                           "nvidia-open-model-license", "GPL-3.0"}) {
        INFO(id);
        CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
    }
}

TEST_CASE("every reference text in ../shared is identified as itself",
          "[license][identify][shared]") {
    const std::filesystem::path root =
        std::filesystem::path(OPENNESS_SHARED_DIR) / "licenses" / "reference";
    if (!std::filesystem::exists(root)) {
        WARN("skipped: " << root.string() << " is absent");
        return;
    }
    std::size_t checked = 0;
    for (const char* folder : {"ai", "common"}) {
        for (const auto& entry : std::filesystem::directory_iterator(root / folder)) {
            if (entry.path().extension() != ".txt") {
                continue;
            }
            const std::string id = entry.path().stem().string();
            INFO(entry.path().string());
            const Identification found = identify(read_file(entry.path()), table());
            REQUIRE(found.licenses.size() == 1);
            CHECK(found.licenses[0].id == id);
            CHECK(found.licenses[0].confidence > 0.99);
            ++checked;
        }
    }
    CHECK(checked == 87);
}

TEST_CASE("a file holding two licenses reports both, each with its span",
          "[license][identify][shared]") {
    const std::filesystem::path root =
        std::filesystem::path(OPENNESS_SHARED_DIR) / "licenses" / "reference";
    if (!std::filesystem::exists(root)) {
        WARN("skipped: " << root.string() << " is absent");
        return;
    }
    const std::string apache = read_file(root / "common" / "Apache-2.0.txt");
    const std::string llama = read_file(root / "ai" / "llama3.txt");
    const Identification found = identify(apache + llama, table());
    REQUIRE(found.licenses.size() == 2);
    const auto& first = found.licenses[0].id == "Apache-2.0" ? found.licenses[0] : found.licenses[1];
    const auto& second = found.licenses[0].id == "Apache-2.0" ? found.licenses[1] : found.licenses[0];
    CHECK(first.id == "Apache-2.0");
    CHECK(first.first_line == 1);
    CHECK(first.last_line == 201);
    CHECK(second.id == "llama3");
    CHECK(second.license_class == LicenseClass::restricted);
    CHECK(second.first_line == 202);
}
