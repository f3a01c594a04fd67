#include "openness/engine/evaluate.hpp"

#include <algorithm>
#include <cmath>

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

// Evaluates a condition tree, appending a reason for the outcome.
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

    bool eval(const Condition& c, std::string& reason) const {
        switch (c.kind) {
        case Condition::Kind::all:
        case Condition::Kind::any:
            return eval_list(c, reason);
        case Condition::Kind::not_: {
            std::string inner;
            const bool value = !eval(c.children.front(), inner);
            reason += inner;
            return value;
        }
        case Condition::Kind::access:
            return eval_access(c, reason);
        case Condition::Kind::artifacts:
            return eval_artifacts(c, reason);
        }
        return false;
    }

private:
    bool eval_list(const Condition& c, std::string& reason) const {
        const bool want_all = c.kind == Condition::Kind::all;
        std::vector<std::string> passed;
        std::vector<std::string> failed;
        for (const Condition& child : c.children) {
            std::string r;
            (eval(child, r) ? passed : failed).push_back(std::move(r));
        }
        const bool value = want_all ? failed.empty() : !passed.empty();
        // Explain with the children that decided the outcome: for a satisfied 'any', the
        // first that holds; otherwise every child that held (all) or failed.
        if (value && !want_all) {
            reason += passed.front();
            return value;
        }
        const std::vector<std::string>& decisive = value ? passed : failed;
        const char* joiner = want_all ? "; " : "; and ";
        std::string out;
        for (const std::string& r : decisive) {
            if (r.empty()) {
                continue;
            }
            out += out.empty() ? "" : joiner;
            out += r;
        }
        reason += out;
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

    bool eval_artifacts(const Condition& c, std::string& reason) const {
        // Most rules name one artifact: its reason is the whole reason, written in place.
        if (c.artifacts.size() == 1) {
            const manifest::ArtifactId id = c.artifacts.front();
            return eval_one(c, m_artifacts[static_cast<std::size_t>(id)], manifest::spec(id).label,
                            reason);
        }
        std::string passed_text;
        std::string failed_text;
        std::string r;
        for (manifest::ArtifactId id : c.artifacts) {
            const ArtifactVerdict& a = m_artifacts[static_cast<std::size_t>(id)];
            r.clear();
            const bool ok = eval_one(c, a, manifest::spec(id).label, r);
            std::string& target = ok ? passed_text : failed_text;
            if (!target.empty()) {
                target += "; ";
            }
            target += r;
        }
        const bool value = failed_text.empty();
        reason += value ? passed_text : failed_text;
        return value;
    }

    // Appends the reason one artifact passes or fails a leaf condition.
    bool eval_one(const Condition& c, const ArtifactVerdict& a, std::string_view label,
                  std::string& reason) const {
        const bool released = a.availability == Availability::released;
        reason += label;
        if (c.released == std::optional<bool>(false)) {
            if (released) {
                reason += " released";
                return false;
            }
            reason += a.availability == Availability::unknown ? " not stated by the source"
                                                              : " not released";
            return true;
        }
        if (!released) {
            ++m_missing;
            if (a.availability == Availability::unknown) {
                reason += ": not stated by the source, so not counted";
            } else if (!a.listed) {
                reason += " not released (not listed in the manifest)";
            } else {
                reason += " not released";
            }
            return false;
        }
        if (c.license_classes == 0) {
            reason += " released";
            return true;
        }
        const bool fits = (c.license_classes & rubric::bit(a.classification.license_class)) != 0;
        reason += " released under ";
        append_license(reason, a);
        reason += ": ";
        reason += a.classification.explanation;
        if (!fits) {
            ++m_terms;
            reason += "; needs ";
            append_class_list(reason, c.license_classes);
        }
        return fits;
    }

    const std::vector<ArtifactVerdict>& m_artifacts;
    std::optional<manifest::Access> m_access;
    mutable std::size_t m_missing = 0;
    mutable std::size_t m_terms = 0;
};

}  // namespace

namespace {

std::vector<ArtifactVerdict> judge_artifacts(const license::LicenseTable& table,
                                             const manifest::Manifest& manifest) {
    std::vector<ArtifactVerdict> artifacts;
    artifacts.reserve(manifest::k_artifact_count);
    // Artifacts that inherit the top-level license share one classification of it.
    std::optional<license::Classification> inherited;
    for (const manifest::ArtifactSpec& s : manifest::artifact_specs()) {
        const manifest::Artifact& artifact = manifest.artifact(s.id);
        ArtifactVerdict a;
        a.id = s.id;
        a.availability = artifact.availability;
        a.listed = artifact.listed;
        a.position = artifact.position;
        a.provenance = artifact.provenance;
        manifest::EffectiveLicense effective = manifest::effective_license(manifest, s.id);
        a.license = std::move(effective.text);
        a.inherited = effective.inherited;
        if (a.license && a.inherited) {
            if (!inherited) {
                inherited = table.classify(*a.license);
            }
            a.classification = *inherited;
        } else if (a.license) {
            a.classification = table.classify(*a.license);
        } else {
            a.classification.license_class = LicenseClass::unknown;
            a.classification.explanation =
                "no license stated (neither the artifact nor the manifest names one), so not open";
        }
        artifacts.push_back(std::move(a));
    }
    return artifacts;
}

// Rule outcomes, tier, progress and score for one reading of the licenses.
void judge_rules(const rubric::Rubric& rubric, const Evaluator& evaluator, Verdict& verdict) {
    double points = 0.0;
    double total = 0.0;
    std::size_t passed = 0;
    std::size_t applicable = 0;
    verdict.rules.clear();
    verdict.rules.reserve(rubric.rules.size());
    for (std::size_t i = 0; i < rubric.rules.size(); ++i) {
        const rubric::Rule& rule = rubric.rules[i];
        RuleResult result;
        result.rule = i;
        if (rule.applies_when) {
            std::string ignored;
            result.applies = evaluator.eval(*rule.applies_when, ignored);
        }
        evaluator.reset_failures();
        // One allocation that fits nearly every reason, rather than growing it append by append.
        result.reason.reserve(192);
        result.passed = evaluator.eval(rule.check, result.reason);
        result.failure = result.passed ? Failure::none : evaluator.failure();
        if (!result.applies) {
            result.reason = "does not apply: " + result.reason;
        } else {
            ++applicable;
            total += rule.points;
            if (result.passed) {
                points += rule.points;
                ++passed;
            }
        }
        verdict.rules.push_back(std::move(result));
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
        double progress =
            needed == 0 ? 100.0 : 100.0 * static_cast<double>(held) / static_cast<double>(needed);
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
    verdict.missing.clear();
    if (const rubric::Tier* next = verdict.next_tier()) {
        for (std::size_t r : next->requires_rules) {
            if (verdict.rules[r].applies && !verdict.rules[r].passed) {
                verdict.missing.push_back(r);
            }
        }
    }
}

bool is_open(LicenseClass c) {
    return c == LicenseClass::osi || c == LicenseClass::open_data;
}

// Warnings where a reading without the framework's quirks would judge a license, or the
// release, differently.
void compare_with_corrected(const rubric::Rubric& rubric, const manifest::Manifest& manifest,
                            Verdict& verdict) {
    std::vector<ArtifactVerdict> corrected = judge_artifacts(*rubric.corrected_licenses, manifest);
    const std::string table =
        rubric.corrected_licenses->id() + "@" + rubric.corrected_licenses->version();
    for (std::size_t i = 0; i < corrected.size(); ++i) {
        const ArtifactVerdict& quirky = verdict.artifacts[i];
        const ArtifactVerdict& fixed = corrected[i];
        if (quirky.availability != manifest::Availability::released || !quirky.license ||
            is_open(quirky.classification.license_class) ==
                is_open(fixed.classification.license_class)) {
            continue;
        }
        verdict.warnings.push_back(
            std::string(manifest::spec(quirky.id).label) + ": " + quirky.classification.explanation +
            "; a corrected reading (" + table + ") finds " + fixed.classification.explanation);
    }
    Verdict again;
    again.rubric = verdict.rubric;
    again.artifacts = std::move(corrected);
    const Evaluator evaluator(again.artifacts, manifest.access);
    judge_rules(rubric, evaluator, again);
    if (again.tier != verdict.tier) {
        verdict.warnings.push_back("with the licenses read by " + table +
                                   ", this release would be " + rubric.tiers[again.tier].label +
                                   " rather than " + rubric.tiers[verdict.tier].label);
    }
}

void warn_unsuited(const rubric::Rubric& rubric, Verdict& verdict) {
    for (const ArtifactVerdict& a : verdict.artifacts) {
        const license::LicenseInfo* info = a.classification.single;
        if (a.availability != manifest::Availability::released || info == nullptr ||
            !info->has_suits || !is_open(a.classification.license_class)) {
            continue;
        }
        const std::string kind = manifest::kind_name(manifest::spec(a.id).kind);
        if (std::find(info->suits.begin(), info->suits.end(), kind) == info->suits.end()) {
            verdict.warnings.push_back(std::string(manifest::spec(a.id).label) + ": " + info->id +
                                       " is open but not a license " + rubric.id +
                                       " lists for " + kind + " (a warning, not a failure)");
        }
    }
}

}  // namespace

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
    verdict.artifacts = judge_artifacts(*rubric->licenses, manifest);
    const Evaluator evaluator(verdict.artifacts, manifest.access);
    judge_rules(*rubric, evaluator, verdict);
    for (const rubric::Advisory& advisory : rubric->advisories) {
        std::string ignored;
        if (evaluator.eval(advisory.when, ignored)) {
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
