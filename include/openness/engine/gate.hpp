#pragma once

// The gate of a run (--min-tier, --min-score): what a verdict must reach to pass. Built once
// per run from the flags; checking a manifest's verdicts is pure and never prints.

#include "openness/engine/evaluate.hpp"
#include "openness/rubric/rubric.hpp"

#include <tl/expected.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace openness::engine {

class Gate {
public:
    // The run's rubrics; the first is the main one, whose verdict --min-score reads.
    explicit Gate(std::vector<std::shared_ptr<const rubric::Rubric>> rubrics);

    // Adds a minimum tier: "TIER" (of the first rubric that has it) or "RUBRIC:TIER"; the
    // error says which tiers or rubrics there are.
    tl::expected<void, std::string> add_min_tier(const std::string& spec);
    // Sets the minimum score; an error unless it is within 0-100.
    tl::expected<void, std::string> set_min_score(double score);

    // True when any minimum is set.
    bool set() const { return !m_tiers.empty() || m_min_score; }
    // The flags that set it, as a user wrote them: "--min-tier open-weights --min-score 50".
    const std::string& flags() const { return m_flags; }

    // Why the verdicts of one manifest (the main rubric's, then the others' in order) fail the
    // gate, minimum after minimum joined by "; "; empty when they pass.
    std::string check(const Verdict& main, const std::vector<Verdict>& more) const;
    // For each minimum tier the verdicts fall below, in the order the flags gave them: all that
    // the verdict lacks for it (engine::shortfall); empty when every minimum tier is reached.
    std::vector<Shortfall> shortfalls(const Verdict& main, const std::vector<Verdict>& more) const;

private:
    struct MinTier {
        std::size_t rubric_index = 0;
        std::size_t tier = 0;
    };
    std::vector<std::shared_ptr<const rubric::Rubric>> m_rubrics;
    std::vector<MinTier> m_tiers;
    std::optional<double> m_min_score;
    std::string m_flags;
};

}  // namespace openness::engine
