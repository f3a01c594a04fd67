#include "openness/license/memo.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using openness::license::Classification, openness::license::ClassificationMemo;
using openness::license::LicenseClass, openness::license::LicenseTable;

namespace {

std::shared_ptr<const LicenseTable> committed_table() {
    std::ifstream in(OPENNESS_SOURCE_DIR "/rubric/licenses/openness-licenses-1.0.json",
                     std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    std::vector<openness::util::Diagnostic> diagnostics;
    auto loaded = LicenseTable::load(text.str(), "openness-licenses-1.0.json", diagnostics);
    REQUIRE(loaded.has_value());
    return std::make_shared<const LicenseTable>(std::move(*loaded));
}

void check_same(const Classification& memo, const Classification& direct) {
    CHECK(memo.license_class == direct.license_class);
    CHECK(memo.parsed == direct.parsed);
    CHECK(memo.canonical == direct.canonical);
    CHECK(memo.explanation == direct.explanation);
    CHECK(memo.single == direct.single);
}

}  // namespace

TEST_CASE("ClassificationMemo gives what the table gives, first sight or not", "[license][memo]") {
    const std::shared_ptr<const LicenseTable> table = committed_table();
    ClassificationMemo memo(table);
    const std::vector<std::string> texts = {"Apache-2.0",
                                            "apache-2.0",
                                            " MIT ",
                                            "Apache-2.0 OR MIT",
                                            "(MIT OR Apache-2.0) AND BSD-3-Clause",
                                            "GPL-3.0-or-later WITH GCC-exception-3.1",
                                            "NONE",
                                            "noassertion",
                                            "",
                                            "see LICENSE file",
                                            "MIT AND (Apache-2.0",
                                            "llama3.1"};
    for (int round = 0; round < 2; ++round) {
        for (const std::string& text : texts) {
            INFO("round " << round << ", text '" << text << "'");
            check_same(*memo.classify(text), table->classify(text));
        }
    }
    CHECK(memo.size() == texts.size());
    CHECK(memo.table() == table);
    SECTION("the key is the text as written: a copy of it finds the same entry") {
        const std::string copy = "Apache-2.0 OR MIT";
        CHECK(memo.classify(copy).get() == memo.classify(texts[3]).get());
        CHECK(memo.size() == texts.size());
    }
}

TEST_CASE("ClassificationMemo forgets everything once it is full", "[license][memo]") {
    const std::shared_ptr<const LicenseTable> table = committed_table();
    ClassificationMemo memo(table, 2);
    memo.classify("MIT");
    memo.classify("Apache-2.0");
    CHECK(memo.size() == 2);
    const Classification& third = *memo.classify("MIT OR Apache-2.0");
    CHECK(memo.size() == 1);
    CHECK(third.license_class == LicenseClass::osi);
    check_same(*memo.classify("MIT"), table->classify("MIT"));
    CHECK(memo.size() == 2);
}

TEST_CASE("ClassificationMemo entries outlive being forgotten while they are held",
          "[license][memo]") {
    const std::shared_ptr<const LicenseTable> table = committed_table();
    ClassificationMemo memo(table, 1);
    const std::shared_ptr<const Classification> held = memo.classify("Apache-2.0");
    memo.classify("MIT");  // full: forgets "Apache-2.0"
    CHECK(memo.size() == 1);
    check_same(*held, table->classify("Apache-2.0"));
    CHECK(memo.classify("Apache-2.0").get() != held.get());
}
