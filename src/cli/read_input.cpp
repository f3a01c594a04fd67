// Reading one input: a file through the FileSystem or standard input, size-limited before it is
// all read, refused when it is empty, UTF-16 or binary, then loaded in any supported format.

#include "commands.hpp"

#include <istream>
#include <ostream>

namespace openness::cli {

report::Outcome read_input(const Input& input, const util::FileSystem& files,
                           const ReadOptions& options, const Environment& environment,
                           manifest::Manifest& manifest, bool& valid) {
    valid = false;
    report::Outcome outcome;
    outcome.source = input.path == "-" ? "<stdin>" : input.path;
    if (!input.error.empty()) {
        outcome.diagnostics.push_back({util::Severity::error, outcome.source, {}, "", input.error});
        return outcome;
    }
    std::string text;
    if (input.path == "-") {
        if (environment.in == nullptr) {
            outcome.diagnostics.push_back(
                {util::Severity::error, outcome.source, {}, "", "standard input is not available"});
            return outcome;
        }
        // Read in chunks so an endless or huge stream is refused at the limit.
        char chunk[65536];
        while (*environment.in) {
            environment.in->read(chunk, sizeof chunk);
            text.append(chunk, static_cast<std::size_t>(environment.in->gcount()));
            if (text.size() > options.max_file_size) {
                outcome.diagnostics.push_back({util::Severity::error,
                                               outcome.source,
                                               {},
                                               "",
                                               "input is over the limit of " +
                                                   util::format_size(options.max_file_size) +
                                                   " (--max-file-size)"});
                return outcome;
            }
        }
    } else {
        util::ReadResult read = files.read(input.path, options.max_file_size);
        if (!read.content) {
            outcome.diagnostics.push_back(
                {util::Severity::error, outcome.source, {}, "", read.error});
            return outcome;
        }
        text = std::move(*read.content);
    }
    if (text.empty()) {
        outcome.diagnostics.push_back(
            {util::Severity::error, outcome.source, {}, "", "empty file: not a manifest"});
        return outcome;
    }
    const bool utf16_mark = text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') ||
                                                 (text[0] == '\xFE' && text[1] == '\xFF'));
    if (utf16_mark || (text.size() >= 2 && (text[0] == '\0' || text[1] == '\0'))) {
        outcome.diagnostics.push_back({util::Severity::error,
                                       outcome.source,
                                       {},
                                       "",
                                       "looks like UTF-16 text: manifests must be UTF-8"});
        return outcome;
    }
    if (text.find('\0') != std::string::npos) {
        outcome.diagnostics.push_back({util::Severity::error,
                                       outcome.source,
                                       {},
                                       "",
                                       "binary file (contains NUL bytes): not a manifest"});
        return outcome;
    }
    manifest::ImportOptions import_options;
    import_options.lenient = options.lenient;
    valid = manifest::load_manifest_into(text, outcome.source, options.input_format, {},
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
