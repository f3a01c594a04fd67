#pragma once

#include <string_view>
#include <vector>

namespace openness::rubric {

// One data file compiled into the binary: its path under rubric/ and its bytes.
struct EmbeddedFile {
    std::string_view path;
    std::string_view content;
};

// All files under rubric/ at build time, sorted by path.
const std::vector<EmbeddedFile>& embedded_files();

}  // namespace openness::rubric
