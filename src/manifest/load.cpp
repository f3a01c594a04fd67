#include "openness/manifest/load.hpp"

#include "openness/manifest/mof_loader.hpp"

#include <algorithm>

namespace openness::manifest {

namespace {

struct FormatEntry {
    InputFormat format;
    const char* name;
};

constexpr FormatEntry k_formats[] = {
    {InputFormat::manifest_v1, "manifest"},
    {InputFormat::mof, "mof"},
};

}  // namespace

const char* format_name(InputFormat format) {
    for (const FormatEntry& entry : k_formats) {
        if (entry.format == format) {
            return entry.name;
        }
    }
    return "manifest";
}

std::optional<InputFormat> parse_format_name(std::string_view name) {
    for (const FormatEntry& entry : k_formats) {
        if (name == entry.name) {
            return entry.format;
        }
    }
    return std::nullopt;
}

std::vector<std::string> format_names() {
    std::vector<std::string> out;
    for (const FormatEntry& entry : k_formats) {
        out.emplace_back(entry.name);
    }
    return out;
}

namespace {

// At most this many diagnostics are kept per input, so a file with a million unknown keys
// cannot flood the output or hold the memory of a batch.
constexpr std::size_t k_max_diagnostics = 100;

std::string count_of(std::size_t n, const char* what) {
    return std::to_string(n) + " more " + what + (n == 1 ? "" : "s");
}

// Keeps errors first, then warnings, each in document order, and says how many were left out.
void cap_diagnostics(std::vector<util::Diagnostic>& diagnostics, const std::string& source) {
    if (diagnostics.size() <= k_max_diagnostics) {
        return;
    }
    std::size_t errors = 0;
    for (const util::Diagnostic& d : diagnostics) {
        errors += d.severity == util::Severity::error ? 1 : 0;
    }
    const std::size_t keep_errors = std::min(errors, k_max_diagnostics);
    const std::size_t keep_others = k_max_diagnostics - keep_errors;
    std::size_t kept_errors = 0;
    std::size_t kept_others = 0;
    std::vector<util::Diagnostic> kept;
    kept.reserve(k_max_diagnostics + 1);
    for (util::Diagnostic& d : diagnostics) {
        const bool is_error = d.severity == util::Severity::error;
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
    message += " not shown (at most " + std::to_string(k_max_diagnostics) + " per input)";
    kept.push_back({dropped_errors != 0 ? util::Severity::error : util::Severity::warning, source,
                    {}, "", message});
    diagnostics = std::move(kept);
}

bool ends_with(const std::string& text, std::string_view suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

InputFormat detect_format(std::string_view text, const std::string& source) {
    // Content decides; a YAML file name only breaks the tie for YAML that is not a MOF
    // manifest, so its error speaks of the MOF keys rather than of JSON syntax.
    if (looks_like_mof(text) || ends_with(source, ".yml") || ends_with(source, ".yaml")) {
        return InputFormat::mof;
    }
    return InputFormat::manifest_v1;
}

LoadResult load_manifest(std::string_view text, const std::string& source,
                         std::optional<InputFormat> forced, const util::JsonLimits& limits) {
    const InputFormat format = forced ? *forced : detect_format(text, source);
    LoadResult result;
    switch (format) {
    case InputFormat::manifest_v1:
        result = load_manifest_json(text, source, limits);
        break;
    case InputFormat::mof:
        result = load_mof_yaml(text, source);
        break;
    }
    cap_diagnostics(result.diagnostics, source);
    return result;
}

}  // namespace openness::manifest
