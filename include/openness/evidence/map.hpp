#pragma once

#include "openness/manifest/manifest.hpp"
#include "openness/util/diagnostic.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::evidence {

// Where a rule looks.
enum class RuleSource { file, folder, branch, card, link, license_file };

// One rule of the evidence map: what it matches and which artifacts a match shows released.
struct Rule {
    std::string id;
    RuleSource source = RuleSource::file;
    std::vector<std::string> match;    // name patterns (file, folder, branch, license-file)
    std::vector<std::string> under;    // file: only below a folder of one of these names
    std::string field;                 // card: "card", "datasets" or "model-index"
    std::vector<std::string> hosts;    // link: host names (a subdomain matches too)
    std::vector<std::string> context;  // link: words one of which the link's line must hold
    std::vector<manifest::ArtifactId> artifacts;
    std::string content;  // file: "weights" or "index"; folder: "weights-inside"
    std::string role;     // license-file: "license", "use-policy" or "notice"
    std::string proves;   // what a match shows, in a user's words
};

// Bounds on reading a release.
struct Limits {
    std::size_t max_entries = 20000;    // files and folders walked in one release
    std::size_t max_depth = 16;         // folder nesting
    std::uint64_t max_text_bytes = 1024 * 1024;  // one card, license, index or config file
    std::uint64_t max_probe_bytes = 1024;        // read of a weight file's start
    std::uint64_t max_safetensors_header_bytes = 100ULL * 1024 * 1024;
};

// The versioned rules that turn files, folders, branches, card fields and links into artifacts.
struct EvidenceMap {
    std::string id;
    std::string version;
    Limits limits;
    std::vector<Rule> rules;

    // "evidence@1.0".
    std::string ref() const { return id + "@" + version; }
};

// Loads an evidence map from its JSON text; nullopt with diagnostics naming `source` and the
// JSON path when it is malformed.
std::optional<EvidenceMap> load_evidence_map(std::string_view text, const std::string& source,
                                             std::vector<util::Diagnostic>& diagnostics);

// The evidence map compiled into the binary (rubric/evidence/evidence-1.0.json).
const EvidenceMap& bundled_evidence_map();

// Case-insensitive shell-style match of `name` against `pattern` (* and ? only); linear time.
bool glob_match(std::string_view pattern, std::string_view name);

// The rules of `source` kind that match `path` (a '/'-separated path relative to the release
// root; its last part is the name), in map order.
std::vector<const Rule*> match_path(const EvidenceMap& map, RuleSource source,
                                    std::string_view path);

}  // namespace openness::evidence
