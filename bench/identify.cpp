// Benchmark of `license identify` (never a ctest): the one-time cost of building the reference
// index from the embedded corpus, then the time to identify one text against all of it.
//
//   openness_bench_identify [FILE] [--bytes N] [--runs N]
//
// FILE defaults to tests/data/license/files/llama3-LICENSE, cut to --bytes (default 10240, the
// issue's "10 KB file"). Prints the index build time, then the median, minimum and maximum of
// --runs identifications (default 200) and what was found.
#include "openness/license/identify.hpp"
#include "openness/util/embedded.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    std::string path = "tests/data/license/files/llama3-LICENSE";
    std::size_t bytes = 10240;
    int runs = 200;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--bytes" && i + 1 < argc) {
            bytes = std::strtoul(argv[++i], nullptr, 10);
        } else if (arg == "--runs" && i + 1 < argc) {
            runs = std::atoi(argv[++i]);
        } else {
            path = arg;
        }
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    if (text.empty()) {
        std::cerr << "openness_bench_identify: cannot read " << path << "\n";
        return 1;
    }
    text.resize(std::min(text.size(), bytes));
    std::vector<openness::util::Diagnostic> diagnostics;
    const auto table = openness::license::LicenseTable::load(
        *openness::util::find_embedded("rubric/licenses/openness-licenses-2.0.json"), "table",
        diagnostics);
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    const std::size_t references = openness::license::reference_ids().size();
    const double build_ms =
        std::chrono::duration<double, std::milli>(clock::now() - start).count();
    std::vector<double> times;
    openness::license::Identification found;
    for (int r = 0; r < std::max(runs, 1); ++r) {
        const auto t0 = clock::now();
        found = openness::license::identify(text, *table);
        times.push_back(std::chrono::duration<double, std::milli>(clock::now() - t0).count());
    }
    std::sort(times.begin(), times.end());
    std::cout << "file: " << path << " (" << text.size() << " bytes, " << found.words
              << " words)\n";
    std::cout << "index: " << references << " reference texts, built in " << build_ms
              << " ms (once per process)\n";
    std::cout << "identify: median " << times[times.size() / 2] << " ms, min " << times.front()
              << " ms, max " << times.back() << " ms over " << times.size() << " runs\n";
    for (const auto& license : found.licenses) {
        std::cout << "found: " << license.id << " confidence " << license.confidence << " lines "
                  << license.first_line << "-" << license.last_line << "\n";
    }
    return 0;
}
