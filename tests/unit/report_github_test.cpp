#include "openness/report/report.hpp"

#include "report_fixtures.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace openness;


TEST_CASE("github: a line per manifest and a warning per rule the next tier needs",
          "[report][github]") {
    const std::string out =
        test::report("github", {test::scored("m.json", test::weights_manifest("llama3.1"))});
    CHECK(out.find("m.json: restricted-weights (restricted weights), score ") == 0);
    CHECK(out.find("::warning file=m.json,line=2,col=24,title=openness%3A open-weights needs "
                   "weights.final.open-license::Final weights: released under an OSI-approved "
                   "or open data/content license. final weights released under llama3.1") !=
          std::string::npos);
    CHECK(out.find("::error") == std::string::npos);
    CHECK(out.find("::notice title=openness summary::1 manifest: restricted-weights 1\n") !=
          std::string::npos);
}

TEST_CASE("github: a gate failure is an error naming the rules still missing",
          "[report][github]") {
    const std::string out = test::report(
        "github",
        {test::scored("m.json", test::weights_manifest("llama3.1"),
                      "openness@1.0 tier restricted-weights is below the minimum open-weights")},
        test::options_1_0(), "--min-tier open-weights");
    CHECK(out.find("::error file=m.json,title=openness%3A below the gate::openness@1.0 tier "
                   "restricted-weights is below the minimum open-weights. To reach open-weights "
                   "(open weights), still missing: weights.final.open-license\n") !=
          std::string::npos);
    CHECK(out.find("::error title=openness summary::1 manifest: restricted-weights 1; gate "
                   "--min-tier open-weights failed\n") != std::string::npos);
}

TEST_CASE("github: an invalid manifest is an error at its position", "[report][github]") {
    const std::string out = test::report("github", {test::invalid("bad.json", "{\"a\": }")});
    CHECK(out.find("bad.json: invalid (not scored)\n::error file=bad.json,line=1,col=7,"
                   "title=openness%3A invalid manifest::") != std::string::npos);
}

TEST_CASE("github: messages and properties are escaped as the runner decodes them",
          "[report][github]") {
    // '%', CR and LF everywhere; ':' and ',' too in properties such as the file name.
    const std::string out = test::report(
        "github", {test::scored("a:b,c%d.json", test::weights_manifest("MIT"),
                                "reason with 100% of\r\nlines: a, b")});
    CHECK(out.find("::error file=a%3Ab%2Cc%25d.json,title=openness%3A below the gate::reason "
                   "with 100%25 of%0D%0Alines: a, b") != std::string::npos);
    const std::string stdin_out =
        test::report("github", {test::scored("<stdin>", test::weights_manifest("llama3.1"))});
    CHECK(stdin_out.find("::warning title=") != std::string::npos);
}

TEST_CASE("github: a Markdown summary is appended to the step summary file",
          "[report][github]") {
    test::TempDir dir;
    const std::string path = dir / "step-summary.md";
    test::write_file(path, "earlier step\n");
    report::Options options = test::options_1_0();
    options.step_summary_file = path;
    test::report("github",
                 {test::scored("m|1.json", test::weights_manifest("llama3.1"), "below"),
                  test::invalid("bad.json", "{")},
                 options, "--min-tier open-weights");
    const std::string summary = test::read_file(path);
    CHECK(summary.find("earlier step\n### openness: 2 manifests (openness@1.0)\n\n| tier | "
                       "manifests |\n| --- | ---: |\n| closed | 0 |\n") == 0);
    CHECK(summary.find("| restricted-weights | 1 |\n") != std::string::npos);
    CHECK(summary.find("| invalid | 1 |\n") != std::string::npos);
    CHECK(summary.find("Gate `--min-tier open-weights`: **failed** (1 below, 1 invalid).\n") !=
          std::string::npos);
    CHECK(summary.find("- **m\\|1.json**: below. To reach open-weights:\n  - Final weights") !=
          std::string::npos);
    CHECK(summary.find("#### Invalid manifests\n\n- bad.json:1:2: error: ") != std::string::npos);
    CHECK(summary.find("| m\\|1.json | m 1 | restricted-weights | ") != std::string::npos);
}

TEST_CASE("github: no summary file is written when none is named", "[report][github]") {
    const std::vector<report::Outcome> outcomes = {
        test::scored("m.json", test::weights_manifest("MIT"))};
    report::Options options = test::options_1_0();
    options.step_summary_file = "";
    const std::string out = test::report("github", outcomes, options);
    CHECK(out.rfind("m.json: open-weights (open weights), score 20.0 under openness@1.0\n", 0) ==
          0);
    const std::string notice = "::notice title=openness summary::1 manifest: open-weights 1\n";
    REQUIRE(out.size() > notice.size());
    CHECK(out.compare(out.size() - notice.size(), notice.size(), notice) == 0);
    CHECK(out.find("###") == std::string::npos);
    // Named, the summary goes to that file and nowhere else: the lines on stdout are the same.
    test::TempDir dir;
    options.step_summary_file = dir / "summary.md";
    CHECK(test::report("github", outcomes, options) == out);
    CHECK(test::read_file(options.step_summary_file).find("### openness: 1 manifest") == 0);
}

TEST_CASE("github: an input warning is a warning at its line, did-you-mean included (issue 15)",
          "[report][github]") {
    const std::string out = test::report("github", {test::scored_with_typo("t.json")});
    CHECK(out.find("::warning file=t.json,line=2,col=14,title=openness%3A input warning::licence: "
                   "unknown key (ignored; it may belong to a newer manifest version); did you "
                   "mean 'license'?\n") != std::string::npos);
}
