#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace openness::util {

enum class Severity { error, warning, note };

// Where in an input a diagnostic points; zero means "unknown".
struct Location {
    std::size_t line = 0;
    std::size_t column = 0;
};

// The one diagnostic type: file, line, column, document path (JSON/YAML) and message.
struct Diagnostic {
    Severity severity = Severity::error;
    std::string file;
    Location location;
    std::string path;  // e.g. "weights.final.license"; empty when the whole document is meant
    std::string message;
};

// Renders `file:line:col: error: path: message`, leaving out the parts that are unknown. File,
// path and message go through util::printable, so a diagnostic that quotes input is one safe line.
std::string render(const Diagnostic& diagnostic);

// Returns "error", "warning" or "note".
const char* severity_name(Severity severity);

// The 1-based line and column (in bytes) of a byte offset into `text`.
Location location_at(std::string_view text, std::size_t offset);

// True when any of the diagnostics is an error.
bool has_error(const std::vector<Diagnostic>& diagnostics);

}  // namespace openness::util
