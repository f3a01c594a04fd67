#include "openness/util/json_document.hpp"

#include "openness/util/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace openness::util {

namespace {

// The subtype that marks a binary value as raw_json's text.
constexpr std::uint8_t k_raw_json = 0x4A;

void append_float(std::string& out, double value) {
    if (!std::isfinite(value)) {
        out += "null";
        return;
    }
    char buffer[32];
    const std::to_chars_result written = std::to_chars(buffer, buffer + sizeof buffer, value);
    const std::string_view text(buffer, static_cast<std::size_t>(written.ptr - buffer));
    out += text;
    if (text.find_first_of(".e") == std::string_view::npos) {
        out += ".0";
    }
}

}  // namespace

void append_json(std::string& out, const Json& value, JsonLayout layout, std::size_t depth) {
    switch (value.type()) {
    case Json::value_t::string:
        append_json_string(out, value.get_ref<const std::string&>());
        return;
    case Json::value_t::number_float:
        append_float(out, value.get<double>());
        return;
    case Json::value_t::binary:
        if (value.get_binary().has_subtype() && value.get_binary().subtype() == k_raw_json) {
            out.append(value.get_binary().begin(), value.get_binary().end());
            return;
        }
        out += value.dump();
        return;
    case Json::value_t::object:
    case Json::value_t::array:
        break;
    default:
        out += value.dump();  // null, true, false and integers: no text of the input in them
        return;
    }
    const bool object = value.is_object();
    if (value.empty()) {
        out += object ? "{}" : "[]";
        return;
    }
    const bool pretty = depth < layout.pretty_depth;
    const std::string indent = pretty ? "\n" + std::string(2 * (depth + 1), ' ') : "";
    const char* comma = pretty || !layout.spaced ? "," : ", ";
    const char* colon = pretty || layout.spaced ? ": " : ":";
    out += object ? '{' : '[';
    for (auto it = value.begin(); it != value.end(); ++it) {
        out += it == value.begin() ? "" : comma;
        out += indent;
        if (object) {
            append_json_string(out, it.key());
            out += colon;
        }
        append_json(out, *it, layout, depth + 1);
    }
    if (pretty) {
        out += '\n';
        out.append(2 * depth, ' ');
    }
    out += object ? '}' : ']';
}

Json raw_json(std::string_view text) {
    return Json::binary(Json::binary_t::container_type(text.begin(), text.end()), k_raw_json);
}

Json report_number(double value) {
    std::string text;
    append_json_number(text, value);
    // Read back as JSON: "10" an integer, "83.3" and "5.0" floats, "null" for what is not finite.
    return Json::parse(text);
}

}  // namespace openness::util
