// openness@2.0's score agrees with its tiers: over generated manifests (a fixed seed, so every
// run checks the same 100,000), the examples, the Model Openness Tool's 273 files and the
// European Open Source AI Index's 240 files (read by the eosai importer), no release
// of a higher tier scores at or below a release of a lower tier, and releasing one more artifact,
// or relicensing one under an open license, never lowers the tier or, within it, the score.

#include "openness/engine/evaluate.hpp"
#include "openness/manifest/load.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/file_system.hpp"

#include "rubrics.hpp"
#include "test_files.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace openness;
using test::rubric_2_0;

namespace {

// Licenses of every class, as people write them, with expressions and text no table knows.
const std::vector<std::string> k_licenses = {
    "Apache-2.0", "MIT", "CC-BY-4.0", "CC0-1.0", "ODC-By-1.0", "CC-BY-NC-4.0", "llama3.1",
    "Proprietary", "not a license at all", "Apache-2.0 OR MIT", "MIT AND CC-BY-NC-4.0"};
// Open for every kind of artifact in openness@2.0.
const std::string k_open_license = "Apache-2.0";

// The lowest and highest score seen per tier; a release of a higher tier must score above every
// release of a lower one.
class TierRanges {
public:
    explicit TierRanges(std::size_t tiers)
        : m_low(tiers, std::numeric_limits<double>::infinity()),
          m_high(tiers, -std::numeric_limits<double>::infinity()) {}

    void add(const engine::Verdict& v) {
        m_low[v.tier] = std::min(m_low[v.tier], v.score);
        m_high[v.tier] = std::max(m_high[v.tier], v.score);
        ++m_count;
    }

    // The number of (lower tier, higher tier) pairs whose score ranges touch or cross.
    std::size_t inversions() const {
        std::size_t count = 0;
        for (std::size_t lower = 0; lower < m_low.size(); ++lower) {
            for (std::size_t higher = lower + 1; higher < m_low.size(); ++higher) {
                if (m_high[lower] >= m_low[higher]) {
                    UNSCOPED_INFO("tier " << lower << " reaches " << m_high[lower] << ", tier "
                                          << higher << " starts at " << m_low[higher]);
                    ++count;
                }
            }
        }
        return count;
    }
    std::size_t count() const { return m_count; }

private:
    std::vector<double> m_low;
    std::vector<double> m_high;
    std::size_t m_count = 0;
};

manifest::Manifest generate(std::mt19937_64& random) {
    manifest::Manifest m;
    m.model.name = "generated";
    const std::uint64_t access = random() % 5;
    if (access < 4) {
        m.access = static_cast<manifest::Access>(access);
    }
    if (random() % 3 == 0) {
        m.license = k_licenses[random() % k_licenses.size()];
    }
    // One manifest in four releases nearly everything openly, so the top tiers are reached too.
    const bool generous = random() % 4 == 0;
    for (manifest::Artifact& a : m.artifacts) {
        if (generous && random() % 12 != 0) {
            a.listed = true;
            a.availability = manifest::Availability::released;
            a.license = k_open_license;
            continue;
        }
        switch (random() % 4) {
        case 0:
            break;  // not listed
        case 1:
            a.listed = true;  // listed, not released
            break;
        default:
            a.listed = true;
            a.availability = manifest::Availability::released;
            if (random() % 4 != 0) {
                a.license = k_licenses[random() % k_licenses.size()];
            }
        }
    }
    return m;
}

// `m` with one artifact made more open: released if it was not, else put under an open license.
manifest::Manifest opened(const manifest::Manifest& m, std::size_t artifact) {
    manifest::Manifest more = m;
    manifest::Artifact& a = more.artifacts[artifact];
    a.listed = true;
    a.availability = manifest::Availability::released;
    a.license = k_open_license;
    return more;
}

// Scores every file that loads; counts those that do not.
void score_files(const std::vector<std::string>& paths, TierRanges& ranges, std::size_t& failed) {
    for (const std::string& path : paths) {
        manifest::LoadResult loaded = manifest::load_manifest(test::read_file(path), path);
        if (!loaded.manifest) {
            UNSCOPED_INFO(path << " does not load");
            ++failed;
            continue;
        }
        ranges.add(engine::evaluate(rubric_2_0(), *loaded.manifest));
    }
}

}  // namespace

TEST_CASE("openness@2.0: a higher tier always scores above a lower one, over 100,000 generated "
          "manifests",
          "[engine][score][property]") {
    constexpr std::size_t k_manifests = 100000;
    std::mt19937_64 random(20261206);
    TierRanges ranges(rubric_2_0()->tiers.size());
    std::size_t tier_drops = 0;
    std::size_t score_drops = 0;
    std::vector<std::size_t> per_tier(rubric_2_0()->tiers.size(), 0);
    for (std::size_t i = 0; i < k_manifests; ++i) {
        const manifest::Manifest m = generate(random);
        const engine::Verdict v = engine::evaluate(rubric_2_0(), m);
        ranges.add(v);
        ++per_tier[v.tier];
        const std::size_t artifact = random() % manifest::k_artifact_count;
        const engine::Verdict more = engine::evaluate(rubric_2_0(), opened(m, artifact));
        ranges.add(more);
        if (more.tier < v.tier) {
            ++tier_drops;
        } else if (more.tier == v.tier && more.score < v.score) {
            ++score_drops;
        }
    }
    CHECK(ranges.count() == 2 * k_manifests);
    CHECK(ranges.inversions() == 0);
    CHECK(tier_drops == 0);
    CHECK(score_drops == 0);
    // Every tier is reached, so no band goes untested.
    for (std::size_t t = 0; t < per_tier.size(); ++t) {
        INFO("tier " << rubric_2_0()->tiers[t].id);
        CHECK(per_tier[t] > 0);
    }
}

TEST_CASE("openness@2.0: no tier inversion over the examples", "[engine][score][property]") {
    const std::vector<std::string> paths =
        test::files_in(std::string(OPENNESS_SOURCE_DIR) + "/examples", ".json");
    REQUIRE(paths.size() >= 10);
    TierRanges ranges(rubric_2_0()->tiers.size());
    std::size_t failed = 0;
    score_files(paths, ranges, failed);
    CHECK(failed == 0);
    CHECK(ranges.count() == paths.size());
    CHECK(ranges.inversions() == 0);
}

TEST_CASE("openness@2.0: no tier inversion over the Model Openness Tool's 273 files",
          "[engine][score][property][shared]") {
    const std::optional<std::string> directory = test::shared_path("conformance/mot/models");
    if (!directory) {
        return;
    }
    const std::vector<std::string> paths = test::files_in(*directory, ".yml");
    CHECK(paths.size() == 273);
    TierRanges ranges(rubric_2_0()->tiers.size());
    std::size_t failed = 0;
    score_files(paths, ranges, failed);
    CHECK(failed == 0);
    CHECK(ranges.inversions() == 0);
}

TEST_CASE("openness@2.0: no tier inversion over the European Open Source AI Index, converted",
          "[engine][score][property][shared]") {
    const std::optional<std::string> directory = test::shared_path("conformance/osai-index");
    if (!directory) {
        return;
    }
    const std::vector<std::string> current = test::files_in(*directory + "/projects", ".yaml");
    const std::vector<std::string> legacy =
        test::files_in(*directory + "/legacy-opening-up-chatgpt/projects", ".yaml");
    CHECK(current.size() == 193);
    CHECK(legacy.size() == 47);
    TierRanges ranges(rubric_2_0()->tiers.size());
    std::size_t failed = 0;
    score_files(current, ranges, failed);
    score_files(legacy, ranges, failed);
    CHECK(failed == 0);
    CHECK(ranges.count() == current.size() + legacy.size());
    CHECK(ranges.inversions() == 0);
}
