#pragma once

#include "openness/util/diagnostic.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::manifest {

// The 17 artifacts of manifest v1, one to one with the 17 components of the Model Openness
// Framework. The order is the order of reports.
enum class ArtifactId : std::size_t {
    weights_final,
    weights_intermediate,
    architecture,
    hyperparameters,
    data_training,
    data_evaluation,
    data_card,
    code_training,
    code_inference,
    code_evaluation,
    code_data_processing,
    code_libraries,
    documentation_model_card,
    documentation_technical_report,
    documentation_research_paper,
    documentation_evaluation_results,
    documentation_sample_outputs,
};
inline constexpr std::size_t k_artifact_count = 17;

// What kind of thing an artifact is; decides which licenses suit it.
enum class ArtifactKind { weights, code, data, documentation };

struct ArtifactSpec {
    ArtifactId id;
    std::string_view key;    // dotted manifest key, e.g. "weights.final"
    std::string_view label;  // human name, e.g. "final weights"
    ArtifactKind kind;
};

// All 17 artifacts in report order.
const std::array<ArtifactSpec, k_artifact_count>& artifact_specs();
// The spec of one artifact.
const ArtifactSpec& spec(ArtifactId id);
// Finds an artifact by its dotted key; nullopt when the key names none.
std::optional<ArtifactId> find_artifact(std::string_view key);
// "weights", "code", "data", "documentation".
const char* kind_name(ArtifactKind kind);

enum class Access { none, api, gated, download };
// "none", "api", "gated", "download".
const char* access_name(Access access);
std::optional<Access> parse_access(std::string_view text);

// Whether an artifact is released. `unknown` is for importers whose source format is silent.
enum class Availability { not_released, released, unknown };

struct Artifact {
    Availability availability = Availability::not_released;
    bool listed = false;                  // the manifest mentions this artifact at all
    std::optional<std::string> license;   // as written in the source; nullopt when not given
    std::string location;
    std::string notes;
    util::Location position;              // where the artifact is written, when known
    // Where an importer learned these facts ("cyclonedx components[0].licenses[0]") or why it
    // could not ("not stated in a model card"); empty for native manifests.
    std::string provenance;
};

struct ModelInfo {
    std::string name;
    std::string version;
    std::string organization;
    std::string release_date;
    std::string url;
};

// A member of a native manifest that openness does not read ("$schema", a key of a newer
// version, a typo), kept so that rewriting the manifest loses nothing.
struct ExtraMember {
    std::string object;  // where it sits: "" (the top level), "model", "weights", "weights.final"
    std::string key;
    std::string json;    // its value, as compact JSON
    bool operator==(const ExtraMember& other) const {
        return object == other.object && key == other.key && json == other.json;
    }
};

// One release, whatever format it was read from.
struct Manifest {
    std::string source;                   // file name or "<stdin>"
    std::string format = "manifest-v1";   // input format it was read from
    int manifest_version = 1;
    ModelInfo model;
    std::optional<Access> access;
    std::optional<std::string> license;   // top-level license, inherited by available artifacts
    util::Location license_position;
    std::array<Artifact, k_artifact_count> artifacts{};
    std::vector<std::string> sources;
    std::string notes;
    // Facts an importer could not learn (e.g. "a model card says nothing about training code").
    std::vector<std::string> limitations;
    // Members the format does not know, in document order (native manifests only).
    std::vector<ExtraMember> extras;

    const Artifact& artifact(ArtifactId id) const { return artifacts[static_cast<std::size_t>(id)]; }
    Artifact& artifact(ArtifactId id) { return artifacts[static_cast<std::size_t>(id)]; }
};

// True when `text` is a calendar date written YYYY-MM-DD (months of their length, 29 February
// only in leap years).
bool is_calendar_date(std::string_view text);

// Points every artifact of `group` ("weights", "data", ...) that the manifest does not list at
// the group's object, where it would be written; listed artifacts keep their own position.
void place_unlisted(Manifest& manifest, std::string_view group, util::Location where);

// True when two manifests hold the same facts, field by field, positions included.
bool same_manifest(const Manifest& a, const Manifest& b);

// The license that applies to an artifact after inheritance.
struct EffectiveLicense {
    std::optional<std::string> text;  // nullopt: no license stated anywhere
    bool inherited = false;           // taken from the top-level `license`
};

// Resolves an artifact's license: its own, else the top-level one (never for NONE or for
// artifacts that are not released).
EffectiveLicense effective_license(const Manifest& manifest, ArtifactId id);

}  // namespace openness::manifest
