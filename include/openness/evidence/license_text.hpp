#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace openness::license {
class LicenseTable;
}

namespace openness::evidence {

// What a LICENSE (or COPYING...) file's text was identified as.
struct LicenseIdentity {
    std::optional<std::string> id;  // a license expression the table can classify; nullopt: none
    std::string how;                // one phrase for provenance: "identified by its text as ..."
};

// Identifies a license file by its text with license::identify (classes from `table`, or from
// the bundled openness-licenses@1.0 table when it is nullptr). Several licenses in one text all
// apply ("A AND B").
LicenseIdentity identify_license_file(std::string_view text,
                                      const license::LicenseTable* table = nullptr);

}  // namespace openness::evidence
