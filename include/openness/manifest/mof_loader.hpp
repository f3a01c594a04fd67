#pragma once

#include "openness/manifest/json_loader.hpp"

#include <string>
#include <string_view>

namespace openness::manifest {

// Reads a Model Openness Framework `model.yml` (the Model Openness Tool's manifest) into a
// Manifest. The 17 MOF components map one to one onto the 17 artifacts; licenses resolve as the
// MOT resolves them (the component's own, else the release license for its content type, else
// the distribution license); the original strings are kept. The MOF JSON schema's constraints
// are checked with file:line:column and path.
LoadResult load_mof_yaml(std::string_view text, const std::string& source);

// True when `text` looks like a MOF model.yml: YAML with top-level `framework` and `release`.
bool looks_like_mof(std::string_view text);

// Writes a Manifest as a MOF model.yml (framework 1.0); licenses are written per component.
std::string write_mof_yaml(const Manifest& manifest);

}  // namespace openness::manifest
