#pragma once

// Table-driven checks: a test lists its cases as rows (what the row shows, the input, what is
// expected) and checks them in one loop; a failing row is named in the failure's message.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace openness::test {

// One row: what it shows (named when it fails), the input and the expected result.
struct TextCase {
    std::string name;
    std::string input;
    std::string expected;
};

// Checks `actual(row.input) == row.expected` for every row, naming the row that fails.
template <typename Actual>
void check_cases(const std::vector<TextCase>& rows, Actual&& actual) {
    REQUIRE_FALSE(rows.empty());
    for (const TextCase& row : rows) {
        INFO("case: " << row.name);
        CHECK(actual(row.input) == row.expected);
    }
}

// Checks that `text` holds each of `parts`, naming any it lacks.
inline void check_contains(const std::string& text, const std::vector<std::string>& parts) {
    for (const std::string& part : parts) {
        INFO("expected to hold: " << part);
        CHECK(text.find(part) != std::string::npos);
    }
}

}  // namespace openness::test
