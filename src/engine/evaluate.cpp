#include "openness/engine/evaluate.hpp"

#include "openness/license/memo.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openness::engine {

namespace {

using license::LicenseClass;
using manifest::Availability;
using rubric::Condition;

// Appends "OSI-approved or an open data/content license" for a mask of license classes.
void append_class_list(std::string& out, std::uint32_t mask) {
    bool first = true;
    for (LicenseClass c : {LicenseClass::osi, LicenseClass::open_data, LicenseClass::restricted,
                           LicenseClass::proprietary, LicenseClass::unknown}) {
        if ((mask & rubric::bit(c)) != 0) {
            if (!first) {
                out += " or ";
            }
            first = false;
            out += license::class_phrase(c);
        }
    }
}

// Appends "gated, download" for a mask of access modes.
void append_access_list(std::string& out, std::uint32_t mask) {
    bool first = true;
    for (manifest::Access a : {manifest::Access::none, manifest::Access::api,
                               manifest::Access::gated, manifest::Access::download}) {
        if ((mask & rubric::bit(a)) != 0) {
            if (!first) {
                out += ", ";
            }
            first = false;
            out += manifest::access_name(a);
        }
    }
}

void append_license(std::string& out, const ArtifactVerdict& a) {
    if (!a.license) {
        out += "no license stated";
        return;
    }
    out += *a.license;
    if (a.inherited) {
        out += " (inherited from the top-level license)";
    }
}

// Evaluates a condition tree. holds() only decides; eval() also appends a reason for the
// outcome. Both count failed artifact checks the same way.
class Evaluator {
public:
    Evaluator(const std::vector<ArtifactVerdict>& artifacts,
              std::optional<manifest::Access> access)
        : m_artifacts(artifacts), m_access(access) {}

    // Counts, since the last reset, of artifact checks that failed because the artifact is not
    // released (missing) or because its license does not fit (terms).
    void reset_failures() const {
        m_missing = 0;
        m_terms = 0;
    }
    Failure failure() const {
        if (m_missing == 0 && m_terms == 0) {
            return Failure::none;
        }
        if (m_missing == 0) {
            return Failure::terms;
        }
        return m_terms == 0 ? Failure::missing : Failure::mixed;
    }

    bool holds(const Condition& c) const {
        switch (c.kind) {
        case Condition::Kind::all:
        case Condition::Kind::any: {
            const bool want_all = c.kind == Condition::Kind::all;
            std::size_t passed = 0;
            for (const Condition& child : c.children) {
                passed += holds(child) ? 1U : 0U;
            }
            return want_all ? passed == c.children.size() : passed != 0;
        }
        case Condition::Kind::not_:
            return !holds(c.children.front());
        case Condition::Kind::access:
            return m_access && (c.access & rubric::bit(*m_access)) != 0;
        case Condition::Kind::artifacts: {
            bool value = true;
            for (manifest::ArtifactId id : c.artifacts) {
                value = holds_one(c, m_artifacts[static_cast<std::size_t>(id)]) && value;
            }
            return value;
        }
        }
        return false;
    }

    bool eval(const Condition& c, std::string& reason) const {
        switch (c.kind) {
        case Condition::Kind::all:
        case Condition::Kind::any:
            return eval_list(c, reason);
        case Condition::Kind::not_:
            return !eval(c.children.front(), reason);
        case Condition::Kind::access:
            return eval_access(c, reason);
        case Condition::Kind::artifacts:
            return eval_artifacts(c, reason);
        }
        return false;
    }

    // Whether the condition holds or could be made to hold by making the release more open:
    // releasing or relicensing an artifact, stating or widening access. Withdrawing an artifact,
    // narrowing access or making any condition under 'not' fail does not count.
    bool reachable(const Condition& c) const {
        if (holds(c)) {
            return true;
        }
        switch (c.kind) {
        case Condition::Kind::all:
            return std::all_of(c.children.begin(), c.children.end(),
                               [this](const Condition& child) { return reachable(child); });
        case Condition::Kind::any:
            return std::any_of(c.children.begin(), c.children.end(),
                               [this](const Condition& child) { return reachable(child); });
        case Condition::Kind::not_:
            return false;
        case Condition::Kind::access:
            if (!m_access) {
                return true;
            }
            for (manifest::Access a : {manifest::Access::none, manifest::Access::api,
                                       manifest::Access::gated, manifest::Access::download}) {
                if ((c.access & rubric::bit(a)) != 0 && access_rank(a) > access_rank(*m_access)) {
                    return true;
                }
            }
            return false;
        case Condition::Kind::artifacts:
            return c.released != std::optional<bool>(false);
        }
        return false;
    }

    // Whether one artifact passes a leaf condition.
    static bool passes(const Condition& c, const ArtifactVerdict& a) { return passes_one(c, a); }

private:
    // How open an access mode is: none < api < gated < download.
    static int access_rank(manifest::Access a) {
        switch (a) {
        case manifest::Access::none:
            return 0;
        case manifest::Access::api:
            return 1;
        case manifest::Access::gated:
            return 2;
        case manifest::Access::download:
            return 3;
        }
        return 0;
    }

    // The reason is written from the children that decided the outcome: for a satisfied 'any',
    // the first that holds; otherwise every child that held (all) or failed. The outcome comes
    // first, then only the deciding children are explained, so no child's text is built and
    // thrown away; the failure counts are those of one pass over every child.
    bool eval_list(const Condition& c, std::string& reason) const {
        const bool want_all = c.kind == Condition::Kind::all;
        const bool value = holds(c);
        const std::size_t missing = m_missing;
        const std::size_t terms = m_terms;
        if (value && !want_all) {
            for (const Condition& child : c.children) {
                if (holds(child)) {
                    eval(child, reason);
                    break;
                }
            }
        } else {
            const char* joiner = want_all ? "; " : "; and ";
            const std::size_t start = reason.size();
            for (const Condition& child : c.children) {
                if (holds(child) != value) {
                    continue;
                }
                const std::size_t mark = reason.size();
                if (mark != start) {
                    reason += joiner;
                }
                const std::size_t text = reason.size();
                eval(child, reason);
                if (reason.size() == text) {
                    reason.resize(mark);  // an empty reason adds no joiner
                }
            }
        }
        m_missing = missing;
        m_terms = terms;
        return value;
    }

    bool eval_access(const Condition& c, std::string& reason) const {
        if (!m_access) {
            reason += "access is not stated";
            return false;
        }
        const bool value = (c.access & rubric::bit(*m_access)) != 0;
        reason += "access is ";
        reason += manifest::access_name(*m_access);
        if (!value) {
            reason += ", not one of ";
            append_access_list(reason, c.access);
        }
        return value;
    }

    // Every artifact must hold; the reason names those that fail, or else all of them.
    bool eval_artifacts(const Condition& c, std::string& reason) const {
        bool value = true;
        for (manifest::ArtifactId id : c.artifacts) {
            value = holds_one(c, m_artifacts[static_cast<std::size_t>(id)]) && value;
        }
        bool first = true;
        for (manifest::ArtifactId id : c.artifacts) {
            const ArtifactVerdict& a = m_artifacts[static_cast<std::size_t>(id)];
            if (c.artifacts.size() != 1 && passes_one(c, a) != value) {
                continue;
            }
            if (!first) {
                reason += "; ";
            }
            first = false;
            explain_one(c, a, manifest::spec(id).label, reason);
        }
        return value;
    }

    // Whether one artifact passes a leaf condition, without counting failures.
    static bool passes_one(const Condition& c, const ArtifactVerdict& a) {
        const bool released = a.availability == Availability::released;
        if (c.released == std::optional<bool>(false)) {
            return !released;
        }
        if (!released) {
            return false;
        }
        return c.license_classes == 0 ||
               (c.license_classes & rubric::bit(a.classification->license_class)) != 0;
    }

    // passes_one(), counting a failure as missing or terms.
    bool holds_one(const Condition& c, const ArtifactVerdict& a) const {
        const bool value = passes_one(c, a);
        if (!value && c.released != std::optional<bool>(false)) {
            ++(a.availability == Availability::released ? m_terms : m_missing);
        }
        return value;
    }

    // Appends the reason one artifact passes or fails a leaf condition.
    static void explain_one(const Condition& c, const ArtifactVerdict& a, std::string_view label,
                            std::string& reason) {
        const bool released = a.availability == Availability::released;
        reason += label;
        if (c.released == std::optional<bool>(false)) {
            if (released) {
                reason += " released";
                return;
            }
            reason += a.availability == Availability::unknown ? " not stated by the source"
                                                              : " not released";
            return;
        }
        if (!released) {
            if (a.availability == Availability::unknown) {
                reason += ": not stated by the source, so not counted";
            } else if (!a.listed) {
                reason += " not released (not listed in the manifest)";
            } else {
                reason += " not released";
            }
            return;
        }
        if (c.license_classes == 0) {
            reason += " released";
            return;
        }
        reason += " released under ";
        append_license(reason, a);
        reason += ": ";
        reason += a.classification->explanation;
        if ((c.license_classes & rubric::bit(a.classification->license_class)) == 0) {
            reason += "; needs ";
            append_class_list(reason, c.license_classes);
        }
    }

    const std::vector<ArtifactVerdict>& m_artifacts;
    std::optional<manifest::Access> m_access;
    mutable std::size_t m_missing = 0;
    mutable std::size_t m_terms = 0;
};

}  // namespace

namespace {

// The memo of a table for the calling thread. Threads scoring a batch each keep their own, so
// they share nothing and take no lock; a run uses one or two tables, so a few memos suffice.
license::ClassificationMemo& memo_for(const std::shared_ptr<const license::LicenseTable>& table) {
    constexpr std::size_t k_max_memos = 4;
    thread_local std::vector<std::unique_ptr<license::ClassificationMemo>> memos;
    for (const std::unique_ptr<license::ClassificationMemo>& memo : memos) {
        if (memo->table() == table) {
            return *memo;
        }
    }
    if (memos.size() == k_max_memos) {
        memos.erase(memos.begin());
    }
    memos.push_back(std::make_unique<license::ClassificationMemo>(table));
    return *memos.back();
}

std::vector<ArtifactVerdict> judge_artifacts(
    const rubric::Rubric& rubric, const std::shared_ptr<const license::LicenseTable>& table,
    const manifest::Manifest& manifest) {
    license::ClassificationMemo& memo = memo_for(table);
    std::uint32_t open_somewhere = 0;
    for (std::uint32_t mask : rubric.open_classes) {
        open_somewhere |= mask;
    }
    std::vector<ArtifactVerdict> artifacts;
    artifacts.reserve(manifest::k_artifact_count);
    for (const manifest::ArtifactSpec& s : manifest::artifact_specs()) {
        const manifest::Artifact& artifact = manifest.artifact(s.id);
        ArtifactVerdict& a = artifacts.emplace_back();
        a.id = s.id;
        a.availability = artifact.availability;
        a.listed = artifact.listed;
        a.position = artifact.position;
        a.provenance = artifact.provenance;
        manifest::EffectiveLicense effective = manifest::effective_license(manifest, s.id);
        a.license = std::move(effective.text);
        a.inherited = effective.inherited;
        if (a.license) {
            a.classification = memo.classify(*a.license);
            if (a.availability == Availability::released) {
                const std::uint32_t license_class = rubric::bit(a.classification->license_class);
                a.open = (rubric.open_mask(s.kind) & license_class) != 0;
                a.open_for_other_kinds = !a.open && (open_somewhere & license_class) != 0;
            }
        }
    }
    return artifacts;
}

// Bytes of reason text to reserve per rule: enough for most verdicts' reasons to take one
// allocation, without holding much unused memory per verdict.
constexpr std::size_t k_reason_bytes_per_rule = 96;

// The tier's band, placed within it by the share of the points the tier does not require that
// the release earns: every rule of the tier holds, so its points are earned and left out.
double banded_score(const rubric::Rubric& rubric, const Verdict& verdict, double points,
                    double total) {
    const rubric::Tier& tier = rubric.tiers[verdict.tier];
    double required = 0.0;
    for (std::size_t r : tier.requires_rules) {
        if (verdict.rules[r].applies) {
            required += rubric.rules[r].points;
        }
    }
    const double beyond = total - required;
    const double share = beyond > 0 ? std::clamp((points - required) / beyond, 0.0, 1.0) : 1.0;
    const double score = tier.band_low + (tier.band_high - tier.band_low) * share;
    return std::clamp(std::round(10.0 * score) / 10.0, tier.band_low, tier.band_high);
}

// Every one of `rules` fails on license terms only (none for an empty list).
bool terms_only(const Verdict& verdict, const std::vector<std::size_t>& rules) {
    return !rules.empty() && std::all_of(rules.begin(), rules.end(), [&](std::size_t r) {
        return verdict.rules[r].failure == Failure::terms;
    });
}

// The lowest tier from `from` up whose failed rules could all be made to hold by releasing or
// relicensing artifacts (never by withdrawing one or narrowing access); nullopt when none.
std::optional<std::size_t> reachable_tier(const Verdict& verdict, const Evaluator& evaluator,
                                          std::size_t from) {
    const rubric::Rubric& rubric = *verdict.rubric;
    // Per verdict on the hot path: no list is built; a failed rule must be reachable, and with
    // cumulative progress so must those of every tier below (missing_for's rules, the same set).
    const auto reachable = [&](std::size_t t) {
        const std::vector<std::size_t>& needs = rubric.tiers[t].requires_rules;
        return std::all_of(needs.begin(), needs.end(), [&](std::size_t r) {
            return !verdict.rules[r].applies || verdict.rules[r].passed ||
                   evaluator.reachable(rubric.rules[r].check);
        });
    };
    const bool cumulative = rubric.progress == rubric::ProgressMode::cumulative;
    bool below = true;  // cumulative only: every tier from 1 to t - 1 is reachable
    for (std::size_t t = 1; cumulative && t < from && t < rubric.tiers.size(); ++t) {
        below = below && reachable(t);
    }
    for (std::size_t t = from; t < rubric.tiers.size(); ++t) {
        const bool here = reachable(t);
        if (here && below) {
            return t;
        }
        below = !cumulative || (below && (t == 0 || here));
    }
    return std::nullopt;
}

// Rule outcomes, tier, progress and score for one reading of the licenses. Without
// `with_reasons` only the outcomes are decided: the reasons stay empty and failure is none.
void judge_rules(const rubric::Rubric& rubric, const Evaluator& evaluator, Verdict& verdict,
                 bool with_reasons) {
    double points = 0.0;
    double total = 0.0;
    std::size_t passed = 0;
    std::size_t applicable = 0;
    verdict.rules.clear();
    verdict.rules.reserve(rubric.rules.size());
    verdict.reasons.clear();
    if (with_reasons) {
        verdict.reasons.reserve(rubric.rules.size() * k_reason_bytes_per_rule);
    }
    for (std::size_t i = 0; i < rubric.rules.size(); ++i) {
        const rubric::Rule& rule = rubric.rules[i];
        RuleResult& result = verdict.rules.emplace_back();
        result.rule = i;
        if (rule.applies_when) {
            result.applies = evaluator.holds(*rule.applies_when);
        }
        if (with_reasons) {
            // Every reason is written straight into the verdict's one buffer.
            result.reason_offset = verdict.reasons.size();
            if (!result.applies) {
                verdict.reasons += "does not apply: ";
            }
            evaluator.reset_failures();
            result.passed = evaluator.eval(rule.check, verdict.reasons);
            result.reason_size = verdict.reasons.size() - result.reason_offset;
            result.failure = result.passed ? Failure::none : evaluator.failure();
        } else {
            result.passed = evaluator.holds(rule.check);
        }
        if (result.applies) {
            ++applicable;
            total += rule.points;
            if (result.passed) {
                points += rule.points;
                ++passed;
            }
        }
    }
    // A rubric whose rules carry no points scores the share of rules that pass.
    const double share = total > 0 ? points / total
                         : applicable == 0
                             ? 0.0
                             : static_cast<double>(passed) / static_cast<double>(applicable);
    verdict.score = std::round(1000.0 * share) / 10.0;

    verdict.tier = 0;
    verdict.progress.assign(rubric.tiers.size(), 0.0);
    bool below_complete = true;
    for (std::size_t t = 0; t < rubric.tiers.size(); ++t) {
        std::size_t needed = 0;
        std::size_t held = 0;
        for (std::size_t r : rubric.tiers[t].requires_rules) {
            if (verdict.rules[r].applies) {
                ++needed;
                held += verdict.rules[r].passed ? 1U : 0U;
            }
        }
        const bool holds = held == needed;
        double progress = tier_progress(held, needed);
        if (rubric.progress == rubric::ProgressMode::cumulative && !below_complete) {
            progress = 0.0;
        }
        verdict.progress[t] = progress;
        if (t > 0) {
            below_complete = below_complete && holds;
        }
        // The highest tier whose requirements all hold.
        if (holds && (rubric.progress == rubric::ProgressMode::independent || progress == 100.0)) {
            verdict.tier = t;
        }
    }
    if (rubric.score == rubric::ScoreMode::banded) {
        verdict.score = banded_score(rubric, verdict, points, total);
    }
    verdict.target.reset();
    verdict.missing.clear();
    verdict.terms_only = false;
    if (!with_reasons) {
        return;  // the corrected-table pass compares tiers only
    }
    for (RuleResult& result : verdict.rules) {
        const rubric::Rule& rule = rubric.rules[result.rule];
        result.lacking = !result.passed && (rule.points > 0 || rule.needed_up_to > verdict.tier + 1);
    }
    verdict.target = reachable_tier(verdict, evaluator, verdict.tier + 1);
    if (verdict.target) {
        verdict.missing = missing_for(verdict, *verdict.target);
        verdict.terms_only = terms_only(verdict, verdict.missing);
    }
}

// Warnings where a reading without the framework's quirks would judge a license, or the
// release, differently.
void compare_with_corrected(const rubric::Rubric& rubric, const manifest::Manifest& manifest,
                            Verdict& verdict) {
    std::vector<ArtifactVerdict> corrected =
        judge_artifacts(rubric, rubric.corrected_licenses, manifest);
    // Named only in warnings, which few releases get: built when first needed.
    std::string table;
    const auto table_name = [&rubric, &table]() -> const std::string& {
        if (table.empty()) {
            table = rubric.corrected_licenses->id() + "@" + rubric.corrected_licenses->version();
        }
        return table;
    };
    for (std::size_t i = 0; i < corrected.size(); ++i) {
        const ArtifactVerdict& quirky = verdict.artifacts[i];
        const ArtifactVerdict& fixed = corrected[i];
        if (quirky.availability != manifest::Availability::released || !quirky.license ||
            quirky.open == fixed.open) {
            continue;
        }
        verdict.warnings.push_back(std::string(manifest::spec(quirky.id).label) + ": " +
                                   quirky.classification->explanation + "; a corrected reading (" +
                                   table_name() + ") finds " + fixed.classification->explanation);
    }
    Verdict again;
    again.rubric = verdict.rubric;
    again.artifacts = std::move(corrected);
    const Evaluator evaluator(again.artifacts, manifest.access);
    // Only the tier is compared, so no reasons are written.
    judge_rules(rubric, evaluator, again, false);
    if (again.tier != verdict.tier) {
        verdict.warnings.push_back("with the licenses read by " + table_name() +
                                   ", this release would be " + rubric.tiers[again.tier].label +
                                   " rather than " + rubric.tiers[verdict.tier].label);
    }
}

void warn_unsuited(const rubric::Rubric& rubric, Verdict& verdict) {
    for (const ArtifactVerdict& a : verdict.artifacts) {
        const license::LicenseInfo* info = a.classification->single;
        if (a.availability != manifest::Availability::released || info == nullptr ||
            !info->has_suits || !a.open) {
            continue;
        }
        const std::string_view kind = manifest::kind_name(manifest::spec(a.id).kind);
        if (std::find(info->suits.begin(), info->suits.end(), kind) == info->suits.end()) {
            std::string warning = std::string(manifest::spec(a.id).label) + ": " +
                                  std::string(info->id) + " is open but not a license " +
                                  rubric.id + " lists for ";
            warning += kind;
            warning += " (a warning, not a failure)";
            verdict.warnings.push_back(std::move(warning));
        }
    }
}

// How each license written loosely was read, once per reading, with the artifacts it names:
// "weights, code: read 'Apache 2' as Apache-2.0". Only tables with resolver rules read so.
// A license that could not be read but is close to known ids is warned about the same way,
// with its suggestions ("model card: 'GPL3x' is not in the license table; did you mean
// GPL-3.0-only or GPL-3.0-or-later?"), so every format that lists warnings shows them. Only
// tables with resolver rules suggest, so the 1.0 tables' verdicts are unchanged.
void warn_read_as(Verdict& verdict) {
    std::vector<std::pair<std::string, std::string>> readings;  // sentence, labels
    const auto note = [&readings](const std::string& sentence, std::string_view label) {
        const auto found = std::find_if(readings.begin(), readings.end(),
                                        [&](const auto& r) { return r.first == sentence; });
        if (found == readings.end()) {
            readings.emplace_back(sentence, std::string(label));
        } else {
            found->second += ", ";
            found->second += label;
        }
    };
    for (const ArtifactVerdict& a : verdict.artifacts) {
        const std::string_view label = manifest::spec(a.id).label;
        for (const std::string& sentence : a.classification->read_as) {
            note(sentence, label);
        }
        if (a.availability == manifest::Availability::released &&
            !a.classification->suggestions.empty()) {
            note(a.classification->explanation, label);
        }
    }
    for (const auto& [sentence, labels] : readings) {
        verdict.warnings.push_back(labels + ": " + sentence);
    }
}


// One artifact a failed condition needs: released, and under one of `classes` when not 0.
struct Leaf {
    manifest::ArtifactId id{};
    std::uint32_t classes = 0;
};

// What one failed rule lacks, by shape: artifacts it needs (all of them), groups of
// alternatives (one of each group), access modes it accepts, or a shape explained whole.
struct RuleLacks {
    std::vector<Leaf> artifacts;
    std::vector<std::vector<Leaf>> alternatives;
    std::uint32_t access = 0;
    bool access_needed = false;
    bool other = false;
};

// A single-artifact positive leaf, as an `any` lists its alternatives.
bool simple_leaf(const Condition& c) {
    return c.kind == Condition::Kind::artifacts && c.artifacts.size() == 1 &&
           c.released != std::optional<bool>(false);
}

// Collects what a condition that does not hold lacks.
void collect_lacks(const Condition& c, const std::vector<ArtifactVerdict>& artifacts,
                   const Evaluator& evaluator, RuleLacks& lacks) {
    switch (c.kind) {
    case Condition::Kind::artifacts:
        if (c.released == std::optional<bool>(false)) {
            lacks.other = true;
            return;
        }
        for (manifest::ArtifactId id : c.artifacts) {
            if (!Evaluator::passes(c, artifacts[static_cast<std::size_t>(id)])) {
                lacks.artifacts.push_back(Leaf{id, c.license_classes});
            }
        }
        return;
    case Condition::Kind::access:
        lacks.access = lacks.access_needed ? lacks.access & c.access : c.access;
        lacks.access_needed = true;
        return;
    case Condition::Kind::all:
        for (const Condition& child : c.children) {
            if (!evaluator.holds(child)) {
                collect_lacks(child, artifacts, evaluator, lacks);
            }
        }
        return;
    case Condition::Kind::any:
        if (!std::all_of(c.children.begin(), c.children.end(), simple_leaf)) {
            lacks.other = true;
            return;
        }
        if (c.children.size() == 1) {
            collect_lacks(c.children.front(), artifacts, evaluator, lacks);
            return;
        }
        lacks.alternatives.emplace_back();
        for (const Condition& child : c.children) {
            lacks.alternatives.back().push_back(Leaf{child.artifacts.front(), child.license_classes});
        }
        return;
    case Condition::Kind::not_:
        lacks.other = true;
        return;
    }
}

// "an OSI-approved license or an open data/content license" for a mask of license classes.
std::string class_list(std::uint32_t classes) {
    std::string out;
    for (LicenseClass c : {LicenseClass::osi, LicenseClass::open_data, LicenseClass::restricted,
                           LicenseClass::proprietary, LicenseClass::unknown}) {
        if ((classes & rubric::bit(c)) == 0) {
            continue;
        }
        out += out.empty() ? "" : " or ";
        switch (c) {
        case LicenseClass::osi:
            out += "an OSI-approved license";
            break;
        case LicenseClass::open_data:
            out += "an open data/content license";
            break;
        case LicenseClass::restricted:
            out += "a restricted license";
            break;
        case LicenseClass::proprietary:
            out += "a proprietary license";
            break;
        case LicenseClass::unknown:
            out += "a license of unknown openness";
            break;
        }
    }
    return out;
}

// An artifact as it stands: "not released (not listed in the manifest)", "released under
// llama3.1 (inherited from the top-level license): ... is restricted ...".
std::string artifact_state(const ArtifactVerdict& a) {
    if (a.availability == Availability::unknown) {
        return "not stated by the source, so not counted";
    }
    if (a.availability == Availability::not_released) {
        return a.listed ? "not released" : "not released (not listed in the manifest)";
    }
    if (!a.license) {
        return "released, no license stated, so not open";
    }
    std::string out = "released under ";
    append_license(out, a);
    out += ": ";
    out += a.classification->explanation;
    return out;
}

// What would supply one artifact: "release it", "release it under ...", "relicense it under ...".
std::string artifact_action(const ArtifactVerdict& a, std::uint32_t classes) {
    const bool released = a.availability == Availability::released;
    if (classes == 0) {
        return "release it";
    }
    return (released ? "relicense it under " : "release it under ") + class_list(classes);
}

// "a, b or c".
std::string join_or(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += i == 0 ? "" : i + 1 == items.size() ? " or " : ", ";
        out += items[i];
    }
    return out;
}

// The text of a need for any one of several artifacts.
std::string alternatives_text(const std::vector<Leaf>& leaves,
                              const std::vector<ArtifactVerdict>& artifacts) {
    const bool same = std::all_of(leaves.begin(), leaves.end(), [&](const Leaf& leaf) {
        return leaf.classes == leaves.front().classes;
    });
    std::vector<std::string> names;
    std::string states;
    for (const Leaf& leaf : leaves) {
        const std::string label(manifest::spec(leaf.id).label);
        names.push_back(same || leaf.classes == 0 ? label
                                                  : label + " under " + class_list(leaf.classes));
        states += (states.empty() ? "" : "; ") + label + ": " +
                  artifact_state(artifacts[static_cast<std::size_t>(leaf.id)]);
    }
    std::string out = "one of " + join_or(names) + " released";
    if (same && leaves.front().classes != 0) {
        out += " under " + class_list(leaves.front().classes);
    }
    return out + "; at present, " + states;
}

// Adds rule `r` to a need, once.
void add_rule(Need& need, std::size_t r) {
    if (need.rules.empty() || need.rules.back() != r) {
        need.rules.push_back(r);
    }
}

// The needs behind `rules` (failed rules of one verdict), grouped as Shortfall::needs says.
std::vector<Need> group_needs(const Verdict& verdict, const Evaluator& evaluator,
                              const std::vector<std::size_t>& rules) {
    const rubric::Rubric& rubric = *verdict.rubric;
    struct ArtifactNeed {
        bool needed = false;
        std::uint32_t classes = 0;
        Need need;
    };
    std::vector<ArtifactNeed> by_artifact(manifest::k_artifact_count);
    std::vector<std::pair<std::vector<Leaf>, Need>> alternatives;
    Need access;
    access.kind = Need::Kind::access;
    std::uint32_t access_modes = ~0U;
    std::vector<Need> others;
    for (std::size_t r : rules) {
        RuleLacks lacks;
        collect_lacks(rubric.rules[r].check, verdict.artifacts, evaluator, lacks);
        for (const Leaf& leaf : lacks.artifacts) {
            ArtifactNeed& an = by_artifact[static_cast<std::size_t>(leaf.id)];
            if (leaf.classes != 0) {
                // Several rules' terms together: the classes every one of them accepts.
                const std::uint32_t both = an.classes == 0 ? leaf.classes : an.classes & leaf.classes;
                an.classes = both != 0 ? both : an.classes;
            }
            an.needed = true;
            add_rule(an.need, r);
        }
        for (const std::vector<Leaf>& group : lacks.alternatives) {
            auto same = std::find_if(alternatives.begin(), alternatives.end(), [&](const auto& g) {
                return g.first.size() == group.size() &&
                       std::equal(group.begin(), group.end(), g.first.begin(),
                                  [](const Leaf& x, const Leaf& y) {
                                      return x.id == y.id && x.classes == y.classes;
                                  });
            });
            if (same == alternatives.end()) {
                alternatives.emplace_back(group, Need{});
                same = alternatives.end() - 1;
            }
            add_rule(same->second, r);
        }
        if (lacks.access_needed) {
            access_modes &= lacks.access;
            add_rule(access, r);
        }
        if (lacks.other) {
            Need other;
            other.kind = Need::Kind::other;
            other.rules.push_back(r);
            other.text = rubric.rules[r].description + " " + std::string(verdict.reason(r));
            others.push_back(std::move(other));
        }
    }
    std::vector<Need> needs;
    for (std::size_t i = 0; i < by_artifact.size(); ++i) {
        ArtifactNeed& an = by_artifact[i];
        if (!an.needed) {
            continue;
        }
        const ArtifactVerdict& a = verdict.artifacts[i];
        an.need.kind = Need::Kind::artifact;
        an.need.artifacts.push_back(a.id);
        an.need.text = std::string(manifest::spec(a.id).label) + ": " + artifact_state(a) + "; " +
                       artifact_action(a, an.classes);
        needs.push_back(std::move(an.need));
    }
    for (auto& [group, need] : alternatives) {
        need.kind = Need::Kind::one_of;
        for (const Leaf& leaf : group) {
            need.artifacts.push_back(leaf.id);
        }
        need.text = alternatives_text(group, verdict.artifacts);
        needs.push_back(std::move(need));
    }
    if (!access.rules.empty()) {
        std::vector<std::string> modes;
        for (manifest::Access mode : {manifest::Access::download, manifest::Access::gated,
                                      manifest::Access::api, manifest::Access::none}) {
            if ((access_modes & rubric::bit(mode)) != 0) {
                modes.emplace_back(manifest::access_name(mode));
            }
        }
        access.text = std::string("access: ") +
                      (verdict.access ? manifest::access_name(*verdict.access) : "not stated") +
                      "; needs " + (modes.empty() ? std::string("a mode no rule allows") : join_or(modes));
        needs.push_back(std::move(access));
    }
    for (Need& other : others) {
        needs.push_back(std::move(other));
    }
    return needs;
}

}  // namespace

const std::shared_ptr<const license::Classification>& no_license_classification() {
    static const license::Classification k_classification = [] {
        license::Classification none;
        none.explanation = k_no_license_explanation;
        return none;
    }();
    // Aliases the constant without owning it: no control block, so copies count nothing.
    static const std::shared_ptr<const license::Classification> k_shared(
        std::shared_ptr<const license::Classification>(), &k_classification);
    return k_shared;
}

std::vector<std::size_t> missing_for(const Verdict& verdict, std::size_t tier) {
    const rubric::Rubric& rubric = *verdict.rubric;
    std::vector<std::size_t> missing;
    const auto add = [&](std::size_t t) {
        for (std::size_t r : rubric.tiers[t].requires_rules) {
            if (verdict.rules[r].applies && !verdict.rules[r].passed) {
                missing.push_back(r);
            }
        }
    };
    add(tier);
    if (rubric.progress == rubric::ProgressMode::cumulative) {
        for (std::size_t t = 1; t < tier; ++t) {
            add(t);
        }
        std::sort(missing.begin(), missing.end());
        missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
    }
    return missing;
}

const char* need_kind_name(Need::Kind kind) {
    switch (kind) {
    case Need::Kind::artifact:
        return "artifact";
    case Need::Kind::one_of:
        return "one-of";
    case Need::Kind::access:
        return "access";
    case Need::Kind::other:
        return "other";
    }
    return "other";
}

Shortfall shortfall(const Verdict& verdict, std::size_t minimum) {
    Shortfall out;
    out.rubric = verdict.rubric;
    out.minimum = minimum;
    out.tier = minimum;
    if (verdict.tier >= minimum) {
        return out;
    }
    const Evaluator evaluator(verdict.artifacts, verdict.access);
    out.tier = reachable_tier(verdict, evaluator, minimum).value_or(minimum);
    out.rules = missing_for(verdict, out.tier);
    out.needs = group_needs(verdict, evaluator, out.rules);
    out.terms_only = terms_only(verdict, out.rules);
    return out;
}

const char* failure_name(Failure failure) {
    switch (failure) {
    case Failure::none:
        return "";
    case Failure::missing:
        return "missing";
    case Failure::terms:
        return "terms";
    case Failure::mixed:
        return "mixed";
    }
    return "";
}

Verdict evaluate(const std::shared_ptr<const rubric::Rubric>& rubric,
                 const manifest::Manifest& manifest) {
    Verdict verdict;
    verdict.rubric = rubric;
    verdict.source = manifest.source;
    verdict.format = manifest.format;
    verdict.model = manifest.model;
    verdict.access = manifest.access;
    verdict.progress_reported = rubric->progress == rubric::ProgressMode::cumulative;
    verdict.artifacts = judge_artifacts(*rubric, rubric->licenses, manifest);
    const Evaluator evaluator(verdict.artifacts, manifest.access);
    judge_rules(*rubric, evaluator, verdict, true);
    warn_read_as(verdict);
    for (const rubric::Advisory& advisory : rubric->advisories) {
        if (evaluator.holds(advisory.when)) {
            verdict.warnings.push_back(advisory.message);
        }
    }
    if (rubric->warn_unsuited_licenses) {
        warn_unsuited(*rubric, verdict);
    }
    if (rubric->corrected_licenses) {
        compare_with_corrected(*rubric, manifest, verdict);
    }
    for (const std::string& limitation : manifest.limitations) {
        verdict.warnings.push_back(limitation);
    }
    return verdict;
}

}  // namespace openness::engine
