#pragma once

// Helpers for the importer tests: fixtures, shared files and scoring with the bundled rubric.

#include "openness/engine/evaluate.hpp"
#include "openness/manifest/load.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/file_system.hpp"

#include "rubrics.hpp"
#include "test_files.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace openness::test {

// Path (relative to the project root, as tests run there) of one of our own fixtures.
inline std::string fixture_path(const std::string& name) { return "tests/data/formats/" + name; }

inline std::string fixture(const std::string& name) {
    const std::optional<std::string> text =
        read_text(std::string(OPENNESS_SOURCE_DIR) + "/" + fixture_path(name));
    REQUIRE(text);
    return *text;
}

// A file of ../shared/formats, or nullopt (the test skipped) when ../shared is absent.
inline std::optional<std::string> shared_format(const std::string& name) {
    const std::optional<std::string> path = shared_path("formats/" + name);
    if (!path) {
        return std::nullopt;
    }
    std::optional<std::string> text = read_text(*path);
    REQUIRE(text);
    return text;
}

// Checks the format an importer names and every field of the model it read (an empty string: the
// field must be empty).
inline void check_model(const manifest::Manifest& m, const std::string& format,
                        const manifest::ModelInfo& model) {
    CHECK(m.format == format);
    CHECK(m.model.name == model.name);
    CHECK(m.model.version == model.version);
    CHECK(m.model.organization == model.organization);
    CHECK(m.model.release_date == model.release_date);
    CHECK(m.model.url == model.url);
}

inline engine::Verdict score(const manifest::Manifest& m) {
    return engine::evaluate(rubric_1_0(), m);
}

inline std::string tier_of(const engine::Verdict& v) { return v.tier_info().id; }

inline bool passed(const engine::Verdict& v, const std::string& rule_id) {
    for (std::size_t i = 0; i < v.rubric->rules.size(); ++i) {
        if (v.rubric->rules[i].id == rule_id) {
            return v.rules[i].passed;
        }
    }
    FAIL("no rule " << rule_id);
    return false;
}

inline bool has_warning(const engine::Verdict& v, const std::string& start) {
    for (const std::string& w : v.warnings) {
        if (w.compare(0, start.size(), start) == 0) {
            return true;
        }
    }
    return false;
}

inline std::vector<std::string> rendered(const std::vector<util::Diagnostic>& diagnostics) {
    std::vector<std::string> out;
    for (const util::Diagnostic& d : diagnostics) {
        out.push_back(util::render(d));
    }
    return out;
}

// The diagnostics, rendered, of an import that must give a manifest (warnings at most).
inline std::vector<std::string> warnings_of(const manifest::LoadResult& result) {
    REQUIRE(result.manifest);
    return rendered(result.diagnostics);
}

// The diagnostics, rendered, of an import that must give no manifest.
inline std::vector<std::string> errors_of(const manifest::LoadResult& result) {
    CHECK_FALSE(result.manifest);
    return rendered(result.diagnostics);
}

// An input an importer must refuse: what it shows, its text and the errors it gives, in order.
struct Refusal {
    const char* what;
    std::string text;
    std::vector<std::string> errors;
};

// Checks that `load` gives no manifest and exactly the errors of each row, naming a row that
// does not.
template <typename Load>
void check_refusals(const std::vector<Refusal>& rows, Load&& load) {
    for (const Refusal& row : rows) {
        INFO(row.what);
        CHECK(errors_of(load(row.text)) == row.errors);
    }
}

// The manifest of an import that must succeed without a single diagnostic (shown if any).
inline manifest::Manifest clean_manifest(const manifest::LoadResult& result) {
    INFO(Catch::Detail::stringify(rendered(result.diagnostics)));
    REQUIRE(result.manifest);
    CHECK(result.diagnostics.empty());
    return *result.manifest;
}

}  // namespace openness::test
