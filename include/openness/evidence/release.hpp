#pragma once

#include "openness/evidence/map.hpp"
#include "openness/manifest/hf_card.hpp"
#include "openness/manifest/manifest.hpp"
#include "openness/util/diagnostic.hpp"
#include "openness/util/file_system.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace openness::license {
class LicenseTable;
}

namespace openness::evidence {

// One file of a release as listed by a folder walk or by the Hub.
struct TreeFile {
    std::string path;  // relative to the release root, '/'-separated
    std::uint64_t size = 0;
    bool hub_lfs = false;  // the Hub lists it as stored in Git LFS
};

// What a release holds, before any rule is applied.
struct Listing {
    std::string name;  // the folder as given, or "hf:ORG/NAME"
    std::string kind = "release-folder";  // or "hf-repo"
    std::vector<TreeFile> files;
    std::vector<std::string> folders;   // relative paths of the folders walked
    std::vector<std::string> branches;  // Hub branches other than the one read
    std::optional<bool> hub_gated;      // the Hub's `gated` (nullopt for a folder)
    std::string revision;               // the Hub's resolved commit sha
    std::string url;                    // the release's web page, when it has one
    std::vector<std::string> notes;     // what the walk skipped and why
    // Licenses of datasets as the Hub states them (id -> license); empty offline.
    std::map<std::string, std::string> dataset_licenses;
    // True when the release's files can be read from the start (a folder); the Hub's weights
    // are never downloaded, so only their listing counts there.
    bool can_probe = true;
};

// One piece of evidence that an artifact is released.
struct Finding {
    manifest::ArtifactId artifact = manifest::ArtifactId::weights_final;
    std::string rule;   // the evidence-map rule that matched
    std::string where;  // a relative path, a branch, a card field or a URL
    bool link = false;  // released elsewhere: shown only by a link or a name
    std::optional<std::string> license;
    std::string license_from;  // which file or field showed the license
};

// A license file and what its text was identified as.
struct LicenseFile {
    std::string path;
    std::string role;  // "license", "use-policy" or "notice"
    std::optional<std::string> id;
    std::string how;
};

// Everything a release showed, with where each fact came from.
struct Evidence {
    std::string source;
    std::string map_ref;  // "evidence@1.0"
    std::vector<Finding> findings;
    std::vector<LicenseFile> license_files;
    std::optional<manifest::CardMetadata> card;
    std::string card_path;
    bool gated = false;
    std::string gated_from;
    std::vector<std::string> notes;
    // Where the release contradicts itself (a card license the LICENSE text does not match).
    std::vector<std::string> conflicts;
};

struct ScanOptions {
    const EvidenceMap* map = nullptr;                // nullptr: the bundled map
    const license::LicenseTable* licenses = nullptr;  // compares license names when given
};

struct ScanResult {
    std::optional<manifest::Manifest> manifest;  // nullopt when the release could not be read
    Evidence evidence;
    std::vector<util::Diagnostic> diagnostics;
};

// Lists a release folder through `files` (at most the map's entry cap and depth, `.git` left
// out, symbolic links followed only when they stay inside the folder), then applies the
// evidence map to it.
ScanResult scan_folder(const util::FileSystem& files, const std::string& root,
                       const ScanOptions& options = {});

// A Git LFS pointer file's object: nullopt when `text` is not a pointer.
struct LfsPointer {
    std::string oid;  // "sha256:<64 hex>"
    std::uint64_t size = 0;
};
std::optional<LfsPointer> parse_lfs_pointer(std::string_view text);

// Checks the start of a safetensors file (`start` holds its first bytes, `size` its length):
// "" when it is a safetensors header, else why not.
std::string check_safetensors(std::string_view start, std::uint64_t size,
                              std::uint64_t max_header_bytes);

}  // namespace openness::evidence
