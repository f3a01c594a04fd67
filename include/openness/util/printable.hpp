#pragma once

#include <string>
#include <string_view>

namespace openness::util {

// Untrusted text made safe to print as one piece of a line on a terminal, in a CI log or in any
// line-oriented text: C0 and C1 control characters, DEL and the bidirectional overrides are
// shown as escapes (`\n`, `\x1b`, `\u202e`), bytes that are not UTF-8 as `\xff`; and since a CI
// runner reads every line of a step's output for workflow commands, `##[` becomes `##\x5b` and a
// `::` at the start or after white space `\x3a:`. Everything else is kept as it is.
std::string printable(std::string_view text);

// Appends printable(text) to `out`.
void append_printable(std::string& out, std::string_view text);

// True when `text` at `i` starts a workflow command a runner would act on if a line started
// here: `::` (after white space). Formats that keep line breaks use it to escape that colon.
bool starts_workflow_command(std::string_view text, std::size_t i);

}  // namespace openness::util
