#include "reporters.hpp"

#include <cstdio>

namespace openness::report {

std::string format_score(double score) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", score);
    return text;
}

const util::Diagnostic* first_error(const Outcome& outcome) {
    for (const util::Diagnostic& d : outcome.diagnostics) {
        if (d.severity == util::Severity::error) {
            return &d;
        }
    }
    return nullptr;
}

std::size_t error_count(const Outcome& outcome) {
    std::size_t count = 0;
    for (const util::Diagnostic& d : outcome.diagnostics) {
        count += d.severity == util::Severity::error ? 1 : 0;
    }
    return count;
}

}  // namespace openness::report
