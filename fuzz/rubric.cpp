// Fuzz target: the rubric loader. Checks that it gives a rubric exactly when it reports no error,
// that a loaded rubric is well formed (tiers, rule indices, conditions that describe), and that
// scoring three fixed manifests with it stays in range and renders.

#include "fuzz_check.hpp"
#include "verdict_check.hpp"

#include "openness/manifest/load.hpp"
#include "openness/rubric/rubric.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

// A fully open release, an API-only one and one with odd licenses (inherited, NONE,
// NOASSERTION, an expression, an unknown id).
constexpr std::string_view k_manifests[] = {
    R"j({"manifest_version": 1, "model": {"name": "open"}, "access": "download",
        "license": "Apache-2.0",
        "weights": {"final": {"available": true}, "intermediate": {"available": true}},
        "architecture": {"available": true}, "hyperparameters": {"available": true},
        "data": {"training": {"available": true, "license": "CC-BY-4.0"},
                 "evaluation": {"available": true}, "card": {"available": true}},
        "code": {"training": {"available": true}, "inference": {"available": true},
                 "evaluation": {"available": true}, "data_processing": {"available": true},
                 "libraries": {"available": true}},
        "documentation": {"model_card": {"available": true},
                          "technical_report": {"available": true}}})j",
    R"j({"manifest_version": 1, "model": {"name": "api"}, "access": "api"})j",
    R"j({"manifest_version": 1, "model": {"name": "odd"}, "access": "gated",
        "license": "MIT AND (llama3.1 OR CC-BY-NC-4.0)",
        "weights": {"final": {"available": true, "license": "NOASSERTION"}},
        "code": {"inference": {"available": true, "license": "NONE"},
                 "training": {"available": true, "license": "LicenseRef-x WITH y"}},
        "data": {"card": {"available": false, "license": "no-such-license"}}})j",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace openness;
    static const std::vector<manifest::Manifest> manifests = [] {
        std::vector<manifest::Manifest> out;
        for (const std::string_view text : k_manifests) {
            manifest::LoadResult loaded = manifest::load_manifest(text, "fixed.json");
            fuzz::require(loaded.manifest.has_value(), "a fixed manifest loads");
            out.push_back(std::move(*loaded.manifest));
        }
        return out;
    }();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const rubric::RubricLoadResult loaded = rubric::load_rubric(text, "fuzz-rubric.json");
    fuzz::require((loaded.rubric != nullptr) != util::has_error(loaded.diagnostics),
                  "a rubric exactly when there is no error");
    for (const util::Diagnostic& d : loaded.diagnostics) {
        fuzz::require(!util::render(d).empty(), "a diagnostic renders");
    }
    if (!loaded.rubric) {
        return 0;
    }
    const rubric::Rubric& r = *loaded.rubric;
    fuzz::require(!r.tiers.empty() && r.tiers.front().requires_rules.empty(),
                  "the lowest tier needs nothing");
    for (const rubric::Tier& tier : r.tiers) {
        for (const std::size_t rule : tier.requires_rules) {
            fuzz::require(rule < r.rules.size(), "a tier names existing rules");
        }
    }
    for (const rubric::Rule& rule : r.rules) {
        rubric::describe(rule.check);
        if (rule.applies_when) {
            rubric::describe(*rule.applies_when);
        }
    }
    for (const manifest::Manifest& m : manifests) {
        fuzz::check_verdict(loaded.rubric, m);
    }
    return 0;
}
