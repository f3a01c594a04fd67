#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace openness::fuzz {

// Stops the run (a finding for libFuzzer, a failed test for the replay) when an invariant of a
// fuzz target does not hold; unlike assert, it also checks in release builds.
inline void require(bool holds, const char* what, const std::string& detail = {}) {
    if (!holds) {
        std::fprintf(stderr, "fuzz check failed: %s\n%s%s", what, detail.c_str(),
                     detail.empty() ? "" : "\n");
        std::abort();
    }
}

}  // namespace openness::fuzz
