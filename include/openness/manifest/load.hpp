#pragma once

#include "openness/manifest/import.hpp"
#include "openness/manifest/json_loader.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::manifest {

// The input formats openness reads into a Manifest.
enum class InputFormat {
    manifest_v1,
    mof,        // Model Openness Framework model.yml (the Model Openness Tool's manifest)
    hf_card,    // Hugging Face model card: README.md with YAML front matter
    cyclonedx,  // CycloneDX 1.6/1.7 ML-BOM (JSON)
    spdx3,      // SPDX 3.0.1 JSON-LD (AI and Dataset profiles)
    eosai,      // a European Open Source AI Index project file (YAML; current and legacy)
};

// "manifest" for manifest_v1, "mof", "hf-card", "cyclonedx", "spdx3", "eosai": the names --input-format takes.
const char* format_name(InputFormat format);
std::optional<InputFormat> parse_format_name(std::string_view name);
// Every format name, for help texts.
std::vector<std::string> format_names();

// Decides the format from the content (not the file name); `source` breaks ties only.
InputFormat detect_format(std::string_view text, const std::string& source);

// Loads any supported format: detected from content, or `forced`. `options` tune the importers
// (manifest v1 itself is always strict). At most 100 diagnostics are kept (errors first); one
// more says how many were left out.
LoadResult load_manifest(std::string_view text, const std::string& source,
                         std::optional<InputFormat> forced = std::nullopt,
                         const util::JsonLimits& limits = {}, const ImportOptions& options = {});

// Like load_manifest, but into `into`, reusing the memory its strings hold (a batch keeps one
// Manifest per thread); true when `into` holds the input's manifest. `diagnostics` receives what
// load_manifest would report.
bool load_manifest_into(std::string_view text, const std::string& source,
                        std::optional<InputFormat> forced, const util::JsonLimits& limits,
                        const ImportOptions& options, Manifest& into,
                        std::vector<util::Diagnostic>& diagnostics);

}  // namespace openness::manifest
