// Reading one input: a file through the FileSystem or standard input, size-limited before it is
// all read, refused when it is empty, UTF-16 or binary, then loaded in any supported format.

#include "commands.hpp"

#include <istream>
#include <optional>
#include <ostream>

#include <tl/expected.hpp>

namespace openness::cli {

namespace {

// The bytes of a file or of standard input ("-"), at most `limit`; or why not.
tl::expected<std::string, std::string> read_bytes(const Input& input,
                                                  const util::FileSystem& files,
                                                  std::uint64_t limit,
                                                  const Environment& environment) {
    if (input.path != "-") {
        util::ReadResult read = files.read(input.path, limit);
        if (!read.content) {
            return tl::make_unexpected(std::move(read.error));
        }
        return std::move(*read.content);
    }
    if (environment.in == nullptr) {
        return tl::make_unexpected(std::string("standard input is not available"));
    }
    // Read in chunks so an endless or huge stream is refused at the limit.
    std::string text;
    char chunk[65536];
    const StdinWait waiting(environment);
    while (*environment.in) {
        environment.in->read(chunk, sizeof chunk);
        text.append(chunk, static_cast<std::size_t>(environment.in->gcount()));
        if (text.size() > limit) {
            return tl::make_unexpected("input is over the limit of " + util::format_size(limit) +
                                       " (--max-file-size)");
        }
    }
    return text;
}

// Why a text is no manifest whatever its format (empty, UTF-16, binary); empty when it may be.
const char* not_text(const std::string& text) {
    if (text.empty()) {
        return "empty file: not a manifest";
    }
    const bool utf16_mark = text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') ||
                                                 (text[0] == '\xFE' && text[1] == '\xFF'));
    if (utf16_mark || (text.size() >= 2 && (text[0] == '\0' || text[1] == '\0'))) {
        return "looks like UTF-16 text: manifests must be UTF-8";
    }
    if (text.find('\0') != std::string::npos) {
        return "binary file (contains NUL bytes): not a manifest";
    }
    return "";
}

}  // namespace

report::Outcome read_input(const Input& input, const util::FileSystem& files,
                           const ReadOptions& options, const Environment& environment,
                           manifest::Manifest& manifest, bool& valid) {
    valid = false;
    report::Outcome outcome;
    outcome.source = input.path == "-" ? "<stdin>" : input.path;
    const auto fail = [&outcome](std::string message) {
        outcome.diagnostics.push_back(
            {util::Severity::error, outcome.source, {}, "", std::move(message)});
        return outcome;
    };
    if (!input.error.empty()) {
        return fail(input.error);
    }
    tl::expected<std::string, std::string> text =
        read_bytes(input, files, options.max_file_size, environment);
    if (!text) {
        return fail(std::move(text.error()));
    }
    if (const char* why = not_text(*text); *why != '\0') {
        return fail(why);
    }
    manifest::ImportOptions import_options;
    import_options.lenient = options.lenient;
    valid = manifest::load_manifest_into(*text, outcome.source, options.input_format, {},
                                         import_options, manifest, outcome.diagnostics);
    if (options.strict) {
        // For CI: anything a reader warns about (an unknown key, a repaired mistake) fails the
        // input, as an error that says why.
        for (util::Diagnostic& d : outcome.diagnostics) {
            if (d.severity == util::Severity::warning) {
                d.severity = util::Severity::error;
                d.message += " (an error with --strict)";
                valid = false;
            }
        }
    }
    return outcome;
}

std::optional<manifest::Manifest> read_one_manifest(const std::string& path,
                                                    const ReadOptions& options,
                                                    const Environment& environment,
                                                    std::ostream& err) {
    manifest::Manifest manifest;
    bool valid = false;
    const report::Outcome outcome = read_input(Input{path, {}}, file_system(environment), options,
                                               environment, manifest, valid);
    for (const util::Diagnostic& d : outcome.diagnostics) {
        err << util::render(d) << "\n";
    }
    return valid ? std::optional<manifest::Manifest>(std::move(manifest)) : std::nullopt;
}

}  // namespace openness::cli
