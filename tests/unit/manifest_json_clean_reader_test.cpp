#include "openness/manifest/json_loader.hpp"
#include "openness/util/json.hpp"

#include "test_files.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using openness::manifest::ArtifactId, openness::manifest::load_manifest_json;
using openness::manifest::Manifest, openness::manifest::read_clean_manifest_json;
using openness::manifest::same_manifest;
using openness::test::files_in, openness::test::read_file;

namespace {

// The full reader's result for `text`: the document tree, then the manifest reader.
openness::manifest::LoadResult full_read(const std::string& text) {
    openness::util::JsonParseResult parsed = openness::util::parse_json(text, "m.json");
    openness::manifest::LoadResult result;
    if (!parsed.value) {
        result.diagnostics.push_back(*parsed.error);
        return result;
    }
    result = openness::manifest::load_manifest_json(*parsed.value, "m.json");
    result.diagnostics.insert(result.diagnostics.end(), parsed.warnings.begin(),
                              parsed.warnings.end());
    return result;
}

// What the clean reader must guarantee: when it reads a manifest, the full reader reads the
// same one and has nothing to say.
void check_agrees(const std::string& text) {
    const std::optional<Manifest> clean = read_clean_manifest_json(text, "m.json");
    if (!clean) {
        return;
    }
    const openness::manifest::LoadResult full = full_read(text);
    REQUIRE(full.manifest);
    CHECK(full.diagnostics.empty());
    CHECK(same_manifest(*clean, *full.manifest));
}

const char* const k_clean = R"({
  "$schema": "https://example.org/manifest-v1.schema.json",
  "manifest_version": 1,
  "model": {"name": "m\u00e9 \"quoted\" \ud83d\ude00", "version": "1", "url": "https://e.org/a\/b"},
  "access": "download",
  "license": "Apache-2.0",
  "weights": {"final": {"available": true, "notes": "tab\there, newline\nthere, caf\u00e9"}},
  "architecture": {"available": true, "license": "MIT"},
  "data": {},
  "code": {"training": {"available": false, "location": "https://github.com/e/x"}},
  "sources": ["https://e.org", "https://e.org/é"],
  "notes": "ünïcödé 日本語"
})";

}  // namespace

TEST_CASE("the clean reader reads a clean manifest as the full reader does",
          "[manifest][fast]") {
    const std::optional<Manifest> clean = read_clean_manifest_json(k_clean, "m.json");
    REQUIRE(clean);
    CHECK(clean->model.name == "m\xC3\xA9 \"quoted\" \xF0\x9F\x98\x80");
    CHECK(clean->model.url == "https://e.org/a/b");
    CHECK(clean->artifact(ArtifactId::weights_final).notes ==
          "tab\there, newline\nthere, caf\xC3\xA9");
    CHECK(clean->artifact(ArtifactId::weights_final).position.line == 7);
    CHECK(clean->artifact(ArtifactId::weights_final).position.column == 24);
    CHECK(clean->license_position.line == 6);
    CHECK(clean->license_position.column == 14);
    CHECK(clean->sources.size() == 2);
    check_agrees(k_clean);
}

TEST_CASE("the clean reader counts lines across CRLF and a byte order mark",
          "[manifest][fast]") {
    std::string text = "\xEF\xBB\xBF" + std::string(k_clean);
    std::string crlf;
    for (char c : text) {
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    REQUIRE(read_clean_manifest_json(text, "m.json"));
    REQUIRE(read_clean_manifest_json(crlf, "m.json"));
    check_agrees(text);
    check_agrees(crlf);
}

TEST_CASE("the clean reader leaves every input with something to say to the full reader",
          "[manifest][fast]") {
    const std::string base(k_clean);
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string text = base;
        const std::size_t at = text.find(from);
        REQUIRE(at != std::string::npos);
        return text.replace(at, from.size(), to);
    };
    const std::vector<std::string> needs_full_reader = {
        replaced("\"access\": \"download\"", "\"access\": \"download\", \"access\": \"api\""),
        replaced("\"access\": \"download\"", "\"access\": \"downloads\""),
        replaced("\"access\": \"download\",", ""),
        replaced("\"manifest_version\": 1", "\"manifest_version\": 1.0"),
        replaced("\"manifest_version\": 1", "\"manifest_version\": 10"),
        replaced("\"manifest_version\": 1", "\"manifest_version\": 2"),
        replaced("\"license\": \"Apache-2.0\"", "\"license\": \" \""),
        replaced("\"license\": \"Apache-2.0\"", "\"license\": null"),
        replaced("\"license\": \"Apache-2.0\"", "\"licence\": \"Apache-2.0\""),
        replaced("\"final\"", "\"finale\""),
        replaced("{\"available\": true, \"license\": \"MIT\"}", "{\"license\": \"MIT\"}"),
        replaced("{\"available\": true, \"license\": \"MIT\"}", "{\"available\": 1}"),
        replaced("\"name\": ", "\"title\": "),
        replaced("\"data\": {}", "\"data\": []"),
        replaced("\"https://e.org\",", "\"https://e.org\", 7,"),
        replaced("\"notes\": \"ü", "\"notes\": \"\xC3"),
        replaced("caf\\u00e9", "caf\\ud800"),
        replaced("tab\\there", "tab\there"),
        replaced("tab\\there", "tab\\qhere"),
        base + "x",
        base.substr(0, base.size() - 1),
        replaced("\"sources\": [\"https://e.org\", ", "\"sources\": [\"https://e.org\",, "),
    };
    for (const std::string& text : needs_full_reader) {
        INFO(text);
        CHECK_FALSE(read_clean_manifest_json(text, "m.json"));
        // ... and the full reader does say something about each of them.
        const openness::manifest::LoadResult full = full_read(text);
        CHECK_FALSE(full.diagnostics.empty());
    }
    // A key written with escapes is rare enough to leave to the full reader, which reads it.
    const std::string escaped_key = replaced("\"lic", "\"\\u006cic");
    CHECK_FALSE(read_clean_manifest_json(escaped_key, "m.json"));
    const openness::manifest::LoadResult full = full_read(escaped_key);
    REQUIRE(full.manifest);
    CHECK(full.diagnostics.empty());
    CHECK(full.manifest->license == "Apache-2.0");
}

TEST_CASE("the clean reader respects limits lower than a clean manifest needs",
          "[manifest][fast][limits]") {
    openness::util::JsonLimits tight;
    tight.max_string_bytes = 16;
    CHECK_FALSE(read_clean_manifest_json(k_clean, "m.json", tight));
    CHECK(load_manifest_json(k_clean, "m.json", tight).manifest == std::nullopt);
    openness::util::JsonLimits few_values;
    few_values.max_values = 20;
    CHECK_FALSE(read_clean_manifest_json(k_clean, "m.json", few_values));
}

TEST_CASE("the clean reader agrees with the full reader on every example and fixture",
          "[manifest][fast]") {
    std::size_t read = 0;
    const std::string root = OPENNESS_SOURCE_DIR;
    for (const std::string& path : files_in(root + "/examples", ".json")) {
        INFO(path);
        const std::string text = read_file(path);
        // The examples are clean: all of them take the one pass.
        CHECK(read_clean_manifest_json(text, "m.json"));
        check_agrees(text);
        ++read;
    }
    for (const char* directory :
         {"/tests/data/good", "/tests/data/bad", "/fuzz/corpus/manifest_json"}) {
        for (const std::string& path : files_in(root + directory, "")) {
            INFO(path);
            check_agrees(read_file(path));
            ++read;
        }
    }
    CHECK(read >= 800);
}

TEST_CASE("a manifest read into a reused one equals one read afresh", "[manifest][fast]") {
    const std::string root = OPENNESS_SOURCE_DIR;
    std::vector<std::string> texts;
    for (const std::string& path : files_in(root + "/examples", ".json")) {
        texts.push_back(read_file(path));
    }
    texts.emplace_back(k_clean);
    std::string no_sources = k_clean;
    const std::size_t from = no_sources.find("  \"sources\"");
    no_sources.erase(from, no_sources.find('\n', from) + 1 - from);
    texts.push_back(no_sources);
    REQUIRE(texts.size() >= 4);
    Manifest reused;
    for (std::size_t round = 0; round < 2; ++round) {
        for (std::size_t i = 0; i < texts.size(); ++i) {
            // Each text follows a different one, so every field is overwritten or emptied.
            const std::string& text = texts[(i * (round + 2)) % texts.size()];
            INFO(text.substr(0, 120));
            REQUIRE(read_clean_manifest_json(text, "m.json", {}, reused));
            const std::optional<Manifest> fresh = read_clean_manifest_json(text, "m.json");
            REQUIRE(fresh);
            CHECK(same_manifest(reused, *fresh));
        }
    }
}
