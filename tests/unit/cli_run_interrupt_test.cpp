// How `classify` stops when SIGINT or SIGTERM arrives (main's handler sets
// Environment::interrupt), and how it fails when the report cannot be written.

#include "openness/cli/run.hpp"
#include "openness/util/file_system.hpp"

#include "cli_fixtures.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

using openness::cli::Environment;
using openness::test::invoke, openness::test::Result;

namespace {

const char* const k_manifest =
    R"({"manifest_version": 1, "model": {"name": "m"}, "access": "api"})";

// A file system on which reading one path raises a signal, as a user pressing Ctrl-C would;
// every path reads as the same manifest.
class InterruptingFileSystem final : public openness::util::MemoryFileSystem {
public:
    InterruptingFileSystem(std::string trigger, std::atomic<int>& interrupt, int signal)
        : m_trigger(std::move(trigger)), m_interrupt(interrupt), m_signal(signal) {}

    openness::util::ReadResult read(const std::string& path, std::uint64_t) const override {
        if (path == m_trigger) {
            m_interrupt.store(m_signal);
        }
        return {std::string(k_manifest), {}};
    }

private:
    std::string m_trigger;
    std::atomic<int>& m_interrupt;
    int m_signal;
};

}  // namespace

TEST_CASE("an interrupted batch finishes what is in flight and takes no new input",
          "[cli][interrupt]") {
    std::atomic<int> interrupt{0};
    SECTION("SIGINT: exit 130, the summary says so") {
        InterruptingFileSystem files("b.json", interrupt, SIGINT);
        Environment environment;
        environment.files = &files;
        environment.interrupt = &interrupt;
        Result r = invoke({"classify", "a.json", "b.json", "c.json", "--jobs", "1",
                           "--summary-only"},
                          environment);
        CHECK(r.code == 130);
        CHECK(r.err == "openness: interrupted by SIGINT: 2 manifests scored, the remaining "
                       "inputs were not read\n");
        CHECK(r.out == "summary: 2 manifests\n"
                       "  closed              0\n"
                       "  api-only            2\n"
                       "  restricted-weights  0\n"
                       "  open-weights        0\n"
                       "  open-source         0\n"
                       "  fully-open          0\n"
                       "  interrupted by SIGINT: the inputs after these were not read\n");
    }
    SECTION("SIGTERM: exit 143, and a gate never passes") {
        InterruptingFileSystem files("a.json", interrupt, SIGTERM);
        Environment environment;
        environment.files = &files;
        environment.interrupt = &interrupt;
        Result r = invoke({"classify", "a.json", "b.json", "--jobs", "1", "--format", "json",
                           "--min-tier", "closed"},
                          environment);
        CHECK(r.code == 143);
        CHECK(r.out.find("\"summary\":{\"total\":1,\"interrupted\":\"SIGTERM\",") !=
              std::string::npos);
        CHECK(r.out.find("\"gate\":{\"set\":true,\"passed\":false,") != std::string::npos);
    }
}

TEST_CASE("an interrupted batch leaves no report file behind", "[cli][interrupt]") {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / "openness-interrupt-test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string report = (dir / "report.json").string();
    std::atomic<int> interrupt{SIGINT};
    openness::util::MemoryFileSystem files;
    files.add("a.json", k_manifest);
    Environment environment;
    environment.files = &files;
    environment.interrupt = &interrupt;
    Result r = invoke({"classify", "a.json", "--output", report}, environment);
    CHECK(r.code == 130);
    CHECK(r.err == "openness: interrupted by SIGINT: 0 manifests scored, the remaining inputs "
                   "were not read\nopenness: " + report + " was not written\n");
    CHECK(std::filesystem::is_empty(dir));
    std::filesystem::remove_all(dir);
}

TEST_CASE("a report that cannot be written is an internal error, never a pass", "[cli]") {
    openness::util::MemoryFileSystem files;
    files.add("a.json", k_manifest);
    Environment environment;
    environment.files = &files;
    std::ostream broken(nullptr);  // every write fails, as on a full disk
    std::ostringstream err;
    const int code = run({"openness", "classify", "a.json"}, broken, err, environment);
    CHECK(code == 4);
    CHECK(err.str() == "openness: error: cannot write the report to standard output\n");
}
