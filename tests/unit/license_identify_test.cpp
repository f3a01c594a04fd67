#include "openness/license/identify.hpp"
#include "openness/util/embedded.hpp"
#include "openness/util/json.hpp"

#include "test_files.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using openness::license::identify, openness::license::Identification;
using openness::license::LicenseClass, openness::license::LicenseTable;
using openness::license::normalize_license_text;
using openness::test::read_file;

namespace {

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
    const std::optional<std::string> root = openness::test::shared_path("licenses/reference");
    if (!root) {
        return;
    }
    std::size_t checked = 0;
    for (const char* folder : {"ai", "common"}) {
        for (const std::string& path : openness::test::files_in(*root + "/" + folder, ".txt")) {
            const std::string id = std::filesystem::path(path).stem().string();
            INFO(path);
            const Identification found = identify(read_file(path), table());
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
    const std::optional<std::string> root = openness::test::shared_path("licenses/reference");
    if (!root) {
        return;
    }
    const std::string apache = read_file(*root + "/common/Apache-2.0.txt");
    const std::string llama = read_file(*root + "/ai/llama3.txt");
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

namespace {

const std::filesystem::path k_files =
    std::filesystem::path(OPENNESS_SOURCE_DIR) / "tests" / "data" / "license" / "files";

// The fixtures' SOURCES.tsv: file name -> the ids its text holds, in order of appearance.
std::vector<std::pair<std::string, std::vector<std::string>>> fixtures() {
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    std::istringstream lines(read_file(k_files / "SOURCES.tsv"));
    std::string line;
    std::getline(lines, line);  // header
    while (std::getline(lines, line)) {
        std::vector<std::string> fields;
        std::istringstream cells(line);
        std::string cell;
        while (std::getline(cells, cell, '\t')) {
            fields.push_back(cell);
        }
        REQUIRE(fields.size() >= 5);
        std::vector<std::string> ids;
        std::istringstream words(fields[4]);
        std::string id;
        while (words >> id) {
            ids.push_back(id);
        }
        out.emplace_back(fields[0], ids);
    }
    return out;
}

}  // namespace

TEST_CASE("real LICENSE files from 20 repositories are identified", "[license][identify]") {
    const auto all = fixtures();
    std::vector<std::string> repositories;
    CHECK(all.size() >= 20);
    for (const auto& [file, expected] : all) {
        INFO(file);
        const Identification found = identify(read_file(k_files / file), table());
        std::vector<std::pair<std::uint32_t, std::string>> by_line;
        for (const auto& license : found.licenses) {
            CHECK(license.confidence >= 0.9);
            by_line.emplace_back(license.first_line, license.id);
        }
        std::sort(by_line.begin(), by_line.end());
        std::vector<std::string> ids;
        for (const auto& [line, id] : by_line) {
            ids.push_back(id);
        }
        CHECK(ids == expected);
    }
}

TEST_CASE("a real file holding two licenses reports both with their lines",
          "[license][identify]") {
    const Identification found = identify(read_file(k_files / "transformers-fork-LICENSE"), table());
    REQUIRE(found.licenses.size() == 2);
    const auto& apache = found.licenses[0].id == "Apache-2.0" ? found.licenses[0] : found.licenses[1];
    const auto& mit = found.licenses[0].id == "Apache-2.0" ? found.licenses[1] : found.licenses[0];
    CHECK(apache.id == "Apache-2.0");
    CHECK(apache.first_line == 2);
    CHECK(apache.last_line == 202);
    CHECK(mit.id == "MIT");
    CHECK(mit.first_line == 204);
    CHECK(mit.last_line == 224);
}

TEST_CASE("a model license is never read as more open than it is", "[license][identify]") {
    const std::string llama = read_file(k_files / "llama3-LICENSE");
    SECTION("an Apache header pasted on top of a Llama text") {
        const std::string header =
            "Licensed under the Apache License, Version 2.0 (the \"License\");\n"
            "you may not use this file except in compliance with the License.\n"
            "You may obtain a copy of the License at\n\n"
            "    http://www.apache.org/licenses/LICENSE-2.0\n\n"
            "Unless required by applicable law or agreed to in writing, software\n"
            "distributed under the License is distributed on an \"AS IS\" BASIS,\n"
            "WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\n"
            "See the License for the specific language governing permissions and\n"
            "limitations under the License.\n\n";
        const Identification found = identify(header + llama, table());
        REQUIRE_FALSE(found.licenses.empty());
        CHECK(found.licenses[0].id == "llama3");
        for (const auto& license : found.licenses) {
            CHECK(license.license_class != LicenseClass::osi);
        }
    }
    SECTION("the agreement without its acceptable use policy is still llama3") {
        const std::string agreement = llama.substr(0, llama.find("Meta Llama 3 Acceptable Use"));
        const Identification found = identify(agreement, table());
        REQUIRE(found.licenses.size() == 1);
        CHECK(found.licenses[0].id == "llama3");
    }
    SECTION("a markdown rendering") {
        std::string markdown = "# " + llama;
        for (std::size_t at = markdown.find("\n1. "); at != std::string::npos;
             at = markdown.find("\n1. ", at + 4)) {
            markdown.replace(at, 4, "\n**1.** ");
        }
        const Identification found = identify(markdown, table());
        REQUIRE_FALSE(found.licenses.empty());
        CHECK(found.licenses[0].id == "llama3");
    }
}

TEST_CASE("non-commercial and no-derivatives texts are not read as CC-BY",
          "[license][identify][shared]") {
    const std::optional<std::string> texts =
        openness::test::shared_path("licenses/spdx-texts.json");
    if (!texts) {
        return;
    }
    openness::util::JsonLimits limits;
    limits.max_string_bytes = 64 * 1024 * 1024;
    const auto parsed = openness::util::parse_json(read_file(*texts), *texts, limits);
    REQUIRE(parsed.value);
    for (const char* id : {"CC-BY-NC-4.0", "CC-BY-ND-4.0", "CC-BY-NC-SA-4.0", "CC-BY-NC-ND-4.0"}) {
        INFO(id);
        const auto* entry = parsed.value->find(id);
        REQUIRE(entry != nullptr);
        const Identification found = identify(entry->find("licenseText")->as_string(), table());
        REQUIRE(found.licenses.size() == 1);
        CHECK(found.licenses[0].id == id);
        CHECK(found.licenses[0].license_class == LicenseClass::restricted);
    }
}

TEST_CASE("an Apache-2.0 text without its appendix is Apache-2.0, not a modified Apache",
          "[license][identify]") {
    const std::string fork = read_file(k_files / "transformers-fork-LICENSE");
    const std::string terms = fork.substr(0, fork.find("APPENDIX"));
    const Identification found = identify(terms, table());
    REQUIRE(found.licenses.size() == 1);
    CHECK(found.licenses[0].id == "Apache-2.0");
    SECTION("and the appendix alone is no license") {
        const Identification appendix = identify(fork.substr(fork.find("APPENDIX"), 1800), table());
        CHECK(appendix.licenses.empty());
    }
}
