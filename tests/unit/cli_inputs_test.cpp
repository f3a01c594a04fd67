#include "openness/cli/inputs.hpp"

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using openness::cli::Input;
using openness::cli::InputWalker;
using openness::cli::is_manifest_name;

TEST_CASE("directory walks pick up manifests, BOMs, SPDX documents, MOF files and model cards",
          "[inputs]") {
    for (const char* name : {"x.json", "model.cdx.json", "bom.json", "ai.spdx3.json",
                             "sbom.spdx.json", "README.md", "readme.md", "ReadMe.MD", "model.yml",
                             "model.yaml"}) {
        CHECK(is_manifest_name(name));
    }
    for (const char* name : {".json", "notes.md", "README.txt", "x.json.bak", "x.yml.orig"}) {
        CHECK_FALSE(is_manifest_name(name));
    }
}

TEST_CASE("a README.md without front matter is not walked", "[inputs]") {
    const std::string root = std::string(OPENNESS_SOURCE_DIR) + "/tests/data/formats/walk";
    InputWalker walker({root});
    std::vector<std::string> found;
    while (std::optional<Input> input = walker.next()) {
        CHECK(input->error.empty());
        found.push_back(input->path.substr(root.size()));
    }
    CHECK(found == std::vector<std::string>{"/README.md", "/bom.json", "/model.spdx3.json"});
}

TEST_CASE("a walk stops at its entry cap with an error (issue 14)", "[inputs][limits]") {
    // A link farm (21 folders, 40 links) once yielded 1,048,576 manifests; the cap bounds any
    // tree. Here a small cap over a real directory of three walked entries and more.
    const std::string root = std::string(OPENNESS_SOURCE_DIR) + "/tests/data/formats/walk";
    openness::cli::WalkOptions options;
    options.max_entries = 2;
    InputWalker walker({root, root}, options);
    std::vector<Input> found;
    while (std::optional<Input> input = walker.next()) {
        found.push_back(*input);
    }
    REQUIRE_FALSE(found.empty());
    CHECK(found.back().path == root);
    CHECK(found.back().error ==
          "more than 2 directory entries: the walk stops here (name fewer or smaller "
          "directories)");
    CHECK(found.size() == 1);  // nothing after the cap, not even the second named root
    CHECK(openness::cli::WalkOptions{}.max_entries == 1000000);
}

namespace {

// Every input a walk of `root` with `options` yields, as paths below `root`.
std::vector<std::string> walk(const std::string& root, const openness::cli::WalkOptions& options) {
    InputWalker walker({root}, options);
    std::vector<std::string> found;
    while (std::optional<Input> input = walker.next()) {
        CHECK(input->error.empty());
        found.push_back(input->path.substr(root.size()));
    }
    return found;
}

}  // namespace

TEST_CASE("a repository walk skips .git, node_modules, hidden folders and non-manifests (issue 15)",
          "[inputs]") {
    openness::test::TempDir dir;
    const std::string root = dir / "repo";
    for (const char* folder : {"", "/.git", "/node_modules/x", "/.github", "/models", "/vendor"}) {
        std::filesystem::create_directories(root + folder);
    }
    for (const char* file : {"/.git/config.json", "/node_modules/x/package.json", "/.github/ci.yml",
                             "/package.json", "/tsconfig.json", "/models/config.json",
                             "/models/tokenizer.json", "/models/openness.json",
                             "/vendor/other.json", "/openness.json"}) {
        openness::test::write_file(root + file, "{}");
    }
    SECTION("by default") {
        CHECK(walk(root, {}) == std::vector<std::string>{"/models/openness.json",
                                                         "/openness.json", "/vendor/other.json"});
    }
    SECTION("--exclude") {
        openness::cli::WalkOptions options;
        options.exclude = {"vendor"};
        CHECK(walk(root, options) ==
              std::vector<std::string>{"/models/openness.json", "/openness.json"});
        options.exclude = {"*/models/*"};
        CHECK(walk(root, options) ==
              std::vector<std::string>{"/openness.json", "/vendor/other.json"});
    }
    SECTION("--include") {
        openness::cli::WalkOptions options;
        options.include = {"openness.json"};
        CHECK(walk(root, options) ==
              std::vector<std::string>{"/models/openness.json", "/openness.json"});
    }
    SECTION("--no-ignore walks everything") {
        openness::cli::WalkOptions options;
        options.ignore = false;
        CHECK(walk(root, options).size() == 10);
    }
}

TEST_CASE("a walk sees the tree through the FileSystem it is given", "[inputs]") {
    openness::util::MemoryFileSystem files;
    files.add("root/b.json", "{}");
    files.add("root/a/x.json", "{}");
    files.add("root/a.json", "{}");
    files.add("root/notes.txt", "not a manifest");
    files.add("root/card/README.md", "---\nlicense: mit\n---\n");
    files.add("root/docs/README.md", "# documentation, not a model card\n");
    InputWalker walker({"root", "single.json"}, {}, files);
    std::vector<std::string> found;
    while (std::optional<Input> input = walker.next()) {
        CHECK(input->error.empty());
        found.push_back(input->path);
    }
    CHECK(found == std::vector<std::string>{"root/a.json", "root/a/x.json", "root/b.json",
                                            "root/card/README.md", "single.json"});
}
