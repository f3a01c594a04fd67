// Fuzz target: MOF model.yml files (yaml-cpp plus the MOF loader). Checks that the loader gives a
// manifest exactly when it reports no error, and that a loaded manifest written back as MOF
// (write_mof_yaml) loads again to the same model, released artifacts and licenses.

#include "fuzz_check.hpp"
#include "verdict_check.hpp"

#include "openness/manifest/load.hpp"
#include "openness/manifest/mof_loader.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace {

// What the MOF writer keeps of a license: no license, NONE and NOASSERTION all become MOF's
// "unlicensed", which reads back as NONE.
std::string written_license(const std::optional<std::string>& license) {
    if (!license || *license == "NONE" || *license == "NOASSERTION") {
        return "NONE";
    }
    return *license;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace openness;
    static const auto mof = fuzz::bundled_rubric("mof");
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    manifest::looks_like_mof(text);
    const manifest::LoadResult first =
        manifest::load_manifest(text, "fuzz.yml", manifest::InputFormat::mof);
    fuzz::require(first.manifest.has_value() != util::has_error(first.diagnostics),
                  "a manifest exactly when there is no error");
    for (const util::Diagnostic& d : first.diagnostics) {
        fuzz::require(!util::render(d).empty(), "a diagnostic renders");
    }
    if (!first.manifest) {
        return 0;
    }
    fuzz::check_verdict(mof, *first.manifest);

    const std::string yaml = manifest::write_mof_yaml(*first.manifest);
    const manifest::LoadResult second = manifest::load_mof_yaml(yaml, "again.yml");
    std::string problems;
    for (const util::Diagnostic& d : second.diagnostics) {
        problems += util::render(d) + "\n";
    }
    fuzz::require(second.manifest.has_value(), "the written MOF loads", problems + yaml);
    const manifest::Manifest& a = *first.manifest;
    const manifest::Manifest& b = *second.manifest;
    fuzz::require(a.model.name == b.model.name && a.model.version == b.model.version &&
                      a.model.organization == b.model.organization,
                  "the model survives the round trip", yaml);
    for (const manifest::ArtifactSpec& spec : manifest::artifact_specs()) {
        fuzz::require(a.artifact(spec.id).availability == b.artifact(spec.id).availability,
                      "availability survives the round trip", std::string(spec.key) + "\n" + yaml);
        if (a.artifact(spec.id).availability == manifest::Availability::released) {
            fuzz::require(written_license(manifest::effective_license(a, spec.id).text) ==
                              written_license(manifest::effective_license(b, spec.id).text),
                          "the license survives the round trip",
                          std::string(spec.key) + "\n" + yaml);
        }
    }
    return 0;
}
