#pragma once

#include "openness/license/expression.hpp"
#include "openness/util/diagnostic.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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

// One row of a license table.
struct LicenseInfo {
    std::string id;  // canonical id, e.g. "Apache-2.0" or "llama3.1"
    std::string name;
    LicenseClass license_class = LicenseClass::unknown;
    bool osi_approved = false;
    bool fsf_libre = false;
    bool deprecated = false;
    std::string note;  // why this class, when it is not obvious
    // Kinds of artifact the license is meant for ("code", "data", "weights", "documentation");
    // only meaningful when has_suits is set (a table that records suitability).
    std::vector<std::string> suits;
    bool has_suits = false;
    // Table 2.0 and later: where the license's terms are published, the id a deprecated id is
    // read as ("GPL-3.0" -> "GPL-3.0-only"), and its pages' URLs as the resolver compares them
    // (no scheme, no "www.", no trailing "/", ".html" or "legalcode").
    std::vector<std::string> aliases;  // as the table writes them
    std::string source;
    std::string replaced_by;
    std::vector<std::string> urls;
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

// A versioned table of licenses and aliases; data, loaded from JSON (see rubric/licenses/).
class LicenseTable {
public:
    // Loads a table from its JSON text; diagnostics name `source` and the JSON path.
    static std::optional<LicenseTable> load(std::string_view json_text, const std::string& source,
                                            std::vector<util::Diagnostic>& diagnostics);

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
    const std::vector<LicenseInfo>& licenses() const { return m_licenses; }

    // True when the table carries resolver rules (2.0 and later): names written loosely, URLs
    // and deprecated ids are then read, and every such reading is reported in read_as.
    bool has_resolver() const { return m_resolver != nullptr; }

private:
    Classification classify_exact(std::string_view text) const;

    std::string m_id;
    std::string m_version;
    bool m_exact = false;
    std::unordered_map<std::string, std::size_t> m_exact_index;  // id as written -> row
    std::vector<LicenseInfo> m_licenses;
    // The one-sentence explanation of each row on its own, built once at load.
    std::vector<std::string> m_sentences;
    // Lower-cased ids, aliases and names. The indexes below hold views into it, so lookups need
    // no allocation; it is shared (and never changed) so that copies of the table stay valid.
    std::shared_ptr<const std::vector<std::string>> m_keys;
    std::unordered_map<std::string_view, std::size_t> m_index;  // lower-cased id/alias -> row
    std::vector<std::string> m_exception_ids;                     // canonical exception ids
    std::unordered_map<std::string_view, std::size_t> m_exception_index;  // lower-cased -> id
    std::shared_ptr<const Resolver> m_resolver;  // built at load from "resolver"; may be null
};

}  // namespace openness::license
