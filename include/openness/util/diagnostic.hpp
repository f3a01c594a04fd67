#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
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

// "a.b" (or "b" at the top) and "a[3]": the document paths diagnostics and provenance use.
std::string member_path(std::string_view path, std::string_view key);
std::string index_path(std::string_view path, std::size_t index);

// The one wording, for JSON and YAML alike, of a key given twice in one mapping.
std::string duplicate_key_message(std::string_view key, Location first);

// True when any of the diagnostics is an error.
bool has_error(const std::vector<Diagnostic>& diagnostics);

// Collects the diagnostics of one input into the caller's list; every loader, importer and table
// reader reports through one, so each diagnostic carries the input's name. `out` must outlive
// the sink.
class DiagnosticSink {
public:
    DiagnosticSink(std::string source, std::vector<Diagnostic>& out)
        : m_source(std::move(source)), m_out(out) {}

    // The input's name, as each diagnostic carries it.
    const std::string& source() const { return m_source; }

    // Adds an error or a warning at `at` (zero: unknown) and document path `path` ("" for the
    // whole document).
    void error(Location at, std::string path, std::string message);
    void warning(Location at, std::string path, std::string message);

    // Adds a diagnostic made elsewhere (a parser's) as it is.
    void add(Diagnostic diagnostic);

    // True once an error has come through this sink.
    bool failed() const { return m_failed; }

private:
    std::string m_source;
    std::vector<Diagnostic>& m_out;
    bool m_failed = false;
};

// At most this many diagnostics are kept per input manifest, so a file with a million unknown
// keys cannot flood the output or hold the memory of a batch.
constexpr std::size_t k_max_diagnostics = 100;

// Keeps at most k_max_diagnostics of `diagnostics` (errors first, then warnings, each in document
// order) and adds one diagnostic of `source` saying how many were left out.
void cap_diagnostics(std::vector<Diagnostic>& diagnostics, const std::string& source);

}  // namespace openness::util
