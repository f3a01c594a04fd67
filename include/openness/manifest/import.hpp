#pragma once

namespace openness::manifest {

// How forgiving the importers (model cards, CycloneDX, SPDX 3) are with documents that break
// their own format's rules.
struct ImportOptions {
    // Accept the mistakes real files are published with (trailing commas in JSON, a CycloneDX
    // license with both `id` and `name`, a numeric `specVersion`) with one warning each,
    // instead of an error.
    bool lenient = false;
};

}  // namespace openness::manifest
