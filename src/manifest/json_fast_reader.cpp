// The one-pass reader for clean manifest v1 JSON: what batch scoring meets almost always. It reads
// the text straight into a Manifest (no document tree, no key strings), validating the JSON as
// strictly as util::parse_json. It gives up, and load_manifest_json falls back to the full
// reader, at the first thing that reader would say anything about: a syntax error, a duplicate
// or unknown key, a wrong type, a missing required key, a limit. So whatever it accepts, the full
// reader would accept with no diagnostic and the same result; the tests check both on every
// fixture and a fuzz target checks it on arbitrary input.
#include "openness/manifest/json_loader.hpp"

#include "openness/license/expression.hpp"
#include "openness/util/json.hpp"
#include "openness/util/json_writer.hpp"
#include "openness/util/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace openness::manifest {

namespace {

constexpr std::size_t k_max_license_bytes = license::ExpressionLimits{}.max_length;

// Thrown to give up; caught in read_clean_manifest_json only.
struct GiveUp {};

// True when one of the 8 bytes in `word` is a quote, a backslash, a control character or a
// non-ASCII byte, i.e. when a string's plain run may end in it.
inline bool word_has_special(std::uint64_t word) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t high = 0x8080808080808080ULL;
    const std::uint64_t quote = word ^ (ones * '"');
    const std::uint64_t backslash = word ^ (ones * '\\');
    // (v - ones) & ~v & high is non-zero exactly when some byte of v is zero; likewise
    // (word - 0x20 * ones) & ~word & high for some byte below 0x20.
    const std::uint64_t zero_quote = (quote - ones) & ~quote;
    const std::uint64_t zero_backslash = (backslash - ones) & ~backslash;
    const std::uint64_t control = (word - ones * 0x20) & ~word;
    return ((zero_quote | zero_backslash | control | word) & high) != 0;
}

class FastReader {
public:
    FastReader(std::string_view text, const util::JsonLimits& limits)
        : m_text(text), m_limits(limits) {}

    // Reads the text into `manifest`, which it first empties while keeping the strings' memory.
    void read(Manifest& manifest) {
        reset(manifest);
        // Limits so low that a clean manifest could break them are left to the full reader.
        if (m_limits.max_depth < 3 || m_limits.max_values < 64 || m_limits.max_members < 32 ||
            m_limits.max_string_bytes < 64) {
            throw GiveUp{};
        }
        if (m_text.substr(0, 3) == "\xEF\xBB\xBF") {
            m_pos = 3;
            m_line_start = 3;
        }
        read_root(manifest);
        skip_whitespace();
        if (m_pos != m_text.size()) {
            throw GiveUp{};
        }
    }

private:
    static void reset(Manifest& manifest) {
        manifest.format = "manifest-v1";
        manifest.manifest_version = 1;
        manifest.model.name.clear();
        manifest.model.version.clear();
        manifest.model.organization.clear();
        manifest.model.release_date.clear();
        manifest.model.url.clear();
        manifest.access.reset();
        manifest.license.reset();
        manifest.license_position = {};
        for (Artifact& artifact : manifest.artifacts) {
            artifact.availability = Availability::not_released;
            artifact.listed = false;
            artifact.license.reset();
            artifact.location.clear();
            artifact.notes.clear();
            artifact.position = {};
            artifact.provenance.clear();
        }
        // The sources' strings are reused in place by read_sources.
        manifest.notes.clear();
        manifest.limitations.clear();
        manifest.extras.clear();
    }

    util::Location here() const { return {m_line, m_pos - m_line_start + 1}; }

    void skip_whitespace() { util::skip_json_whitespace(m_text, m_pos, m_line, m_line_start); }

    // Skips blanks, then takes `c` or gives up.
    void expect(char c) {
        skip_whitespace();
        if (m_pos == m_text.size() || m_text[m_pos] != c) {
            throw GiveUp{};
        }
        ++m_pos;
    }

    // After blanks, true for `close` (taken), false for ',' (taken); anything else gives up.
    bool at_end_of(char close) {
        skip_whitespace();
        if (m_pos < m_text.size()) {
            const char c = m_text[m_pos++];
            if (c == close) {
                return true;
            }
            if (c == ',') {
                return false;
            }
        }
        throw GiveUp{};
    }

    // Blanks, then the start of a value; counts it against the document's value limit.
    void start_value() {
        skip_whitespace();
        if (++m_values >= m_limits.max_values || m_pos == m_text.size()) {
            throw GiveUp{};
        }
    }

    // A member name: plain ASCII without escapes (any other can only be an unknown key).
    std::string_view read_key() {
        expect('"');
        const std::size_t start = m_pos;
        while (m_pos < m_text.size()) {
            const auto c = static_cast<unsigned char>(m_text[m_pos]);
            if (c == '"') {
                const std::string_view key = m_text.substr(start, m_pos - start);
                ++m_pos;
                expect(':');
                return key;
            }
            if (c == '\\' || c < 0x20 || c >= 0x80) {
                throw GiveUp{};
            }
            ++m_pos;
        }
        throw GiveUp{};
    }

    unsigned hex4(std::size_t at) const {
        if (at + 4 > m_text.size()) {
            throw GiveUp{};
        }
        unsigned value = 0;
        for (std::size_t i = at; i < at + 4; ++i) {
            const char c = m_text[i];
            const unsigned digit = c >= '0' && c <= '9'   ? static_cast<unsigned>(c - '0')
                                   : c >= 'a' && c <= 'f' ? static_cast<unsigned>(c - 'a' + 10)
                                   : c >= 'A' && c <= 'F' ? static_cast<unsigned>(c - 'A' + 10)
                                                          : 16U;
            if (digit == 16U) {
                throw GiveUp{};
            }
            value = (value << 4U) | digit;
        }
        return value;
    }

    // The escape at m_pos (a backslash), decoded onto `out`.
    void read_escape(std::string& out) {
        if (m_pos + 1 >= m_text.size()) {
            throw GiveUp{};
        }
        const char e = m_text[m_pos + 1];
        m_pos += 2;
        if (e != 'u') {
            const char decoded = util::json_escape_char(e);
            if (decoded == '\0') {
                throw GiveUp{};
            }
            out += decoded;
            return;
        }
        unsigned code = hex4(m_pos);
        m_pos += 4;
        if (code >= 0xDC00 && code <= 0xDFFF) {
            throw GiveUp{};
        }
        if (code >= 0xD800 && code <= 0xDBFF) {
            if (m_pos + 1 >= m_text.size() || m_text[m_pos] != '\\' || m_text[m_pos + 1] != 'u') {
                throw GiveUp{};
            }
            const unsigned low = hex4(m_pos + 2);
            if (low < 0xDC00 || low > 0xDFFF) {
                throw GiveUp{};
            }
            m_pos += 6;
            code = 0x10000 + ((code - 0xD800) << 10U) + (low - 0xDC00);
        }
        util::append_utf8(out, code);
    }

    // A string value, decoded into `out` (replacing what it held).
    void read_string(std::string& out) {
        start_value();
        if (m_text[m_pos] != '"') {
            throw GiveUp{};
        }
        ++m_pos;
        out.clear();
        const std::size_t size = m_text.size();
        for (;;) {
            std::size_t run = m_pos;
            std::uint64_t word = 0;
            while (run + 8 <= size) {
                std::memcpy(&word, m_text.data() + run, 8);
                if (word_has_special(word)) {
                    break;
                }
                run += 8;
            }
            while (run < size) {
                const auto c = static_cast<unsigned char>(m_text[run]);
                if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) {
                    break;
                }
                ++run;
            }
            out.append(m_text.data() + m_pos, run - m_pos);
            m_pos = run;
            if (out.size() > m_limits.max_string_bytes || m_pos == size) {
                throw GiveUp{};
            }
            const auto c = static_cast<unsigned char>(m_text[m_pos]);
            if (c == '"') {
                ++m_pos;
                return;
            }
            if (c == '\\') {
                read_escape(out);
            } else if (c >= 0x80) {
                const std::size_t length = util::utf8_sequence_length(m_text, m_pos);
                if (length == 0) {
                    throw GiveUp{};
                }
                out.append(m_text.data() + m_pos, length);
                m_pos += length;
            } else {
                throw GiveUp{};  // a raw control character
            }
        }
    }

    bool read_bool() {
        start_value();
        if (m_text.compare(m_pos, 4, "true") == 0) {
            m_pos += 4;
            return true;
        }
        if (m_text.compare(m_pos, 5, "false") == 0) {
            m_pos += 5;
            return false;
        }
        throw GiveUp{};
    }

    // A license: non-blank and not longer than any license can be.
    void read_license(std::optional<std::string>& out) {
        std::string text;
        read_string(text);
        if (text.find_first_not_of(" \t\r\n") == std::string::npos ||
            text.size() > k_max_license_bytes) {
            throw GiveUp{};
        }
        out = std::move(text);
    }

    // Opens an object value; true when it is empty (and already closed).
    bool open_object() {
        start_value();
        if (m_text[m_pos] != '{') {
            throw GiveUp{};
        }
        ++m_pos;
        skip_whitespace();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            ++m_pos;
            return true;
        }
        return false;
    }

    // Marks member `bit` seen; a second sighting is a duplicate key.
    static void see(unsigned& seen, unsigned bit) {
        if ((seen & (1U << bit)) != 0) {
            throw GiveUp{};
        }
        seen |= 1U << bit;
    }

    void read_artifact(Artifact& artifact) {
        skip_whitespace();
        artifact.listed = true;
        artifact.position = here();
        if (open_object()) {
            throw GiveUp{};  // "available" is required
        }
        unsigned seen = 0;
        do {
            const std::string_view key = read_key();
            if (key == "available") {
                see(seen, 0);
                artifact.availability =
                    read_bool() ? Availability::released : Availability::not_released;
            } else if (key == "license") {
                see(seen, 1);
                read_license(artifact.license);
            } else if (key == "location") {
                see(seen, 2);
                read_string(artifact.location);
            } else if (key == "notes") {
                see(seen, 3);
                read_string(artifact.notes);
            } else {
                throw GiveUp{};
            }
        } while (!at_end_of('}'));
        if ((seen & 1U) == 0) {
            throw GiveUp{};
        }
    }

    // A group such as "weights", whose members are the artifacts "<group>.<member>".
    void read_group(std::string_view group, Manifest& manifest) {
        skip_whitespace();
        const util::Location where = here();
        if (open_object()) {
            place_unlisted(manifest, group, where);
            return;
        }
        std::uint32_t seen = 0;
        char buffer[64];
        do {
            const std::string_view member = read_key();
            if (group.size() + 1 + member.size() > sizeof buffer) {
                throw GiveUp{};
            }
            group.copy(buffer, group.size());
            buffer[group.size()] = '.';
            member.copy(buffer + group.size() + 1, member.size());
            const std::optional<ArtifactId> id =
                find_artifact(std::string_view(buffer, group.size() + 1 + member.size()));
            if (!id) {
                throw GiveUp{};
            }
            see(seen, static_cast<unsigned>(*id));
            read_artifact(manifest.artifact(*id));
        } while (!at_end_of('}'));
        place_unlisted(manifest, group, where);
    }

    void read_model(ModelInfo& model) {
        if (open_object()) {
            throw GiveUp{};  // "name" is required
        }
        unsigned seen = 0;
        do {
            const std::string_view key = read_key();
            if (key == "name") {
                see(seen, 0);
                read_string(model.name);
            } else if (key == "version") {
                see(seen, 1);
                read_string(model.version);
            } else if (key == "organization") {
                see(seen, 2);
                read_string(model.organization);
            } else if (key == "release_date") {
                see(seen, 3);
                read_string(model.release_date);
            } else if (key == "url") {
                see(seen, 4);
                read_string(model.url);
            } else {
                throw GiveUp{};
            }
        } while (!at_end_of('}'));
        if ((seen & 1U) == 0) {
            throw GiveUp{};
        }
    }

    // Reads into the strings `out` already holds before adding more, then drops the rest.
    void read_sources(std::vector<std::string>& out) {
        start_value();
        if (m_text[m_pos] != '[') {
            throw GiveUp{};
        }
        ++m_pos;
        skip_whitespace();
        std::size_t count = 0;
        if (m_pos < m_text.size() && m_text[m_pos] == ']') {
            ++m_pos;
        } else {
            do {
                if (count + 1 >= m_limits.max_members) {
                    throw GiveUp{};
                }
                read_string(count < out.size() ? out[count] : out.emplace_back());
                ++count;
            } while (!at_end_of(']'));
        }
        out.resize(count);
    }

    // manifest_version: exactly the integer 1.
    void read_version(Manifest& manifest) {
        start_value();
        const std::size_t next = m_pos + 1;
        if (m_text[m_pos] != '1' ||
            (next < m_text.size() &&
             ((m_text[next] >= '0' && m_text[next] <= '9') || m_text[next] == '.' ||
              m_text[next] == 'e' || m_text[next] == 'E'))) {
            throw GiveUp{};
        }
        m_pos = next;
        manifest.manifest_version = 1;
    }

    void read_root(Manifest& manifest) {
        skip_whitespace();
        if (open_object()) {
            throw GiveUp{};
        }
        enum Key : unsigned {
            k_schema,
            k_version,
            k_model,
            k_access,
            k_license,
            k_weights,
            k_architecture,
            k_hyperparameters,
            k_data,
            k_code,
            k_documentation,
            k_sources,
            k_notes
        };
        unsigned seen = 0;
        std::string scratch;
        do {
            const std::string_view key = read_key();
            if (key == "manifest_version") {
                see(seen, k_version);
                read_version(manifest);
            } else if (key == "model") {
                see(seen, k_model);
                read_model(manifest.model);
            } else if (key == "access") {
                see(seen, k_access);
                read_string(scratch);
                manifest.access = parse_access(scratch);
                if (!manifest.access) {
                    throw GiveUp{};
                }
            } else if (key == "license") {
                see(seen, k_license);
                skip_whitespace();
                manifest.license_position = here();
                read_license(manifest.license);
            } else if (key == "weights") {
                see(seen, k_weights);
                read_group(key, manifest);
            } else if (key == "data") {
                see(seen, k_data);
                read_group(key, manifest);
            } else if (key == "code") {
                see(seen, k_code);
                read_group(key, manifest);
            } else if (key == "documentation") {
                see(seen, k_documentation);
                read_group(key, manifest);
            } else if (key == "architecture") {
                see(seen, k_architecture);
                read_artifact(manifest.artifact(ArtifactId::architecture));
            } else if (key == "hyperparameters") {
                see(seen, k_hyperparameters);
                read_artifact(manifest.artifact(ArtifactId::hyperparameters));
            } else if (key == "sources") {
                see(seen, k_sources);
                read_sources(manifest.sources);
            } else if (key == "notes") {
                see(seen, k_notes);
                read_string(manifest.notes);
            } else if (key == "$schema") {
                see(seen, k_schema);
                read_string(scratch);
                // Kept as the full reader keeps it, so that a rewrite still names its schema.
                std::string json;
                util::append_json_string(json, scratch);
                manifest.extras.push_back({"", "$schema", std::move(json)});
            } else {
                throw GiveUp{};
            }
        } while (!at_end_of('}'));
        if ((seen & (1U << k_sources)) == 0) {
            manifest.sources.clear();
        }
        constexpr unsigned required = (1U << k_version) | (1U << k_model) | (1U << k_access);
        if ((seen & required) != required) {
            throw GiveUp{};
        }
    }

    std::string_view m_text;
    const util::JsonLimits& m_limits;
    std::size_t m_pos = 0;
    std::size_t m_line = 1;
    std::size_t m_line_start = 0;
    std::size_t m_values = 0;
};

}  // namespace

bool read_clean_manifest_json(std::string_view text, const std::string& source,
                              const util::JsonLimits& limits, Manifest& into) {
    into.source = source;
    try {
        FastReader(text, limits).read(into);
    } catch (const GiveUp&) {
        return false;
    }
    return true;
}

std::optional<Manifest> read_clean_manifest_json(std::string_view text, const std::string& source,
                                                 const util::JsonLimits& limits) {
    std::optional<Manifest> manifest(std::in_place);
    if (!read_clean_manifest_json(text, source, limits, *manifest)) {
        return std::nullopt;
    }
    return manifest;
}

}  // namespace openness::manifest
