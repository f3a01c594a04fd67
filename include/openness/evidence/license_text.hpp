#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace openness::evidence {

// What a LICENSE (or COPYING, USE_POLICY...) file's text was identified as.
struct LicenseIdentity {
    std::optional<std::string> id;  // a license id the license table knows; nullopt: not identified
    std::string how;                // one phrase for provenance: "identified by its text as ..."
};

// Identifies a license file by its text. The one place license texts are recognised for the
// evidence reader (to be served by the license-knowledge `identify` API).
LicenseIdentity identify_license_file(std::string_view text);

}  // namespace openness::evidence
