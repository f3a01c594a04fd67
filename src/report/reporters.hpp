#pragma once

#include "openness/report/neutralise.hpp"
#include "openness/report/report.hpp"

#include <nlohmann/json_fwd.hpp>

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
// Appends format_score(score) to `out`.
void append_score(std::string& out, double score);

// "1 manifest", "2 manifests": a batch's size as every summary writes it.
std::string manifest_count(std::size_t count);

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

// A gate's shortfall, headed in plain text (each format neutralises it): "missing for
// open-weights (open weights), the gate's minimum", or the tier above it that is described.
std::string shortfall_heading(const engine::Shortfall& shortfall);

// The closing sentence of a shortfall whose components are all released, else "".
std::string shortfall_terms_note(const engine::Shortfall& shortfall);

// An outcome's gate shortfalls as plain lines (each format neutralises them): per shortfall a
// heading (named by rubric when several were scored), one "- need (rules: ...)" line per need,
// and the terms-only note if any; "" when it has none, else it ends with a newline.
std::string shortfall_text(const Outcome& outcome);

// An outcome's gate shortfalls in Markdown (text neutralised), each line starting with
// `indent`: a heading line, then a list with one item per need; "" when it has none.
std::string shortfall_markdown(const Outcome& outcome, const std::string& indent);

// After a Markdown list that shows `listed` of `total` items: "… and N more." when it cut any.
void append_more(std::string& out, std::size_t total, std::size_t listed);

// The ids of rubric rules, joined by ", ".
std::string rule_id_list(const rubric::Rubric& rubric, const std::vector<std::size_t>& rules);

// Appends `"name":`.
void append_json_key(std::string& out, const char* name);

// Appends `"name":` and `text` as a JSON string.
void append_json_member(std::string& out, const char* name, std::string_view text);

// Appends a JSON array of `items`, each written by `append(out, item)`.
template <typename Items, typename Append>
void append_json_array(std::string& out, const Items& items, Append append) {
    out += '[';
    bool first = true;
    for (const auto& item : items) {
        if (!first) {
            out += ',';
        }
        first = false;
        append(out, item);
    }
    out += ']';
}

// Appends a rubric's reference as JSON: {"id":…,"version":…,"sha256":…}.
void append_rubric_json(std::string& out, const rubric::Rubric& rubric);

// The same reference as a JSON value, for documents built with util::Json.
nlohmann::ordered_json rubric_json(const rubric::Rubric& rubric);

}  // namespace openness::report
