#include "report_fixtures.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using openness::test::invalid, openness::test::report, openness::test::scored;
using openness::test::weights_manifest;

namespace {

const std::string k_header =
    "path,model,version,tier,score,rubric,weights.final,weights.intermediate,architecture,"
    "hyperparameters,data.training,data.evaluation,data.card,code.training,code.inference,"
    "code.evaluation,code.data_processing,code.libraries,documentation.model_card,"
    "documentation.technical_report,documentation.research_paper,"
    "documentation.evaluation_results,documentation.sample_outputs,valid,error,gate\r\n";

// A strict RFC 4180 reader: records end in CRLF, quoted fields may hold anything.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '"') {
            ++i;
            while (true) {
                REQUIRE(i < text.size());
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
        } else {
            while (i < text.size() && text[i] != ',' && text[i] != '\r') {
                REQUIRE(text[i] != '"');
                REQUIRE(text[i] != '\n');
                field += text[i++];
            }
        }
        REQUIRE(i < text.size());
        record.push_back(field);
        field.clear();
        if (text[i] == ',') {
            ++i;
            continue;
        }
        REQUIRE(text.compare(i, 2, "\r\n") == 0);
        i += 2;
        records.push_back(record);
        record.clear();
    }
    return records;
}

// The data row of a one-outcome report, as fields.
std::vector<std::string> row(const openness::report::Outcome& outcome) {
    const auto records = parse_csv(report("csv", {outcome}));
    REQUIRE(records.size() == 2);
    REQUIRE(records[1].size() == records[0].size());
    return records[1];
}

}  // namespace

TEST_CASE("csv starts with the header row, CRLF-terminated", "[report][csv]") {
    CHECK(report("csv", {}) == k_header);
    const auto records = parse_csv(k_header);
    REQUIRE(records.size() == 1);
    CHECK(records[0].size() == 26);
}

TEST_CASE("csv quotes fields with a comma or a quote and doubles quotes", "[report][csv]") {
    // A line break in a cell is shown as an escape (issue 14): a CI log reads each line of
    // output for workflow commands, so no row may span lines.
    const std::string text =
        report("csv", {scored("a,b \"c\"\r\nd.json", weights_manifest("MIT", "say \"hi\""))});
    CHECK(text.find("\r\n\"a,b \"\"c\"\"\\r\\nd.json\",\"say \"\"hi\"\"\",1,open-weights,") !=
          std::string::npos);
    const auto fields = row(scored("a,b \"c\"\r\nd.json", weights_manifest("MIT", "say \"hi\"")));
    CHECK(fields[0] == "a,b \"c\"\\r\\nd.json");
    CHECK(fields[1] == "say \"hi\"");
    SECTION("plain fields stay bare") {
        CHECK(report("csv", {scored("plain.json", weights_manifest("MIT"))})
                  .find("\r\nplain.json,m,1,open-weights,") != std::string::npos);
    }
}

TEST_CASE("csv neutralises formulas and control characters (issue 14)", "[report][csv]") {
    SECTION("a cell a spreadsheet would read as a formula gets a leading quote") {
        CHECK(row(scored("=HYPERLINK(\"http://x\").json", weights_manifest("MIT")))[0] ==
              "'=HYPERLINK(\"http://x\").json");
        CHECK(row(scored("m.json", weights_manifest("MIT", "+1|cmd")))[1] == "'+1|cmd");
        CHECK(row(scored("m.json", weights_manifest("MIT", "@SUM(A1)")))[1] == "'@SUM(A1)");
        CHECK(row(scored("-2+3.json", weights_manifest("MIT")))[0] == "'-2+3.json");
    }
    SECTION("a tab or CR before a formula is shown as an escape") {
        CHECK(row(scored("m.json", weights_manifest("MIT", "\t=1+2")))[1] == "\\t=1+2");
        CHECK(row(scored("m.json", weights_manifest("MIT", "\r=1+2")))[1] == "\\r=1+2");
    }
    SECTION("ESC, NUL and bytes that are not UTF-8 are shown as escapes") {
        CHECK(row(scored(std::string("a\x1b]0;t\x07\0\xff.json", 14), weights_manifest("MIT")))[0] ==
              "a\\x1b]0;t\\x07\\x00\\xff.json");
    }
}

TEST_CASE("csv writes the verdict's columns", "[report][csv]") {
    const auto fields = row(scored("m.json", weights_manifest("Apache-2.0")));
    CHECK(fields[0] == "m.json");
    CHECK(fields[3] == "open-weights");
    CHECK(fields[4] == "20.0");
    CHECK(fields[5] == "openness@1.0");
    CHECK(fields[23] == "true");
    CHECK(fields[24] == "");
    CHECK(fields[25] == "pass");
}

TEST_CASE("csv encodes each artifact as availability and license class", "[report][csv]") {
    SECTION("released under an OSI-approved license") {
        CHECK(row(scored("m.json", weights_manifest("Apache-2.0")))[6] == "released:osi");
    }
    SECTION("released under a restricted license") {
        CHECK(row(scored("m.json", weights_manifest("llama3.1")))[6] == "released:restricted");
    }
    SECTION("released under an open data license") {
        CHECK(row(scored("m.json", weights_manifest("CC-BY-4.0")))[6] == "released:open-data");
    }
    SECTION("released with no license stated") {
        CHECK(row(scored("m.json", weights_manifest("")))[6] == "released:unknown");
    }
    SECTION("not released, listed or not") {
        CHECK(row(scored("m.json", weights_manifest("MIT")))[7] == "not-released");
    }
    SECTION("not stated by the source") {
        auto outcome = scored("m.json", weights_manifest("MIT"));
        outcome.verdict->artifacts[1].availability = openness::manifest::Availability::unknown;
        CHECK(row(outcome)[7] == "unknown");
    }
}

TEST_CASE("csv gives an invalid manifest empty verdict columns and its first error",
          "[report][csv]") {
    auto outcome =
        invalid("bad.json", "{\"manifest_version\": 1, \"access\": \"api\",\n \"model\": 3}");
    outcome.gate_failed = true;
    outcome.gate_reason = "invalid manifest";
    const auto fields = row(outcome);
    CHECK(fields[0] == "bad.json");
    for (std::size_t i = 1; i < 23; ++i) {
        CHECK(fields[i].empty());
    }
    CHECK(fields[23] == "false");
    CHECK(fields[24] == "bad.json:2:11: error: model: expected an object, got a number");
    CHECK(fields[25] == "fail");
}

TEST_CASE("csv marks manifests below the gate", "[report][csv]") {
    CHECK(row(scored("m.json", weights_manifest("llama3.1"),
                     "tier restricted-weights is below the minimum open-weights"))[25] == "fail");
}
