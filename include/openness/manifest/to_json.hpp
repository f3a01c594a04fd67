#pragma once

#include "openness/manifest/manifest.hpp"

#include <string>

namespace openness::manifest {

// Writes a Manifest as manifest v1 JSON (two-space indented, keys in the README's order, ending
// in a newline), the inverse of load_manifest_json for every fact v1 can hold. Only listed
// artifacts are written; one whose availability a source format left unknown is written as not
// available with a note saying so, since v1 has no "unknown". An importer's limitations go to
// the top-level `notes`.
std::string manifest_to_json(const Manifest& manifest);

}  // namespace openness::manifest
