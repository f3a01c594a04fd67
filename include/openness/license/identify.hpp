#pragma once

#include "openness/license/table.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::license {

// One word of a license text after the SPDX License List Matching Guidelines' normalisation:
// lower case, punctuation, bullets and list numbering, copyright notices and markup gone,
// equivalent words (licence/license, http/https, ...) folded to one spelling.
struct NormalizedWord {
    std::string word;
    std::uint32_t line = 0;  // 1-based line of the input the word came from
};

// Normalises a license text into its words (see NormalizedWord). Reads at most `max_bytes`;
// never fails: bytes that are not UTF-8 count as separators.
std::vector<NormalizedWord> normalize_license_text(std::string_view text,
                                                   std::size_t max_bytes = 4 * 1024 * 1024);

// One license found in a text.
struct IdentifiedLicense {
    std::string id;  // the reference text's id, e.g. "Apache-2.0", "llama3.1"
    LicenseClass license_class = LicenseClass::unknown;  // from the table given; unknown if absent
    double confidence = 0.0;      // Sørensen-Dice over word pairs of the span and the reference
    std::uint32_t first_line = 0;  // 1-based, inclusive: where the matched span starts and ends
    std::uint32_t last_line = 0;
    // Other ids whose reference text is word for word the same (e.g. GPL-3.0-only and
    // GPL-3.0-or-later for a GPL-3.0 text): the text alone cannot tell them apart.
    std::vector<std::string> same_text;
};

// The best candidate for a text, identified or not.
struct ClosestLicense {
    std::string id;
    double confidence = 0.0;
};

// What a text holds: licenses best first (empty when none reaches the threshold) and the
// closest candidate overall (absent only when no reference shares a word pair with the text).
struct Identification {
    std::vector<IdentifiedLicense> licenses;
    std::optional<ClosestLicense> closest;
    std::size_t words = 0;  // normalised words in the text
};

struct IdentifyOptions {
    double threshold = 0.8;          // a span below this confidence is not reported
    std::size_t max_licenses = 4;    // spans reported at most
    std::size_t max_bytes = 4 * 1024 * 1024;  // bytes of text read at most
};

// Names the license(s) a text holds, against the reference corpus compiled into the binary
// (rubric/license-texts/corpus-1.json). Classes come from `table`. Thread-safe.
Identification identify(std::string_view text, const LicenseTable& table,
                        const IdentifyOptions& options = {});

// The ids of the compiled-in reference corpus, in corpus order (each text's first id).
std::vector<std::string> reference_ids();

}  // namespace openness::license
