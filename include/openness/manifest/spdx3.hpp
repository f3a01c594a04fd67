#pragma once

#include "openness/manifest/import.hpp"
#include "openness/manifest/json_loader.hpp"
#include "openness/util/json.hpp"

#include <string>
#include <string_view>

namespace openness::manifest {

// Reads an SPDX 3.0.1 JSON-LD document (AI and Dataset profiles) into a Manifest: the
// `ai_AIPackage` is the model; relationships give its licenses (concluded over declared),
// training and evaluation data, code and documentation.
LoadResult load_spdx3(std::string_view text, const std::string& source,
                      const ImportOptions& options = {}, const util::JsonLimits& limits = {});

}  // namespace openness::manifest
