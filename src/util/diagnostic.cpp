#include "openness/util/diagnostic.hpp"

#include "openness/util/printable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

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
            fmt::format_to(std::back_inserter(out), ":{}", diagnostic.location.line);
            if (diagnostic.location.column != 0) {
                fmt::format_to(std::back_inserter(out), ":{}", diagnostic.location.column);
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

std::string member_path(std::string_view path, std::string_view key) {
    std::string out(path);
    if (!out.empty()) {
        out += '.';
    }
    out += key;
    return out;
}

std::string index_path(std::string_view path, std::size_t index) {
    return fmt::format("{}[{}]", path, index);
}

std::string duplicate_key_message(std::string_view key, Location first) {
    return fmt::format(
        "duplicate key '{}' (first at line {}, column {}): tools disagree on which one counts, "
        "so a key may appear only once",
        key, first.line, first.column);
}

bool has_error(const std::vector<Diagnostic>& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

void DiagnosticSink::error(Location at, std::string path, std::string message) {
    m_out.push_back({Severity::error, m_source, at, std::move(path), std::move(message)});
    m_failed = true;
}

void DiagnosticSink::warning(Location at, std::string path, std::string message) {
    m_out.push_back({Severity::warning, m_source, at, std::move(path), std::move(message)});
}

void DiagnosticSink::add(Diagnostic diagnostic) {
    m_failed = m_failed || diagnostic.severity == Severity::error;
    m_out.push_back(std::move(diagnostic));
}

namespace {

std::string count_of(std::size_t n, const char* what) {
    return fmt::format("{} more {}{}", n, what, n == 1 ? "" : "s");
}

}  // namespace

void cap_diagnostics(std::vector<Diagnostic>& diagnostics, const std::string& source) {
    if (diagnostics.size() <= k_max_diagnostics) {
        return;
    }
    std::size_t errors = 0;
    for (const Diagnostic& d : diagnostics) {
        errors += d.severity == Severity::error ? 1 : 0;
    }
    const std::size_t keep_errors = std::min(errors, k_max_diagnostics);
    const std::size_t keep_others = k_max_diagnostics - keep_errors;
    std::size_t kept_errors = 0;
    std::size_t kept_others = 0;
    std::vector<Diagnostic> kept;
    kept.reserve(k_max_diagnostics + 1);
    for (Diagnostic& d : diagnostics) {
        const bool is_error = d.severity == Severity::error;
        if (is_error ? kept_errors < keep_errors : kept_others < keep_others) {
            (is_error ? kept_errors : kept_others) += 1;
            kept.push_back(std::move(d));
        }
    }
    const std::size_t dropped_errors = errors - kept_errors;
    const std::size_t dropped_others = diagnostics.size() - errors - kept_others;
    std::string message;
    if (dropped_errors != 0) {
        message = count_of(dropped_errors, "error");
    }
    if (dropped_others != 0) {
        message += (message.empty() ? "" : " and ") + count_of(dropped_others, "warning");
    }
    message += fmt::format(" not shown (at most {} per input)", k_max_diagnostics);
    kept.push_back(
        {dropped_errors != 0 ? Severity::error : Severity::warning, source, {}, "", message});
    diagnostics = std::move(kept);
}

}  // namespace openness::util
