#pragma once

#include "openness/manifest/manifest.hpp"
#include "openness/util/diagnostic.hpp"
#include "openness/util/json.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::manifest {

// A loaded manifest, or the errors that stopped it; warnings (unknown keys) either way.
struct LoadResult {
    std::optional<Manifest> manifest;
    std::vector<util::Diagnostic> diagnostics;
};

// Parses manifest v1 JSON text; `source` names the file in diagnostics.
LoadResult load_manifest_json(std::string_view text, const std::string& source,
                              const util::JsonLimits& limits = {});

// The full reader alone: the document tree, then every check, every diagnostic in document
// order. load_manifest_json uses it when the clean reader gives up.
LoadResult load_manifest_json_diagnosed(std::string_view text, const std::string& source,
                                        const util::JsonLimits& limits = {});

// The hot path (simdjson On-Demand, no document tree): reads manifest v1 JSON when the full
// reader would find nothing to say about it (no error, no warning); nullopt otherwise, and
// load_manifest_json then gives the diagnostics. When it returns a manifest, load_manifest_json returns the same one.
std::optional<Manifest> read_clean_manifest_json(std::string_view text, const std::string& source,
                                                 const util::JsonLimits& limits = {});
// The same, into `into`, whose strings keep their memory for the next manifest (a batch reuses
// one Manifest per thread); true when it read one. On false, `into` holds no manifest.
bool read_clean_manifest_json(std::string_view text, const std::string& source,
                              const util::JsonLimits& limits, Manifest& into);

// Reads manifest v1 from an already parsed document.
LoadResult load_manifest_json(const util::JsonValue& document, const std::string& source);

// The JSON Schema (draft 2020-12) of manifest v1, as printed by `openness schema`.
std::string_view manifest_schema();

}  // namespace openness::manifest
