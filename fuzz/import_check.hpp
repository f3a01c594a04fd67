// Shared body of the importer fuzz targets (Hugging Face card, CycloneDX, SPDX 3): the importer
// gives a manifest exactly when it reports no error, a verdict can be computed for it, and the
// manifest `convert` writes from it (write_manifest_json) loads again and scores the same tier
// and score, which is what `openness convert` promises.

#pragma once

#include "fuzz_check.hpp"
#include "verdict_check.hpp"

#include "openness/engine/evaluate.hpp"
#include "openness/manifest/json_writer.hpp"
#include "openness/manifest/load.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace openness::fuzz {

inline int check_import(const std::uint8_t* data, std::size_t size, manifest::InputFormat format,
                        const char* source) {
    static const auto rubric = bundled_rubric("openness");
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // The first byte picks strict or lenient reading, so both paths are fuzzed.
    manifest::ImportOptions options;
    options.lenient = size > 0 && (data[0] & 1U) != 0;
    const manifest::LoadResult first =
        manifest::load_manifest(text, source, format, util::JsonLimits{}, options);
    require(first.manifest.has_value() != util::has_error(first.diagnostics),
            "a manifest exactly when there is no error");
    for (const util::Diagnostic& d : first.diagnostics) {
        require(!util::render(d).empty(), "a diagnostic renders");
    }
    if (!first.manifest) {
        return 0;
    }
    check_verdict(rubric, *first.manifest);
    const std::string json = manifest::write_manifest_json(*first.manifest);
    const manifest::LoadResult second = manifest::load_manifest_json(json, "converted.json");
    std::string problems;
    for (const util::Diagnostic& d : second.diagnostics) {
        problems += util::render(d) + "\n";
    }
    require(second.manifest.has_value(), "the converted manifest loads", problems + json);
    const engine::Verdict a = engine::evaluate(rubric, *first.manifest);
    const engine::Verdict b = engine::evaluate(rubric, *second.manifest);
    require(a.tier == b.tier && a.score == b.score,
            "the converted manifest scores the same tier and score", json);
    return 0;
}

}  // namespace openness::fuzz
