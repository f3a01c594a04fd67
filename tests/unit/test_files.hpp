#pragma once

// Files the unit tests read: whole files, fixture folders that must not be empty, and
// ../shared, whose tests say "test skipped: " (ctest's SKIP_REGULAR_EXPRESSION for the unit
// tests, so no other output may hold those words) when it is absent.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace openness::test {

// A whole file's bytes; empty when it cannot be read.
inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A whole file's bytes, or nullopt when it cannot be opened.
inline std::optional<std::string> read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The regular files in `directory` whose names end in `suffix` (a README.md, which describes
// fixtures, is none), sorted; a missing or empty folder fails the test instead of letting a
// loop over it pass with nothing checked.
inline std::vector<std::string> files_in(const std::string& directory,
                                         const std::string& suffix = "") {
    std::vector<std::string> out;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && name != "README.md" && name.size() > suffix.size() &&
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
            out.push_back(directory + "/" + name);
        }
    }
    std::sort(out.begin(), out.end());
    INFO("files ending in '" << suffix << "' in " << directory);
    REQUIRE_FALSE(out.empty());
    return out;
}

// Says the running test is skipped and why (see the top of this file).
inline void skip(const std::string& why) { WARN("test skipped: " << why); }

// ../shared: $OPENNESS_SHARED_DIR when set (tests/unit/shared_absent_test.py points it at a
// folder that does not exist, to see every [shared] case skip), else the checkout's sibling.
inline std::filesystem::path shared_root() {
    const char* dir = std::getenv("OPENNESS_SHARED_DIR");
    return dir != nullptr && *dir != '\0' ? std::filesystem::path(dir)
                                          : std::filesystem::path(OPENNESS_SHARED_DIR);
}

// `relative` inside ../shared; nullopt, the test skipped, when ../shared is absent. When
// ../shared is there, a missing `relative` fails the test: it never passes on missing data.
inline std::optional<std::string> shared_path(const std::string& relative) {
    const std::filesystem::path root = shared_root();
    std::error_code error;
    if (!std::filesystem::is_directory(root, error)) {
        skip(root.string() + " is absent");
        return std::nullopt;
    }
    const std::filesystem::path path = root / relative;
    INFO(path.string() << " is missing from " << root.string());
    REQUIRE(std::filesystem::exists(path, error));
    return path.string();
}

}  // namespace openness::test
