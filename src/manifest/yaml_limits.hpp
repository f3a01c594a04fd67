#pragma once

// One bounded way to read YAML, for every YAML input (MOF model.yml, model-card front matter):
// yaml-cpp's YAML::Load has no limits, so the document is first checked on the parser's events,
// before any tree is built (docs/ROBUSTNESS.md, "Limits").

#include "openness/util/diagnostic.hpp"

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace openness::manifest::detail {

inline constexpr std::size_t k_max_yaml_bytes = 4 * 1024 * 1024;
inline constexpr std::size_t k_max_yaml_depth = 64;
inline constexpr std::size_t k_max_yaml_nodes = 10000;
inline constexpr std::size_t k_max_yaml_aliases = 100;
inline constexpr std::size_t k_max_yaml_scalar_bytes = 1024 * 1024;

// A problem found before or while reading: where (line and column within `text`, 1-based) and
// what.
struct YamlProblem {
    util::Location location;
    std::string message;
};

// Reads one YAML document within the limits: at most k_max_yaml_bytes of UTF-8 without raw
// control characters, k_max_yaml_nodes nodes, k_max_yaml_depth levels, k_max_yaml_aliases
// aliases (each of a single value), values of at most k_max_yaml_scalar_bytes, and no key twice
// in one mapping. `line_offset` is added to the lines of the first key named in a duplicate-key
// message (the line `text` starts on in its file, minus one). Stores the tree in `root`, or
// returns the first problem. `what` names the document in messages ("a MOF manifest").
std::optional<YamlProblem> load_bounded_yaml(std::string_view text, const char* what,
                                             std::size_t line_offset, YAML::Node& root);

// What a node is, for messages: "a mapping", "a list", "a string", `null_name` for a null ("null"
// where the format writes one, "nothing" where an empty value means none) and "nothing".
const char* yaml_kind(const YAML::Node& node, const char* null_name);

}  // namespace openness::manifest::detail
