#include "openness/util/json_document.hpp"
#include "openness/util/json_writer.hpp"
#include "openness/util/sha256.hpp"
#include "reporters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

#ifndef OPENNESS_VERSION
#define OPENNESS_VERSION "0.0.0"
#endif

namespace openness::report {

namespace {

using util::Json;

constexpr const char* k_gate_rule = "gate";
constexpr const char* k_invalid_rule = "invalid-manifest";
constexpr const char* k_warning_rule = "input-warning";

// The base that relative uris are resolved against: where openness ran, which in CI is the
// repository's root (GitHub code scanning resolves %SRCROOT% to the checkout).
constexpr const char* k_uri_base = "%SRCROOT%";

// A relative path stays relative (without leading "./") and an absolute one becomes a file:
// URI; every byte outside RFC 3986's unreserved set and '/' is percent-encoded (spaces, ':',
// '%', non-ASCII, ...).
std::string path_uri(std::string_view path) {
    static const char* k_hex = "0123456789ABCDEF";
    while (path.size() > 2 && path.substr(0, 2) == "./") {
        const std::size_t next = path.find_first_not_of('/', 2);
        if (next == std::string_view::npos) {
            break;
        }
        path.remove_prefix(next);
    }
    std::string out = !path.empty() && path.front() == '/' ? "file://" : "";
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~' || c == '/';
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += k_hex[byte >> 4U];
            out += k_hex[byte & 0xFU];
        }
    }
    return out;
}

// One rule of the driver, on a line of its own.
void append_rule(std::string& out, const std::string& id, const std::string& description,
                 const char* level, std::optional<double> points) {
    Json rule = {{"id", id},
                 {"shortDescription", {{"text", description}}},
                 {"defaultConfiguration", {{"level", level}}}};
    if (points) {
        rule["properties"] = {{"points", util::report_number(*points)}};
    }
    out += "            ";
    util::append_json(out, rule);
}

class SarifReporter final : public Reporter {
public:
    SarifReporter(std::ostream& out, const Options& options)
        : m_out(out), m_rubric(options.rubric) {}

    void begin() override {
        std::string out =
            "{\n"
            "  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
            "  \"version\": \"2.1.0\",\n"
            "  \"runs\": [\n"
            "    {\n"
            "      \"tool\": {\n"
            "        \"driver\": {\n"
            "          \"name\": \"openness\",\n"
            "          \"version\": \"" OPENNESS_VERSION "\",\n"
            "          \"semanticVersion\": \"" OPENNESS_VERSION "\",\n";
        if (m_rubric) {
            out += "          \"properties\": ";
            util::append_json(out, {{"rubric", rubric_json(*m_rubric)}}, {true, 0});
            out += ",\n";
        }
        out += "          \"rules\": [\n";
        if (m_rubric) {
            for (const rubric::Rule& rule : m_rubric->rules) {
                append_rule(out, rule.id, rule.description, "note", rule.points);
                out += ",\n";
            }
        }
        append_rule(out, k_gate_rule,
                    "The manifest reaches the tier or score the gate asks for (--min-tier, "
                    "--min-score).",
                    "error", std::nullopt);
        out += ",\n";
        append_rule(out, k_invalid_rule, "The manifest can be read and is a valid manifest.",
                    "error", std::nullopt);
        out += ",\n";
        append_rule(out, k_warning_rule,
                    "The input has nothing a reader warns about (an unknown key, perhaps a typo, "
                    "or a mistake an importer repaired).",
                    "warning", std::nullopt);
        out += "\n          ]\n"
               "        }\n"
               "      },\n"
               "      \"originalUriBaseIds\": {\"";
        out += k_uri_base;
        out += "\": {\"description\": {\"text\": \"The directory openness ran in; relative "
               "paths are resolved against it.\"}}},\n"
               "      \"columnKind\": \"unicodeCodePoints\",\n"
               "      \"results\": [";
        m_out << out;
    }

    // The outcome's results, one per line, joined by ",\n"; empty when it has none.
    std::string render(const Outcome& outcome) const override {
        std::string out;
        const std::string uri = path_uri(outcome.source);
        const std::size_t fixed = m_rubric ? m_rubric->rules.size() : 0;
        // Input warnings (an unknown key and its did-you-mean) at their line, so that code
        // scanning shows a typo where it was made.
        for (const util::Diagnostic& d : outcome.diagnostics) {
            if (d.severity == util::Severity::warning) {
                const std::string message = d.path.empty() ? d.message : d.path + ": " + d.message;
                append_result(out, k_warning_rule, fixed + 2, "warning", message, uri, d.location,
                              message);
            }
        }
        if (!outcome.verdict) {
            const util::Diagnostic* error = first_error(outcome);
            std::string message = "not a manifest";
            util::Location where;
            if (error != nullptr) {
                message =
                    error->path.empty() ? error->message : error->path + ": " + error->message;
                where = error->location;
                const std::size_t more = error_count(outcome) - 1;
                if (more != 0) {
                    message += fmt::format(" (and {} more error{})", more, more == 1 ? "" : "s");
                }
            }
            append_result(out, k_invalid_rule, fixed + 1, "error", message, uri, where);
            return out;
        }
        const engine::Verdict& v = *outcome.verdict;
        const bool same_rubric = m_rubric && v.rubric == m_rubric;
        for (std::size_t r = 0; r < v.rules.size(); ++r) {
            // Only failed rules that say what the release lacks (the engine's `lacking`).
            if (!v.rules[r].lacking) {
                continue;
            }
            const rubric::Rule& rule = v.rubric->rules[r];
            const bool needed =
                std::find(v.missing.begin(), v.missing.end(), r) != v.missing.end();
            util::Location where;
            if (rule.artifact) {
                where = v.artifacts[static_cast<std::size_t>(*rule.artifact)].position;
            }
            append_result(out, rule.id, same_rubric ? std::optional<std::size_t>(r) : std::nullopt,
                          needed ? "warning" : "note", v.reason(r), uri, where);
        }
        // A license written loosely, read as an id (tables with resolver rules only): at the
        // artifact's place, so a code scanning view shows it on the line that says it.
        for (const util::Diagnostic& d : read_as_warnings(outcome)) {
            append_result(out, "license-read-as", std::nullopt, "warning", d.message, uri,
                          d.location, d.message);
        }
        if (outcome.gate_failed) {
            // The gate's reason, then all that each failed minimum tier lacks, by artifact.
            std::string message = outcome.gate_reason;
            if (!outcome.gate_shortfalls.empty()) {
                message += "\n" + shortfall_text(outcome);
            }
            if (message.back() == '\n') {
                message.pop_back();
            }
            append_result(out, k_gate_rule, fixed, "error", message, uri, {});
        }
        // Errors on a scored input are contradictions with its release (openness verify): each
        // fails the gate, at the manifest line that made the claim.
        for (const util::Diagnostic& d : outcome.diagnostics) {
            if (d.severity == util::Severity::error) {
                const std::string message =
                    "contradicted by the release: " +
                    (d.path.empty() ? d.message : d.path + ": " + d.message);
                append_result(out, k_gate_rule, fixed, "error", message, uri, d.location, message);
            }
        }
        return out;
    }

    void write(const Outcome&, const std::string& rendered) override {
        if (rendered.empty()) {
            return;
        }
        m_out << (m_any ? ",\n" : "\n") << rendered;
        m_any = true;
    }

    void end(const Summary&) override {
        m_out << (m_any ? "\n      ]\n" : "]\n") << "    }\n  ]\n}\n";
        m_out.flush();
    }

private:
    // One result on one line. Written by hand, as the verdicts are (util/json_writer.hpp): there
    // are several per input, and building each as a util::Json tree made `--format sarif` three
    // times slower (0.12 s -> 0.39 s of CPU for 4,000 manifests, 89,370 results).
    static void append_result(std::string& out, const std::string& rule_id,
                              std::optional<std::size_t> rule_index, const char* level,
                              std::string_view message, const std::string& uri,
                              util::Location where, std::string_view what = {}) {
        auto to = std::back_inserter(out);
        out += out.empty() ? "        {\"ruleId\":" : ",\n        {\"ruleId\":";
        util::append_json_string(out, rule_id);
        if (rule_index) {
            fmt::format_to(to, ",\"ruleIndex\":{}", *rule_index);
        }
        fmt::format_to(to, ",\"level\":\"{}\",\"message\":{{\"text\":", level);
        util::append_json_string(out, message);
        out += "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":";
        util::append_json_string(out, uri);
        if (uri.compare(0, 5, "file:") != 0) {
            fmt::format_to(to, ",\"uriBaseId\":\"{}\"", k_uri_base);
        }
        // Code scanning needs a line on every result: where the result points, else the
        // document as a whole (line 1).
        fmt::format_to(to, "}},\"region\":{{\"startLine\":{}", where.line != 0 ? where.line : 1);
        if (where.line != 0 && where.column != 0) {
            fmt::format_to(to, ",\"startColumn\":{}", where.column);
        }
        // Rule and file identify a result (with `what` for rules that can hold several per
        // file); no line goes in, so an alert stays the same alert when lines above it move.
        std::string identity = rule_id + '\n' + uri;
        if (!what.empty()) {
            identity += '\n';
            identity += what;
        }
        fmt::format_to(to, "}}}}}}],\"partialFingerprints\":{{\"opennessResult/v1\":\"{}\"}}}}",
                       util::sha256_hex(identity));
    }

    std::ostream& m_out;
    std::shared_ptr<const rubric::Rubric> m_rubric;
    bool m_any = false;              // a result has been written
};

}  // namespace

std::unique_ptr<Reporter> make_sarif_reporter(std::ostream& out, const Options& options) {
    return std::make_unique<SarifReporter>(out, options);
}

}  // namespace openness::report
