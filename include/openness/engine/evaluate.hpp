#pragma once

#include "openness/license/table.hpp"
#include "openness/manifest/manifest.hpp"
#include "openness/rubric/rubric.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::engine {

// The explanation of an artifact that neither it nor the manifest gives a license.
inline constexpr std::string_view k_no_license_explanation =
    "no license stated (neither the artifact nor the manifest names one), so not open";

// The classification of an artifact that neither it nor the manifest gives a license: unknown,
// explained by k_no_license_explanation. One constant; copying it counts no references.
const std::shared_ptr<const license::Classification>& no_license_classification();

// What the engine concluded about one artifact.
struct ArtifactVerdict {
    manifest::ArtifactId id{};
    manifest::Availability availability = manifest::Availability::not_released;
    bool listed = false;
    std::optional<std::string> license;  // the license that applies, as written
    bool inherited = false;              // taken from the manifest's top-level license
    // Shared with every verdict that met the same license text; never null, never changed.
    std::shared_ptr<const license::Classification> classification = no_license_classification();
    util::Location position;             // where the manifest lists the artifact; zero when not
    std::string provenance;              // where an importer learned this; empty for manifests
    // Released under a license whose class the rubric counts as open for this kind of artifact.
    bool open = false;
    // Released under a license the rubric counts as open for another kind of artifact, not this
    // one (e.g. CC-BY-4.0 on code where only OSI-approved licenses count).
    bool open_for_other_kinds = false;
};

// Why a rule failed: a component is not released, its license does not fit, or both.
enum class Failure { none, missing, terms, mixed };
// "missing", "terms", "mixed" ("" for none).
const char* failure_name(Failure failure);

struct RuleResult {
    std::size_t rule = 0;  // index into Rubric::rules
    bool applies = true;   // false: the rule's applies_when does not hold, so it counts nowhere
    bool passed = false;
    Failure failure = Failure::none;
    // Where its reason (why it passed or failed, naming the artifacts and licenses) lies in
    // Verdict::reasons: offsets rather than pointers, so a copied or moved Verdict stays valid.
    std::size_t reason_offset = 0;
    std::size_t reason_size = 0;
    // Failed, and it tells what the release lacks: it carries points, or a tier above the one
    // reached needs it (a failed rule of a lower tier only, such as api-only's "access is api"
    // for downloadable weights, says nothing the release should do).
    bool lacking = false;
};

// The result of scoring one manifest against one rubric. Pure data: reports render it.
struct Verdict {
    std::shared_ptr<const rubric::Rubric> rubric;
    std::string source;
    std::string format;
    manifest::ModelInfo model;
    std::optional<manifest::Access> access;
    std::size_t tier = 0;                 // index into rubric->tiers
    double score = 0.0;                   // 0-100, one decimal
    std::vector<double> progress;         // per tier: percent of its applicable rules that hold
    std::vector<ArtifactVerdict> artifacts;
    std::vector<RuleResult> rules;        // one per rubric rule, in rubric order
    std::string reasons;                  // the rules' reasons written, back to back, in one buffer
    std::vector<std::string> warnings;    // advisories that hold, and importers' limitations
    // The nearest higher tier the release can reach by releasing or relicensing artifacts
    // (never by withdrawing one or narrowing access); nullopt when none can be reached.
    std::optional<std::size_t> target;
    std::vector<std::size_t> missing;     // rules failed for the target tier (indices into rules)
    // Every rule in `missing` fails on license terms only: each component the target needs is
    // released, and relicensing alone would reach it.
    bool terms_only = false;
    // The per-tier progress is part of what the rubric reports (cumulative progress, as the
    // Model Openness Tool shows per class); otherwise it is detail, for machine formats.
    bool progress_reported = false;

    // Why a rule of this verdict passed or failed ("" when evaluate() was asked not to write
    // it); valid while the verdict lives unchanged.
    std::string_view reason(const RuleResult& result) const {
        return std::string_view(reasons.data() + result.reason_offset, result.reason_size);
    }
    // reason(rules[rule]): `rule` indexes rules, as RuleResult::rule does Rubric::rules.
    std::string_view reason(std::size_t rule) const { return reason(rules[rule]); }

    // The tier reached.
    const rubric::Tier& tier_info() const { return rubric->tiers[tier]; }
    // The tier "to reach" names: the target, if any.
    const rubric::Tier* next_tier() const {
        return target ? &rubric->tiers[*target] : nullptr;
    }
};

// A tier's progress in percent: `held` of its `needed` applicable rules (100 when it needs none).
inline double tier_progress(std::size_t held, std::size_t needed) {
    return needed == 0 ? 100.0 : 100.0 * static_cast<double>(held) / static_cast<double>(needed);
}

// The rules of `tier` this verdict fails (applicable and not passed), in rubric order; with
// cumulative progress, those of every tier below it too, since each must be complete.
std::vector<std::size_t> missing_for(const Verdict& verdict, std::size_t tier);

// One thing a release lacks for a tier, in a user's words, with the rules it comes from.
struct Need {
    enum class Kind {
        artifact,  // one artifact must be released, or released under other terms
        one_of,    // any one of several artifacts would do
        access,    // the access mode must change
        other,     // a rule whose condition is not of the shapes above, explained as a whole
    };
    Kind kind = Kind::artifact;
    std::vector<manifest::ArtifactId> artifacts;  // artifact: the one; one_of: the alternatives
    std::vector<std::size_t> rules;               // the failed rules behind it, in rubric order
    std::string text;  // what is missing and what would supply it
};

// "artifact", "one-of", "access", "other".
const char* need_kind_name(Need::Kind kind);

// All that a verdict lacks for one tier: every failed rule the tier needs, grouped by artifact.
struct Shortfall {
    std::shared_ptr<const rubric::Rubric> rubric;  // the verdict's
    std::size_t minimum = 0;  // the tier asked for (a gate's --min-tier)
    // The tier described: `minimum`, or when that can only be reached by making the release
    // less open (e.g. api-only, which needs access api, for a release with download access),
    // the lowest tier above it that opening up can reach.
    std::size_t tier = 0;
    std::vector<std::size_t> rules;  // missing_for(verdict, tier)
    // The same rules by what must change: one need per artifact (in report order), then the
    // alternatives, then access, then anything else. A rule may stand behind several needs.
    std::vector<Need> needs;
    bool terms_only = false;  // every component is released: only license terms stand in the way
};

// What `verdict` lacks for tier `minimum` (see Shortfall::tier); no needs when it reaches it.
Shortfall shortfall(const Verdict& verdict, std::size_t minimum);

// Which rules' reasons evaluate() writes into Verdict::reasons. Every other field of the
// verdict is the same whichever is asked; a rule whose reason is not written has an empty one.
// Writing reasons is most of the engine's work, and a report that shows none (CSV, JSON with
// `--detail none`) asks for none.
enum class Reasons { all, failed, none };

// Scores a manifest against a rubric, writing the reasons asked for. Never throws for any
// manifest the loaders accept.
Verdict evaluate(const std::shared_ptr<const rubric::Rubric>& rubric,
                 const manifest::Manifest& manifest, Reasons reasons = Reasons::all);

}  // namespace openness::engine
