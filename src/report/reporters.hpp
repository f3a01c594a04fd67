#pragma once

#include "openness/report/neutralise.hpp"
#include "openness/report/report.hpp"

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace openness::report {

// Internal constructors behind make_reporter, one per output file.
std::unique_ptr<Reporter> make_json_reporter(std::ostream& out, bool lines, Detail detail);
std::unique_ptr<Reporter> make_text_reporter(std::ostream& out, const Options& options);
std::unique_ptr<Reporter> make_csv_reporter(std::ostream& out, const Options& options);
std::unique_ptr<Reporter> make_markdown_reporter(std::ostream& out, const Options& options);
std::unique_ptr<Reporter> make_sarif_reporter(std::ostream& out, const Options& options);
std::unique_ptr<Reporter> make_junit_reporter(std::ostream& out, const Options& options);
std::unique_ptr<Reporter> make_github_reporter(std::ostream& out, const Options& options);
std::unique_ptr<Reporter> make_html_reporter(std::ostream& out, const Options& options);

// Helpers the formats share (common.cpp).

// A score with one decimal, the way every format but JSON shows it: "42.5", "100.0".
std::string format_score(double score);

// The first error among an outcome's diagnostics; nullptr when it has none.
const util::Diagnostic* first_error(const Outcome& outcome);

// The number of errors among an outcome's diagnostics.
std::size_t error_count(const Outcome& outcome);

// How each license written loosely was read (only tables with resolver rules read so), as
// warnings at the place the manifest states it: "final weights: read 'Apache 2' as Apache-2.0",
// one per reading and place, naming every artifact it applies to. Empty for an invalid input.
std::vector<util::Diagnostic> read_as_warnings(const Outcome& outcome);

// The entity for a character that markup (HTML, XML, SVG) must escape in text and in
// double-quoted attributes: &, <, >, "; nullptr for any other. (Each format decides about ').
const char* markup_entity(char32_t c);

// Appends `"name":`.
void append_json_key(std::string& out, const char* name);

// Appends a rubric's reference as JSON: {"id":…,"version":…,"sha256":…}.
void append_rubric_json(std::string& out, const rubric::Rubric& rubric);

}  // namespace openness::report
