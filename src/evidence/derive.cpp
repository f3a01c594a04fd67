// Turns a release's evidence into the Manifest it supports.
#include "openness/evidence/release.hpp"

#include "openness/util/strings.hpp"
#include "support.hpp"

#include <algorithm>

namespace openness::evidence {

namespace {

using detail::list_some;
using manifest::ArtifactId;
using manifest::Availability;
using util::lower;

constexpr std::string_view k_gate_terms = "LicenseRef-Hub-Gated-Access-Terms";

std::string base_name(std::string path) {
    while (path.size() > 1 && path.back() == '/') {
        path.pop_back();
    }
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Combines one artifact's findings: files and fields here win over links elsewhere; the
// licenses of every file counted all apply.
void fill(manifest::Artifact& artifact, const std::vector<const Finding*>& findings,
          std::vector<std::string>& link_only) {
    std::vector<const Finding*> here;
    std::vector<const Finding*> links;
    for (const Finding* f : findings) {
        (f->link ? links : here).push_back(f);
    }
    artifact.listed = true;
    artifact.availability = Availability::released;
    const std::vector<const Finding*>& used = here.empty() ? links : here;
    std::vector<std::string> wheres;
    std::vector<std::string> keys;
    std::vector<std::string> rules;
    std::vector<std::string> licenses;
    std::vector<std::string> license_froms;
    bool unlicensed = false;
    for (const Finding* f : used) {
        // A link met twice (on two lines of the card) is one piece of evidence.
        const std::string key = f->link ? f->where.substr(0, f->where.find(' ')) : f->where;
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
            continue;
        }
        keys.push_back(key);
        wheres.push_back(f->where);
        if (std::find(rules.begin(), rules.end(), f->rule) == rules.end()) {
            rules.push_back(f->rule);
        }
        if (f->license) {
            const bool seen =
                std::any_of(licenses.begin(), licenses.end(), [&](const std::string& l) {
                    return lower(l) == lower(*f->license);
                });
            if (!seen) {
                licenses.push_back(*f->license);
                license_froms.push_back(f->license_from);
            }
        } else {
            unlicensed = true;
        }
    }
    std::string provenance = (here.empty() ? "linked: " : "") + list_some(wheres) + " [" +
                             list_some(rules, 4) + "]";
    if (!unlicensed && !licenses.empty()) {
        std::string expression;
        for (const std::string& l : licenses) {
            expression += expression.empty() ? "" : " AND ";
            expression += licenses.size() > 1 && l.find(' ') != std::string::npos ? "(" + l + ")" : l;
        }
        artifact.license = expression;
        provenance += "; license " + expression + " from " + list_some(license_froms);
    } else if (here.empty()) {
        provenance += "; released elsewhere, license not shown here";
    } else {
        provenance += "; no license shown for " +
                      std::string(licenses.empty() ? "these files" : "some of these files");
    }
    if (here.empty()) {
        link_only.push_back(std::string(manifest::spec(findings.front()->artifact).key));
        std::vector<std::string> urls;
        for (const Finding* f : links) {
            const std::string url = f->where.substr(0, f->where.find(' '));
            if (std::find(urls.begin(), urls.end(), url) == urls.end()) {
                urls.push_back(url);
            }
        }
        artifact.location = list_some(urls, 8);
    } else if (used.size() == 1) {
        artifact.location = used.front()->where;
    }
    artifact.provenance = std::move(provenance);
}

}  // namespace

manifest::Manifest derive_manifest(const Evidence& evidence, const Listing& listing) {
    manifest::Manifest m;
    m.source = listing.name;
    m.format = listing.kind;
    std::array<std::vector<const Finding*>, manifest::k_artifact_count> by_artifact;
    for (const Finding& f : evidence.findings) {
        by_artifact[static_cast<std::size_t>(f.artifact)].push_back(&f);
    }
    std::vector<std::string> link_only;
    for (std::size_t i = 0; i < manifest::k_artifact_count; ++i) {
        manifest::Artifact& a = m.artifacts[i];
        if (by_artifact[i].empty()) {
            a.availability = Availability::unknown;
            a.provenance = std::string("not shown by the release (") + evidence.map_ref +
                           " found no file, card field or link for it)";
            continue;
        }
        fill(a, by_artifact[i], link_only);
    }
    const bool weights = !by_artifact[static_cast<std::size_t>(ArtifactId::weights_final)].empty();
    if (evidence.gated) {
        // The terms accepted at the gate are not shown here: they bind the weights as a license
        // term that is not open, so a gated release is never read as open weights.
        for (ArtifactId id : {ArtifactId::weights_final, ArtifactId::weights_intermediate}) {
            manifest::Artifact& a = m.artifact(id);
            if (a.availability != Availability::released) {
                continue;
            }
            a.license = a.license ? "(" + *a.license + ") AND " + std::string(k_gate_terms)
                                  : std::string(k_gate_terms);
            a.provenance += "; access is gated, and the terms accepted to download are not "
                            "shown here: " + std::string(k_gate_terms) + " stands for them";
        }
        m.access = manifest::Access::gated;
        m.notes += "Access is gated: " + evidence.gated_from + ". ";
    } else if (weights) {
        m.access = manifest::Access::download;
    }
    if (evidence.card) {
        const manifest::CardMetadata& card = *evidence.card;
        m.model.name = !card.model_name.empty() ? card.model_name : card.heading;
        if (!card.base_models.empty()) {
            m.limitations.push_back("derived from " + list_some(card.base_models, 8) +
                                    " (base_model): that model's own openness is not part of "
                                    "this verdict");
        }
    }
    if (m.model.name.empty()) {
        m.model.name = base_name(listing.name.rfind("hf:", 0) == 0 ? listing.name.substr(3)
                                                                    : listing.name);
    }
    m.model.version = listing.revision;
    m.model.url = listing.url;
    if (!listing.url.empty()) {
        m.sources.push_back(listing.url);
    }
    for (const Finding& f : evidence.findings) {
        if (f.link && f.where.rfind("http", 0) == 0) {
            const std::string url = f.where.substr(0, f.where.find(' '));
            if (std::find(m.sources.begin(), m.sources.end(), url) == m.sources.end()) {
                m.sources.push_back(url);
            }
        }
    }
    for (const std::string& c : evidence.conflicts) {
        m.notes += "Contradiction: " + c + ". ";
    }
    for (const LicenseFile& lf : evidence.license_files) {
        m.notes += lf.path + ": " + lf.how + ". ";
    }
    for (const std::string& n : evidence.notes) {
        m.notes += n + ". ";
    }
    while (!m.notes.empty() && m.notes.back() == ' ') {
        m.notes.pop_back();
    }
    m.limitations.insert(m.limitations.begin(),
                         "derived from the files of the release by " + evidence.map_ref +
                             ": an artifact no file, card field or link shows is unknown, not "
                             "counted");
    if (!link_only.empty()) {
        m.limitations.push_back(
            "the tier is a lower bound: " + list_some(link_only, 17) +
            " " + (link_only.size() == 1 ? "is" : "are") +
            " shown only by a link or a name, released elsewhere with no license shown here; "
            "a copy of those repositories or datasets beside the model, with their LICENSE "
            "files (or, for Hub datasets, reading them from the Hub), would raise it");
    }
    return m;
}

}  // namespace openness::evidence
