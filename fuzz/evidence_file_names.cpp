// Fuzz target: the evidence map's file-name reader. Each input line is a path in a release; the
// map's rules are matched against it as a file, a folder, a branch and a license file. Checks
// that matching terminates, that every rule returned is of the kind asked for, and that a glob
// built from the name itself always matches it.

#include "fuzz_check.hpp"

#include "openness/evidence/map.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace openness;
    const evidence::EvidenceMap& map = evidence::bundled_evidence_map();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string_view path = text.substr(start, end - start);
        start = end + 1;
        for (evidence::RuleSource source :
             {evidence::RuleSource::file, evidence::RuleSource::folder,
              evidence::RuleSource::branch, evidence::RuleSource::license_file}) {
            for (const evidence::Rule* rule : evidence::match_path(map, source, path)) {
                fuzz::require(rule->source == source, "a rule of another kind matched",
                              std::string(path));
            }
        }
        const std::size_t slash = path.rfind('/');
        const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
        if (name.find_first_of("*?") == std::string_view::npos) {
            fuzz::require(evidence::glob_match(name, name), "a name does not match itself",
                          std::string(name));
            fuzz::require(evidence::glob_match("*", name), "* does not match a name",
                          std::string(name));
        }
        // The input as a pattern against itself and a fixed name: must terminate quickly.
        (void)evidence::glob_match(path, "model-00001-of-00002.safetensors");
    }
    return 0;
}
