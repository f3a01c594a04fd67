#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::util {

// The optimal string alignment distance between `a` and `b`, ignoring ASCII case: insertions,
// deletions, substitutions and swaps of two neighbours each count 1. Inputs longer than 64
// bytes are not compared (the distance is then their length difference plus 64).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` by edit_distance, when it is close enough to be a slip: at
// most 1 for words of up to 4 bytes, 2 up to 8, 3 beyond; ties go to the first candidate.
// nullopt when none is close, or when `word` is itself a candidate.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

}  // namespace openness::util
