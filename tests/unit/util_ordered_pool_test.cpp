#include "openness/util/ordered_pool.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

using openness::util::ordered_map;

TEST_CASE("results arrive in input order whatever the threads do", "[util][pool]") {
    for (std::size_t jobs : {1U, 2U, 8U}) {
        int next = 0;
        std::vector<int> seen;
        ordered_map<int, int>(
            jobs, 4,
            [&]() -> std::optional<int> {
                if (next == 500) {
                    return std::nullopt;
                }
                return next++;
            },
            [](int&& x) {
                // Uneven work so later items often finish first.
                if (x % 7 == 0) {
                    std::this_thread::sleep_for(std::chrono::microseconds(200));
                }
                return x * 2;
            },
            [&](int& y) { seen.push_back(y); });
        REQUIRE(seen.size() == 500);
        for (std::size_t i = 0; i < seen.size(); ++i) {
            CHECK(seen[i] == static_cast<int>(2 * i));
        }
    }
}

TEST_CASE("no more than the window is in flight", "[util][pool]") {
    std::atomic<int> produced{0};
    std::atomic<int> delivered{0};
    std::atomic<int> worst{0};
    ordered_map<int, int>(
        4, 8,
        [&]() -> std::optional<int> {
            if (produced.load() == 200) {
                return std::nullopt;
            }
            const int in_flight = produced.load() - delivered.load();
            worst.store(std::max(worst.load(), in_flight));
            return produced++;
        },
        [](int&& x) { return x; },
        [&](int&) { ++delivered; });
    CHECK(delivered.load() == 200);
    CHECK(worst.load() <= 8);
}

TEST_CASE("an exception in the work reaches the caller", "[util][pool]") {
    int next = 0;
    auto run_failing = [&] {
        ordered_map<int, int>(
            2, 4,
            [&]() -> std::optional<int> {
                return next < 100 ? std::optional<int>(next++) : std::nullopt;
            },
            [](int&& x) -> int {
                if (x == 50) {
                    throw std::runtime_error("boom");
                }
                return x;
            },
            [](int&) {});
    };
    CHECK_THROWS_AS(run_failing(), std::runtime_error);
}

TEST_CASE("an empty source finishes at once", "[util][pool]") {
    int calls = 0;
    ordered_map<int, int>(
        3, 4, []() -> std::optional<int> { return std::nullopt; }, [](int&& x) { return x; },
        [&](int&) { ++calls; });
    CHECK(calls == 0);
}
