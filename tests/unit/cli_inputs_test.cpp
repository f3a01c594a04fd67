#include "openness/cli/inputs.hpp"

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using openness::cli::Input, openness::cli::InputWalker, openness::cli::is_manifest_name;

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

namespace {

// Every input a walk of `roots` through `files` yields: paths, with " [skipped: why]" or
// " [error: why]" after those that are notes or errors.
std::vector<std::string> walk_memory(const openness::util::MemoryFileSystem& files,
                                     std::vector<std::string> roots,
                                     const openness::cli::WalkOptions& options = {}) {
    InputWalker walker(std::move(roots), options, files);
    std::vector<std::string> found;
    while (std::optional<Input> input = walker.next()) {
        found.push_back(input->path +
                        (input->skipped.empty() ? "" : " [skipped: " + input->skipped + "]") +
                        (input->error.empty() ? "" : " [error: " + input->error + "]"));
    }
    return found;
}

// A repository with .gitignore files at two levels.
void add_ignored_repository(openness::util::MemoryFileSystem& files) {
    files.add("repo/.gitignore",
              "# build output and drafts\n"
              "/out/\n"
              "*.draft.json\n"
              "!keep.draft.json\n"
              "generated/**\n"
              "!generated/kept.json\n"
              "**/cache/*.json\n"
              "tmp\n");
    files.add("repo/openness.json", "{}");
    files.add("repo/out/openness.json", "{}");           // /out/: anchored folder
    files.add("repo/sub/out/openness.json", "{}");       // not anchored here: walked
    files.add("repo/a.draft.json", "{}");                // *.draft.json at any depth
    files.add("repo/sub/b.draft.json", "{}");
    files.add("repo/keep.draft.json", "{}");             // re-included
    files.add("repo/generated/x.json", "{}");            // generated/** holds x.json
    files.add("repo/generated/kept.json", "{}");         // ... and re-includes this one
    files.add("repo/deep/er/cache/c.json", "{}");        // **/cache/*.json
    files.add("repo/tmp/t.json", "{}");                  // "tmp": a folder of that name too
    files.add("repo/models/.gitignore", "*.json\n!public.json\n");
    files.add("repo/models/private.json", "{}");
    files.add("repo/models/public.json", "{}");
}

}  // namespace

TEST_CASE("a walk honours .gitignore files: anchors, folders, negation, ** (issue 15)",
          "[inputs][gitignore]") {
    openness::util::MemoryFileSystem files;
    add_ignored_repository(files);
    SECTION("by default") {
        CHECK(walk_memory(files, {"repo"}) ==
              std::vector<std::string>{"repo/generated/kept.json", "repo/keep.draft.json",
                                       "repo/models/public.json", "repo/openness.json",
                                       "repo/sub/out/openness.json"});
    }
    SECTION("--no-ignore reads no .gitignore") {
        openness::cli::WalkOptions options;
        options.ignore = false;
        CHECK(walk_memory(files, {"repo"}, options).size() == 12);
    }
    SECTION("a file named on the command line is always read") {
        CHECK(walk_memory(files, {"repo/a.draft.json"}) ==
              std::vector<std::string>{"repo/a.draft.json"});
    }
    SECTION("a walk from a subfolder applies the .gitignore files below it") {
        CHECK(walk_memory(files, {"repo/models"}) ==
              std::vector<std::string>{"repo/models/public.json"});
    }
}

TEST_CASE("with report_skipped, a walk says what it left out and why (issue 15)",
          "[inputs][gitignore]") {
    openness::util::MemoryFileSystem files;
    files.add("repo/.gitignore", "drafts/\n");
    files.add("repo/.git/config.json", "{}");
    files.add("repo/node_modules/x/package.json", "{}");
    files.add("repo/package.json", "{}");
    files.add("repo/drafts/a.json", "{}");
    files.add("repo/vendor/v.json", "{}");
    files.add("repo/openness.json", "{}");
    files.add("repo/notes.txt", "not a manifest by name: not looked at, no note");
    openness::cli::WalkOptions options;
    options.report_skipped = true;
    options.exclude = {"vendor"};
    CHECK(walk_memory(files, {"repo"}, options) ==
          std::vector<std::string>{
              "repo/.git/ [skipped: a hidden folder]",
              "repo/drafts/ [skipped: ignored by repo/.gitignore:1 (drafts/)]",
              "repo/node_modules/ [skipped: a dependency folder (node_modules)]",
              "repo/package.json [skipped: clearly not a manifest (tool or model configuration)]",
              "repo/vendor/ [skipped: matches --exclude vendor]",
              "repo/openness.json"});
    options.report_skipped = false;
    CHECK(walk_memory(files, {"repo"}, options) == std::vector<std::string>{"repo/openness.json"});
}

TEST_CASE("a .gitignore too large or too long is reported, and the walk goes on (issue 15)",
          "[inputs][gitignore][limits]") {
    openness::util::MemoryFileSystem files;
    files.add("big/.gitignore", std::string(1024 * 1024 + 1, '#'));
    files.add("big/a.json", "{}");
    std::string many;
    for (int i = 0; i < 10001; ++i) {
        many += "p" + std::to_string(i) + ".json\n";
    }
    files.add("many/.gitignore", many);
    files.add("many/p1.json", "{}");
    files.add("many/p10000.json", "{}");  // the 10,001st pattern is not read
    const std::vector<std::string> found = walk_memory(files, {"big", "many"});
    REQUIRE(found.size() == 4);
    CHECK(found[0].rfind("big/.gitignore [error: ", 0) == 0);
    CHECK(found[0].find("(its patterns are not applied)]") != std::string::npos);
    CHECK(found[1] == "big/a.json");
    CHECK(found[2] == "many/.gitignore [error: more than 10000 patterns: those after line 10000 "
                      "are not read]");
    CHECK(found[3] == "many/p10000.json");
}
