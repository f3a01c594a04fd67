#pragma once

#include "openness/license/table.hpp"
#include "openness/manifest/manifest.hpp"
#include "openness/util/diagnostic.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::util {
class FileSystem;
}

namespace openness::rubric {

// A declarative predicate over a manifest; a tree of all/any/not over two kinds of leaf.
struct Condition {
    enum class Kind { all, any, not_, artifacts, access };
    Kind kind = Kind::all;
    std::vector<Condition> children;                 // all, any, not_ (exactly one)
    std::vector<manifest::ArtifactId> artifacts;     // artifacts: each one must hold
    std::optional<bool> released;                    // artifacts: released (true) or not (false)
    std::uint32_t license_classes = 0;               // artifacts: allowed LicenseClass bits; 0 = any
    std::uint32_t access = 0;                        // access: allowed Access bits
};

// Bit of a license class or access mode in the masks above.
constexpr std::uint32_t bit(license::LicenseClass c) { return 1U << static_cast<unsigned>(c); }
constexpr std::uint32_t bit(manifest::Access a) { return 1U << static_cast<unsigned>(a); }

struct Rule {
    std::string id;
    std::string description;  // one human sentence: what must hold
    double points = 0.0;      // weight in the 0-100 score
    Condition check;
    // When set and false for a manifest, the rule does not apply: it counts in no tier, no
    // progress and no score (e.g. a research paper standing in for a technical report).
    std::optional<Condition> applies_when;
    // Worked out by the loader from the rubric, once: the one artifact `check` looks at, when it
    // looks at exactly one (a report points at the line that lists it), and one more than the
    // highest tier that requires the rule (0 when no tier does).
    std::optional<manifest::ArtifactId> artifact;
    std::size_t needed_up_to = 0;
};

struct Tier {
    std::string id;
    std::string label;
    std::string description;
    // Indices into Rubric::rules of every rule this tier needs, those of the tier it extends
    // included, in rubric order.
    std::vector<std::size_t> requires_rules;
    // Banded scores only: the tier's share of the 0-100 scale, [low, high], one decimal each.
    double band_low = 0.0;
    double band_high = 0.0;
};

// A message shown whenever its condition holds (e.g. gated access).
struct Advisory {
    std::string id;
    std::string message;
    Condition when;
};

// How per-tier progress is reported.
enum class ProgressMode {
    independent,  // each tier: the share of its rules that hold
    cumulative,   // the same, but 0 until every tier below it is complete (MOF classes)
};

// How the 0-100 score is computed.
enum class ScoreMode {
    points,  // the share of all points earned
    banded,  // the tier's band, placed within it by the points earned beyond what the tier needs
};

// The number of artifact kinds (manifest::ArtifactKind), for per-kind tables.
inline constexpr std::size_t k_kind_count = 4;

struct Rubric {
    std::string id;
    std::string version;
    std::string title;
    std::string description;
    std::string source;  // where the framework it encodes is published
    std::string sha256;  // over the rubric document followed by its license table
    std::string document;  // the rubric's JSON text, as read
    std::string origin;  // "bundled" or the file it was read from
    std::vector<Tier> tiers;  // lowest first; tiers[0] needs nothing
    std::vector<Rule> rules;
    std::vector<Advisory> advisories;
    std::shared_ptr<const license::LicenseTable> licenses;
    // A second table that reads licenses without the source framework's quirks; when set, the
    // engine also scores with it and warns where the reading changes a license or the tier.
    std::shared_ptr<const license::LicenseTable> corrected_licenses;
    ProgressMode progress = ProgressMode::independent;
    // Warn when an open license is not meant for the kind of artifact it covers (tables that
    // record suitability only).
    bool warn_unsuited_licenses = false;
    double total_points = 0.0;
    ScoreMode score = ScoreMode::points;
    // Per manifest::ArtifactKind, the license classes that count as open for it: the rubric's
    // "open_licenses", or else the classes its rules accept for that kind of artifact.
    std::array<std::uint32_t, k_kind_count> open_classes{};

    // The license classes that count as open for an artifact of this kind.
    std::uint32_t open_mask(manifest::ArtifactKind kind) const {
        return open_classes[static_cast<std::size_t>(kind)];
    }
    // "openness@1.0".
    std::string ref() const { return id + "@" + version; }
    // Index of a tier by id; nullopt when the rubric has none by that name.
    std::optional<std::size_t> find_tier(std::string_view tier_id) const;
};

struct RubricLoadResult {
    std::shared_ptr<const Rubric> rubric;
    std::vector<util::Diagnostic> diagnostics;
};

// Parses and validates a rubric document; `origin` names it in diagnostics. The license table
// it names is taken from the bundled data.
RubricLoadResult load_rubric(std::string_view text, const std::string& origin);

// One rubric compiled into the binary.
struct BundledRubric {
    std::string id;
    std::string version;
    std::string path;  // e.g. "rubric/openness-1.0.json"
};

// Every bundled rubric, sorted by id then version.
std::vector<BundledRubric> bundled_rubrics();

// The id of the rubric used when none is asked for.
inline constexpr std::string_view k_default_rubric = "openness";

// Points of the rubric's rules per manifest::ArtifactKind of the artifacts they check, and last
// those of rules that check no artifact or artifacts of several kinds.
std::array<double, k_kind_count + 1> points_by_kind(const Rubric& rubric);

// One line for a condition: "weights.final released under osi or open-data".
std::string describe(const Condition& condition);

// Resolves `spec`: a bundled "ID" (its latest version) or "ID@VERSION", or else a file path.
RubricLoadResult resolve_rubric(std::string_view spec, const util::FileSystem& files);

}  // namespace openness::rubric
