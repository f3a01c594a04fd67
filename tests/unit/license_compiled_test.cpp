#include "../../src/license/compiled.hpp"
#include "openness/license/table.hpp"
#include "openness/util/embedded.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using openness::license::LicenseInfo;
using openness::license::LicenseTable;
namespace detail = openness::license::detail;

namespace {

bool is_table_path(std::string_view path) {
    const std::string_view folder = "rubric/licenses/";
    return path.substr(0, folder.size()) == folder && path.size() > 5 &&
           path.substr(path.size() - 5) == ".json";
}

std::string as_cpp(const detail::CompiledTable& table) {
    std::ostringstream out;
    detail::write_table_cpp(table, "t", out);
    return out.str();
}

std::vector<std::string> texts(const openness::license::TextList& list) {
    return std::vector<std::string>(list.begin(), list.end());
}

}  // namespace

TEST_CASE("every bundled license table is prepared at build time as a run-time reading reads it",
          "[license][table][compiled]") {
    std::size_t tables = 0;
    for (const openness::util::EmbeddedFile& file : openness::util::embedded_files()) {
        if (!is_table_path(file.path)) {
            continue;
        }
        ++tables;
        INFO(file.path);
        const detail::CompiledTable* prepared = detail::prepared_table(file.path);
        REQUIRE(prepared != nullptr);
        std::vector<openness::util::Diagnostic> diagnostics;
        const auto read = LicenseTable::load(file.content, std::string(file.path), diagnostics);
        REQUIRE(read.has_value());
        const auto bundled = LicenseTable::bundled(file.path, diagnostics);
        REQUIRE(bundled.has_value());
        CHECK(diagnostics.empty());
        CHECK(&bundled->compiled() == prepared);

        // The whole data, as the build writes it: pool, rows, lists, every sorted index.
        CHECK(as_cpp(*prepared) == as_cpp(read->compiled()));

        // And through the interface the rest of the program uses, row by row and key by key.
        CHECK(bundled->id() == read->id());
        CHECK(bundled->version() == read->version());
        CHECK(bundled->has_resolver() == read->has_resolver());
        const std::vector<LicenseInfo>& mine = bundled->licenses();
        const std::vector<LicenseInfo>& theirs = read->licenses();
        REQUIRE(mine.size() == theirs.size());
        REQUIRE(!mine.empty());
        for (std::size_t row = 0; row < mine.size(); ++row) {
            const LicenseInfo& a = mine[row];
            const LicenseInfo& b = theirs[row];
            INFO("row " << row << " " << b.id);
            CHECK(a.id == b.id);
            CHECK(a.name == b.name);
            CHECK(a.license_class == b.license_class);
            CHECK(a.osi_approved == b.osi_approved);
            CHECK(a.fsf_libre == b.fsf_libre);
            CHECK(a.deprecated == b.deprecated);
            CHECK(a.note == b.note);
            CHECK(a.has_suits == b.has_suits);
            CHECK(texts(a.suits) == texts(b.suits));
            CHECK(texts(a.aliases) == texts(b.aliases));
            CHECK(a.source == b.source);
            CHECK(a.replaced_by == b.replaced_by);
            CHECK(texts(a.urls) == texts(b.urls));
            CHECK(bundled->classify(a.id).explanation == read->classify(b.id).explanation);
        }
        const detail::CompiledTable& keys = read->compiled();
        REQUIRE(keys.key_count > mine.size());
        for (std::size_t k = 0; k < keys.key_count; ++k) {
            const std::string_view key = keys.text(keys.keys[k].key);
            INFO(key);
            const LicenseInfo* a = bundled->find(key);
            const LicenseInfo* b = read->find(key);
            REQUIRE(a != nullptr);
            REQUIRE(b != nullptr);
            CHECK(a - mine.data() == b - theirs.data());
            CHECK(static_cast<std::size_t>(b - theirs.data()) == keys.keys[k].target);
        }
        for (std::size_t e = 0; e < keys.exception_count; ++e) {
            const std::string_view id = keys.text(keys.exception_ids[e]);
            CHECK(bundled->is_exception(id));
            CHECK(read->is_exception(id));
        }
    }
    // Guard against a vacuous pass: the four tables bundled since 2.0 (and any added later).
    CHECK(tables >= 4);
}

TEST_CASE("a path with no bundled table gives no table and no diagnostic",
          "[license][table][compiled]") {
    std::vector<openness::util::Diagnostic> diagnostics;
    CHECK_FALSE(LicenseTable::bundled("rubric/licenses/no-such-table-1.0.json", diagnostics));
    CHECK(diagnostics.empty());
    CHECK(detail::prepared_table("rubric/licenses/no-such-table-1.0.json") == nullptr);
}
