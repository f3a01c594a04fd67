#include "openness/report/report.hpp"

#include <algorithm>

namespace openness::report {

void Summary::add(const Outcome& outcome) {
    ++total;
    if (outcome.verdict) {
        ++per_tier[outcome.verdict->tier_info().id];
        for (std::size_t i = 0; i < outcome.more_verdicts.size() && i < more_rubrics.size(); ++i) {
            ++more_rubrics[i].per_tier[outcome.more_verdicts[i].tier_info().id];
        }
    } else {
        if (invalid_count++ < k_max_listed) {
            invalid.push_back(outcome.source);
        }
    }
    // An invalid input fails the gate too, but it is counted once, as invalid.
    if (outcome.gate_failed && outcome.verdict && gate_failure_count++ < k_max_listed) {
        gate_failures.push_back(outcome.source);
    }
}

std::vector<std::pair<std::string, std::size_t>> Summary::tier_counts() const {
    std::vector<std::pair<std::string, std::size_t>> out;
    for (const std::string& tier : tier_order) {
        auto it = per_tier.find(tier);
        out.emplace_back(tier, it == per_tier.end() ? 0 : it->second);
    }
    for (const auto& [tier, count] : per_tier) {
        if (std::find(tier_order.begin(), tier_order.end(), tier) == tier_order.end()) {
            out.emplace_back(tier, count);
        }
    }
    return out;
}

}  // namespace openness::report
