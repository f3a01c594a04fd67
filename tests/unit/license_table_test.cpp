#include "openness/license/table.hpp"
#include "openness/util/embedded.hpp"

#include "case_table.hpp"
#include "test_files.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
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

// What classify must give for one text (a row of the table below).
struct ClassifyCase {
    const char* text;
    LicenseClass license_class;
    const char* canonical;
    bool parsed;
    const char* explanation;
};

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

TEST_CASE("LicenseTable::load reports each error with its place", "[license][table]") {
    openness::test::check_cases(
        {
            {"invalid JSON, with line and column", "{\n  \"id\": ,\n}",
             "t.json:2:9: error: expected a value, got ','\n"},
            {"not an object", "[]", "t.json: error: expected an object, found an array\n"},
            {"missing keys", "{}",
             "t.json: error: missing required key 'table_format'\n"
             "t.json: error: missing required key 'id'\n"
             "t.json: error: missing required key 'version'\n"
             "t.json: error: missing required key 'licenses'\n"
             "t.json: error: missing required key 'exceptions'\n"},
            {"another table format", R"({"table_format": 2, "licenses": 7})",
             "t.json: error: table_format: unsupported table_format 2 (this build reads 1)\n"},
            {"unknown class",
             small_table(R"({"id": "A", "name": "A", "class": "osi"},
                            {"id": "B", "name": "B", "class": "open"})"),
             "t.json: error: licenses[1].class: unknown class 'open' (expected unknown, "
             "proprietary, restricted, open-data or osi)\n"},
            {"misspelt key", small_table(R"({"id": "A", "name": "A", "clas": "osi"})"),
             "t.json: error: licenses[0].clas: unknown key 'clas'\n"
             "t.json: error: licenses[0]: missing required key 'class'\n"},
            {"wrong types",
             small_table(R"({"id": "A", "name": 5, "class": "osi", "osi": "yes", "aliases": "a"})"),
             "t.json: error: licenses[0].name: expected a string, found a number\n"
             "t.json: error: licenses[0].osi: expected a boolean, found a string\n"
             "t.json: error: licenses[0].aliases: expected an array, found a string\n"},
            {"an alias used twice",
             small_table(R"({"id": "MIT", "name": "MIT License", "class": "osi"},
                            {"id": "X", "name": "X", "class": "osi", "aliases": ["mit"]})"),
             "t.json: error: licenses[1].aliases[0]: 'mit' is already used by licenses[0] "
             "(MIT)\n"},
            {"an exception listed twice",
             small_table("", R"({"id": "A-exception", "name": "A"},
                                {"id": "a-EXCEPTION", "name": "A again"})"),
             "t.json: error: exceptions[1].id: 'a-EXCEPTION' is already used by exceptions[0]\n"},
            {"an empty id", small_table(R"({"id": "", "name": "A", "class": "osi"})"),
             "t.json: error: licenses[0].id: must not be empty\n"},
        },
        load_errors);
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
    const std::string long_text(10000, 'a');
    openness::test::check_cases(
        {
            // Ids, in any case.
            {"an SPDX id", "Apache-2.0", "Apache-2.0"},
            {"an SPDX id in another case", "APACHE-2.0", "Apache-2.0"},
            {"a custom id", "llama3.1", "llama3.1"},
            // Hugging Face Hub ids.
            {"a Hub id", "cc-by-nc-4.0", "CC-BY-NC-4.0"},
            {"a Hub id without version", "odbl", "ODbL-1.0"},
            {"a Hub id in lower case", "c-uda", "C-UDA-1.0"},
            {"a Hub id the table spells otherwise", "openmdw-1.0", "OpenMDW-1.0"},
            // Aliases and names (a name a deprecated id shares finds the current id).
            {"an alias that is a LicenseRef", "LicenseRef-Llama-3.1-Community", "llama3.1"},
            {"an alias that is a phrase", "all rights reserved", "proprietary"},
            {"an alias that is a long name", "Apache License, Version 2.0", "Apache-2.0"},
            {"a name", "apache license 2.0", "Apache-2.0"},
            {"a custom license's name", "Gemma Terms of Use", "gemma"},
            {"a deprecated id's name", "GNU General Public License v2.0 only", "GPL-2.0-only"},
            // Misses.
            {"nothing", "", "<none>"},
            {"an id half written", "Apache 2", "<none>"},
            {"a long text", long_text, "<none>"},
        },
        [](const std::string& text) {
            const auto* info = table().find(text);
            return info == nullptr ? std::string("<none>") : std::string(info->id);
        });
}

TEST_CASE("LicenseTable::find finds deprecated ids", "[license][table]") {
    const auto* info = table().find("gpl-2.0");
    REQUIRE(info != nullptr);
    CHECK(info->id == "GPL-2.0");
    CHECK(info->deprecated);
}

TEST_CASE("LicenseTable::is_exception knows the SPDX exceptions", "[license][table]") {
    CHECK(table().is_exception("LLVM-exception"));
    CHECK(table().is_exception("classpath-EXCEPTION-2.0"));
    CHECK_FALSE(table().is_exception("MIT"));
    CHECK_FALSE(table().is_exception(""));
}

TEST_CASE("classify gives each text its class, canonical form and one-sentence explanation",
          "[license][table]") {
    // One row a text, every field checked, one explanation a line (so the rows read as a table).
    // clang-format off
    const ClassifyCase rows[] = {
        // One license of each class.
        {"Apache-2.0", LicenseClass::osi, "Apache-2.0", true,
         "Apache-2.0 is OSI-approved"},
        {"CC-BY-4.0", LicenseClass::open_data, "CC-BY-4.0", true,
         "CC-BY-4.0 (Creative Commons Attribution 4.0 International) is an open data/content license: conformant with the Open Definition"},
        {"llama3.1", LicenseClass::restricted, "llama3.1", true,
         "llama3.1 (Llama 3.1 Community License Agreement) is restricted: use-restricted custom model license"},
        {"proprietary", LicenseClass::proprietary, "proprietary", true,
         "proprietary (Proprietary license) is proprietary: all rights reserved; no open license is granted"},
        {"other", LicenseClass::unknown, "other", true,
         "other is of unknown openness: 'other' is the Hugging Face Hub's id for a custom license; its terms are not known to openness"},
        // Hugging Face Hub ids: SPDX ids, near-SPDX ids, ids that are not expressions, families.
        {"cc-by-nc-4.0", LicenseClass::restricted, "CC-BY-NC-4.0", true,
         "CC-BY-NC-4.0 (Creative Commons Attribution Non Commercial 4.0 International) is restricted: non-commercial"},
        {"odc-by", LicenseClass::open_data, "ODC-By-1.0", true,
         "ODC-By-1.0 (Open Data Commons Attribution License v1.0) is an open data/content license: conformant with the Open Definition"},
        {"pddl", LicenseClass::open_data, "PDDL-1.0", true,
         "PDDL-1.0 (Open Data Commons Public Domain Dedication & License 1.0) is an open data/content license: public domain dedication, conformant with the Open Definition"},
        {"lgpl-lr", LicenseClass::restricted, "LGPLLR", true,
         "LGPLLR (Lesser General Public License For Linguistic Resources) is restricted: SPDX-listed, not OSI-approved and not an open data/content license"},
        {"c-uda", LicenseClass::restricted, "C-UDA-1.0", true,
         "C-UDA-1.0 (Computational Use of Data Agreement v1.0) is restricted: data use agreement: computational use only"},
        {"openrail++", LicenseClass::restricted, "openrail++", true,
         "openrail++ (Open Rail++-M License) is restricted: responsible AI license with use-based restrictions"},
        {"bsd", LicenseClass::unknown, "bsd", true,
         "bsd (BSD license family) is of unknown openness: a family, not one license"},
        {"unknown", LicenseClass::unknown, "unknown", true,
         "unknown is of unknown openness: 'unknown' is the Hugging Face Hub's id for a license that was not stated"},
        // Full names.
        {"Apache License 2.0", LicenseClass::osi, "Apache-2.0", true,
         "Apache-2.0 is OSI-approved"},
        {"Llama 3.1 Community License Agreement", LicenseClass::restricted, "llama3.1", true,
         "llama3.1 (Llama 3.1 Community License Agreement) is restricted: use-restricted custom model license"},
        {"All Rights Reserved", LicenseClass::proprietary, "proprietary", true,
         "proprietary (Proprietary license) is proprietary: all rights reserved; no open license is granted"},
        {"  Creative Commons Attribution 4.0  ", LicenseClass::open_data, "CC-BY-4.0", true,
         "CC-BY-4.0 (Creative Commons Attribution 4.0 International) is an open data/content license: conformant with the Open Definition"},
        // Ids in any case.
        {"APACHE-2.0", LicenseClass::osi, "Apache-2.0", true,
         "Apache-2.0 is OSI-approved"},
        {"Llama3.1", LicenseClass::restricted, "llama3.1", true,
         "llama3.1 (Llama 3.1 Community License Agreement) is restricted: use-restricted custom model license"},
        {"mit or apache-2.0", LicenseClass::osi, "MIT OR Apache-2.0", true,
         "MIT OR Apache-2.0: OR takes the most open operand, MIT (OSI-approved)"},
        // Deprecated SPDX ids, by their OSI flag; old GPL-with-exception ids keep the GPL's.
        {"GPL-2.0", LicenseClass::osi, "GPL-2.0", true,
         "GPL-2.0 is OSI-approved"},
        {"GPL-3.0+", LicenseClass::osi, "GPL-3.0+", true,
         "GPL-3.0+ is OSI-approved"},
        {"AGPL-1.0", LicenseClass::restricted, "AGPL-1.0", true,
         "AGPL-1.0 (Affero General Public License v1.0) is restricted: FSF-libre, but not OSI-approved and not an open data/content license; openness counts OSI approval for software"},
        {"GPL-2.0-with-classpath-exception", LicenseClass::osi, "GPL-2.0-with-classpath-exception", true,
         "GPL-2.0-with-classpath-exception is OSI-approved: deprecated id for a GPL version WITH an exception; an exception only adds permissions, so it keeps the GPL's class"},
        // NONE, NOASSERTION and no text at all.
        {"NONE", LicenseClass::unknown, "NONE", true,
         "released without a license (NONE)"},
        {" none ", LicenseClass::unknown, "NONE", true,
         "released without a license (NONE)"},
        {"NOASSERTION", LicenseClass::unknown, "NOASSERTION", true,
         "license unknown (NOASSERTION)"},
        {"", LicenseClass::unknown, "", false,
         "no license stated"},
        {"   ", LicenseClass::unknown, "", false,
         "no license stated"},
        {"\t\n", LicenseClass::unknown, "", false,
         "no license stated"},
        // Text that does not parse.
        {"  MIT AND  ", LicenseClass::unknown, "", false,
         "cannot parse license expression 'MIT AND': expected a license id after 'AND' at offset 7"},
        {"see LICENSE file", LicenseClass::unknown, "", false,
         "cannot parse license expression 'see LICENSE file': expected 'AND', 'OR' or 'WITH' before 'LICENSE' at offset 4"},
        // An id the table does not know is never open; a LicenseRef it knows is.
        {"Foo-1.0", LicenseClass::unknown, "Foo-1.0", true,
         "'Foo-1.0' is not in the license table"},
        {"LicenseRef-foo", LicenseClass::unknown, "LicenseRef-foo", true,
         "'LicenseRef-foo' is not in the license table"},
        {"DocumentRef-d:LicenseRef-foo", LicenseClass::unknown, "DocumentRef-d:LicenseRef-foo", true,
         "'DocumentRef-d:LicenseRef-foo' is not in the license table"},
        {"LicenseRef-proprietary", LicenseClass::proprietary, "proprietary", true,
         "proprietary (Proprietary license) is proprietary: all rights reserved; no open license is granted"},
        {"licenseref-llama-3.1-community", LicenseClass::restricted, "llama3.1", true,
         "llama3.1 (Llama 3.1 Community License Agreement) is restricted: use-restricted custom model license"},
        // OR takes the most open operand, wherever it stands; an unknown one does not lower it.
        {"MIT OR CC-BY-NC-4.0", LicenseClass::osi, "MIT OR CC-BY-NC-4.0", true,
         "MIT OR CC-BY-NC-4.0: OR takes the most open operand, MIT (OSI-approved)"},
        {"CC-BY-NC-4.0 OR cc-by-4.0", LicenseClass::open_data, "CC-BY-NC-4.0 OR CC-BY-4.0", true,
         "CC-BY-NC-4.0 OR CC-BY-4.0: OR takes the most open operand, CC-BY-4.0 (an open data/content license: conformant with the Open Definition)"},
        {"NOASSERTION OR Apache-2.0", LicenseClass::osi, "NOASSERTION OR Apache-2.0", true,
         "NOASSERTION OR Apache-2.0: OR takes the most open operand, Apache-2.0 (OSI-approved)"},
        // AND takes the least open operand.
        {"Apache-2.0 AND CC-BY-NC-4.0", LicenseClass::restricted, "Apache-2.0 AND CC-BY-NC-4.0", true,
         "Apache-2.0 AND CC-BY-NC-4.0: AND takes the least open operand, CC-BY-NC-4.0 (restricted: non-commercial)"},
        {"MIT AND LicenseRef-foo", LicenseClass::unknown, "MIT AND LicenseRef-foo", true,
         "MIT AND LicenseRef-foo: AND takes the least open operand, LicenseRef-foo (not in the license table)"},
        {"MIT AND NONE", LicenseClass::unknown, "MIT AND NONE", true,
         "MIT AND NONE: AND takes the least open operand, NONE (released without a license)"},
        // WITH keeps the license's class; an unknown or user-defined exception fails closed
        // (issue 14).
        {"gpl-3.0-only with classpath-exception-2.0", LicenseClass::osi, "GPL-3.0-only WITH Classpath-exception-2.0", true,
         "GPL-3.0-only WITH Classpath-exception-2.0: WITH keeps the class of the license, GPL-3.0-only (OSI-approved)"},
        {"Apache-2.0 WITH Foo-exception", LicenseClass::unknown, "Apache-2.0 WITH Foo-exception", true,
         "Apache-2.0 WITH Foo-exception: 'Foo-exception' is not a known license exception and may restrict Apache-2.0, so the license is not counted as open"},
        {"MIT WITH Commons-Clause", LicenseClass::unknown, "MIT WITH Commons-Clause", true,
         "MIT WITH Commons-Clause: 'Commons-Clause' is not a known license exception and may restrict MIT, so the license is not counted as open"},
        {"Apache-2.0 WITH AdditionRef-NonCommercial-Only", LicenseClass::unknown, "Apache-2.0 WITH AdditionRef-NonCommercial-Only", true,
         "Apache-2.0 WITH AdditionRef-NonCommercial-Only: 'AdditionRef-NonCommercial-Only' is a user-defined exception and may restrict Apache-2.0, so the license is not counted as open"},
        {"MIT WITH LicenseRef-x", LicenseClass::unknown, "MIT WITH LicenseRef-x", true,
         "MIT WITH LicenseRef-x: 'LicenseRef-x' is a user-defined exception and may restrict MIT, so the license is not counted as open"},
        {"MIT WITH LicenseRef-x OR GPL-2.0-only", LicenseClass::osi, "MIT WITH LicenseRef-x OR GPL-2.0-only", true,
         "MIT WITH LicenseRef-x OR GPL-2.0-only: OR takes the most open operand, GPL-2.0-only (OSI-approved)"},
        {"MIT WITH LicenseRef-x AND Apache-2.0", LicenseClass::unknown, "MIT WITH LicenseRef-x AND Apache-2.0", true,
         "MIT WITH LicenseRef-x AND Apache-2.0: AND takes the least open operand, MIT WITH LicenseRef-x ('LicenseRef-x' is a user-defined exception)"},
        {"CC-BY-NC-4.0 WITH LLVM-exception", LicenseClass::restricted, "CC-BY-NC-4.0 WITH LLVM-exception", true,
         "CC-BY-NC-4.0 WITH LLVM-exception: WITH keeps the class of the license, CC-BY-NC-4.0 (restricted: non-commercial)"},
        {"Foo WITH Bar", LicenseClass::unknown, "Foo WITH Bar", true,
         "'Foo' is not in the license table; 'Bar' is not a known license exception"},
        // '+' keeps the base license's class.
        {"BSD-1-Clause+", LicenseClass::osi, "BSD-1-Clause+", true,
         "BSD-1-Clause+: '+' keeps the class of BSD-1-Clause (OSI-approved)"},
        {"CC-BY-NC-ND-2.5+", LicenseClass::restricted, "CC-BY-NC-ND-2.5+", true,
         "CC-BY-NC-ND-2.5+: '+' keeps the class of CC-BY-NC-ND-2.5 (restricted: non-commercial, no derivatives)"},
        {"llama3+", LicenseClass::restricted, "llama3+", true,
         "llama3+: '+' keeps the class of llama3 (restricted: use-restricted custom model license)"},
        // Nested expressions.
        {"(CC-BY-NC-4.0 OR CC-BY-ND-4.0) AND MIT", LicenseClass::restricted, "(CC-BY-NC-4.0 OR CC-BY-ND-4.0) AND MIT", true,
         "(CC-BY-NC-4.0 OR CC-BY-ND-4.0) AND MIT: AND takes the least open operand, (CC-BY-NC-4.0 OR CC-BY-ND-4.0), decided by CC-BY-NC-4.0 (restricted: non-commercial)"},
        {"(mit OR cc-by-nc-4.0) AND (cc-by-nd-4.0 OR apache-2.0 WITH llvm-exception)", LicenseClass::osi, "(MIT OR CC-BY-NC-4.0) AND (CC-BY-ND-4.0 OR Apache-2.0 WITH LLVM-exception)", true,
         "(MIT OR CC-BY-NC-4.0) AND (CC-BY-ND-4.0 OR Apache-2.0 WITH LLVM-exception): AND takes the least open operand, (MIT OR CC-BY-NC-4.0), decided by MIT (OSI-approved)"},
        {"MIT OR (CC0-1.0 AND (llama3 OR LicenseRef-x))", LicenseClass::osi, "MIT OR CC0-1.0 AND (llama3 OR LicenseRef-x)", true,
         "MIT OR CC0-1.0 AND (llama3 OR LicenseRef-x): OR takes the most open operand, MIT (OSI-approved)"},
        {"CC0-1.0 AND (llama3 OR (LicenseRef-x AND MIT))", LicenseClass::restricted, "CC0-1.0 AND (llama3 OR LicenseRef-x AND MIT)", true,
         "CC0-1.0 AND (llama3 OR LicenseRef-x AND MIT): AND takes the least open operand, (llama3 OR LicenseRef-x AND MIT), decided by llama3 (restricted: use-restricted custom model license)"},
    };
    // clang-format on
    for (const ClassifyCase& row : rows) {
        INFO("classify(\"" << row.text << "\")");
        const Classification result = classify(row.text);
        CHECK(class_id(result.license_class) == std::string(class_id(row.license_class)));
        CHECK(result.canonical == row.canonical);
        CHECK(result.parsed == row.parsed);
        CHECK(result.explanation == row.explanation);
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
