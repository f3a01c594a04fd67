#include "openness/engine/diff.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace openness::engine {

namespace {

ArtifactState state_of(const ArtifactVerdict& a) {
    ArtifactState s;
    s.availability = a.availability;
    s.license = a.license;
    s.inherited = a.inherited;
    s.license_class = a.classification->license_class;
    return s;
}

bool changed(const ArtifactVerdict& before, const ArtifactVerdict& after) {
    if (before.availability != after.availability) {
        return true;
    }
    // The license of an artifact that is not released decides nothing.
    return before.availability == manifest::Availability::released &&
           (before.license != after.license || before.inherited != after.inherited ||
            before.classification->license_class != after.classification->license_class);
}

// Why the new license says less about a released artifact than the old one; "" when it does not.
std::string less_specific(const ArtifactVerdict& before, const ArtifactVerdict& after) {
    if (before.availability != manifest::Availability::released ||
        after.availability != manifest::Availability::released) {
        return "";
    }
    const license::LicenseClass was = before.classification->license_class;
    const license::LicenseClass now = after.classification->license_class;
    if (was != license::LicenseClass::unknown && now == license::LicenseClass::unknown) {
        return "the license is no longer known";
    }
    if (!before.inherited && after.inherited && was != now) {
        return "its own license gave way to an inherited one of another kind";
    }
    return "";
}

}  // namespace

int Diff::tier_change() const {
    return static_cast<int>(after.tier) - static_cast<int>(before.tier);
}

double Diff::score_change() const {
    // Both scores have one decimal; rounding keeps 61.0 - 29.3 from printing as 31.699999.
    return std::round(10.0 * (after.score - before.score)) / 10.0;
}

bool Diff::regressed() const {
    return after.tier < before.tier || after.score < before.score || less_specific();
}

bool Diff::less_specific() const {
    return std::any_of(artifacts.begin(), artifacts.end(),
                       [](const ArtifactChange& change) { return change.less_specific; });
}

bool Diff::improved() const {
    return !regressed() && (after.tier > before.tier || after.score > before.score);
}

Diff compare(Verdict before, Verdict after) {
    Diff diff;
    diff.before = std::move(before);
    diff.after = std::move(after);
    const std::vector<RuleResult>& old_rules = diff.before.rules;
    const std::vector<RuleResult>& new_rules = diff.after.rules;
    // Both verdicts come from one rubric, so rule i is the same rule in both.
    const std::size_t rule_count = std::min(old_rules.size(), new_rules.size());
    for (std::size_t i = 0; i < rule_count; ++i) {
        if (old_rules[i].passed != new_rules[i].passed) {
            diff.rules.push_back({i, old_rules[i].passed, new_rules[i].passed,
                                  std::string(diff.after.reason(new_rules[i]))});
        }
    }
    const std::size_t artifact_count =
        std::min(diff.before.artifacts.size(), diff.after.artifacts.size());
    for (std::size_t i = 0; i < artifact_count; ++i) {
        const ArtifactVerdict& a = diff.before.artifacts[i];
        const ArtifactVerdict& b = diff.after.artifacts[i];
        if (changed(a, b)) {
            std::string why = less_specific(a, b);
            const bool less = !why.empty();
            diff.artifacts.push_back({b.id, state_of(a), state_of(b), less, std::move(why)});
        }
    }
    return diff;
}

}  // namespace openness::engine
