#include "openness/report/report.hpp"

#include "case_table.hpp"
#include "report_fixtures.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

using namespace openness;

TEST_CASE("html: one page, rows first and the summary last", "[report][html]") {
    const std::string page =
        test::report("html", {test::scored("a.json", test::weights_manifest("MIT")),
                              test::scored("b.json", test::weights_manifest("llama3.1")),
                              test::invalid("c.json", "{")});
    CHECK(page.find("<!DOCTYPE html>") == 0);
    CHECK(page.size() > 1000);
    CHECK(page.substr(page.size() - 8) == "</html>\n");
    // Rows stream in input order before the summary, which CSS moves to the top.
    const std::size_t a = page.find("<tbody class=\"m\" data-path=\"a.json\"");
    const std::size_t b = page.find("<tbody class=\"m\" data-path=\"b.json\"");
    const std::size_t c = page.find("<tbody class=\"m\" data-path=\"c.json\"");
    const std::size_t chart = page.find("<div class=\"card chart\" id=\"chart\" data-total=\"3\">");
    REQUIRE(a != std::string::npos);
    CHECK(a < b);
    CHECK(b < c);
    CHECK(c < chart);
    test::check_contains(page, {"#summary{order:-1;",
                                "<div class=\"bar\" data-tier=\"open-weights\" data-count=\"1\">",
                                "<div class=\"bar\" data-tier=\"invalid\" data-count=\"1\">",
                                "data-tier=\"invalid\" data-rank=\"-1\""});
}

TEST_CASE("html: a row has the tier, the score and a coloured cell per artifact",
          "[report][html]") {
    const std::string page =
        test::report("html", {test::scored("a.json", test::weights_manifest("llama3.1"))});
    CHECK(page.find("data-tier=\"restricted-weights\" data-rank=\"2\" data-score=\"10.0\"") !=
          std::string::npos);
    CHECK(page.find("<span class=\"tier s2\" title=\"restricted weights\">restricted-weights"
                    "</span>") != std::string::npos);
    CHECK(page.find("<td class=\"a restr\" data-v=\"4\" title=\"final weights: released under "
                    "llama3.1, restricted") != std::string::npos);
    std::size_t cells = 0;
    for (std::size_t at = page.find("<td class=\"a "); at != std::string::npos;
         at = page.find("<td class=\"a ", at + 1)) {
        ++cells;
    }
    CHECK(cells == manifest::k_artifact_count);
    CHECK(page.find("<ul class=\"reach\" data-rubric=\"openness@1.0\"><li "
                    "data-rule=\"weights.final.open-license\">") != std::string::npos);
}

TEST_CASE("html: text from manifests and file names cannot add markup", "[report][html]") {
    const std::string page = test::report(
        "html", {test::scored("<script>alert(1)</script>.json",
                              test::weights_manifest("MIT", "<img src=x onerror=alert(2)>\xFF"))});
    CHECK(page.find("<script>alert") == std::string::npos);
    CHECK(page.find("<img") == std::string::npos);
    CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;.json") != std::string::npos);
    CHECK(page.find("&lt;img src=x onerror=alert(2)&gt;\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("html: the page is self-contained and colour-free", "[report][html]") {
    report::Options options = test::options_1_0();
    options.color = true;
    const std::string page =
        test::report("html", {test::scored("a.json", test::weights_manifest("MIT"))}, options);
    CHECK(page.find("http://") == std::string::npos);
    CHECK(page.find("https://") == std::string::npos);
    CHECK(page.find(" src=") == std::string::npos);
    CHECK(page.find("<link") == std::string::npos);
    CHECK(page.find('\x1b') == std::string::npos);
}

TEST_CASE("html: contradictions with the release are listed apart from the warnings",
          "[report][html]") {
    report::Outcome outcome = test::scored("a.json", test::weights_manifest("MIT"));
    util::Diagnostic contradiction;
    contradiction.file = "a.json";
    contradiction.location = {4, 3};
    contradiction.path = "access";
    contradiction.message = "the manifest says download, but r is gated";
    outcome.diagnostics.push_back(contradiction);
    outcome.gate_failed = true;
    outcome.gate_reason = "1 contradiction with r";
    const std::string page = test::report("html", {outcome});
    CHECK(page.find("<h3>Contradicted by the release</h3><ul><li>a.json:4:3: error: access: the "
                    "manifest says download, but r is gated</li></ul>") != std::string::npos);
    CHECK(page.find("<h3>Warnings</h3><ul><li>a.json:4:3") == std::string::npos);
}
