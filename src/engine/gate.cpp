#include "openness/engine/gate.hpp"

#include <fmt/format.h>

namespace openness::engine {

namespace {

std::string tier_list(const rubric::Rubric& rubric) {
    std::string tiers;
    for (const rubric::Tier& t : rubric.tiers) {
        tiers += (tiers.empty() ? "" : ", ") + t.id;
    }
    return tiers;
}

std::string unknown_tier(const std::string& tier, const rubric::Rubric& rubric) {
    return fmt::format("unknown tier '{}' for {} (tiers, lowest first: {})", tier, rubric.ref(),
                       tier_list(rubric));
}

void append(std::string& list, const std::string& item) {
    list += (list.empty() ? "" : " ") + item;
}

}  // namespace

Gate::Gate(std::vector<std::shared_ptr<const rubric::Rubric>> rubrics)
    : m_rubrics(std::move(rubrics)) {}

tl::expected<void, std::string> Gate::add_min_tier(const std::string& spec) {
    const std::size_t colon = spec.find(':');
    std::optional<MinTier> found;
    if (colon != std::string::npos) {
        const std::string name = spec.substr(0, colon);
        const std::string tier = spec.substr(colon + 1);
        for (std::size_t i = 0; i < m_rubrics.size() && !found; ++i) {
            if (m_rubrics[i]->id == name || m_rubrics[i]->ref() == name) {
                const std::optional<std::size_t> t = m_rubrics[i]->find_tier(tier);
                if (!t) {
                    return tl::make_unexpected(unknown_tier(tier, *m_rubrics[i]));
                }
                found = MinTier{i, *t};
            }
        }
        if (!found) {
            return tl::make_unexpected(
                fmt::format("--min-tier {}: '{}' is not one of the rubrics of this run (add it "
                            "to --rubric)",
                            spec, name));
        }
    }
    for (std::size_t i = 0; i < m_rubrics.size() && !found; ++i) {
        if (const std::optional<std::size_t> t = m_rubrics[i]->find_tier(spec)) {
            found = MinTier{i, *t};
        }
    }
    if (!found) {
        return tl::make_unexpected(unknown_tier(spec, *m_rubrics.front()));
    }
    m_tiers.push_back(*found);
    append(m_flags, "--min-tier " + spec);
    return {};
}

tl::expected<void, std::string> Gate::set_min_score(double score) {
    // Written so that NaN fails too: a gate that no score can fail is no gate.
    if (!(score >= 0 && score <= 100)) {
        return tl::make_unexpected(std::string("--min-score must be a number from 0 to 100"));
    }
    m_min_score = score;
    append(m_flags, fmt::format("--min-score {:g}", score));
    return {};
}

std::string Gate::check(const Verdict& main, const std::vector<Verdict>& more) const {
    std::string reasons;
    const auto add = [&reasons](const std::string& reason) {
        reasons += (reasons.empty() ? "" : "; ") + reason;
    };
    for (const MinTier& minimum : m_tiers) {
        const Verdict& v = minimum.rubric_index == 0 ? main : more[minimum.rubric_index - 1];
        if (v.tier < minimum.tier) {
            add(fmt::format("{} tier {} is below the minimum {}", v.rubric->ref(), v.tier_info().id,
                            v.rubric->tiers[minimum.tier].id));
        }
    }
    if (m_min_score && main.score < *m_min_score) {
        add(fmt::format("score {:.1f} is below the minimum {:g}", main.score, *m_min_score));
    }
    return reasons;
}

std::vector<Shortfall> Gate::shortfalls(const Verdict& main,
                                        const std::vector<Verdict>& more) const {
    std::vector<Shortfall> out;
    for (const MinTier& minimum : m_tiers) {
        const Verdict& v = minimum.rubric_index == 0 ? main : more[minimum.rubric_index - 1];
        if (v.tier < minimum.tier) {
            out.push_back(shortfall(v, minimum.tier));
        }
    }
    return out;
}

}  // namespace openness::engine
