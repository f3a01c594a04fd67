#pragma once

#include "openness/manifest/import.hpp"
#include "openness/manifest/json_loader.hpp"

#include <string>
#include <string_view>

namespace openness::manifest {

// Reads a Hugging Face model card (a README.md whose YAML front matter holds the metadata) into
// a Manifest: license, gating, datasets, base model, evaluation results. Code, data
// availability and hyperparameters stay "not stated", and the tier is flagged as a lower bound.
LoadResult load_hf_card(std::string_view text, const std::string& source,
                        const ImportOptions& options = {});

}  // namespace openness::manifest
