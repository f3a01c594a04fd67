#include "openness/manifest/manifest.hpp"

#include "openness/util/strings.hpp"

namespace openness::manifest {

namespace {

using K = ArtifactKind;
using A = ArtifactId;

const std::array<ArtifactSpec, k_artifact_count> k_specs = {{
    {A::weights_final, "weights.final", "final weights", K::weights},
    {A::weights_intermediate, "weights.intermediate", "intermediate weights", K::weights},
    {A::architecture, "architecture", "model architecture", K::code},
    {A::hyperparameters, "hyperparameters", "hyperparameters", K::data},
    {A::data_training, "data.training", "training data", K::data},
    {A::data_evaluation, "data.evaluation", "evaluation data", K::data},
    {A::data_card, "data.card", "data card", K::documentation},
    {A::code_training, "code.training", "training code", K::code},
    {A::code_inference, "code.inference", "inference code", K::code},
    {A::code_evaluation, "code.evaluation", "evaluation code", K::code},
    {A::code_data_processing, "code.data_processing", "data processing code", K::code},
    {A::code_libraries, "code.libraries", "supporting libraries", K::code},
    {A::documentation_model_card, "documentation.model_card", "model card", K::documentation},
    {A::documentation_technical_report, "documentation.technical_report", "technical report",
     K::documentation},
    {A::documentation_research_paper, "documentation.research_paper", "research paper",
     K::documentation},
    {A::documentation_evaluation_results, "documentation.evaluation_results", "evaluation results",
     K::documentation},
    {A::documentation_sample_outputs, "documentation.sample_outputs", "sample outputs",
     K::documentation},
}};

}  // namespace

const std::array<ArtifactSpec, k_artifact_count>& artifact_specs() {
    return k_specs;
}

const ArtifactSpec& spec(ArtifactId id) {
    return k_specs[static_cast<std::size_t>(id)];
}

std::optional<ArtifactId> find_artifact(std::string_view key) {
    // The hot-path reader looks up every artifact it meets: length and last byte first.
    if (key.empty()) {
        return std::nullopt;
    }
    for (const ArtifactSpec& s : k_specs) {
        if (s.key.size() == key.size() && s.key.back() == key.back() && s.key == key) {
            return s.id;
        }
    }
    return std::nullopt;
}

const char* kind_name(ArtifactKind kind) {
    return util::enum_name(kind, {"weights", "code", "data", "documentation"});
}

const char* access_name(Access access) {
    return util::enum_name(access, {"none", "api", "gated", "download"});
}

std::optional<Access> parse_access(std::string_view text) {
    for (Access a : {Access::none, Access::api, Access::gated, Access::download}) {
        if (text == access_name(a)) {
            return a;
        }
    }
    return std::nullopt;
}

namespace {

bool same_location(const util::Location& a, const util::Location& b) {
    return a.line == b.line && a.column == b.column;
}

bool same_artifact(const Artifact& a, const Artifact& b) {
    return a.availability == b.availability && a.listed == b.listed && a.license == b.license &&
           a.location == b.location && a.notes == b.notes &&
           same_location(a.position, b.position) && a.provenance == b.provenance;
}

}  // namespace

bool is_calendar_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    for (const std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
    }
    const int year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 +
                     (text[3] - '0');
    const int month = (text[5] - '0') * 10 + (text[6] - '0');
    const int day = (text[8] - '0') * 10 + (text[9] - '0');
    if (month < 1 || month > 12 || day < 1) {
        return false;
    }
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return day <= k_days[month - 1] + (month == 2 && leap ? 1 : 0);
}

void place_unlisted(Manifest& manifest, std::string_view group, util::Location where) {
    for (const ArtifactSpec& spec : artifact_specs()) {
        Artifact& artifact = manifest.artifact(spec.id);
        if (!artifact.listed && spec.key.size() > group.size() &&
            util::starts_with(spec.key, group) && spec.key[group.size()] == '.') {
            artifact.position = where;
        }
    }
}

bool same_manifest(const Manifest& a, const Manifest& b) {
    if (a.source != b.source || a.format != b.format || a.manifest_version != b.manifest_version ||
        a.model.name != b.model.name || a.model.version != b.model.version ||
        a.model.organization != b.model.organization ||
        a.model.release_date != b.model.release_date || a.model.url != b.model.url ||
        a.access != b.access || a.license != b.license ||
        !same_location(a.license_position, b.license_position) || a.sources != b.sources ||
        a.notes != b.notes || a.limitations != b.limitations || a.extras != b.extras) {
        return false;
    }
    for (std::size_t i = 0; i < k_artifact_count; ++i) {
        if (!same_artifact(a.artifacts[i], b.artifacts[i])) {
            return false;
        }
    }
    return true;
}

EffectiveLicense effective_license(const Manifest& manifest, ArtifactId id) {
    const Artifact& a = manifest.artifact(id);
    if (a.license) {
        return {a.license, false};
    }
    if (a.availability == Availability::released && manifest.license) {
        return {manifest.license, true};
    }
    return {std::nullopt, false};
}

}  // namespace openness::manifest
