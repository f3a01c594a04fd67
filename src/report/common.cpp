#include "reporters.hpp"

#include "openness/util/json_writer.hpp"

#include <cstdio>

namespace openness::report {

std::string format_score(double score) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", score);
    return text;
}

const util::Diagnostic* first_error(const Outcome& outcome) {
    for (const util::Diagnostic& d : outcome.diagnostics) {
        if (d.severity == util::Severity::error) {
            return &d;
        }
    }
    return nullptr;
}

std::vector<util::Diagnostic> read_as_warnings(const Outcome& outcome) {
    std::vector<util::Diagnostic> out;
    if (!outcome.verdict) {
        return out;
    }
    std::vector<std::string> sentences;  // parallel to out: the reading, without the labels
    for (const engine::ArtifactVerdict& a : outcome.verdict->artifacts) {
        const std::string_view label = manifest::spec(a.id).label;
        for (const std::string& sentence : a.classification->read_as) {
            std::size_t i = 0;
            while (i < out.size() && !(sentences[i] == sentence &&
                                       out[i].location.line == a.position.line &&
                                       out[i].location.column == a.position.column)) {
                ++i;
            }
            if (i == out.size()) {
                util::Diagnostic d;
                d.severity = util::Severity::warning;
                d.file = outcome.source;
                d.location = a.position;
                d.message = std::string(label);
                out.push_back(std::move(d));
                sentences.push_back(sentence);
            } else {
                out[i].message += ", ";
                out[i].message += label;
            }
        }
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i].message += ": " + sentences[i];
    }
    return out;
}

const char* markup_entity(char32_t c) {
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    default:
        return nullptr;
    }
}

void append_json_key(std::string& out, const char* name) {
    util::append_json_string(out, name);
    out += ':';
}

void append_rubric_json(std::string& out, const rubric::Rubric& rubric) {
    out += '{';
    append_json_key(out, "id");
    util::append_json_string(out, rubric.id);
    out += ',';
    append_json_key(out, "version");
    util::append_json_string(out, rubric.version);
    out += ',';
    append_json_key(out, "sha256");
    util::append_json_string(out, rubric.sha256);
    out += '}';
}

std::size_t error_count(const Outcome& outcome) {
    std::size_t count = 0;
    for (const util::Diagnostic& d : outcome.diagnostics) {
        count += d.severity == util::Severity::error ? 1 : 0;
    }
    return count;
}

}  // namespace openness::report
