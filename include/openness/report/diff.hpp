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

// Renders a diff in one format; the text ends with a newline. Never evaluates anything. `color`
// paints the text format's result and rule states (other formats never carry colour).
std::string render_diff(const engine::Diff& diff, DiffFormat format, bool color = false);

// Renders the diffs of one pair of releases under several rubrics: text and Markdown one after
// another, a blank line between; json one object for one diff, an array of them for several.
std::string render_diffs(const std::vector<engine::Diff>& diffs, DiffFormat format,
                         bool color = false);

}  // namespace openness::report
