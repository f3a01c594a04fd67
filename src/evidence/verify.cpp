#include "openness/evidence/verify.hpp"

#include "openness/license/table.hpp"
#include "openness/util/strings.hpp"

#include "../manifest/import_support.hpp"
#include "support.hpp"

#include <algorithm>

namespace openness::evidence {

namespace {

using manifest::ArtifactId;
using manifest::Availability;

bool is_open(const std::string& license, const license::LicenseTable* table) {
    if (table == nullptr) {
        return false;
    }
    const license::LicenseClass c = table->classify(license).license_class;
    return c == license::LicenseClass::osi || c == license::LicenseClass::open_data;
}

// Where `"key"` first appears in a JSON or YAML text; unknown when it does not.
util::Location key_location(std::string_view text, std::string_view key) {
    for (const std::string& form : {"\"" + std::string(key) + "\"", std::string(key) + ":"}) {
        const std::size_t at = text.find(form);
        if (at != std::string_view::npos) {
            return util::location_at(text, at);
        }
    }
    return {};
}

class Checker {
public:
    Checker(const manifest::Manifest& claimed, std::string_view text, const ScanResult& shown,
            const license::LicenseTable* table, std::vector<util::Diagnostic>& out)
        : m_claimed(claimed),
          m_text(text),
          m_shown(shown),
          m_table(table),
          m_sink(claimed.source, out) {}

    void run() {
        const Evidence& e = m_shown.evidence;
        for (const std::string& conflict : e.conflicts) {
            error(m_claimed.license_position, "license",
                  "the release contradicts itself: " + conflict);
        }
        if (m_claimed.access == manifest::Access::download && e.gated) {
            error(key_location(m_text, "access"), "access",
                  "the manifest says download, but " + e.source + " is gated (" + e.gated_from +
                      "): access is gated");
        }
        for (const manifest::ArtifactSpec& s : manifest::artifact_specs()) {
            check_artifact(s);
        }
    }

private:
    void error(util::Location at, const std::string& path, const std::string& message) {
        m_sink.error(at, path, message);
    }

    util::Location where(const manifest::Artifact& a) const {
        return a.position.line != 0 ? a.position : m_claimed.license_position;
    }

    void check_artifact(const manifest::ArtifactSpec& s) {
        const manifest::Artifact& claimed = m_claimed.artifact(s.id);
        if (claimed.availability != Availability::released) {
            return;
        }
        std::vector<const Finding*> here;
        std::vector<const Finding*> links;
        for (const Finding& f : m_shown.evidence.findings) {
            if (f.artifact == s.id) {
                (f.link ? links : here).push_back(&f);
            }
        }
        const std::string key(s.key);
        if (s.id == ArtifactId::weights_final && here.empty()) {
            error(where(claimed), key,
                  "declared released, but " + m_shown.evidence.source +
                      " has no weight file (nor a Git LFS pointer to one)");
            return;
        }
        const manifest::EffectiveLicense license = manifest::effective_license(m_claimed, s.id);
        if (!license.text) {
            return;
        }
        std::vector<std::string> shown;
        std::vector<std::string> from;
        for (const Finding* f : here) {
            const bool seen =
                f->license && std::any_of(shown.begin(), shown.end(), [&](const std::string& l) {
                    return util::iequals(l, *f->license);
                });
            if (f->license && !seen) {
                shown.push_back(*f->license);
                from.push_back(f->license_from);
            }
        }
        if (!shown.empty()) {
            const std::string expression = manifest::detail::all_of(shown);
            if (!detail::same_license(*license.text, expression, m_table,
                                      detail::LicenseMatch::same_expression)) {
                error(where(claimed), key + ".license",
                      "the manifest says " + *license.text + ", but the release shows " +
                          expression + " (from " + detail::list_some(from) + ")");
            }
            return;
        }
        if (here.empty() && !links.empty() && is_open(*license.text, m_table)) {
            std::vector<std::string> urls;
            for (const Finding* f : links) {
                urls.push_back(f->where.substr(0, f->where.find(' ')));
            }
            error(where(claimed), key,
                  "declared open under " + *license.text + ", but the release only links to it (" +
                      detail::list_some(urls) + ") and shows no license for it");
        }
    }

    const manifest::Manifest& m_claimed;
    std::string_view m_text;
    const ScanResult& m_shown;
    const license::LicenseTable* m_table;
    util::DiagnosticSink m_sink;
};

}  // namespace

std::vector<util::Diagnostic> find_contradictions(const manifest::Manifest& claimed,
                                                  std::string_view claimed_text,
                                                  const ScanResult& shown,
                                                  const license::LicenseTable* table) {
    std::vector<util::Diagnostic> out;
    if (!shown.manifest) {
        return out;
    }
    Checker(claimed, claimed_text, shown, table, out).run();
    return out;
}

}  // namespace openness::evidence
