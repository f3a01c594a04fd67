#include "openness/evidence/license_text.hpp"

#include "openness/license/identify.hpp"
#include "openness/util/embedded.hpp"

#include <cstdio>
#include <stdexcept>

namespace openness::evidence {

namespace {

constexpr std::string_view k_default_table = "rubric/licenses/openness-licenses-1.0.json";

const license::LicenseTable& default_table() {
    static const license::LicenseTable k_table = [] {
        std::vector<util::Diagnostic> diagnostics;
        std::optional<license::LicenseTable> table =
            license::LicenseTable::bundled(k_default_table, diagnostics);
        if (!table) {
            throw std::logic_error("the bundled license table is missing or invalid");
        }
        return std::move(*table);
    }();
    return k_table;
}

std::string percent(double confidence) {
    char text[16];
    std::snprintf(text, sizeof text, "%.0f%%", confidence * 100.0);
    return text;
}

}  // namespace

LicenseIdentity identify_license_file(std::string_view text, const license::LicenseTable* table) {
    const license::Identification found =
        license::identify(text, table != nullptr ? *table : default_table());
    if (found.licenses.empty()) {
        std::string how = "its text is not a license the reference texts hold";
        if (found.closest) {
            how += " (closest: " + found.closest->id + ", " + percent(found.closest->confidence) +
                   " alike)";
        }
        return {std::nullopt, how};
    }
    std::string id;
    std::string how = "identified by its text as ";
    for (std::size_t i = 0; i < found.licenses.size(); ++i) {
        const license::IdentifiedLicense& l = found.licenses[i];
        id += (i == 0 ? "" : " AND ") + l.id;
        how += (i == 0 ? "" : " and ") + l.id + " (" + percent(l.confidence) + ")";
    }
    return {id, how};
}

}  // namespace openness::evidence
