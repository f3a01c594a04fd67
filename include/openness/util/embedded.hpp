#pragma once

#include <string_view>
#include <vector>

namespace openness::util {

// One data file compiled into the binary: its path in the source tree
// (e.g. "rubric/openness-1.0.json") and its bytes.
struct EmbeddedFile {
    std::string_view path;
    std::string_view content;
};

// All files under rubric/ and schema/ at build time, sorted by path.
const std::vector<EmbeddedFile>& embedded_files();

// The SHA-256 (lower-case hex) a bundled rubric at `path` carries, computed at build time over
// its document followed by a newline and the text of each license table it names; nullptr for
// any other path.
const std::string_view* bundled_rubric_sha256(std::string_view path);

// The bytes of one embedded file; nullptr when there is none at that path.
const std::string_view* find_embedded(std::string_view path);

}  // namespace openness::util
