#pragma once

#include <fstream>
#include <iterator>
#include <string>

// The bytes of a numbered regression input found by a fuzz target
// (fuzz/regressions/<target>/<name>), for the one-line test each bug gets.
inline std::string fuzz_regression(const std::string& target, const std::string& name) {
    std::ifstream in(std::string(OPENNESS_SOURCE_DIR) + "/fuzz/regressions/" + target + "/" + name,
                     std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
