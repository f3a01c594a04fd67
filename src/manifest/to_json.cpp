#include "openness/manifest/to_json.hpp"

#include "openness/util/json_writer.hpp"

#include <string_view>

namespace openness::manifest {

namespace {

using util::append_json_string;

// Builds indented JSON objects member by member; each member goes on its own line.
class ObjectWriter {
public:
    ObjectWriter(std::string& out, int depth) : m_out(out), m_depth(depth) { m_out += '{'; }

    // Starts a member: the separator, the indentation and the key.
    void key(std::string_view name) {
        m_out += m_empty ? "\n" : ",\n";
        m_empty = false;
        m_out.append(static_cast<std::size_t>(m_depth + 1) * 2, ' ');
        append_json_string(m_out, name);
        m_out += ": ";
    }

    void string(std::string_view name, std::string_view value) {
        key(name);
        append_json_string(m_out, value);
    }

    // A string member only when the value is non-empty.
    void optional_string(std::string_view name, std::string_view value) {
        if (!value.empty()) {
            string(name, value);
        }
    }

    void close() {
        if (!m_empty) {
            m_out += '\n';
            m_out.append(static_cast<std::size_t>(m_depth) * 2, ' ');
        }
        m_out += '}';
    }

    int depth() const { return m_depth; }
    std::string& out() { return m_out; }

private:
    std::string& m_out;
    int m_depth;
    bool m_empty = true;
};

// An artifact on one line: {"available": true, "license": …, "location": …, "notes": …}.
void write_artifact(ObjectWriter& parent, std::string_view name, const Manifest& manifest,
                    const Artifact& a) {
    parent.key(name);
    std::string& out = parent.out();
    out += a.availability == Availability::released ? "{\"available\": true"
                                                    : "{\"available\": false";
    auto member = [&](const char* key, const std::string& value) {
        out += ", ";
        append_json_string(out, key);
        out += ": ";
        append_json_string(out, value);
    };
    if (a.license) {
        member("license", *a.license);
    }
    if (!a.location.empty()) {
        member("location", a.location);
    }
    std::string notes = a.notes;
    if (a.availability == Availability::unknown) {
        const std::string unknown = "not stated by the source (" + manifest.format +
                                    "): check whether it is released";
        notes = notes.empty() ? unknown : notes + "; " + unknown;
    }
    if (!notes.empty()) {
        member("notes", notes);
    }
    out += '}';
}

}  // namespace

std::string manifest_to_json(const Manifest& manifest) {
    std::string out;
    ObjectWriter root(out, 0);
    root.key("manifest_version");
    out += "1";
    {
        root.key("model");
        ObjectWriter model(out, 1);
        model.string("name", manifest.model.name);
        model.optional_string("version", manifest.model.version);
        model.optional_string("organization", manifest.model.organization);
        model.optional_string("release_date", manifest.model.release_date);
        model.optional_string("url", manifest.model.url);
        model.close();
    }
    root.string("access", access_name(manifest.access.value_or(Access::none)));
    if (manifest.license) {
        root.string("license", *manifest.license);
    }
    // Artifacts grouped by the first part of their key ("weights.final" under "weights").
    std::string_view open_group;
    std::optional<ObjectWriter> group;
    for (const ArtifactSpec& s : artifact_specs()) {
        const Artifact& a = manifest.artifact(s.id);
        if (!a.listed) {
            continue;
        }
        const std::size_t dot = s.key.find('.');
        const std::string_view group_name =
            dot == std::string_view::npos ? std::string_view() : s.key.substr(0, dot);
        if (group && group_name != open_group) {
            group->close();
            group.reset();
        }
        if (group_name.empty()) {
            write_artifact(root, s.key, manifest, a);
            continue;
        }
        if (!group) {
            root.key(group_name);
            group.emplace(out, 1);
            open_group = group_name;
        }
        write_artifact(*group, s.key.substr(dot + 1), manifest, a);
    }
    if (group) {
        group->close();
    }
    if (!manifest.sources.empty()) {
        root.key("sources");
        out += '[';
        for (std::size_t i = 0; i < manifest.sources.size(); ++i) {
            out += i == 0 ? "\n    " : ",\n    ";
            append_json_string(out, manifest.sources[i]);
        }
        out += "\n  ]";
    }
    std::string notes = manifest.notes;
    for (const std::string& limitation : manifest.limitations) {
        notes += (notes.empty() ? "" : " ") + limitation;
        if (!notes.empty() && notes.back() != '.') {
            notes += '.';
        }
    }
    root.optional_string("notes", notes);
    root.close();
    out += '\n';
    return out;
}

}  // namespace openness::manifest
