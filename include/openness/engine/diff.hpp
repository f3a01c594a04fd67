#pragma once

#include "openness/engine/evaluate.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace openness::engine {

// A rule whose outcome differs between two releases.
struct RuleChange {
    std::size_t rule = 0;       // index into Rubric::rules
    bool passed_before = false;
    bool passed_after = false;
    std::string reason_after;   // the engine's reason in the new release
};

// What one artifact looks like in one release, as far as a diff cares.
struct ArtifactState {
    manifest::Availability availability = manifest::Availability::not_released;
    std::optional<std::string> license;  // the license that applies, as written
    bool inherited = false;
    license::LicenseClass license_class = license::LicenseClass::unknown;
};

// An artifact whose release or license differs between two releases.
struct ArtifactChange {
    manifest::ArtifactId id{};
    ArtifactState before;
    ArtifactState after;
    // Released in both, and the new license says less about this artifact: its own license
    // gave way to an inherited one of another class (a software license now covering a
    // dataset), or a known license class became unknown.
    bool less_specific = false;
    // Why, when it is: "the license is no longer known", or "its own license gave way to an
    // inherited one of another kind".
    std::string less_specific_why;
};

// Two verdicts of one model under one rubric, and what changed between them. Pure data.
struct Diff {
    Verdict before;
    Verdict after;
    std::vector<RuleChange> rules;          // rules that flipped, in rubric order
    std::vector<ArtifactChange> artifacts;  // artifacts that changed, in report order

    // after.tier - before.tier: positive when the new release reaches a higher tier.
    int tier_change() const;
    // after.score - before.score, to one decimal.
    double score_change() const;
    // The new release is less open: a lower tier, a lower score, or an artifact's license
    // less specific.
    bool regressed() const;
    // True when some artifact's license became less specific.
    bool less_specific() const;
    // The new release is more open (a higher tier or score) and not less open in either.
    bool improved() const;
};

// Compares the verdicts of two releases scored against the same rubric. An artifact counts as
// changed when its availability differs, or when it is released in both and its license (the
// text, whether it is inherited, or its class) differs.
Diff compare(Verdict before, Verdict after);

}  // namespace openness::engine
