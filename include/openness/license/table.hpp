#pragma once

#include "openness/license/expression.hpp"
#include "openness/util/diagnostic.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::license {

// How open a license is, from least to most open. The order is what AND (minimum) and OR
// (maximum) use.
enum class LicenseClass { unknown, proprietary, restricted, open_data, osi };

// "unknown", "proprietary", "restricted", "open-data", "osi".
const char* class_id(LicenseClass license_class);
// Parses a class id; nullopt when it is not one.
std::optional<LicenseClass> parse_class_id(std::string_view id);
// A phrase for explanations: "OSI-approved", "an open data/content license", ...
const char* class_phrase(LicenseClass license_class);

// A list of texts of a license table row (aliases, URLs, kinds of artifact), viewed in place.
class TextList {
public:
    TextList() = default;
    TextList(const std::string_view* first, std::size_t count) : m_first(first), m_count(count) {}
    const std::string_view* begin() const { return m_first; }
    const std::string_view* end() const { return m_first + m_count; }
    std::size_t size() const { return m_count; }
    bool empty() const { return m_count == 0; }
    std::string_view operator[](std::size_t index) const { return m_first[index]; }

private:
    const std::string_view* m_first = nullptr;
    std::size_t m_count = 0;
};

// One row of a license table. Its texts are views into the table's data (prepared at build time
// for a bundled table, owned by the table otherwise): valid while any copy of the table lives.
struct LicenseInfo {
    std::string_view id;  // canonical id, e.g. "Apache-2.0" or "llama3.1"
    std::string_view name;
    LicenseClass license_class = LicenseClass::unknown;
    bool osi_approved = false;
    bool fsf_libre = false;
    bool deprecated = false;
    std::string_view note;  // why this class, when it is not obvious
    // Kinds of artifact the license is meant for ("code", "data", "weights", "documentation");
    // only meaningful when has_suits is set (a table that records suitability).
    TextList suits;
    bool has_suits = false;
    // Table 2.0 and later: where the license's terms are published, the id a deprecated id is
    // read as ("GPL-3.0" -> "GPL-3.0-only"), and its pages' URLs as the resolver compares them
    // (no scheme, no "www.", no trailing "/", ".html" or "legalcode").
    TextList aliases;  // as the table writes them
    std::string_view source;
    std::string_view replaced_by;
    TextList urls;
};

// The outcome of classifying one license string (an expression, an alias or a name).
struct Classification {
    LicenseClass license_class = LicenseClass::unknown;
    bool parsed = false;           // the text was understood (as an expression, alias or name)
    std::string canonical;         // canonical rendering, e.g. "Apache-2.0 OR MIT"
    std::string explanation;       // one sentence: why this class
    const LicenseInfo* single = nullptr;  // the row, when the text named exactly one license
    // How a text that is not the exact id was read, one per reading, in a user's words:
    // "read 'BSD 3-Clause' as BSD-3-Clause". Only tables with resolver rules fill it.
    std::vector<std::string> read_as;
    // For a text that was not understood: what the expression parser said, with the offset
    // ("expected 'AND', 'OR' or 'WITH' before 'BY' at offset 3"), for --verbose and JSON.
    std::string detail;
    // For a text that was not understood: the closest known ids, best first.
    std::vector<std::string> suggestions;
};

class Resolver;
namespace detail {
struct CompiledTable;
struct TableViews;
}  // namespace detail

// A versioned table of licenses and aliases; data, loaded from JSON (see rubric/licenses/).
class LicenseTable {
public:
    // Loads a table from its JSON text; diagnostics name `source` and the JSON path.
    static std::optional<LicenseTable> load(std::string_view json_text, const std::string& source,
                                            std::vector<util::Diagnostic>& diagnostics);
    // The bundled table at `path` ("rubric/licenses/openness-licenses-1.0.json") as the build
    // prepared it (read and checked by load's reader, so no JSON is parsed at run time); read
    // from its embedded JSON only where the build prepared none (the preparing program itself).
    // nullopt when nothing is bundled at `path` (no diagnostic) or the table has errors.
    static std::optional<LicenseTable> bundled(std::string_view path,
                                               std::vector<util::Diagnostic>& diagnostics);
    // A table over data read and checked before (`compiled` must outlive every copy, unless
    // `owner` keeps it alive).
    static LicenseTable from_compiled(const detail::CompiledTable& compiled,
                                      std::shared_ptr<const void> owner);

    const std::string& id() const { return m_id; }
    const std::string& version() const { return m_version; }

    // Case-insensitive lookup of an id or alias (Hub ids, deprecated SPDX ids, full names).
    // Ids and aliases win over names; among rows with the same name, the first non-deprecated.
    const LicenseInfo* find(std::string_view id_or_alias) const;
    // True when the id is a known SPDX exception (case-insensitive).
    bool is_exception(std::string_view id) const;

    // Classifies a license string: whole-string alias/name first, then SPDX expression.
    // NONE and NOASSERTION, missing text, parse errors and unknown ids are never open.
    Classification classify(std::string_view text) const;
    // Classifies an already parsed expression.
    Classification classify(const Expression& expression) const;

    // Every row, in table order.
    const std::vector<LicenseInfo>& licenses() const;
    // The data the table was built from (for tests and the build's table preparation).
    const detail::CompiledTable& compiled() const { return *m_compiled; }

    // True when the table carries resolver rules (2.0 and later): names written loosely, URLs
    // and deprecated ids are then read, and every such reading is reported in read_as.
    bool has_resolver() const { return m_resolver != nullptr; }

private:
    Classification classify_exact(std::string_view text) const;

    std::string m_id;
    std::string m_version;
    // Where the rows and sorted key arrays live: static data prepared by the build, or data the
    // reader built, kept alive by m_owner. Shared (and never changed), so copies stay valid.
    const detail::CompiledTable* m_compiled = nullptr;
    std::shared_ptr<const void> m_owner;
    std::shared_ptr<const detail::TableViews> m_views;  // the rows, texts and sentences as views
    std::shared_ptr<const Resolver> m_resolver;  // built from "resolver"; may be null
};

}  // namespace openness::license
