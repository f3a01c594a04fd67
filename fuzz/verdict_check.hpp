#pragma once

#include "fuzz_check.hpp"

#include "openness/engine/evaluate.hpp"
#include "openness/report/report.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/file_system.hpp"
#include "openness/util/json.hpp"

#include <memory>
#include <sstream>
#include <string>

namespace openness::fuzz {

// A bundled rubric, loaded once per process.
inline std::shared_ptr<const rubric::Rubric> bundled_rubric(const std::string& id) {
    const util::MemoryFileSystem no_files;
    rubric::RubricLoadResult loaded = rubric::resolve_rubric(id, no_files);
    require(loaded.rubric != nullptr, "a bundled rubric loads");
    return loaded.rubric;
}

// Scores a loaded manifest and renders it as text and JSON: the verdict's numbers stay in range
// and the JSON report is JSON.
inline void check_verdict(const std::shared_ptr<const rubric::Rubric>& rubric,
                          const manifest::Manifest& manifest) {
    report::Outcome outcome;
    outcome.source = manifest.source;
    outcome.verdict = engine::evaluate(rubric, manifest);
    const engine::Verdict& verdict = *outcome.verdict;
    require(verdict.tier < rubric->tiers.size(), "the tier is one of the rubric's");
    require(verdict.score >= 0.0 && verdict.score <= 100.0, "the score is within 0-100");
    require(verdict.progress.size() == rubric->tiers.size(), "progress for every tier");
    for (const double p : verdict.progress) {
        require(p >= 0.0 && p <= 100.0, "progress is within 0-100");
    }
    require(verdict.rules.size() == rubric->rules.size(), "a result for every rule");
    for (const engine::RuleResult& r : verdict.rules) {
        require(r.reason_offset + r.reason_size <= verdict.reasons.size(),
                "a rule's reason lies within the verdict's reasons");
    }
    for (const engine::ArtifactVerdict& a : verdict.artifacts) {
        require(a.classification != nullptr, "every artifact has a classification");
    }
    std::string json;
    report::append_outcome_json(json, outcome);
    const util::JsonParseResult parsed = util::parse_json(json, "report.json");
    require(parsed.value.has_value(), "the JSON report is valid JSON",
            parsed.error ? parsed.error->message : std::string());
    std::ostringstream text;
    report::Options options;
    options.rubric = rubric;
    std::unique_ptr<report::Reporter> reporter = report::make_reporter("text", text, options);
    reporter->begin();
    reporter->add(outcome);
    report::Summary summary;
    summary.add(outcome);
    reporter->end(summary);
}

}  // namespace openness::fuzz
