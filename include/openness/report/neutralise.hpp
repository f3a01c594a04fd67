#pragma once

// One neutralising function per output format. Every string that comes from input (a manifest,
// a file name, a rubric file, a diagnostic quoting either) goes through the function of the
// format and stream it is written to, and through no other; docs/ROBUSTNESS.md lists what each
// does. JSON (and SARIF) use util::append_json_string.

#include <string>
#include <string_view>

namespace openness::report {

// Terminal and plain text (text reports, diff text, stderr diagnostics, progress, GitHub log
// lines): util::printable, i.e. control characters, bidirectional overrides and bytes that are
// not UTF-8 shown as escapes, workflow-command openers defused.
std::string terminal_text(std::string_view text);

// Appends one CSV field (RFC 4180): terminal_text's escapes, then a `'` before a cell that a
// spreadsheet would read as a formula (starting with =, +, -, @, tab or CR, as OWASP
// recommends), then quotes when the field holds a comma or a quote (quotes doubled).
void append_csv_field(std::string& out, std::string_view text);

// Inline GitHub-flavoured Markdown: every character that could start emphasis, code, a link, an
// image, raw HTML or an entity is backslash-escaped, `|` too, so a table keeps its columns; line
// breaks become `<br>` (in a table cell) or a space, other control characters a space; C1
// controls, bidirectional overrides and bytes that are not UTF-8 become U+FFFD; `@name`, `#123`,
// `://` and `www.` get a zero-width space (as an entity) so they ping no one and link nowhere.
std::string markdown_text(std::string_view text, bool in_cell);

// Untrusted text as a Markdown code span: control characters and bytes that are not UTF-8 as
// U+FFFD, line breaks as spaces, `|` escaped in a table cell, and a fence of backticks longer
// than any run inside, so nothing in it is markup, a mention or a link.
std::string markdown_code(std::string_view text, bool in_cell);

// HTML text or a double- or single-quoted attribute value: markup characters as entities,
// control characters (but tab and line feed) and bytes that are not UTF-8 as U+FFFD, and
// workflow-command openers as character references.
std::string html_text(std::string_view text);

// A URL for an href: escaped as html_text when it is an absolute http or https URL; empty (no
// link) for anything else (javascript:, data:, relative references).
std::string html_url(std::string_view url);

// A GitHub workflow command's message: `%`, CR and LF percent-encoded, as the runner decodes;
// other control characters and bytes that are not UTF-8 as U+FFFD.
std::string github_data(std::string_view text);

// A GitHub workflow command's property value (file=, title=): github_data plus `:` and `,`.
std::string github_property(std::string_view text);

// Appends XML 1.0 character data (or, with `attribute`, a double-quoted attribute value): the
// five special characters as entities; characters XML forbids and bytes that are not UTF-8 as
// U+FFFD; tabs, CR and LF in attributes (and CR in text) as character references; and
// workflow-command openers as character references.
void append_xml(std::string& out, std::string_view text, bool attribute);

}  // namespace openness::report
