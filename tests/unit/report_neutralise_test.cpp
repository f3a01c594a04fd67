#include "openness/report/neutralise.hpp"

#include "openness/util/diagnostic.hpp"
#include "openness/util/json_writer.hpp"
#include "openness/util/printable.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace openness;

TEST_CASE("terminal text shows controls as escapes and defuses workflow commands",
          "[report][neutralise]") {
    SECTION("C0, DEL, C1, bidirectional overrides and bytes that are not UTF-8") {
        CHECK(report::terminal_text("a\nb\rc\td\x1b]52;c;x\x07\x7f") ==
              "a\\nb\\rc\\td\\x1b]52;c;x\\x07\\x7f");
        CHECK(report::terminal_text("\xc2\x85\xc2\x9b" "31m \xe2\x80\xae" "exe") ==
              "\\u0085\\u009b31m \\u202eexe");
        CHECK(report::terminal_text("\xff\xfe ok \xc3\xa9") == "\\xff\\xfe ok \xc3\xa9");
    }
    SECTION("a workflow command at the start or after white space, and ##[ anywhere") {
        CHECK(report::terminal_text("::error::x") == "\\x3a:error::x");
        CHECK(report::terminal_text("a ::add-mask::x") == "a \\x3a:add-mask::x");
        CHECK(report::terminal_text("std::string") == "std::string");
        CHECK(report::terminal_text("x ##[add-mask]y") == "x ##\\x5badd-mask]y");
    }
    SECTION("plain text is kept, and escaping twice changes nothing") {
        CHECK(report::terminal_text("Llama-3.1-8B (Meta) \xe2\x86\x92 ok") ==
              "Llama-3.1-8B (Meta) \xe2\x86\x92 ok");
        const std::string once = report::terminal_text("a\n::x ##[y \x1b");
        CHECK(report::terminal_text(once) == once);
    }
}

TEST_CASE("a diagnostic quoting its input renders as one safe line", "[report][neutralise]") {
    util::Diagnostic d;
    d.file = "m\n::error::x.json";
    d.location = {2, 3};
    d.path = "access";
    d.message = "unknown access 'x\n::add-mask::s\x1b[2J'";
    CHECK(util::render(d) ==
          "m\\n\\x3a:error::x.json:2:3: error: access: unknown access "
          "'x\\n\\x3a:add-mask::s\\x1b[2J'");
}

TEST_CASE("html text and links", "[report][neutralise]") {
    CHECK(report::html_text("<script>a&b</script>\"'") ==
          "&lt;script&gt;a&amp;b&lt;/script&gt;&quot;&#39;");
    CHECK(report::html_text("x\x1b\xff") == "x\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(report::html_text("::error::x\n##[y") == "&#58;:error::x\n##&#91;y");
    CHECK(report::html_url("https://example.org/a?b=1&c=\"") ==
          "https://example.org/a?b=1&amp;c=&quot;");
    CHECK(report::html_url("HTTP://example.org") == "HTTP://example.org");
    CHECK(report::html_url("javascript:alert(1)").empty());
    CHECK(report::html_url(" https://example.org").empty());
    CHECK(report::html_url("data:text/html,x").empty());
    CHECK(report::html_url("//example.org").empty());
}

TEST_CASE("github workflow command data and properties", "[report][neutralise]") {
    CHECK(report::github_data("50% a\r\nb::c") == "50%25 a%0D%0Ab::c");
    CHECK(report::github_data("x\x1b[31m") == "x\xEF\xBF\xBD[31m");
    CHECK(report::github_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A");
}

TEST_CASE("xml text and attributes", "[report][neutralise]") {
    std::string text;
    report::append_xml(text, "<a>&'\"\x01\xff\n::x", false);
    CHECK(text == "&lt;a&gt;&amp;&apos;&quot;\xEF\xBF\xBD\xEF\xBF\xBD\n&#58;:x");
    std::string attribute;
    report::append_xml(attribute, "a\tb\nc\r##[d", true);
    CHECK(attribute == "a&#9;b&#10;c&#13;##&#91;d");
}

TEST_CASE("markdown code spans", "[report][neutralise]") {
    CHECK(report::markdown_code("a|b", false) == "`a|b`");
    CHECK(report::markdown_code("a|b", true) == "`a\\|b`");
    CHECK(report::markdown_code("a`b``c", false) == "``` a`b``c ```");
    CHECK(report::markdown_code("x\ny\x1b", false) == "`x y\xEF\xBF\xBD`");
}

TEST_CASE("json strings defuse the runner's old command syntax", "[report][neutralise]") {
    std::string out;
    util::append_json_string(out, "a ##[add-mask]b ###[c \xc2\x9b");
    CHECK(out == "\"a ##\\u005badd-mask]b ###\\u005bc \\u009b\"");
}
