#include "openness/manifest/json_writer.hpp"

#include "openness/manifest/fields.hpp"
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

// {"available": …, "license": …, "location": …, "notes": …}: the artifact fields in table order,
// each optional one only when it holds something.
void append_artifact(std::string& out, const Manifest& m, const Artifact& a,
                     std::string_view key) {
    const char* separator = "{";
    for (const Field& f : manifest_fields()) {
        if (f.object != FieldObject::artifact) {
            continue;
        }
        std::string text;
        bool boolean = false;
        if (f.type == FieldType::boolean) {
            boolean = true;
        } else if (f.type == FieldType::license) {
            if (!a.license) {
                continue;
            }
            text = *a.license;
        } else if (f.id == FieldId::artifact_notes) {
            text = artifact_notes(m, a);
        } else if (const std::string* value = string_slot(f.id, m, &a)) {
            text = *value;
        }
        if (!boolean && text.empty()) {
            continue;
        }
        out += separator;
        separator = ", ";
        append_json_string(out, f.key);
        out += ": ";
        if (boolean) {
            out += a.availability == Availability::released ? "true" : "false";
        } else {
            append_json_string(out, text);
        }
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

// "model": {…}: the required name always, every other model field when it is not empty.
void append_model(std::string& out, const Manifest& m) {
    out += "{";
    bool first = true;
    for (const Field& f : manifest_fields()) {
        if (f.object != FieldObject::model) {
            continue;
        }
        const std::string& value = *string_slot(f.id, m, nullptr);
        if (value.empty() && !f.required) {
            continue;
        }
        out += first ? "\n    " : ",\n    ";
        first = false;
        append_json_string(out, f.key);
        out += ": ";
        append_json_string(out, value);
    }
    append_extras(out, m, "model", ",\n    ");
    out += "\n  }";
}

// The top-level notes, with what a converted manifest's reader must know added as sentences.
std::string top_notes(const Manifest& m) {
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
    return notes;
}

// Starts the top-level member `key`.
void open_member(std::string& out, std::string_view key) {
    out += out.size() == 1 ? "\n  " : ",\n  ";
    append_json_string(out, key);
    out += ": ";
}

}  // namespace

std::string write_manifest_json(const Manifest& m) {
    std::string out = "{";
    for (const Field& f : manifest_fields()) {
        if (f.object != FieldObject::root) {
            continue;
        }
        switch (f.type) {
        case FieldType::version:
            open_member(out, f.key);
            out += "1";
            break;
        case FieldType::model:
            open_member(out, f.key);
            append_model(out, m);
            break;
        case FieldType::access:
            open_member(out, f.key);
            append_json_string(out, m.access ? access_name(*m.access) : "none");
            break;
        case FieldType::license:
            if (m.license) {
                open_member(out, f.key);
                append_json_string(out, *m.license);
            }
            break;
        case FieldType::group:
        case FieldType::artifact:
            append_group(out, m, f.key);
            break;
        case FieldType::string_list:
            if (!m.sources.empty()) {
                open_member(out, f.key);
                out += "[";
                for (std::size_t i = 0; i < m.sources.size(); ++i) {
                    out += i == 0 ? "\n    " : ",\n    ";
                    append_json_string(out, m.sources[i]);
                }
                out += "\n  ]";
            }
            break;
        case FieldType::string:
            if (f.id == FieldId::notes) {
                const std::string notes = top_notes(m);
                if (!notes.empty()) {
                    open_member(out, f.key);
                    append_json_string(out, notes);
                }
            } else if (f.id == FieldId::schema) {
                for (const ExtraMember& extra : m.extras) {
                    if (extra.object.empty() && extra.key == "$schema") {
                        open_member(out, f.key);
                        out += extra.json;
                        break;
                    }
                }
            }
            break;
        case FieldType::boolean:
            break;
        }
    }
    append_extras(out, m, "", ",\n  ");
    out += "\n}\n";
    return out;
}

}  // namespace openness::manifest
