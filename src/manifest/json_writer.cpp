#include "openness/manifest/json_writer.hpp"

#include "openness/util/json_writer.hpp"

namespace openness::manifest {

namespace {

using util::append_json_string;

void sentence(std::string& out, const std::string& text) {
    if (text.empty()) {
        return;
    }
    if (!out.empty()) {
        out += out.back() == '.' ? " " : ". ";
    }
    out += text;
}

bool written(const Artifact& a) { return a.listed || a.availability != Availability::not_released; }

// Appends the kept members of `object` (see ExtraMember), each after `separator` (which starts
// with a comma, left out before the first member when `first`); "$schema" is written apart.
void append_extras(std::string& out, const Manifest& m, std::string_view object,
                   const char* separator, bool first = false) {
    for (const ExtraMember& extra : m.extras) {
        if (extra.object == object && !(object.empty() && extra.key == "$schema")) {
            out += first ? separator + 1 : separator;
            first = false;
            append_json_string(out, extra.key);
            out += ": ";
            out += extra.json;
        }
    }
}

bool has_extras(const Manifest& m, std::string_view object) {
    for (const ExtraMember& extra : m.extras) {
        if (extra.object == object) {
            return true;
        }
    }
    return false;
}

std::string artifact_notes(const Manifest& m, const Artifact& a) {
    std::string notes = a.notes;
    if (a.availability == Availability::unknown) {
        const std::string why = a.provenance.empty() ? "not stated in " + m.format : a.provenance;
        sentence(notes, why + "; check and complete");
    } else if (!a.provenance.empty()) {
        sentence(notes, "from " + a.provenance);
    }
    return notes;
}

void append_artifact(std::string& out, const Manifest& m, const Artifact& a,
                     std::string_view key) {
    out += "{\"available\": ";
    out += a.availability == Availability::released ? "true" : "false";
    if (a.license) {
        out += ", \"license\": ";
        append_json_string(out, *a.license);
    }
    if (!a.location.empty()) {
        out += ", \"location\": ";
        append_json_string(out, a.location);
    }
    const std::string notes = artifact_notes(m, a);
    if (!notes.empty()) {
        out += ", \"notes\": ";
        append_json_string(out, notes);
    }
    append_extras(out, m, key, ", ");
    out += '}';
}

// Writes one group ("weights": {"final": …}) or a single artifact ("architecture": …).
void append_group(std::string& out, const Manifest& m, std::string_view group) {
    std::vector<const ArtifactSpec*> members;
    const ArtifactSpec* single = nullptr;
    for (const ArtifactSpec& s : artifact_specs()) {
        if (!written(m.artifact(s.id))) {
            continue;
        }
        if (s.key == group) {
            single = &s;
        } else if (s.key.size() > group.size() && s.key.substr(0, group.size()) == group &&
                   s.key[group.size()] == '.') {
            members.push_back(&s);
        }
    }
    if (single != nullptr) {
        out += ",\n  ";
        append_json_string(out, group);
        out += ": ";
        append_artifact(out, m, m.artifact(single->id), single->key);
        return;
    }
    if (members.empty() && !has_extras(m, group)) {
        return;
    }
    out += ",\n  ";
    append_json_string(out, group);
    out += ": {";
    for (std::size_t i = 0; i < members.size(); ++i) {
        out += i == 0 ? "\n    " : ",\n    ";
        append_json_string(out, members[i]->key.substr(group.size() + 1));
        out += ": ";
        append_artifact(out, m, m.artifact(members[i]->id), members[i]->key);
    }
    append_extras(out, m, group, ",\n    ", members.empty());
    out += "\n  }";
}

void append_field(std::string& out, const char* key, const std::string& value, bool& first) {
    if (value.empty() && !first) {
        return;
    }
    out += first ? "\n    " : ",\n    ";
    first = false;
    append_json_string(out, key);
    out += ": ";
    append_json_string(out, value);
}

}  // namespace

std::string write_manifest_json(const Manifest& m) {
    std::string out = "{";
    for (const ExtraMember& extra : m.extras) {
        if (extra.object.empty() && extra.key == "$schema") {
            out += "\n  \"$schema\": " + extra.json + ",";
            break;
        }
    }
    out += "\n  \"manifest_version\": 1,\n  \"model\": {";
    bool first = true;
    append_field(out, "name", m.model.name, first);
    append_field(out, "version", m.model.version, first);
    append_field(out, "organization", m.model.organization, first);
    append_field(out, "release_date", m.model.release_date, first);
    append_field(out, "url", m.model.url, first);
    append_extras(out, m, "model", ",\n    ");
    out += "\n  },\n  \"access\": ";
    append_json_string(out, m.access ? access_name(*m.access) : "none");
    if (m.license) {
        out += ",\n  \"license\": ";
        append_json_string(out, *m.license);
    }
    for (const char* group :
         {"weights", "architecture", "hyperparameters", "data", "code", "documentation"}) {
        append_group(out, m, group);
    }
    if (!m.sources.empty()) {
        out += ",\n  \"sources\": [";
        for (std::size_t i = 0; i < m.sources.size(); ++i) {
            out += i == 0 ? "\n    " : ",\n    ";
            append_json_string(out, m.sources[i]);
        }
        out += "\n  ]";
    }
    std::string notes = m.notes;
    if (m.format != "manifest-v1") {
        sentence(notes, "Converted from " + m.source + " (" + m.format +
                            ") by openness convert; artifacts the source does not state are "
                            "written as not available: check and complete them");
    }
    for (const std::string& limitation : m.limitations) {
        sentence(notes, "Limitation: " + limitation);
    }
    if (!m.access) {
        sentence(notes,
                 "Access is not stated in the source; \"none\" is a placeholder: check and "
                 "complete");
    }
    if (!notes.empty()) {
        out += ",\n  \"notes\": ";
        append_json_string(out, notes);
    }
    append_extras(out, m, "", ",\n  ");
    out += "\n}\n";
    return out;
}

}  // namespace openness::manifest
