#pragma once

#include "openness/evidence/release.hpp"
#include "openness/manifest/manifest.hpp"
#include "openness/util/diagnostic.hpp"

#include <string_view>
#include <vector>

namespace openness::license {
class LicenseTable;
}

namespace openness::evidence {

// Each claim of `claimed` (a manifest; `claimed_text` is its file) that what the release shows
// contradicts, as an error at the manifest line that made the claim: a license the LICENSE text
// or the card contradicts, weights declared released with no weight file, `access: download`
// on a gated repository, an artifact declared open whose only evidence is a link with no license.
std::vector<util::Diagnostic> find_contradictions(const manifest::Manifest& claimed,
                                                  std::string_view claimed_text,
                                                  const ScanResult& shown,
                                                  const license::LicenseTable* table);

}  // namespace openness::evidence
