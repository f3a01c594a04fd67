#pragma once

#include "openness/manifest/import.hpp"
#include "openness/manifest/json_loader.hpp"

#include <string>
#include <string_view>

namespace openness::manifest {

// True when `text` is a project file of the European Open Source AI Index: unindented `system:`
// and `weights_endmodel:` keys (the index's current files), or `project:` and `rlweights:` or
// `llmweights:` (the legacy "Opening up ChatGPT" files).
bool looks_like_eosai(std::string_view text);

// Reads an index project file into a Manifest: each rated dimension becomes the artifacts it
// covers (open: released under the license the file names for it; partial: released, no open
// license; closed: not released), with provenance per fact. What the index does not rate stays
// "not stated". The index's quirks (a misspelled key, an empty license, a rating that contradicts
// another) are warnings. docs/FRAMEWORKS.md has the mapping.
LoadResult load_eosai(std::string_view text, const std::string& source,
                      const ImportOptions& options = {});

}  // namespace openness::manifest
