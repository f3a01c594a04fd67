#include "openness/cli/run.hpp"
#include "openness/util/file_system.hpp"
#include "openness/util/json.hpp"

#include "cli_fixtures.hpp"
#include "test_files.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

using openness::cli::Environment, openness::cli::run;
using openness::test::example, openness::test::invoke, openness::test::Result;

namespace {

std::string tier_of(const std::string& name, const std::string& rubric = "openness@1.0") {
    Result r = invoke({"classify", example(name), "--rubric", rubric, "--format", "jsonl"});
    REQUIRE(r.code == 0);
    const std::string key = "\"tier\":\"";
    const std::size_t at = r.out.find(key);
    REQUIRE(at != std::string::npos);
    return r.out.substr(at + key.size(), r.out.find('"', at + key.size()) - at - key.size());
}

}  // namespace

TEST_CASE("the examples get their tiers under openness@1.0", "[cli][examples]") {
    CHECK(tier_of("llama-3.1-8b.json") == "restricted-weights");
    CHECK(tier_of("mistral-7b-v0.1.json") == "open-weights");
    CHECK(tier_of("qwen2.5-7b.json") == "open-weights");
    CHECK(tier_of("deepseek-r1.json") == "open-weights");
    CHECK(tier_of("gpt-4.json") == "api-only");
    CHECK(tier_of("olmo-2-7b.json") == "fully-open");
    CHECK(tier_of("bloom.json") == "restricted-weights");
    CHECK(tier_of("pythia-6.9b.json") == "open-source");
    CHECK(tier_of("starcoder2-15b.json") == "restricted-weights");
    CHECK(tier_of("mixtral-8x7b.json") == "open-weights");
}

TEST_CASE("exit codes", "[cli]") {
    SECTION("0 when every manifest is scored") {
        CHECK(invoke({"classify", example("gpt-4.json")}).code == 0);
    }
    SECTION("1 when the gate fails") {
        CHECK(invoke({"classify", example("gpt-4.json"), "--min-tier", "open-weights"}).code == 1);
    }
    SECTION("2 for an unknown flag, rubric or tier") {
        CHECK(invoke({"classify", example("gpt-4.json"), "--nope"}).code == 2);
        CHECK(invoke({"classify", example("gpt-4.json"), "--rubric", "nope"}).code == 2);
        CHECK(invoke({"classify", example("gpt-4.json"), "--min-tier", "nope"}).code == 2);
        CHECK(invoke({"classify", example("gpt-4.json"), "--format", "yaml"}).code == 2);
    }
    SECTION("3 for an invalid manifest, even when the gate also fails") {
        openness::util::MemoryFileSystem files;
        files.add("bad.json", "{");
        files.add("api.json", R"({"manifest_version": 1, "model": {"name": "m"}, "access": "api"})");
        Environment environment;
        environment.files = &files;
        Result r = invoke({"classify", "bad.json", "api.json", "--min-tier",
                           "open-weights", "--summary-only"},
                          environment);
        CHECK(r.code == 3);
        CHECK(r.err == "bad.json:1:2: error: unexpected end of input, expected a member name in "
                       "an object\n");
    }
}

TEST_CASE("an unreadable file is one clear line and the batch goes on", "[cli]") {
    openness::util::MemoryFileSystem files;  // paths it does not hold read as missing
    Environment environment;
    environment.files = &files;
    files.add("good.json", R"({"manifest_version": 1, "model": {"name": "m"}, "access": "api"})");
    Result r = invoke({"classify", "gone.json", "good.json", "--format", "jsonl"}, environment);
    CHECK(r.code == 3);
    CHECK(r.err == "gone.json: error: cannot open: No such file or directory\n");
    CHECK(r.out.find("\"path\":\"gone.json\",\"valid\":false") != std::string::npos);
    CHECK(r.out.find("\"path\":\"good.json\",\"valid\":true") != std::string::npos);
    CHECK(r.out.find("\"tier\":\"api-only\"") != std::string::npos);
}

TEST_CASE("every command reads, walks and writes through the Environment's file system",
          "[cli]") {
    openness::util::MemoryFileSystem files;
    const std::string api = R"({"manifest_version": 1, "model": {"name": "m"}, "access": "api"})";
    files.add("release/a.json", api);
    files.add("release/nested/b.json", api);
    Environment environment;
    environment.files = &files;
    SECTION("classify walks a folder and writes -o") {
        Result r = invoke({"classify", "release", "--summary-only", "-o", "report.txt"},
                          environment);
        CHECK(r.code == 0);
        CHECK(r.out.empty());
        REQUIRE(files.file("report.txt"));
        CHECK(files.file("report.txt")->rfind("summary: 2 manifests\n", 0) == 0);
    }
    SECTION("convert and badge write -o") {
        CHECK(invoke({"convert", "release/a.json", "--to", "mof", "-o", "model.yml"}, environment)
                  .code == 0);
        CHECK(files.file("model.yml")->find("name: m") != std::string::npos);
        CHECK(invoke({"badge", "release/a.json", "-o", "badge.svg"}, environment).code == 0);
        CHECK(files.file("badge.svg")->rfind("<svg", 0) == 0);
    }
    SECTION("init never overwrites a file without --force") {
        files.add("openness.json", "mine");
        Result r = invoke({"init", "--no-input", "--name", "m"}, environment);
        CHECK(r.code == 2);
        CHECK(r.err == "openness: error: openness.json already exists (use --force to "
                       "overwrite it)\n");
        CHECK(files.file("openness.json") == "mine");
        CHECK(invoke({"init", "--no-input", "--name", "m", "--force"}, environment).code == 0);
        CHECK(files.file("openness.json")->find("\"name\": \"m\"") != std::string::npos);
    }
}

TEST_CASE("a file over the size limit is refused before it is read", "[cli]") {
    openness::util::MemoryFileSystem files;
    files.add("big.json", std::string(2048, ' '));
    Environment environment;
    environment.files = &files;
    Result r = invoke({"classify", "big.json", "--max-file-size", "1024"}, environment);
    CHECK(r.code == 3);
    CHECK(r.err ==
          "big.json: error: file is 2.0 KiB, over the limit of 1.0 KiB (--max-file-size)\n");
}

TEST_CASE("standard input is read for -", "[cli]") {
    std::istringstream in(R"({"manifest_version": 1, "model": {"name": "piped"}, "access": "none"})");
    Environment environment;
    environment.in = &in;
    Result r = invoke({"classify", "-", "--format", "jsonl"}, environment);
    CHECK(r.code == 0);
    CHECK(r.out.find("\"path\":\"<stdin>\"") != std::string::npos);
    CHECK(r.out.find("\"tier\":\"closed\"") != std::string::npos);
}

TEST_CASE("colour follows the terminal, NO_COLOR, CLICOLOR_FORCE and --color", "[cli]") {
    const std::string path = example("gpt-4.json");
    auto colored = [&](const Environment& e, const std::vector<std::string>& extra = {}) {
        std::vector<std::string> args = {"classify", path};
        args.insert(args.end(), extra.begin(), extra.end());
        return invoke(args, e).out.find("\x1b[") != std::string::npos;
    };
    Environment plain;
    CHECK_FALSE(colored(plain));
    Environment terminal;
    terminal.stdout_is_terminal = true;
    CHECK(colored(terminal));
    Environment no_color = terminal;
    no_color.variables["NO_COLOR"] = "1";
    CHECK_FALSE(colored(no_color));
    Environment forced;
    forced.variables["CLICOLOR_FORCE"] = "1";
    CHECK(colored(forced));
    CHECK(colored(plain, {"--color", "always"}));
    CHECK_FALSE(colored(terminal, {"--color", "never"}));
    CHECK_FALSE(colored(terminal, {"--format", "json"}));
}

TEST_CASE("jsonl output is the same whatever the number of threads", "[cli]") {
    const std::string dir = std::string(OPENNESS_SOURCE_DIR) + "/examples";
    Result one = invoke({"classify", dir, "--format", "jsonl", "--jobs", "1"});
    Result four = invoke({"classify", dir, "--format", "jsonl", "--jobs", "4"});
    CHECK(one.code == 0);
    CHECK(one.out == four.out);
    CHECK(std::count(one.out.begin(), one.out.end(), '\n') == 10);
}

TEST_CASE("the thread count (--jobs) is at most 1024", "[cli]") {
    const std::string dir = std::string(OPENNESS_SOURCE_DIR) + "/examples";
    // Each thread keeps a window of results, so a huge count used to run out of memory.
    Result huge = invoke({"classify", dir, "--format", "csv", "--jobs", "100000"});
    CHECK(huge.code == 2);
    CHECK(huge.err.find("--jobs: Value 100000 not in range 0 to 1024") != std::string::npos);
    Result most = invoke({"classify", dir, "--format", "csv", "--jobs", "1024"});
    CHECK(most.code == 0);
    CHECK(std::count(most.out.begin(), most.out.end(), '\n') == 11);
}

TEST_CASE("the version flag lists the bundled rubrics with hashes", "[cli]") {
    Result r = invoke({"--version"});
    CHECK(r.code == 0);
    CHECK(r.out.find("openness@1.0  sha256:") != std::string::npos);
}

TEST_CASE("schema prints the bundled JSON Schema", "[cli]") {
    Result r = invoke({"schema"});
    CHECK(r.code == 0);
    CHECK(r.out.find("\"manifest_version\"") != std::string::npos);
}

TEST_CASE("the examples under osaid@1.0", "[cli][examples][osaid]") {
    CHECK(tier_of("olmo-2-7b.json", "osaid@1.0") == "conformant");
    CHECK(tier_of("pythia-6.9b.json", "osaid@1.0") == "conformant");
    for (const char* name : {"bloom.json", "starcoder2-15b.json", "llama-3.1-8b.json",
                             "mixtral-8x7b.json", "deepseek-r1.json", "gpt-4.json"}) {
        INFO(name);
        CHECK(tier_of(name, "osaid@1.0") == "not-conformant");
    }
}

TEST_CASE("BLOOM and StarCoder2 fail OSAID on license terms only, and the output says so",
          "[cli][examples][osaid]") {
    for (const char* name : {"bloom.json", "starcoder2-15b.json"}) {
        INFO(name);
        Result json = invoke({"classify", example(name), "--rubric", "osaid", "--format",
                              "jsonl", "--detail", "full"});
        CHECK(json.out.find("\"failure\":\"missing\"") == std::string::npos);
        CHECK(json.out.find("\"failure\":\"mixed\"") == std::string::npos);
        CHECK(json.out.find("\"failure\":\"terms\"") != std::string::npos);
        Result text = invoke({"classify", example(name), "--rubric", "osaid"});
        CHECK(text.out.find("every component conformant needs is released: only license terms "
                            "stand in the way") != std::string::npos);
    }
    // The contrast: releases that leave components out are told so, not only about terms.
    for (const char* name : {"llama-3.1-8b.json", "gpt-4.json"}) {
        INFO(name);
        Result json = invoke({"classify", example(name), "--rubric", "osaid", "--format",
                              "jsonl", "--detail", "full"});
        CHECK(json.out.find("\"failure\":\"missing\"") != std::string::npos);
        Result text = invoke({"classify", example(name), "--rubric", "osaid"});
        CHECK(text.out.find("only license terms stand in the way") == std::string::npos);
    }
}

TEST_CASE("examples whose paper licenses are unconfirmed do not reach MOF Class III", "[cli][examples][mof]") {
    // Their papers' licenses could not be confirmed (NOASSERTION), so none reaches Class III.
    for (const char* name : {"olmo-2-7b.json", "pythia-6.9b.json", "llama-3.1-8b.json"}) {
        INFO(name);
        CHECK(tier_of(name, "mof@1.0") == "unclassified");
    }
}

namespace {

std::string format_fixture(const std::string& name) {
    return std::string(OPENNESS_SOURCE_DIR) + "/tests/data/formats/" + name;
}

std::string field(const std::string& jsonl, const std::string& key) {
    const std::string marker = "\"" + key + "\":";
    const std::size_t at = jsonl.find(marker);
    if (at == std::string::npos) {
        return {};
    }
    const std::size_t start = at + marker.size();
    return jsonl.substr(start, jsonl.find_first_of(",}", start) - start);
}

}  // namespace

TEST_CASE("classify reads model cards, CycloneDX and SPDX 3 directly", "[cli][formats]") {
    Result r = invoke({"classify", format_fixture("hf/llama-gated.md"),
                       format_fixture("cyclonedx/complete.cdx.json"),
                       format_fixture("spdx3/complete.spdx3.json"), "--format", "jsonl",
                       "--rubric", "openness@1.0", "--detail", "full"});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    std::istringstream lines(r.out);
    std::vector<std::string> tiers;
    for (std::string line; std::getline(lines, line);) {
        tiers.push_back(field(line, "tier"));
    }
    CHECK(tiers == std::vector<std::string>{"\"restricted-weights\"", "\"fully-open\"",
                                            "\"open-weights\""});
    CHECK(r.out.find("\"format\":\"hf-card\"") != std::string::npos);
    CHECK(r.out.find("\"from\":\"model card license\"") != std::string::npos);
}

TEST_CASE("the lenient flag turns the published mistakes into warnings", "[cli][formats]") {
    const std::string path = format_fixture("cyclonedx/trailing-comma.cdx.json");
    Result strict = invoke({"classify", path, "--summary-only"});
    CHECK(strict.code == 3);
    CHECK(strict.err == path + ":6:3: error: trailing comma after the last entry of an object "
                               "(JSON does not allow it; --lenient accepts it with a warning)\n");
    Result lenient = invoke({"classify", path, "--lenient", "--format", "jsonl"});
    CHECK(lenient.code == 0);
    CHECK(field(lenient.out, "tier") == "\"open-weights\"");
    CHECK(std::count(lenient.err.begin(), lenient.err.end(), '\n') == 2);
}

TEST_CASE("a forced input format wins over detection", "[cli][formats]") {
    Result r = invoke({"classify", example("gpt-4.json"), "--input-format", "hf-card"});
    CHECK(r.code == 3);
    CHECK(r.err.find("error: no YAML front matter") != std::string::npos);
    CHECK(invoke({"classify", example("gpt-4.json"), "--input-format", "mof-yaml"}).code == 2);
}

TEST_CASE("convert writes a native manifest that scores the same", "[cli][convert]") {
    const std::string path = format_fixture("spdx3/complete.spdx3.json");
    Result converted = invoke({"convert", path, "--to", "manifest"});
    CHECK(converted.code == 0);
    CHECK(converted.err.empty());
    std::istringstream in(converted.out);
    Environment environment;
    environment.in = &in;
    Result rescored = invoke({"classify", "-", "--format", "jsonl"}, environment);
    Result original = invoke({"classify", path, "--format", "jsonl"});
    CHECK(rescored.code == 0);
    CHECK(field(rescored.out, "tier") == field(original.out, "tier"));
    CHECK(field(rescored.out, "score") == field(original.out, "score"));
}

TEST_CASE("convert --to mof round-trips through the MOF reader", "[cli][convert][mof]") {
    // A native manifest as MOF, read back: the same licenses and the same mof@1.0 verdict.
    Result mof = invoke({"convert", example("olmo-2-7b.json"), "--to", "mof"});
    CHECK(mof.code == 0);
    CHECK(mof.out.rfind("framework:\n  name: Model Openness Framework", 0) == 0);
    std::istringstream in(mof.out);
    Environment environment;
    environment.in = &in;
    Result again = invoke({"classify", "-", "--rubric", "mof", "--format", "jsonl"}, environment);
    Result original = invoke({"classify", example("olmo-2-7b.json"), "--rubric", "mof", "--format",
                              "jsonl"});
    CHECK(again.code == 0);
    CHECK(field(again.out, "tier") == field(original.out, "tier"));
    CHECK(field(again.out, "progress") == field(original.out, "progress"));
    Result back = invoke({"convert", "-", "--to", "manifest"}, [&] {
        static std::istringstream mof_in;
        mof_in.str(mof.out);
        Environment e;
        e.in = &mof_in;
        return e;
    }());
    CHECK(back.code == 0);
    CHECK(back.out.find("\"manifest_version\": 1") != std::string::npos);
}

TEST_CASE("convert checks --to, reports bad input and writes -o atomically", "[cli][convert]") {
    SECTION("--to takes manifest or mof") {
        Result r = invoke({"convert", format_fixture("hf/apache.md"), "--to", "yaml"});
        CHECK(r.code == 2);
        CHECK(r.err.find("--to: yaml not in {manifest,mof}") != std::string::npos);
        CHECK(invoke({"convert", format_fixture("hf/apache.md")}).code == 2);
    }
    SECTION("an input that cannot be read is exit 3 with its diagnostics") {
        Result r = invoke({"convert", format_fixture("cyclonedx/trailing-comma.cdx.json"), "--to",
                           "manifest"});
        CHECK(r.code == 3);
        CHECK(r.out.empty());
        CHECK(r.err.find(":6:3: error: trailing comma") != std::string::npos);
        Result lenient = invoke({"convert", format_fixture("cyclonedx/trailing-comma.cdx.json"),
                                 "--to", "manifest", "--lenient"});
        CHECK(lenient.code == 0);
        CHECK(lenient.out.find("\"manifest_version\": 1") == 4);
    }
    SECTION("-o writes the file") {
        const std::string output =
            std::string(OPENNESS_BINARY_DIR) + "/convert-test-output.manifest.json";
        std::remove(output.c_str());
        Result r = invoke({"convert", format_fixture("hf/apache.md"), "--to", "manifest", "-o",
                           output});
        CHECK(r.code == 0);
        CHECK(r.out.empty());
        std::ifstream written(output);
        std::string text((std::istreambuf_iterator<char>(written)), std::istreambuf_iterator<char>());
        CHECK(text.find("\"name\": \"Example Apache Model\"") != std::string::npos);
        std::remove(output.c_str());
    }
}

TEST_CASE("every file in ../shared/formats gets a verdict with provenance", "[cli][shared]") {
    const std::optional<std::string> formats = openness::test::shared_path("formats");
    if (!formats) {
        return;
    }
    const std::string directory = *formats + "/";
    std::vector<std::string> args = {"classify"};
    for (const char* name : {"cyclonedx-1.6-mlbom-bert-base-cased.json",
                             "cyclonedx-1.6-valid-machine-learning-considerations-env.json",
                             "cyclonedx-1.7-mlbom-model-card-with-dataset.json",
                             "hf-modelcard-olmo-2-1124-13B.frontmatter.md",
                             "hf-modelcard-yi-vl-34b.frontmatter.md",
                             "spdx-3.0.1-ai-dataset-sentimentdemo.spdx3.json",
                             "spdx-3.0.1-dataset-example01.spdx3.json"}) {
        args.push_back(directory + name);
    }
    SECTION("strict: only the malformed CycloneDX example fails, with line and column") {
        args.push_back("--summary-only");
        Result r = invoke(args);
        CHECK(r.code == 3);
        CHECK(r.err == directory + "cyclonedx-1.6-mlbom-bert-base-cased.json:9:5: error: "
                                   "trailing comma after the last entry of an object (JSON does "
                                   "not allow it; --lenient accepts it with a warning)\n");
        CHECK(r.out.find("summary: 7 manifests") != std::string::npos);
    }
    SECTION("lenient: seven verdicts, every artifact saying where it came from") {
        args.insert(args.end(), {"--lenient", "--format", "jsonl"});
        Result r = invoke(args);
        CHECK(r.code == 0);
        std::istringstream lines(r.out);
        std::vector<std::string> tiers;
        for (std::string line; std::getline(lines, line);) {
            tiers.push_back(field(line, "tier"));
            CHECK(line.find("\"from\":null") == std::string::npos);
        }
        CHECK(tiers == std::vector<std::string>{
                           "\"open-weights\"",        // bert-base-cased (lenient)
                           "\"restricted-weights\"",  // Llama-2-7b, no license in the BOM
                           "\"closed\"",              // 1.7 model card: no weights stated
                           "\"open-weights\"",        // OLMo 2 13B card
                           "\"restricted-weights\"",  // Yi-VL-34B card, yi-license
                           "\"open-weights\"",        // SPDX sentiment demo, CC0-1.0
                           "\"closed\"",              // SPDX dataset, no model
                       });
    }
}

TEST_CASE("a minimum score (--min-score) is a number from 0 to 100 (issue 14)", "[cli][gate]") {
    for (const char* bad : {"nan", "NaN", "-nan", "inf", "-1", "100.5", "1e9"}) {
        INFO(bad);
        const Result r = invoke({"classify", example("olmo-2-7b.json"), "--min-score", bad});
        CHECK(r.code == 2);
        CHECK(r.err == "openness: error: --min-score must be a number from 0 to 100\n");
    }
    CHECK(invoke({"classify", example("gpt-4.json"), "--rubric", "openness@1.0", "--min-score",
                  "100"})
              .code == 1);
    CHECK(invoke({"classify", example("gpt-4.json"), "--rubric", "openness@1.0", "--min-score",
                  "0"})
              .code == 0);
}

TEST_CASE("a mistyped command or flag gets a did-you-mean (issue 15)", "[cli]") {
    SECTION("command") {
        const Result r = invoke({"clasify", "x.json"});
        CHECK(r.code == 2);
        CHECK(r.err == "openness: error: 'clasify' is not a command; did you mean 'classify'?\n"
                       "Run 'openness --help' for usage.\n");
    }
    SECTION("a command nothing is close to: the list") {
        const Result r = invoke({"frobnicate"});
        CHECK(r.code == 2);
        CHECK(r.err.find("openness: error: 'frobnicate' is not a command (commands: classify "
                         "convert schema diff") == 0);
    }
    SECTION("flag") {
        const Result r = invoke({"classify", "x.json", "--fromat", "json"});
        CHECK(r.code == 2);
        CHECK(r.err == "openness: error: unknown flag '--fromat'; did you mean '--format'?\n"
                       "Run 'openness --help' for usage.\n");
    }
    SECTION("a flag of a nested command") {
        const Result r = invoke({"rubric", "show", "mof", "--fromat", "json"});
        CHECK(r.code == 2);
        CHECK(r.err == "openness: error: unknown flag '--fromat'; did you mean '--format'?\n"
                       "Run 'openness --help' for usage.\n");
    }
    SECTION("a nested command") {
        const Result r = invoke({"rubric", "shwo", "mof"});
        CHECK(r.code == 2);
        CHECK(r.err == "openness: error: 'shwo' is not a rubric command; did you mean 'show'?\n"
                       "Run 'openness --help' for usage.\n");
        const Result none = invoke({"license", "frobnicate"});
        CHECK(none.err == "openness: error: 'frobnicate' is not a license command (license "
                          "commands: identify resolve list)\n"
                          "Run 'openness --help' for usage.\n");
    }
    SECTION("a flag of another command") {
        const Result r = invoke({"schema", "--min-tier", "open-weights"});
        CHECK(r.code == 2);
        CHECK(r.err == "openness: error: unknown flag '--min-tier'\n"
                       "Run 'openness --help' for usage.\n");
    }
    SECTION("nothing close: no guess") {
        const Result r = invoke({"classify", "x.json", "--frobnicate"});
        CHECK(r.code == 2);
        CHECK(r.err == "openness: error: unknown flag '--frobnicate'\n"
                       "Run 'openness --help' for usage.\n");
    }
    SECTION("other parse errors keep CLI11's words") {
        const Result r = invoke({"classify", "x.json", "--jobs", "many"});
        CHECK(r.code == 2);
        CHECK(r.err.find("openness: error: ") == 0);
        CHECK(r.err.find("unknown flag") == std::string::npos);
    }
}

TEST_CASE("each command's help lists its own exit codes (issue 15)", "[cli]") {
    const Result init = invoke({"init", "--help"});
    CHECK(init.code == 0);
    CHECK(init.out.find("Exit codes:\n  0  written\n") != std::string::npos);
    CHECK(init.out.find("a gate failed") == std::string::npos);
    const Result rubric = invoke({"rubric", "check", "--help"});
    CHECK(rubric.out.find("  2  usage error: unknown flag or rubric, or the rubric file is "
                          "invalid\n") != std::string::npos);
    CHECK(rubric.out.find("a gate failed") == std::string::npos);
    const Result classify = invoke({"classify", "--help"});
    CHECK(classify.out.find("  1  a gate failed") != std::string::npos);
}

// Walks the registry as __describe sees it, so a command added later is checked too.
void collect_command_paths(const openness::util::JsonValue& command,
                           std::vector<std::vector<std::string>>& paths) {
    std::vector<std::string> path;
    for (const openness::util::JsonValue& part : command.find("path")->items()) {
        path.push_back(part.as_string());
    }
    if (!path.empty()) {
        paths.push_back(path);
    }
    for (const openness::util::JsonValue& sub : command.find("subcommands")->items()) {
        collect_command_paths(sub, paths);
    }
}

TEST_CASE("no command but classify borrows classify's exit codes in its help (issue 15)",
          "[cli]") {
    const Result described = invoke({"__describe"});
    REQUIRE(described.code == 0);
    const openness::util::JsonParseResult parsed =
        openness::util::parse_json(described.out, "__describe");
    REQUIRE(parsed.value);
    std::vector<std::vector<std::string>> paths;
    collect_command_paths(*parsed.value->find("command"), paths);
    REQUIRE(paths.size() >= 15);
    const std::string classify_codes =
        "  1  a gate failed: a manifest is below --min-tier or contradicts --verify-against\n";
    for (std::vector<std::string> args : paths) {
        const std::string name = args.front() + (args.size() > 1 ? " " + args.back() : "");
        INFO(name);
        args.push_back("--help");
        const Result help = invoke(args);
        CHECK(help.code == 0);
        CHECK(help.out.find("Exit codes:\n  0  ") != std::string::npos);
        CHECK((help.out.find(classify_codes) == std::string::npos) == (name != "classify"));
    }
}

TEST_CASE("--help and classify --help say what 2.0 changed and how to pin 1.0", "[cli]") {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--help"}, std::vector<std::string>{"classify", "--help"}}) {
        const Result help = invoke(args);
        INFO(help.out);
        CHECK(help.code == 0);
        CHECK(help.out.find("Rubrics: openness@2.0 is the default. Against 1.0, its score is "
                            "banded by tier") != std::string::npos);
        CHECK(help.out.find("pin it\nwith --rubric openness@1.0 to keep 1.0's verdicts and "
                            "scores.\n\nExit codes:") != std::string::npos);
    }
}

namespace {

std::string diff_data(const std::string& name) {
    return std::string(OPENNESS_SOURCE_DIR) + "/tests/data/diff/" + name;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("diff takes --color and several rubrics, 'all' too (issue 15)", "[cli][diff]") {
    const std::string before = diff_data("example-1.0.json");
    const std::string after = diff_data("example-1.1.json");
    SECTION("--color never is accepted and paints nothing, always paints") {
        const Result plain = invoke({"diff", before, after, "--color", "never"});
        CHECK(plain.code == 0);
        CHECK(plain.out.find('\x1b') == std::string::npos);
        const Result painted = invoke({"diff", before, after, "--color", "always"});
        CHECK(painted.code == 0);
        CHECK(painted.out.find("  result   \x1b[32mimproved\x1b[0m: higher tier") !=
              std::string::npos);
        const Result json = invoke({"diff", before, after, "--color", "always", "--format", "json"});
        CHECK(json.out.find('\x1b') == std::string::npos);
    }
    SECTION("--rubric all compares under every bundled rubric, in turn") {
        const Result r = invoke({"diff", before, after, "--rubric", "all", "--color", "never"});
        CHECK(r.code == 0);
        CHECK(r.err.empty());
        CHECK(count(r.out, "  rubric   ") == 3);
        CHECK(r.out.find("  rubric   openness@2.0\n") < r.out.find("  rubric   mof@1.0\n"));
        CHECK(r.out.find("  rubric   mof@1.0\n") < r.out.find("  rubric   osaid@1.0\n"));
    }
    SECTION("json: one object for one rubric, an array for several") {
        const Result one = invoke({"diff", before, after, "--format", "json"});
        CHECK(one.out.rfind("{\"rubric\":", 0) == 0);
        const Result two =
            invoke({"diff", before, after, "--format", "json", "--rubric", "openness@1.0,mof"});
        CHECK(two.code == 0);
        const openness::util::JsonParseResult parsed = openness::util::parse_json(two.out, "out");
        REQUIRE(parsed.value);
        REQUIRE(parsed.value->is_array());
        REQUIRE(parsed.value->items().size() == 2);
        CHECK(parsed.value->items()[1].find("rubric")->find("id")->as_string() == "mof");
    }
    SECTION("--fail-on-regression fails when any of the rubrics regressed") {
        CHECK(invoke({"diff", after, before, "--rubric", "all", "--fail-on-regression"}).code == 1);
        CHECK(invoke({"diff", before, after, "--rubric", "all", "--fail-on-regression"}).code == 0);
    }
    SECTION("an unknown rubric in the list is a usage error") {
        const Result r = invoke({"diff", before, after, "--rubric", "openness,nope"});
        CHECK(r.code == 2);
        CHECK(r.out.empty());
    }
}

TEST_CASE("commands that measure with one rubric say so for 'all' (issue 15)", "[cli]") {
    const std::string manifest = example("gpt-4.json");
    for (const char* command : {"badge", "verify", "scan", "init"}) {
        INFO(command);
        std::vector<std::string> args = {command};
        if (std::string(command) == "verify") {
            args.insert(args.end(), {manifest, "--against", "."});
        } else if (std::string(command) == "scan") {
            args.push_back(".");
        } else if (std::string(command) == "badge") {
            args.push_back(manifest);
        } else {
            args.insert(args.end(), {"-", "--name", "x", "--no-input"});
        }
        args.insert(args.end(), {"--rubric", "all"});
        const Result r = invoke(args);
        CHECK(r.code == 2);
        CHECK(r.out.empty());
        CHECK(r.err == "openness: error: " + std::string(command) +
                           " measures with one rubric; name one (e.g. openness, mof@1.0): 'all' "
                           "and lists are for classify and diff\n");
    }
}

TEST_CASE("init reports the tier under the rubric it is given (issue 15)", "[cli][init]") {
    openness::util::MemoryFileSystem files;
    Environment environment;
    environment.files = &files;
    const Result r = invoke({"init", "m.json", "--name", "X", "--rubric", "mof@1.0", "--released",
                             "weights.final=MIT", "--no-input"},
                            environment);
    CHECK(r.code == 0);
    CHECK(r.out == "wrote m.json: unclassified (Unclassified), score 7.1 under mof@1.0\n"
                   "see why with: openness classify m.json --rubric mof@1.0\n");
}

TEST_CASE("rubric list --format json (issue 15)", "[cli][rubric]") {
    const Result r = invoke({"rubric", "list", "--format", "json"});
    CHECK(r.code == 0);
    const openness::util::JsonParseResult parsed = openness::util::parse_json(r.out, "out");
    REQUIRE(parsed.value);
    const auto& rubrics = parsed.value->find("rubrics")->items();
    REQUIRE(rubrics.size() == 4);
    CHECK(rubrics[0].find("id")->as_string() == "mof");
    CHECK(rubrics[0].find("sha256")->as_string().size() == 64);
}

TEST_CASE("the global options are taken by every command where they make sense (issue 15)",
          "[cli]") {
    // Which commands write text a terminal shows (--color), which pick their output format
    // (--format), which measure with a rubric (--rubric); a command added later must say.
    const Result described = invoke({"__describe"});
    const openness::util::JsonParseResult parsed =
        openness::util::parse_json(described.out, "__describe");
    REQUIRE(parsed.value);
    std::vector<std::vector<std::string>> paths;
    collect_command_paths(*parsed.value->find("command"), paths);
    const std::vector<std::string> color = {"classify", "diff", "verify"};
    const std::vector<std::string> format = {"classify",      "diff",         "verify",
                                             "scan",          "badge",        "rubric list",
                                             "rubric show",   "license identify",
                                             "license resolve", "license list"};
    const std::vector<std::string> rubric = {"classify", "diff",   "verify",
                                             "scan",     "badge",  "init"};
    for (std::vector<std::string> args : paths) {
        const std::string name = args.front() + (args.size() > 1 ? " " + args.back() : "");
        INFO(name);
        args.push_back("--help");
        const std::string help = invoke(args).out;
        const auto takes = [&](const std::vector<std::string>& list) {
            return std::find(list.begin(), list.end(), name) != list.end();
        };
        CHECK((help.find("  --color ") != std::string::npos) == takes(color));
        CHECK((help.find("  --format ") != std::string::npos) == takes(format));
        CHECK((help.find("  --rubric ") != std::string::npos) == takes(rubric));
    }
}

TEST_CASE("classify --verbose says what a walk left out, .gitignore is honoured (issue 15)",
          "[cli][gitignore]") {
    openness::util::MemoryFileSystem files;
    std::ifstream example_file(example("gpt-4.json"));
    const std::string manifest((std::istreambuf_iterator<char>(example_file)),
                               std::istreambuf_iterator<char>());
    files.add("repo/.gitignore", "drafts/\n");
    files.add("repo/drafts/broken.json", "{\"x\":");
    files.add("repo/package.json", "{}");
    files.add("repo/node_modules/x/package.json", "{}");
    files.add("repo/models/gpt-4.json", manifest);
    Environment environment;
    environment.files = &files;
    const Result quiet = invoke({"classify", "repo", "--summary-only"}, environment);
    CHECK(quiet.code == 0);
    CHECK(quiet.err.empty());
    const Result verbose = invoke({"classify", "repo", "--summary-only", "-v"}, environment);
    CHECK(verbose.code == 0);
    CHECK(verbose.out == quiet.out);
    CHECK(verbose.err ==
          "openness: note: skipped repo/drafts/: ignored by repo/.gitignore:1 (drafts/)\n"
          "openness: note: skipped repo/node_modules/: a dependency folder (node_modules)\n"
          "openness: note: skipped repo/package.json: clearly not a manifest (tool or model "
          "configuration)\n");
    const Result everything = invoke({"classify", "repo", "--summary-only", "--no-ignore"},
                                     environment);
    CHECK(everything.code == 3);  // the broken draft and the package.json files are read
    CHECK(everything.err.find("repo/drafts/broken.json:1:6: error: ") == 0);
}

TEST_CASE("a typo's did-you-mean reaches every output format but CSV's table (issue 15)",
          "[cli][typos]") {
    const std::string typos = std::string(OPENNESS_SOURCE_DIR) + "/tests/data/typos/typos.json";
    for (const char* format : {"text", "json", "jsonl", "markdown", "sarif", "junit", "github",
                               "html"}) {
        INFO(format);
        const Result r = invoke({"classify", typos, "--format", format});
        CHECK(r.code == 0);
        // In the report itself, not only on stderr: a CI log or a code-scanning upload shows it.
        CHECK(r.out.find("licence: unknown key") != std::string::npos);
        CHECK(r.out.find("did you mean") != std::string::npos);
        CHECK(r.err.find("typos.json:5:14: warning: licence: unknown key (ignored; it may belong "
                         "to a newer manifest version); did you mean 'license'?\n") !=
              std::string::npos);
    }
    const Result csv = invoke({"classify", typos, "--format", "csv"});
    CHECK(csv.err.find("did you mean 'license'?") != std::string::npos);  // stderr only
}
