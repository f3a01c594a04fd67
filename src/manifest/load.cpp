#include "openness/manifest/load.hpp"

#include "openness/manifest/mof_loader.hpp"

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
    switch (format) {
    case InputFormat::manifest_v1:
        return load_manifest_json(text, source, limits);
    case InputFormat::mof:
        return load_mof_yaml(text, source);
    }
    return load_manifest_json(text, source, limits);
}

}  // namespace openness::manifest
