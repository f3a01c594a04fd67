#pragma once

#include "openness/engine/diff.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::report {

// The formats `openness diff` writes.
enum class DiffFormat { text, json, markdown };

// "text", "json", "markdown", in that order.
std::vector<std::string> diff_format_names();

// Parses a diff format name; nullopt when it names none.
std::optional<DiffFormat> parse_diff_format(std::string_view name);

// Renders a diff in one format; the text ends with a newline. Never evaluates anything.
std::string render_diff(const engine::Diff& diff, DiffFormat format);

}  // namespace openness::report
