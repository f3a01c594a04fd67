#pragma once

// What the evidence reader's files share; not part of the API.

#include "openness/evidence/release.hpp"

#include <functional>
#include <string>
#include <vector>

namespace openness::evidence::detail {

// "a/b" for "a/b/c"; "" for a name with no folder.
std::string parent_of(const std::string& path);
// "c" for "a/b/c".
std::string base_of(const std::string& path);
// "a, b, c and 4 more": at most `shown` items named.
std::string list_some(const std::vector<std::string>& items, std::size_t shown = 3);

// How alike two license texts must read, by a license table, to count as the same license.
enum class LicenseMatch {
    // The same one row of the table: a LICENSE file confirms a card's license only on a license
    // the table knows, never on an unknown name or an expression that renders alike.
    one_known_license,
    // The same canonical expression ("MIT OR Apache-2.0", "Apache-2.0 OR MIT"): a manifest's
    // claim against all the licenses a release shows.
    same_expression,
};

// Whether `a` and `b` name the same license: equal but for case, or, with a table, alike as
// `match` says.
bool same_license(const std::string& a, const std::string& b, const license::LicenseTable* table,
                  LicenseMatch match);

}  // namespace openness::evidence::detail

namespace openness::evidence {

// Reads a release's file: whole (refusing one over max_bytes) or only its first max_bytes.
using FileReader =
    std::function<util::ReadResult(const std::string& path, std::uint64_t max_bytes, bool prefix)>;

// Applies the evidence map to a listing, reading small files through `read`.
ScanResult scan_listing(const Listing& listing, const FileReader& read,
                        const ScanOptions& options = {});

// The manifest a release's evidence supports: each artifact released where a finding shows it,
// "unknown" where nothing does, with provenance; links count as released with no license.
manifest::Manifest derive_manifest(const Evidence& evidence, const Listing& listing);

}  // namespace openness::evidence
