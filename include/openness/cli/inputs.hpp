#pragma once

#include <string>
#include <vector>

namespace openness::cli {

// One input to score: a path (or "-"), or a problem met while finding inputs.
struct Input {
    std::string path;
    std::string error;  // non-empty: this entry could not be walked or read
};

// Expands files, directories (walked recursively for manifest files, sorted by path,
// symbolic links to directories not followed) and "-" into inputs, in a deterministic order.
std::vector<Input> expand_inputs(const std::vector<std::string>& paths);

// True when a file name looks like a manifest a directory walk should pick up.
bool is_manifest_name(const std::string& file_name);

}  // namespace openness::cli
