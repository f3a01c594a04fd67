#include "openness/license/table.hpp"
#include "openness/util/embedded.hpp"

#include "test_files.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

using openness::license::class_id, openness::license::class_phrase;
using openness::license::Classification, openness::license::LicenseClass;
using openness::license::LicenseTable, openness::license::parse_class_id;
using openness::test::read_file;

namespace {

constexpr const char* k_table_path = OPENNESS_SOURCE_DIR "/rubric/licenses/openness-licenses-1.0.json";

// The committed table, loaded once for the whole test run.
const LicenseTable& table() {
    static const LicenseTable k_table = [] {
        std::vector<openness::util::Diagnostic> diagnostics;
        auto loaded = LicenseTable::load(read_file(k_table_path), "openness-licenses-1.0.json",
                                         diagnostics);
        if (!loaded) {
            FAIL("the committed license table does not load");
        }
        return std::move(*loaded);
    }();
    return k_table;
}

// Loads `json` and returns every diagnostic rendered, one per line.
std::string load_errors(const std::string& json) {
    std::vector<openness::util::Diagnostic> diagnostics;
    const auto loaded = LicenseTable::load(json, "t.json", diagnostics);
    CHECK_FALSE(loaded.has_value());
    std::string out;
    for (const auto& diagnostic : diagnostics) {
        out += openness::util::render(diagnostic) + "\n";
    }
    return out;
}

// A small valid table around the given license and exception entries.
std::string small_table(const std::string& licenses, const std::string& exceptions = "") {
    return R"({"table_format": 1, "id": "t", "version": "0", "licenses": [)" + licenses +
           R"(], "exceptions": [)" + exceptions + "]}";
}

Classification classify(std::string_view text) {
    return table().classify(text);
}

}  // namespace

TEST_CASE("LicenseTable loads the committed table", "[license][table]") {
    std::vector<openness::util::Diagnostic> diagnostics;
    const auto loaded =
        LicenseTable::load(read_file(k_table_path), "openness-licenses-1.0.json", diagnostics);
    REQUIRE(loaded.has_value());
    CHECK(diagnostics.empty());
    CHECK(loaded->id() == "openness-licenses");
    CHECK(loaded->version() == "1.0");
    CHECK(loaded->licenses().size() > 700);
}

TEST_CASE("the table compiled into the binary is the committed one", "[license][table]") {
    const auto& files = openness::util::embedded_files();
    const auto it = std::find_if(files.begin(), files.end(), [](const auto& file) {
        return file.path == "rubric/licenses/openness-licenses-1.0.json";
    });
    REQUIRE(it != files.end());
    CHECK(it->content == read_file(k_table_path));
    std::vector<openness::util::Diagnostic> diagnostics;
    CHECK(LicenseTable::load(it->content, std::string(it->path), diagnostics).has_value());
}

TEST_CASE("the committed table explains every license that is not OSI-approved",
          "[license][table]") {
    std::size_t per_class[5] = {};
    for (const auto& info : table().licenses()) {
        ++per_class[static_cast<int>(info.license_class)];
        if (info.license_class != LicenseClass::osi) {
            INFO(info.id);
            CHECK_FALSE(info.note.empty());
        }
    }
    for (const std::size_t count : per_class) {
        CHECK(count > 0);
    }
}

TEST_CASE("LicenseTable::load defaults the optional fields", "[license][table]") {
    std::vector<openness::util::Diagnostic> diagnostics;
    const auto loaded = LicenseTable::load(
        small_table(R"({"id": "X-1.0", "name": "X License", "class": "osi"})",
                    R"({"id": "X-exception", "name": "X exception"})"),
        "t.json", diagnostics);
    REQUIRE(loaded.has_value());
    const auto* info = loaded->find("x-1.0");
    REQUIRE(info != nullptr);
    CHECK_FALSE(info->osi_approved);
    CHECK_FALSE(info->fsf_libre);
    CHECK_FALSE(info->deprecated);
    CHECK(info->note.empty());
    CHECK(loaded->is_exception("x-EXCEPTION"));
}

TEST_CASE("LicenseTable::load reports invalid JSON with line and column", "[license][table]") {
    CHECK(load_errors("{\n  \"id\": ,\n}") == "t.json:2:9: error: expected a value, got ','\n");
}

TEST_CASE("LicenseTable::load reports structural errors with JSON paths", "[license][table]") {
    SECTION("not an object") {
        CHECK(load_errors("[]") == "t.json: error: expected an object, found an array\n");
    }
    SECTION("missing keys") {
        CHECK(load_errors("{}") == "t.json: error: missing required key 'table_format'\n"
                                   "t.json: error: missing required key 'id'\n"
                                   "t.json: error: missing required key 'version'\n"
                                   "t.json: error: missing required key 'licenses'\n"
                                   "t.json: error: missing required key 'exceptions'\n");
    }
    SECTION("another table format") {
        CHECK(load_errors(R"({"table_format": 2, "licenses": 7})") ==
              "t.json: error: table_format: unsupported table_format 2 (this build reads 1)\n");
    }
    SECTION("unknown class") {
        CHECK(load_errors(small_table(R"({"id": "A", "name": "A", "class": "osi"},
                                         {"id": "B", "name": "B", "class": "open"})")) ==
              "t.json: error: licenses[1].class: unknown class 'open' (expected unknown, "
              "proprietary, restricted, open-data or osi)\n");
    }
    SECTION("misspelt key") {
        CHECK(load_errors(small_table(R"({"id": "A", "name": "A", "clas": "osi"})")) ==
              "t.json: error: licenses[0].clas: unknown key 'clas'\n"
              "t.json: error: licenses[0]: missing required key 'class'\n");
    }
    SECTION("wrong types") {
        CHECK(load_errors(small_table(
                  R"({"id": "A", "name": 5, "class": "osi", "osi": "yes", "aliases": "a"})")) ==
              "t.json: error: licenses[0].name: expected a string, found a number\n"
              "t.json: error: licenses[0].osi: expected a boolean, found a string\n"
              "t.json: error: licenses[0].aliases: expected an array, found a string\n");
    }
    SECTION("an alias used twice") {
        CHECK(load_errors(small_table(R"({"id": "MIT", "name": "MIT License", "class": "osi"},
                                         {"id": "X", "name": "X", "class": "osi",
                                          "aliases": ["mit"]})")) ==
              "t.json: error: licenses[1].aliases[0]: 'mit' is already used by licenses[0] "
              "(MIT)\n");
    }
    SECTION("an exception listed twice") {
        CHECK(load_errors(small_table("", R"({"id": "A-exception", "name": "A"},
                                             {"id": "a-EXCEPTION", "name": "A again"})")) ==
              "t.json: error: exceptions[1].id: 'a-EXCEPTION' is already used by exceptions[0]\n");
    }
    SECTION("an empty id") {
        CHECK(load_errors(small_table(R"({"id": "", "name": "A", "class": "osi"})")) ==
              "t.json: error: licenses[0].id: must not be empty\n");
    }
}

TEST_CASE("license classes are ordered from least to most open", "[license][table]") {
    CHECK(LicenseClass::unknown < LicenseClass::proprietary);
    CHECK(LicenseClass::proprietary < LicenseClass::restricted);
    CHECK(LicenseClass::restricted < LicenseClass::open_data);
    CHECK(LicenseClass::open_data < LicenseClass::osi);
}

TEST_CASE("class ids and phrases", "[license][table]") {
    SECTION("ids round-trip") {
        for (const auto license_class : {LicenseClass::unknown, LicenseClass::proprietary,
                                         LicenseClass::restricted, LicenseClass::open_data,
                                         LicenseClass::osi}) {
            CHECK(parse_class_id(class_id(license_class)) == license_class);
        }
        CHECK(std::string(class_id(LicenseClass::open_data)) == "open-data");
    }
    SECTION("unknown ids") {
        CHECK(parse_class_id("open_data") == std::nullopt);
        CHECK(parse_class_id("OSI") == std::nullopt);
    }
    SECTION("phrases") {
        CHECK(std::string(class_phrase(LicenseClass::osi)) == "OSI-approved");
        CHECK(std::string(class_phrase(LicenseClass::open_data)) ==
              "an open data/content license");
        CHECK(std::string(class_phrase(LicenseClass::unknown)) == "of unknown openness");
    }
}

TEST_CASE("LicenseTable::find looks up ids, aliases and names case-insensitively",
          "[license][table]") {
    const auto id_of = [](std::string_view text) {
        const auto* info = table().find(text);
        return info == nullptr ? std::string("<none>") : std::string(info->id);
    };
    SECTION("ids") {
        CHECK(id_of("Apache-2.0") == "Apache-2.0");
        CHECK(id_of("APACHE-2.0") == "Apache-2.0");
        CHECK(id_of("llama3.1") == "llama3.1");
    }
    SECTION("Hugging Face Hub ids") {
        CHECK(id_of("cc-by-nc-4.0") == "CC-BY-NC-4.0");
        CHECK(id_of("odbl") == "ODbL-1.0");
        CHECK(id_of("c-uda") == "C-UDA-1.0");
        CHECK(id_of("openmdw-1.0") == "OpenMDW-1.0");
    }
    SECTION("aliases") {
        CHECK(id_of("LicenseRef-Llama-3.1-Community") == "llama3.1");
        CHECK(id_of("all rights reserved") == "proprietary");
        CHECK(id_of("Apache License, Version 2.0") == "Apache-2.0");
    }
    SECTION("names") {
        CHECK(id_of("apache license 2.0") == "Apache-2.0");
        CHECK(id_of("Gemma Terms of Use") == "gemma");
    }
    SECTION("a name shared with a deprecated id finds the current id") {
        CHECK(id_of("GNU General Public License v2.0 only") == "GPL-2.0-only");
    }
    SECTION("deprecated ids") {
        const auto* info = table().find("gpl-2.0");
        REQUIRE(info != nullptr);
        CHECK(info->id == "GPL-2.0");
        CHECK(info->deprecated);
    }
    SECTION("misses") {
        CHECK(id_of("") == "<none>");
        CHECK(id_of("Apache 2") == "<none>");
        CHECK(id_of(std::string(10000, 'a')) == "<none>");
    }
}

TEST_CASE("LicenseTable::is_exception knows the SPDX exceptions", "[license][table]") {
    CHECK(table().is_exception("LLVM-exception"));
    CHECK(table().is_exception("classpath-EXCEPTION-2.0"));
    CHECK_FALSE(table().is_exception("MIT"));
    CHECK_FALSE(table().is_exception(""));
}

TEST_CASE("classify gives each class with a one-sentence explanation", "[license][table]") {
    SECTION("osi") {
        const auto result = classify("Apache-2.0");
        CHECK(result.license_class == LicenseClass::osi);
        CHECK(result.parsed);
        CHECK(result.canonical == "Apache-2.0");
        CHECK(result.explanation == "Apache-2.0 is OSI-approved");
    }
    SECTION("open-data") {
        const auto result = classify("CC-BY-4.0");
        CHECK(result.license_class == LicenseClass::open_data);
        CHECK(result.explanation ==
              "CC-BY-4.0 (Creative Commons Attribution 4.0 International) is an open "
              "data/content license: conformant with the Open Definition");
    }
    SECTION("restricted") {
        const auto result = classify("llama3.1");
        CHECK(result.license_class == LicenseClass::restricted);
        CHECK(result.canonical == "llama3.1");
        CHECK(result.explanation == "llama3.1 (Llama 3.1 Community License Agreement) is "
                                    "restricted: use-restricted custom model license");
    }
    SECTION("proprietary") {
        const auto result = classify("proprietary");
        CHECK(result.license_class == LicenseClass::proprietary);
        CHECK(result.explanation == "proprietary (Proprietary license) is proprietary: all "
                                    "rights reserved; no open license is granted");
    }
    SECTION("unknown") {
        const auto result = classify("other");
        CHECK(result.license_class == LicenseClass::unknown);
        CHECK(result.parsed);
        CHECK(result.explanation ==
              "other is of unknown openness: 'other' is the Hugging Face Hub's id for a custom "
              "license; its terms are not known to openness");
    }
}

TEST_CASE("classify resolves Hugging Face Hub ids", "[license][table]") {
    SECTION("exact SPDX matches") {
        const auto result = classify("cc-by-nc-4.0");
        CHECK(result.license_class == LicenseClass::restricted);
        CHECK(result.canonical == "CC-BY-NC-4.0");
        CHECK(result.explanation == "CC-BY-NC-4.0 (Creative Commons Attribution Non Commercial "
                                    "4.0 International) is restricted: non-commercial");
    }
    SECTION("near-SPDX ids") {
        CHECK(classify("odc-by").canonical == "ODC-By-1.0");
        CHECK(classify("odc-by").license_class == LicenseClass::open_data);
        CHECK(classify("pddl").canonical == "PDDL-1.0");
        CHECK(classify("lgpl-lr").canonical == "LGPLLR");
        CHECK(classify("c-uda").license_class == LicenseClass::restricted);
    }
    SECTION("ids that are not expressions") {
        const auto result = classify("openrail++");
        CHECK(result.license_class == LicenseClass::restricted);
        CHECK(result.canonical == "openrail++");
    }
    SECTION("families") {
        const auto result = classify("bsd");
        CHECK(result.license_class == LicenseClass::unknown);
        CHECK(result.explanation ==
              "bsd (BSD license family) is of unknown openness: a family, not one license");
    }
    SECTION("unknown") {
        CHECK(classify("unknown").license_class == LicenseClass::unknown);
    }
}

TEST_CASE("classify resolves full names", "[license][table]") {
    CHECK(classify("Apache License 2.0").canonical == "Apache-2.0");
    CHECK(classify("Llama 3.1 Community License Agreement").canonical == "llama3.1");
    CHECK(classify("All Rights Reserved").license_class == LicenseClass::proprietary);
    CHECK(classify("  Creative Commons Attribution 4.0  ").canonical == "CC-BY-4.0");
}

TEST_CASE("classify matches ids case-insensitively", "[license][table]") {
    CHECK(classify("APACHE-2.0").canonical == "Apache-2.0");
    CHECK(classify("Llama3.1").canonical == "llama3.1");
    const auto result = classify("mit or apache-2.0");
    CHECK(result.canonical == "MIT OR Apache-2.0");
    CHECK(result.license_class == LicenseClass::osi);
}

TEST_CASE("classify accepts deprecated SPDX ids by their OSI flag", "[license][table]") {
    SECTION("OSI-approved") {
        CHECK(classify("GPL-2.0").license_class == LicenseClass::osi);
        CHECK(classify("GPL-3.0+").explanation == "GPL-3.0+ is OSI-approved");
    }
    SECTION("not OSI-approved") {
        const auto result = classify("AGPL-1.0");
        CHECK(result.license_class == LicenseClass::restricted);
        CHECK(result.explanation ==
              "AGPL-1.0 (Affero General Public License v1.0) is restricted: FSF-libre, but not "
              "OSI-approved and not an open data/content license; openness counts OSI approval "
              "for software");
    }
    SECTION("old GPL-with-exception ids keep the GPL's class") {
        CHECK(classify("GPL-2.0-with-classpath-exception").license_class == LicenseClass::osi);
    }
}

TEST_CASE("classify handles NONE, NOASSERTION and missing text", "[license][table]") {
    SECTION("NONE") {
        const auto result = classify("NONE");
        CHECK(result.license_class == LicenseClass::unknown);
        CHECK(result.parsed);
        CHECK(result.canonical == "NONE");
        CHECK(result.explanation == "released without a license (NONE)");
        CHECK(classify(" none ").explanation == "released without a license (NONE)");
    }
    SECTION("NOASSERTION") {
        const auto result = classify("NOASSERTION");
        CHECK(result.license_class == LicenseClass::unknown);
        CHECK(result.canonical == "NOASSERTION");
        CHECK(result.explanation == "license unknown (NOASSERTION)");
    }
    SECTION("empty") {
        for (const char* text : {"", "   ", "\t\n"}) {
            const auto result = classify(text);
            CHECK(result.license_class == LicenseClass::unknown);
            CHECK_FALSE(result.parsed);
            CHECK(result.canonical.empty());
            CHECK(result.explanation == "no license stated");
        }
    }
}

TEST_CASE("classify reports text it cannot parse", "[license][table]") {
    SECTION("a syntax error") {
        const auto result = classify("  MIT AND  ");
        CHECK(result.license_class == LicenseClass::unknown);
        CHECK_FALSE(result.parsed);
        CHECK(result.explanation == "cannot parse license expression 'MIT AND': expected a "
                                    "license id after 'AND' at offset 7");
    }
    SECTION("prose") {
        CHECK(classify("see LICENSE file").explanation ==
              "cannot parse license expression 'see LICENSE file': expected 'AND', 'OR' or "
              "'WITH' before 'LICENSE' at offset 4");
    }
}

TEST_CASE("classify never treats unknown ids as open", "[license][table]") {
    SECTION("an unknown SPDX-looking id") {
        const auto result = classify("Foo-1.0");
        CHECK(result.license_class == LicenseClass::unknown);
        CHECK(result.parsed);
        CHECK(result.canonical == "Foo-1.0");
        CHECK(result.explanation == "'Foo-1.0' is not in the license table");
    }
    SECTION("an unknown LicenseRef") {
        CHECK(classify("LicenseRef-foo").explanation ==
              "'LicenseRef-foo' is not in the license table");
        CHECK(classify("DocumentRef-d:LicenseRef-foo").license_class == LicenseClass::unknown);
    }
    SECTION("a LicenseRef the table knows") {
        CHECK(classify("LicenseRef-proprietary").license_class == LicenseClass::proprietary);
        CHECK(classify("licenseref-llama-3.1-community").canonical == "llama3.1");
    }
}

TEST_CASE("classify takes the most open operand of OR", "[license][table]") {
    SECTION("first operand") {
        const auto result = classify("MIT OR CC-BY-NC-4.0");
        CHECK(result.license_class == LicenseClass::osi);
        CHECK(result.explanation ==
              "MIT OR CC-BY-NC-4.0: OR takes the most open operand, MIT (OSI-approved)");
    }
    SECTION("later operand") {
        CHECK(classify("CC-BY-NC-4.0 OR cc-by-4.0").explanation ==
              "CC-BY-NC-4.0 OR CC-BY-4.0: OR takes the most open operand, CC-BY-4.0 (an open "
              "data/content license: conformant with the Open Definition)");
    }
    SECTION("an unknown operand does not lower it") {
        CHECK(classify("NOASSERTION OR Apache-2.0").license_class == LicenseClass::osi);
    }
}

TEST_CASE("classify takes the least open operand of AND", "[license][table]") {
    SECTION("restricted operand") {
        const auto result = classify("Apache-2.0 AND CC-BY-NC-4.0");
        CHECK(result.license_class == LicenseClass::restricted);
        CHECK(result.explanation == "Apache-2.0 AND CC-BY-NC-4.0: AND takes the least open "
                                    "operand, CC-BY-NC-4.0 (restricted: non-commercial)");
    }
    SECTION("unknown operand") {
        CHECK(classify("MIT AND LicenseRef-foo").explanation ==
              "MIT AND LicenseRef-foo: AND takes the least open operand, LicenseRef-foo (not in "
              "the license table)");
        CHECK(classify("MIT AND NONE").explanation ==
              "MIT AND NONE: AND takes the least open operand, NONE (released without a "
              "license)");
    }
}

TEST_CASE("classify keeps the license's class through WITH", "[license][table]") {
    SECTION("a known exception") {
        const auto result = classify("gpl-3.0-only with classpath-exception-2.0");
        CHECK(result.license_class == LicenseClass::osi);
        CHECK(result.canonical == "GPL-3.0-only WITH Classpath-exception-2.0");
        CHECK(result.explanation == "GPL-3.0-only WITH Classpath-exception-2.0: WITH keeps the "
                                    "class of the license, GPL-3.0-only (OSI-approved)");
    }
    SECTION("an unknown exception fails closed (issue 14)") {
        const auto result = classify("Apache-2.0 WITH Foo-exception");
        CHECK(result.license_class == LicenseClass::unknown);
        CHECK(result.explanation ==
              "Apache-2.0 WITH Foo-exception: 'Foo-exception' is not a known license exception "
              "and may restrict Apache-2.0, so the license is not counted as open");
        CHECK(classify("MIT WITH Commons-Clause").license_class == LicenseClass::unknown);
    }
    SECTION("a user-defined exception fails closed (issue 14)") {
        CHECK(classify("Apache-2.0 WITH AdditionRef-NonCommercial-Only").explanation ==
              "Apache-2.0 WITH AdditionRef-NonCommercial-Only: 'AdditionRef-NonCommercial-Only' "
              "is a user-defined exception and may restrict Apache-2.0, so the license is not "
              "counted as open");
        CHECK(classify("Apache-2.0 WITH AdditionRef-NonCommercial-Only").license_class ==
              LicenseClass::unknown);
        CHECK(classify("MIT WITH LicenseRef-x").license_class == LicenseClass::unknown);
        CHECK(classify("MIT WITH LicenseRef-x OR GPL-2.0-only").license_class ==
              LicenseClass::osi);
        CHECK(classify("MIT WITH LicenseRef-x AND Apache-2.0").license_class ==
              LicenseClass::unknown);
    }
    SECTION("a restricted license") {
        CHECK(classify("CC-BY-NC-4.0 WITH LLVM-exception").license_class ==
              LicenseClass::restricted);
    }
    SECTION("an unknown license") {
        CHECK(classify("Foo WITH Bar").explanation ==
              "'Foo' is not in the license table; 'Bar' is not a known license exception");
    }
}

TEST_CASE("classify keeps the base license's class through '+'", "[license][table]") {
    SECTION("OSI-approved") {
        const auto result = classify("BSD-1-Clause+");
        CHECK(result.license_class == LicenseClass::osi);
        CHECK(result.explanation ==
              "BSD-1-Clause+: '+' keeps the class of BSD-1-Clause (OSI-approved)");
    }
    SECTION("restricted") {
        CHECK(classify("CC-BY-NC-ND-2.5+").license_class == LicenseClass::restricted);
        CHECK(classify("llama3+").canonical == "llama3+");
    }
}

TEST_CASE("classify evaluates nested expressions", "[license][table]") {
    SECTION("a restricted group") {
        const auto result = classify("(CC-BY-NC-4.0 OR CC-BY-ND-4.0) AND MIT");
        CHECK(result.license_class == LicenseClass::restricted);
        CHECK(result.explanation ==
              "(CC-BY-NC-4.0 OR CC-BY-ND-4.0) AND MIT: AND takes the least open operand, "
              "(CC-BY-NC-4.0 OR CC-BY-ND-4.0), decided by CC-BY-NC-4.0 (restricted: "
              "non-commercial)");
    }
    SECTION("an open group") {
        const auto result =
            classify("(mit OR cc-by-nc-4.0) AND (cc-by-nd-4.0 OR apache-2.0 WITH llvm-exception)");
        CHECK(result.license_class == LicenseClass::osi);
        CHECK(result.canonical ==
              "(MIT OR CC-BY-NC-4.0) AND (CC-BY-ND-4.0 OR Apache-2.0 WITH LLVM-exception)");
    }
    SECTION("deeper") {
        CHECK(classify("MIT OR (CC0-1.0 AND (llama3 OR LicenseRef-x))").license_class ==
              LicenseClass::osi);
        CHECK(classify("CC0-1.0 AND (llama3 OR (LicenseRef-x AND MIT))").license_class ==
              LicenseClass::restricted);
    }
}

TEST_CASE("classify works on an already parsed expression", "[license][table]") {
    const auto parsed = openness::license::parse_expression("ISC OR gemma");
    REQUIRE(parsed.expression.has_value());
    const auto result = table().classify(*parsed.expression);
    CHECK(result.license_class == LicenseClass::osi);
    CHECK(result.canonical == "ISC OR gemma");
}

TEST_CASE("copies of a table stay usable", "[license][table]") {
    std::vector<openness::util::Diagnostic> diagnostics;
    auto loaded = LicenseTable::load(
        small_table(R"({"id": "A-1", "name": "A", "class": "osi", "aliases": ["alpha license"]})"),
        "t.json", diagnostics);
    REQUIRE(loaded.has_value());
    const LicenseTable copy = *loaded;
    loaded.reset();
    REQUIRE(copy.find("ALPHA LICENSE") != nullptr);
    CHECK(copy.find("ALPHA LICENSE")->id == "A-1");
    LicenseTable moved = std::move(copy);
    CHECK(moved.classify("a-1").explanation == "A-1 is OSI-approved");
}

TEST_CASE("every OSI-approved id on the SPDX list is class osi", "[license][table][shared]") {
    const std::optional<std::string> tsv = openness::test::shared_path("spdx/licenses.tsv");
    if (!tsv) {
        return;
    }
    std::ifstream in(*tsv);
    std::string line;
    std::size_t checked = 0;
    bool header = true;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        if (header) {
            header = false;
            continue;
        }
        std::istringstream fields(line);
        std::string id;
        std::string name;
        std::string osi;
        std::getline(fields, id, '\t');
        std::getline(fields, name, '\t');
        std::getline(fields, osi, '\t');
        const auto* info = table().find(id);
        INFO(id);
        REQUIRE(info != nullptr);
        CHECK(info->id == id);
        if (osi == "true") {
            CHECK(info->license_class == LicenseClass::osi);
            CHECK(info->osi_approved);
            ++checked;
        }
    }
    CHECK(checked > 100);
}

TEST_CASE("the committed table is what the generator writes", "[license][table][shared]") {
    const std::optional<std::string> spdx = openness::test::shared_path("spdx");
    if (!spdx) {
        return;
    }
    if (std::system("python3 -c pass > /dev/null 2>&1") != 0) {
        openness::test::skip("python3 is not available");
        return;
    }
    std::string temp = (std::filesystem::temp_directory_path() / "openness-licenses-XXXXXX").string();
    const int fd = mkstemp(temp.data());
    REQUIRE(fd >= 0);
    close(fd);
    const std::string command = "python3 '" OPENNESS_SOURCE_DIR "/tools/gen_license_table.py' '" +
                                *spdx + "' --output '" + temp + "' 2> /dev/null";
    const int status = std::system(command.c_str());
    const std::string generated = read_file(temp);
    std::remove(temp.c_str());
    REQUIRE(status == 0);
    // If this fails, run: python3 tools/gen_license_table.py, and commit the result.
    CHECK(generated == read_file(k_table_path));
}

TEST_CASE("LicenseTable::load takes a duplicate key as an error, naming both places",
          "[license][table]") {
    // One reading of a file: jq, Python and JavaScript keep the last of two equal keys, a
    // reader that kept the first would read another table.
    const std::string text = read_file(k_table_path);
    const std::string duplicated =
        "{\"id\": \"other\",\n" + text.substr(text.find('{') + 1);
    const std::string errors = load_errors(duplicated);
    INFO(errors);
    CHECK(errors.rfind("t.json:", 0) == 0);
    CHECK(errors.find("duplicate key 'id'") != std::string::npos);
    CHECK(errors.find("line 1") != std::string::npos);
}
