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
