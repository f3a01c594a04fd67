#include "openness/util/suggest.hpp"

#include "openness/util/strings.hpp"

#include <algorithm>
#include <array>

namespace openness::util {

namespace {

constexpr std::size_t k_max_compared = 64;

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    if (a.size() > k_max_compared || b.size() > k_max_compared) {
        return (a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) + k_max_compared;
    }
    // Three rows of the dynamic programme: two back (for swaps), one back, this one.
    std::array<std::size_t, k_max_compared + 1> before{};
    std::array<std::size_t, k_max_compared + 1> previous{};
    std::array<std::size_t, k_max_compared + 1> row{};
    for (std::size_t j = 0; j <= b.size(); ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const bool same = lower(a[i - 1]) == lower(b[j - 1]);
            row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
                lower(a[i - 2]) == lower(b[j - 1])) {
                row[j] = std::min(row[j], before[j - 2] + 1);
            }
        }
        before = previous;
        previous = row;
    }
    return previous[b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
    const std::size_t limit = word.size() <= 4 ? 1 : word.size() <= 8 ? 2 : 3;
    std::optional<std::string> best;
    std::size_t best_distance = limit + 1;
    for (const std::string& candidate : candidates) {
        if (candidate == word) {
            return std::nullopt;
        }
        const std::size_t d = edit_distance(word, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = candidate;
        }
    }
    return best;
}

}  // namespace openness::util
