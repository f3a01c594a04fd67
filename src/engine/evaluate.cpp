#include "openness/engine/evaluate.hpp"

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
    static bool eval_one(const Condition& c, const ArtifactVerdict& a, std::string_view label,
                         std::string& reason) {
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
            reason += "; needs ";
            append_class_list(reason, c.license_classes);
        }
        return fits;
    }

    const std::vector<ArtifactVerdict>& m_artifacts;
    std::optional<manifest::Access> m_access;
};

}  // namespace

Verdict evaluate(const std::shared_ptr<const rubric::Rubric>& rubric,
                 const manifest::Manifest& manifest) {
    Verdict verdict;
    verdict.rubric = rubric;
    verdict.source = manifest.source;
    verdict.format = manifest.format;
    verdict.model = manifest.model;
    verdict.access = manifest.access;
    verdict.artifacts.reserve(manifest::k_artifact_count);
    // Artifacts that inherit the top-level license share one classification of it.
    std::optional<license::Classification> inherited;
    for (const manifest::ArtifactSpec& s : manifest::artifact_specs()) {
        const manifest::Artifact& artifact = manifest.artifact(s.id);
        ArtifactVerdict a;
        a.id = s.id;
        a.availability = artifact.availability;
        a.listed = artifact.listed;
        manifest::EffectiveLicense effective = manifest::effective_license(manifest, s.id);
        a.license = std::move(effective.text);
        a.inherited = effective.inherited;
        if (a.license && a.inherited) {
            if (!inherited) {
                inherited = rubric->licenses->classify(*a.license);
            }
            a.classification = *inherited;
        } else if (a.license) {
            a.classification = rubric->licenses->classify(*a.license);
        } else {
            a.classification.license_class = LicenseClass::unknown;
            a.classification.explanation =
                "no license stated (neither the artifact nor the manifest names one), so not open";
        }
        verdict.artifacts.push_back(std::move(a));
    }

    const Evaluator evaluator(verdict.artifacts, manifest.access);
    double points = 0.0;
    std::size_t passed = 0;
    verdict.rules.reserve(rubric->rules.size());
    for (std::size_t i = 0; i < rubric->rules.size(); ++i) {
        RuleResult result;
        result.rule = i;
        // One allocation that fits nearly every reason, rather than growing it append by append.
        result.reason.reserve(192);
        result.passed = evaluator.eval(rubric->rules[i].check, result.reason);
        if (result.passed) {
            points += rubric->rules[i].points;
            ++passed;
        }
        verdict.rules.push_back(std::move(result));
    }
    // A rubric whose rules carry no points scores the share of rules that pass.
    const double share = rubric->total_points > 0 ? points / rubric->total_points
                         : rubric->rules.empty()
                             ? 0.0
                             : static_cast<double>(passed) / static_cast<double>(rubric->rules.size());
    verdict.score = std::round(1000.0 * share) / 10.0;

    // The highest tier whose requirements all hold.
    for (std::size_t t = 0; t < rubric->tiers.size(); ++t) {
        bool holds = true;
        for (std::size_t r : rubric->tiers[t].requires_rules) {
            holds = holds && verdict.rules[r].passed;
        }
        if (holds) {
            verdict.tier = t;
        }
    }
    if (const rubric::Tier* next = verdict.next_tier()) {
        verdict.missing.reserve(next->requires_rules.size());
        for (std::size_t r : next->requires_rules) {
            if (!verdict.rules[r].passed) {
                verdict.missing.push_back(r);
            }
        }
    }
    for (const rubric::Advisory& advisory : rubric->advisories) {
        std::string ignored;
        if (evaluator.eval(advisory.when, ignored)) {
            verdict.warnings.push_back(advisory.message);
        }
    }
    for (const std::string& limitation : manifest.limitations) {
        verdict.warnings.push_back(limitation);
    }
    return verdict;
}

}  // namespace openness::engine
