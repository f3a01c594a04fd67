#pragma once

#include "openness/util/diagnostic.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openness::util {

namespace detail {
class JsonParser;  // util/json.cpp: the only builder of JsonValues
}

// A parsed JSON document that remembers where each value started, so loaders can point at it.
// Strict RFC 8259: no comments, no trailing commas, no NaN, UTF-8 validated, surrogates checked.
class JsonValue {
public:
    enum class Kind { null, boolean, number, string, array, object };
    using Member = std::pair<std::string, JsonValue>;

    JsonValue() = default;

    Kind kind() const { return m_kind; }
    Location location() const { return m_location; }

    bool is_null() const { return m_kind == Kind::null; }
    bool is_bool() const { return m_kind == Kind::boolean; }
    bool is_number() const { return m_kind == Kind::number; }
    bool is_string() const { return m_kind == Kind::string; }
    bool is_array() const { return m_kind == Kind::array; }
    bool is_object() const { return m_kind == Kind::object; }

    // Accessors; calling one on the wrong kind is a programming error (asserted in debug builds).
    bool as_bool() const;
    double as_number() const;
    // True when the number was written without fraction or exponent and fits in int64.
    bool is_integer() const;
    std::int64_t as_integer() const;
    const std::string& as_string() const;
    const std::vector<JsonValue>& items() const;
    const std::vector<Member>& members() const;

    // Object member lookup (first match); nullptr when absent or when this is not an object.
    const JsonValue* find(std::string_view key) const;

    // "null", "a boolean", "a number", "a string", "an array", "an object": for error messages.
    static const char* kind_name(Kind kind);

private:
    friend class detail::JsonParser;  // builds each value and fills in its kind's payload
    JsonValue(Kind kind, Location at) : m_kind(kind), m_location(at) {}

    Kind m_kind = Kind::null;
    Location m_location;
    bool m_bool = false;
    bool m_integer = false;
    std::int64_t m_int = 0;
    double m_number = 0.0;
    std::string m_string;
    std::vector<JsonValue> m_items;
    std::vector<Member> m_members;
};

struct JsonLimits {
    std::size_t max_depth = 64;                    // nesting of arrays and objects
    std::size_t max_string_bytes = 1024 * 1024;    // one string value or key
    std::size_t max_members = 100000;              // entries in one array or object
    std::size_t max_values = 1000000;              // values in the whole document (memory)
};

// Result of parsing: a value, or exactly one error diagnostic (file, line:column, message).
struct JsonParseResult {
    std::optional<JsonValue> value;
    std::optional<Diagnostic> error;
    // Warnings (none at present: a duplicate object key is an error).
    std::vector<Diagnostic> warnings;
};

// Parses `text` as one JSON document; `source` names it in diagnostics.
// A leading UTF-8 byte order mark is skipped. Never throws on malformed input.
JsonParseResult parse_json(std::string_view text, const std::string& source,
                           const JsonLimits& limits = {});

// Unless `value` is of `kind`, reports "expected <kind>, got <its kind>" at it (document path
// `path`) to `sink`; returns whether it is.
bool expect_kind(const JsonValue& value, JsonValue::Kind kind, const std::string& path,
                 DiagnosticSink& sink);

}  // namespace openness::util
