#include "openness/cli/run.hpp"
#include "openness/util/file_system.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using openness::cli::Environment;
using openness::cli::run;

namespace {

struct Result {
    int code;
    std::string out;
    std::string err;
};

Result invoke(std::vector<std::string> args, const Environment& environment = {}) {
    args.insert(args.begin(), "openness");
    std::ostringstream out;
    std::ostringstream err;
    const int code = run(args, out, err, environment);
    return {code, out.str(), err.str()};
}

std::string example(const std::string& name) {
    return std::string(OPENNESS_SOURCE_DIR) + "/examples/" + name;
}

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
    for (const char* name : {"bloom.json", "starcoder2-15b.json", "llama-3.1-8b.json",
                             "mixtral-8x7b.json", "deepseek-r1.json", "gpt-4.json"}) {
        INFO(name);
        CHECK(tier_of(name, "osaid@1.0") == "not-conformant");
    }
}

TEST_CASE("BLOOM fails OSAID on license terms only, and the output says so",
          "[cli][examples][osaid]") {
    Result json = invoke({"classify", example("bloom.json"), "--rubric", "osaid", "--format",
                          "jsonl"});
    CHECK(json.out.find("\"failure\":\"missing\"") == std::string::npos);
    CHECK(json.out.find("\"failure\":\"terms\"") != std::string::npos);
    Result text = invoke({"classify", example("bloom.json"), "--rubric", "osaid"});
    CHECK(text.out.find("every component conformant needs is released: only license terms stand "
                        "in the way") != std::string::npos);
}

TEST_CASE("examples whose paper licenses are unconfirmed do not reach MOF Class III", "[cli][examples][mof]") {
    // Their papers' licenses could not be confirmed (NOASSERTION), so none reaches Class III.
    for (const char* name : {"olmo-2-7b.json", "pythia-6.9b.json", "llama-3.1-8b.json"}) {
        INFO(name);
        CHECK(tier_of(name, "mof@1.0") == "unclassified");
    }
}
