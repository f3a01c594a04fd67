#include "openness/manifest/json_writer.hpp"

#include "openness/manifest/load.hpp"
#include "openness/report/report.hpp"
#include "report_fixtures.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

using namespace openness;

namespace {

// The verdict of a manifest as JSON: what a round trip must keep.
std::string verdict_json(const manifest::Manifest& m) {
    std::string out;
    report::append_verdict_json(out, engine::evaluate(test::rubric_1_0(), m));
    return out;
}

}  // namespace

TEST_CASE("every example keeps every field through write_manifest_json", "[manifest][json-writer]") {
    std::size_t checked = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(OPENNESS_SOURCE_DIR) + "/examples")) {
        if (entry.path().extension() != ".json") {
            continue;
        }
        const std::string name = entry.path().filename().string();
        INFO(name);
        manifest::LoadResult first =
            manifest::load_manifest(test::read_file(entry.path().string()), name);
        REQUIRE(first.manifest);
        const std::string json = manifest::write_manifest_json(*first.manifest);
        manifest::LoadResult second = manifest::load_manifest_json(json, name);
        REQUIRE(second.manifest);
        CHECK(second.diagnostics.empty());
        const manifest::Manifest& a = *first.manifest;
        const manifest::Manifest& b = *second.manifest;
        CHECK(a.model.name == b.model.name);
        CHECK(a.model.version == b.model.version);
        CHECK(a.model.organization == b.model.organization);
        CHECK(a.model.release_date == b.model.release_date);
        CHECK(a.model.url == b.model.url);
        CHECK(a.access == b.access);
        CHECK(a.license == b.license);
        CHECK(a.sources == b.sources);
        CHECK(a.notes == b.notes);
        for (std::size_t i = 0; i < manifest::k_artifact_count; ++i) {
            CHECK(a.artifacts[i].availability == b.artifacts[i].availability);
            CHECK(a.artifacts[i].listed == b.artifacts[i].listed);
            CHECK(a.artifacts[i].license == b.artifacts[i].license);
            CHECK(a.artifacts[i].location == b.artifacts[i].location);
            CHECK(a.artifacts[i].notes == b.artifacts[i].notes);
        }
        CHECK(verdict_json(a) == verdict_json(b));
        ++checked;
    }
    CHECK(checked >= 10);  // an emptied or moved examples/ fails instead of passing
}
