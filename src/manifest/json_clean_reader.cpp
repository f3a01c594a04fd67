// The hot path for clean manifest v1 JSON, what batch scoring meets almost always: simdjson's
// On-Demand parser walks the text straight into a Manifest (no document tree), key by key as the
// manifest table (fields.cpp) describes them. It gives up, and load_manifest_json falls back to
// the full reader, at the first thing that reader would say anything about: a syntax error, a
// duplicate or unknown key, a key written with escapes, a wrong type, a missing required key, a
// limit. So whatever it accepts, the full reader accepts with no diagnostic and the same result;
// tests check both on every fixture and a fuzz target checks it on arbitrary input.
#include "openness/manifest/fields.hpp"
#include "openness/manifest/json_loader.hpp"
#include "openness/util/json_writer.hpp"
#include "openness/util/strings.hpp"

#include <simdjson.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <string>

namespace openness::manifest {

namespace {

namespace od = simdjson::ondemand;

// Thrown to give up; caught in read_clean_manifest_json only.
struct GiveUp {};

template <typename T>
T take(simdjson::simdjson_result<T>&& result) {
    T value;
    if (std::move(result).get(value) != simdjson::SUCCESS) {
        throw GiveUp{};
    }
    return value;
}

// The number of '\n' bytes in [text, text + size), eight at a time.
std::size_t count_newlines(const char* text, std::size_t size) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
    std::size_t count = 0;
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, text + i, 8);
        const std::uint64_t x = word ^ (ones * '\n');
        // The high bit of each byte of `zero` is set exactly where x has a zero byte.
        const std::uint64_t zero = ~(((x & low7) + low7) | x | low7);
        count += static_cast<std::size_t>(((zero >> 7U) * ones) >> 56U);  // sum of the bytes
    }
    for (; i < size; ++i) {
        count += text[i] == '\n' ? 1U : 0U;
    }
    return count;
}

// Whether the n bytes at a and b are equal; short names are compared a word at a time inline
// rather than through a call to memcmp.
bool same_bytes(const char* a, const char* b, std::size_t n) {
    if (n < 8) {
        for (std::size_t i = 0; i < n; ++i) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }
    std::uint64_t x = 0;
    std::uint64_t y = 0;
    for (std::size_t i = 0; i + 8 <= n; i += 8) {
        std::memcpy(&x, a + i, 8);
        std::memcpy(&y, b + i, 8);
        if (x != y) {
            return false;
        }
    }
    std::memcpy(&x, a + n - 8, 8);  // the last 8 bytes, overlapping the words above
    std::memcpy(&y, b + n - 8, 8);
    return x == y;
}

// Per-thread scratch: the parser's buffers and a padded copy of the text, kept between
// manifests so a batch allocates them once per thread.
struct Scratch {
    od::parser parser;
    std::string padded;
};

class CleanReader {
public:
    CleanReader(std::string_view text, const util::JsonLimits& limits)
        : m_text(text), m_limits(limits) {}

    void read(Manifest& manifest, Scratch& scratch) {
        reset(manifest);
        // Limits so low that a clean manifest could break them are left to the full reader.
        if (m_limits.max_depth < 3 || m_limits.max_values < 64 || m_limits.max_members < 32 ||
            m_limits.max_string_bytes < 64) {
            throw GiveUp{};
        }
        m_text = util::without_bom(m_text);  // columns on the first line do not count it either
        scratch.padded.assign(m_text);
        scratch.padded.append(simdjson::SIMDJSON_PADDING, '\0');
        m_base = scratch.padded.data();
        od::document document = take(scratch.parser.iterate(
            simdjson::padded_string_view(scratch.padded.data(), m_text.size(),
                                         scratch.padded.size())));
        od::value root = take(document.get_value());
        read_root(root, manifest);
        // Anything after the root value (its location is in bounds) is trailing content.
        const char* after = nullptr;
        if (document.current_location().get(after) == simdjson::SUCCESS) {
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

    // The line and column where `value` starts. Values are met in document order, so the lines
    // are counted once, from the last position asked for.
    util::Location where(od::value& value) {
        const std::string_view token = value.raw_json_token();
        const auto offset = static_cast<std::size_t>(token.data() - m_base);
        if (offset > m_counted) {
            const std::size_t lines = count_newlines(m_base + m_counted, offset - m_counted);
            if (lines != 0) {
                m_line += lines;
                const void* last = ::memrchr(m_base + m_counted, '\n', offset - m_counted);
                m_line_start = static_cast<std::size_t>(static_cast<const char*>(last) - m_base) + 1;
            }
            m_counted = offset;
        }
        return {m_line, offset - m_line_start + 1};
    }

    // Counts one more value against the document's limit.
    void count_value() {
        if (++m_values >= m_limits.max_values) {
            throw GiveUp{};
        }
    }

    // The field a member name is, compared as written: a table key followed by its closing
    // quote. A name with escapes, or any other name, matches none (table keys are plain ASCII).
    static const Field& field_named(const od::raw_json_string& key, FieldObject object) {
        const char* raw = key.raw();
        for (const Field* f : fields_of(object)) {
            if (raw[0] == f->key[0] && raw[f->key.size()] == '"' &&
                same_bytes(raw, f->key.data(), f->key.size())) {
                return *f;
            }
        }
        throw GiveUp{};
    }

    // The fields of one object, from the table, gathered once.
    static const std::vector<const Field*>& fields_of(FieldObject object) {
        static const std::array<std::vector<const Field*>, 3> k_by_object = [] {
            std::array<std::vector<const Field*>, 3> out;
            for (const Field& f : manifest_fields()) {
                out[static_cast<std::size_t>(f.object)].push_back(&f);
            }
            return out;
        }();
        return k_by_object[static_cast<std::size_t>(object)];
    }

    // The artifact a member of `group` names, compared as written the same way.
    static ArtifactId member_named(const od::raw_json_string& key, std::string_view group) {
        const char* raw = key.raw();
        for (const ArtifactSpec& s : artifact_specs()) {
            if (s.key.size() <= group.size() + 1 || s.key[group.size()] != '.' ||
                !util::starts_with(s.key, group)) {
                continue;
            }
            const std::string_view member = s.key.substr(group.size() + 1);
            if (raw[0] == member[0] && raw[member.size()] == '"' &&
                same_bytes(raw, member.data(), member.size())) {
                return s.id;
            }
        }
        throw GiveUp{};
    }

    // Marks member `bit` seen; a second sighting is a duplicate key.
    static void see(std::uint32_t& seen, std::size_t bit) {
        if ((seen & (1U << bit)) != 0) {
            throw GiveUp{};
        }
        seen |= 1U << bit;
    }

    std::string_view read_string(od::value& value) {
        count_value();
        const std::string_view text = take(value.get_string());
        if (text.size() > m_limits.max_string_bytes) {
            throw GiveUp{};
        }
        return text;
    }

    // A license: non-blank and not longer than any license can be.
    void read_license(od::value& value, std::optional<std::string>& out) {
        const std::string_view text = read_string(value);
        if (util::is_blank(text) || text.size() > k_max_license_bytes) {
            throw GiveUp{};
        }
        out.emplace(text);
    }

    od::object open_object(od::value& value) {
        count_value();
        return take(value.get_object());
    }

    // Reads each member of an object of `kind` by the table, then checks the required ones.
    void read_fields(od::object& object, FieldObject kind, Manifest& manifest,
                     Artifact* artifact) {
        std::uint32_t seen = 0;
        for (auto member : object) {
            od::field field = take(std::move(member));
            const Field& f = field_named(field.key(), kind);
            see(seen, static_cast<std::size_t>(f.id));
            read_field(f, field.value(), manifest, artifact);
        }
        for (const Field* f : fields_of(kind)) {
            if (f->required && (seen & (1U << static_cast<std::size_t>(f->id))) == 0) {
                throw GiveUp{};
            }
        }
        if (kind == FieldObject::root &&
            (seen & (1U << static_cast<std::size_t>(FieldId::sources))) == 0) {
            manifest.sources.clear();
        }
    }

    void read_field(const Field& f, od::value& value, Manifest& manifest, Artifact* artifact) {
        switch (f.type) {
        case FieldType::string: {
            const std::string_view text = read_string(value);
            if (std::string* out = string_slot(f.id, manifest, artifact)) {
                out->assign(text);
            } else if (f.id == FieldId::schema) {
                // Kept as the full reader keeps it, so that a rewrite still names its schema.
                std::string json;
                util::append_json_string(json, text);
                manifest.extras.push_back({"", "$schema", std::move(json)});
            }
            return;
        }
        case FieldType::license:
            if (artifact != nullptr) {
                read_license(value, artifact->license);
            } else {
                manifest.license_position = where(value);
                read_license(value, manifest.license);
            }
            return;
        case FieldType::boolean:  // "available", the one boolean
            count_value();
            artifact->availability =
                take(value.get_bool()) ? Availability::released : Availability::not_released;
            return;
        case FieldType::version:
            count_value();
            if (take(value.get_int64()) != 1) {
                throw GiveUp{};
            }
            manifest.manifest_version = 1;
            return;
        case FieldType::access:
            manifest.access = parse_access(read_string(value));
            if (!manifest.access) {
                throw GiveUp{};
            }
            return;
        case FieldType::string_list:
            read_sources(value, manifest.sources);
            return;
        case FieldType::model: {
            od::object object = open_object(value);
            read_fields(object, FieldObject::model, manifest, nullptr);
            return;
        }
        case FieldType::group:
            read_group(value, f.key, manifest);
            return;
        case FieldType::artifact:
            read_artifact(value, manifest.artifact(*find_artifact(f.key)), manifest);
            return;
        }
    }

    void read_artifact(od::value& value, Artifact& artifact, Manifest& manifest) {
        artifact.listed = true;
        artifact.position = where(value);
        od::object object = open_object(value);
        read_fields(object, FieldObject::artifact, manifest, &artifact);
    }

    // A group such as "weights", whose members are the artifacts "<group>.<member>".
    void read_group(od::value& value, std::string_view group, Manifest& manifest) {
        const util::Location group_position = where(value);
        od::object object = open_object(value);
        std::uint32_t seen = 0;
        for (auto item : object) {
            od::field field = take(std::move(item));
            const ArtifactId id = member_named(field.key(), group);
            see(seen, static_cast<std::size_t>(id));
            read_artifact(field.value(), manifest.artifact(id), manifest);
        }
        place_unlisted(manifest, group, group_position);
    }

    // Reads into the strings `out` already holds before adding more, then drops the rest.
    void read_sources(od::value& value, std::vector<std::string>& out) {
        count_value();
        od::array array = take(value.get_array());
        std::size_t count = 0;
        for (auto item : array) {
            od::value element = take(std::move(item));
            if (count + 1 >= m_limits.max_members) {
                throw GiveUp{};
            }
            const std::string_view text = read_string(element);
            if (count < out.size()) {
                out[count].assign(text);
            } else {
                out.emplace_back(text);
            }
            ++count;
        }
        out.resize(count);
    }

    void read_root(od::value& root, Manifest& manifest) {
        od::object object = open_object(root);
        read_fields(object, FieldObject::root, manifest, nullptr);
    }

    std::string_view m_text;
    const util::JsonLimits& m_limits;
    const char* m_base = nullptr;
    std::size_t m_counted = 0;  // lines are counted up to here
    std::size_t m_line = 1;
    std::size_t m_line_start = 0;
    std::size_t m_values = 0;
};

}  // namespace

bool read_clean_manifest_json(std::string_view text, const std::string& source,
                              const util::JsonLimits& limits, Manifest& into) {
    thread_local Scratch scratch;
    into.source = source;
    try {
        CleanReader(text, limits).read(into, scratch);
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
