#pragma once

// Rubrics for the tests (a bundled one by reference, loaded once each) and scoring with them.

#include "openness/engine/evaluate.hpp"
#include "openness/manifest/json_loader.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/diagnostic.hpp"
#include "openness/util/file_system.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>

namespace openness::test {

// A bundled rubric ("openness@1.0"), loaded.
inline std::shared_ptr<const rubric::Rubric> bundled_rubric(const std::string& reference) {
    util::MemoryFileSystem files;
    rubric::RubricLoadResult loaded = rubric::resolve_rubric(reference, files);
    REQUIRE(loaded.rubric);
    return loaded.rubric;
}

// openness@1.0, loaded once.
inline std::shared_ptr<const rubric::Rubric> rubric_1_0() {
    static const std::shared_ptr<const rubric::Rubric> rubric = bundled_rubric("openness@1.0");
    return rubric;
}

// openness@2.0 (licenses read with openness-licenses@2.0's resolver), loaded once.
inline std::shared_ptr<const rubric::Rubric> rubric_2_0() {
    static const std::shared_ptr<const rubric::Rubric> rubric = bundled_rubric("openness@2.0");
    return rubric;
}

// A rubric written for a test (a JSON text, read as the file `source`), which must load; its
// diagnostics are shown when it does not.
inline std::shared_ptr<const rubric::Rubric> load_rubric_text(const std::string& text,
                                                              const std::string& source) {
    rubric::RubricLoadResult loaded = rubric::load_rubric(text, source);
    std::string messages;
    for (const util::Diagnostic& d : loaded.diagnostics) {
        messages += util::render(d) + "\n";
    }
    INFO(messages);
    REQUIRE(loaded.rubric);
    return loaded.rubric;
}

// A manifest v1 text, which must load, scored against `rubric` under the name `source`.
inline engine::Verdict evaluate_json(const std::string& text, const std::string& source,
                                     const std::shared_ptr<const rubric::Rubric>& rubric) {
    manifest::LoadResult loaded = manifest::load_manifest_json(text, source);
    REQUIRE(loaded.manifest);
    return engine::evaluate(rubric, *loaded.manifest);
}

}  // namespace openness::test
