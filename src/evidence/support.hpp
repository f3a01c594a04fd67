#pragma once

// Path and list helpers shared by the evidence reader's files; not part of the API.

#include <string>
#include <vector>

namespace openness::evidence::detail {

// "a/b" for "a/b/c"; "" for a name with no folder.
std::string parent_of(const std::string& path);
// "c" for "a/b/c".
std::string base_of(const std::string& path);
// "a, b, c and 4 more": at most `shown` items named.
std::string list_some(const std::vector<std::string>& items, std::size_t shown = 3);

}  // namespace openness::evidence::detail
