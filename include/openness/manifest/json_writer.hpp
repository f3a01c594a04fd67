#pragma once

#include "openness/manifest/manifest.hpp"

#include <string>

namespace openness::manifest {

// Writes a Manifest as native manifest v1 JSON (two-space indent, one artifact per line, final
// newline) for a maintainer to complete by hand. Nothing unknown is hidden: an artifact the
// source did not state becomes "available": false with a note ending "check and complete",
// each artifact's provenance goes into its notes, an unstated access becomes "none" with a
// top-level note, and the importer's limitations go into the top-level notes. Loading the
// result and scoring it gives the same tier and score as scoring `manifest`.
std::string write_manifest_json(const Manifest& manifest);

}  // namespace openness::manifest
