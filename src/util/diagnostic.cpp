#include "openness/util/diagnostic.hpp"

#include "openness/util/printable.hpp"

#include <algorithm>

namespace openness::util {

const char* severity_name(Severity severity) {
    switch (severity) {
    case Severity::error:
        return "error";
    case Severity::warning:
        return "warning";
    case Severity::note:
        return "note";
    }
    return "error";
}

std::string render(const Diagnostic& diagnostic) {
    std::string out;
    if (!diagnostic.file.empty()) {
        append_printable(out, diagnostic.file);
        if (diagnostic.location.line != 0) {
            out += ':' + std::to_string(diagnostic.location.line);
            if (diagnostic.location.column != 0) {
                out += ':' + std::to_string(diagnostic.location.column);
            }
        }
        out += ": ";
    }
    out += severity_name(diagnostic.severity);
    out += ": ";
    if (!diagnostic.path.empty()) {
        append_printable(out, diagnostic.path);
        out += ": ";
    }
    append_printable(out, diagnostic.message);
    return out;
}

Location location_at(std::string_view text, std::size_t offset) {
    Location location{1, 1};
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++location.line;
            location.column = 1;
        } else {
            ++location.column;
        }
    }
    return location;
}

bool has_error(const std::vector<Diagnostic>& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

}  // namespace openness::util
