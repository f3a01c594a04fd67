// The floor of `openness classify DIR --format jsonl --jobs N`: the same directory walk
// (cli::InputWalker), the same reads (util::RealFileSystem, same size limit), the JSON parser
// (util::parse_json, a document tree as any program reading the files as JSON builds) on the same
// number of threads with the same ordered window (util::ordered_map, jobs * 64), and nothing
// else: no scoring, no output but a count. bench/run.sh reports how much classify adds to it.
//
// With --simdjson, the parse is simdjson's DOM parser instead (one simdjson::dom::parser per
// thread, reused): the second floor, what a program that only parses the files with the fastest
// JSON library in Debian spends.
//
// With --load, the parse is classify's own hot-path manifest reader instead
// (manifest::read_clean_manifest_json into one Manifest per thread, no tree): not a floor the
// targets are measured against, but a reference for what classify spends beyond loading.
//
//   openness_bench_floor [--jobs N] [--load | --simdjson] PATH...
#include "openness/cli/inputs.hpp"
#include "openness/manifest/json_loader.hpp"
#include "openness/util/file_system.hpp"
#include "openness/util/json.hpp"
#include "openness/util/ordered_pool.hpp"

#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

constexpr std::uint64_t k_max_file_size = 16U * 1024U * 1024U;  // classify's default

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> paths;
    std::size_t jobs = std::thread::hardware_concurrency();
    bool load = false;
    bool simd = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if ((arg == "--jobs" || arg == "-j") && i + 1 < argc) {
            jobs = static_cast<std::size_t>(std::strtoul(argv[++i], nullptr, 10));
        } else if (arg == "--load") {
            load = true;
        } else if (arg == "--simdjson") {
            simd = true;
        } else {
            paths.push_back(arg);
        }
    }
    if (paths.empty() || jobs == 0) {
        std::fprintf(stderr, "usage: openness_bench_floor [--jobs N] [--load | --simdjson] PATH...\n");
        return 2;
    }
    openness::cli::InputWalker inputs(std::move(paths));
    const openness::util::RealFileSystem files;
    std::size_t parsed = 0;
    std::size_t failed = 0;
    std::vector<openness::manifest::Manifest> manifests(jobs);  // --load: one per thread
    std::vector<simdjson::dom::parser> parsers(jobs);           // --simdjson: one per thread
    openness::util::ordered_map<openness::cli::Input, bool>(
        jobs, jobs * 64, [&] { return inputs.next(); },
        [&](openness::cli::Input&& input, std::size_t thread) {
            if (!input.error.empty()) {
                return false;
            }
            openness::util::ReadResult read = files.read(input.path, k_max_file_size);
            if (!read.content) {
                return false;
            }
            if (load) {
                return openness::manifest::read_clean_manifest_json(*read.content, input.path, {},
                                                                    manifests[thread]);
            }
            if (simd) {
                // Copies the text into the parser's padded buffer, as any caller holding a
                // std::string read from a file must.
                simdjson::dom::element document;
                return parsers[thread].parse(*read.content).get(document) == simdjson::SUCCESS;
            }
            return openness::util::parse_json(*read.content, input.path).value.has_value();
        },
        [&](bool& ok) { ++(ok ? parsed : failed); });
    std::printf("%zu\n", parsed);
    if (failed != 0) {
        std::fprintf(stderr, "openness_bench_floor: %zu inputs could not be read or parsed\n",
                     failed);
        return 1;
    }
    return 0;
}
