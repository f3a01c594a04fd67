#pragma once

#include "openness/manifest/import.hpp"
#include "openness/manifest/json_loader.hpp"
#include "openness/util/json.hpp"

#include <string>
#include <string_view>

namespace openness::manifest {

// Reads a CycloneDX 1.6/1.7 ML-BOM (JSON) into a Manifest: its `machine-learning-model`
// component is the model; licenses, hashes, external references, the model card (datasets,
// architecture, quantitative analysis) and `openness:` properties give the artifacts.
LoadResult load_cyclonedx(std::string_view text, const std::string& source,
                          const ImportOptions& options = {}, const util::JsonLimits& limits = {});

}  // namespace openness::manifest
