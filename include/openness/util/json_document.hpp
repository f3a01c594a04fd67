#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace openness::util {

// A JSON document built in memory (nlohmann's ordered_json: members keep the order they were
// added in), for the documents written once per run; verdicts are written by json_writer.hpp.
using Json = nlohmann::ordered_json;

// Where append_json breaks lines: the first `pretty_depth` levels of nesting one member a line
// (two spaces of indent a level, ": " after keys), deeper values on one line, with a space after
// each ',' and ':' when `spaced`, else none.
struct JsonLayout {
    bool spaced = false;
    std::size_t pretty_depth = 0;
};

// Appends `value` in `layout`, indented as a value `depth` levels down. Strings go through
// append_json_string (the one JSON neutraliser: nlohmann's dump would pass bidirectional
// overrides, C1 controls and "##[" through and stop at bytes that are not UTF-8); a float is
// written in the shortest form that reads back exactly, with ".0" when that would read as an
// integer (as nlohmann writes floats), not-a-number and infinities as null.
void append_json(std::string& out, const Json& value, JsonLayout layout = {}, std::size_t depth = 0);

// A value append_json writes as `text`, unchanged: JSON this project wrote and neutralised
// before (a manifest's kept unknown member, util::append_json_value), kept as text so that what
// it says is written back as it was: nlohmann would read "-0" as the integer 0.
Json raw_json(std::string_view text);

// The number append_json_number writes (integers without a fraction, else one decimal), as a
// value that append_json writes in the same characters.
Json report_number(double value);

}  // namespace openness::util
