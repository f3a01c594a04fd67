// Fuzz target: the .gitignore reader of directory walks. The input is a .gitignore file; each
// of its lines is also matched, as a path, against the patterns it holds, as a file and as a
// folder. Checks that parsing keeps to its caps, that matching terminates and returns one of the
// file's patterns, and that a plain name pattern (no wildcard, escape or slash) matches a file
// of that name in any folder.

#include "fuzz_check.hpp"

#include "openness/util/gitignore.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace openness;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const util::Gitignore rules = util::parse_gitignore(text);
    fuzz::require(rules.patterns.size() <= util::k_max_gitignore_patterns, "too many patterns");
    for (const util::GitignorePattern& pattern : rules.patterns) {
        fuzz::require(!pattern.segments.empty(), "a pattern without segments", pattern.text);
        fuzz::require(pattern.text.size() <= util::k_max_gitignore_pattern_bytes,
                      "a pattern over the length cap");
    }
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string_view line = text.substr(start, end - start);
        start = end + 1;
        for (bool directory : {false, true}) {
            const util::GitignorePattern* match = util::last_match(rules, line, directory);
            fuzz::require(match == nullptr || (match >= rules.patterns.data() &&
                                               match < rules.patterns.data() + rules.patterns.size()),
                          "a match that is not one of the file's patterns", std::string(line));
        }
        // (A byte order mark opening a line would be dropped as the file's own.)
        if (!line.empty() && line.size() <= 64 && line.compare(0, 3, "\xEF\xBB\xBF") != 0 &&
            line.find_first_of("*?[\\!#/ \r") == std::string_view::npos) {
            util::Gitignore plain = util::parse_gitignore(std::string(line) + "\n");
            const std::string path = "some/folder/" + std::string(line);
            const util::GitignorePattern* match = util::last_match(plain, path, false);
            fuzz::require(match != nullptr && !match->negated,
                          "a plain name does not match a file of that name", path);
        }
    }
    return 0;
}
