#pragma once

#include "openness/manifest/json_loader.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::manifest {

// The input formats openness reads into a Manifest.
enum class InputFormat { manifest_v1, mof };

// "manifest" for manifest_v1, ...: the names --input-format takes.
const char* format_name(InputFormat format);
std::optional<InputFormat> parse_format_name(std::string_view name);
// Every format name, for help texts.
std::vector<std::string> format_names();

// Decides the format from the content (not the file name); `source` breaks ties only.
InputFormat detect_format(std::string_view text, const std::string& source);

// Loads any supported format: detected from content, or `forced`. At most 100 diagnostics are
// kept (errors first); one more says how many were left out.
LoadResult load_manifest(std::string_view text, const std::string& source,
                         std::optional<InputFormat> forced = std::nullopt,
                         const util::JsonLimits& limits = {});

}  // namespace openness::manifest
