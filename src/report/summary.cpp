#include "openness/report/report.hpp"

namespace openness::report {

void Summary::add(const Outcome& outcome) {
    ++total;
    if (outcome.verdict) {
        ++per_tier[outcome.verdict->tier_info().id];
    } else {
        invalid.push_back(outcome.source);
    }
    if (outcome.gate_failed) {
        gate_failures.push_back(outcome.source);
    }
}

}  // namespace openness::report
