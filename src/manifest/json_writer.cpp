#include "openness/manifest/json_writer.hpp"

#include "openness/manifest/fields.hpp"
#include "openness/util/json_document.hpp"
#include "openness/util/json_writer.hpp"

namespace openness::manifest {

namespace {

using util::Json;

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

// Adds the kept members of `object` (see ExtraMember) to `out`; "$schema" is written apart.
void add_extras(Json& out, const Manifest& m, std::string_view object) {
    for (const ExtraMember& extra : m.extras) {
        if (extra.object == object && !(object.empty() && extra.key == "$schema")) {
            out[extra.key] = util::raw_json(extra.json);
        }
    }
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
Json artifact_json(const Manifest& m, const Artifact& a, std::string_view key) {
    Json out = Json::object();
    for (const Field& f : manifest_fields()) {
        if (f.object != FieldObject::artifact) {
            continue;
        }
        std::string text;
        if (f.type == FieldType::boolean) {
            out[std::string(f.key)] = a.availability == Availability::released;
            continue;
        }
        if (f.type == FieldType::license) {
            text = a.license.value_or("");
        } else if (f.id == FieldId::artifact_notes) {
            text = artifact_notes(m, a);
        } else if (const std::string* value = string_slot(f.id, m, &a)) {
            text = *value;
        }
        if (!text.empty()) {
            out[std::string(f.key)] = std::move(text);
        }
    }
    add_extras(out, m, key);
    return out;
}

// The written artifacts of a group ("weights": {"final": …}) and its kept members; empty when
// it has none.
Json group_json(const Manifest& m, std::string_view group) {
    Json out = Json::object();
    for (const ArtifactSpec& s : artifact_specs()) {
        if (written(m.artifact(s.id)) && s.key.size() > group.size() &&
            s.key.substr(0, group.size()) == group && s.key[group.size()] == '.') {
            out[std::string(s.key.substr(group.size() + 1))] =
                artifact_json(m, m.artifact(s.id), s.key);
        }
    }
    add_extras(out, m, group);
    return out;
}

// The required name always, every other model field when it is not empty.
Json model_json(const Manifest& m) {
    Json out = Json::object();
    for (const Field& f : manifest_fields()) {
        if (f.object != FieldObject::model) {
            continue;
        }
        const std::string& value = *string_slot(f.id, m, nullptr);
        if (!value.empty() || f.required) {
            out[std::string(f.key)] = value;
        }
    }
    add_extras(out, m, "model");
    return out;
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

}  // namespace

std::string write_manifest_json(const Manifest& m) {
    // Top-level members one a line; the model, groups and sources one member a line below them,
    // artifacts and kept members on one line each.
    std::string out = "{";
    const auto member = [&out](std::string_view key, const Json& value, bool expanded) {
        out += out.size() == 1 ? "\n  " : ",\n  ";
        util::append_json_string(out, key);
        out += ": ";
        util::append_json(out, value, {true, expanded ? 2U : 0U}, 1);
    };
    for (const Field& f : manifest_fields()) {
        if (f.object != FieldObject::root) {
            continue;
        }
        switch (f.type) {
        case FieldType::version:
            member(f.key, 1, false);
            break;
        case FieldType::model:
            member(f.key, model_json(m), true);
            break;
        case FieldType::access:
            member(f.key, m.access ? access_name(*m.access) : "none", false);
            break;
        case FieldType::license:
            if (m.license) {
                member(f.key, *m.license, false);
            }
            break;
        case FieldType::artifact:
            if (const Artifact& a = m.artifact(*find_artifact(f.key)); written(a)) {
                member(f.key, artifact_json(m, a, f.key), false);
                break;
            }
            [[fallthrough]];  // not written: only its kept members, if any, as a group's
        case FieldType::group:
            if (const Json group = group_json(m, f.key); !group.empty()) {
                member(f.key, group, true);
            }
            break;
        case FieldType::string_list:
            if (!m.sources.empty()) {
                member(f.key, m.sources, true);
            }
            break;
        case FieldType::string:
            if (f.id == FieldId::notes) {
                if (const std::string notes = top_notes(m); !notes.empty()) {
                    member(f.key, notes, false);
                }
            } else if (f.id == FieldId::schema) {
                for (const ExtraMember& extra : m.extras) {
                    if (extra.object.empty() && extra.key == "$schema") {
                        member(f.key, util::raw_json(extra.json), false);
                        break;
                    }
                }
            }
            break;
        case FieldType::boolean:
            break;
        }
    }
    Json extras = Json::object();
    add_extras(extras, m, "");
    for (auto it = extras.begin(); it != extras.end(); ++it) {
        member(it.key(), it.value(), false);
    }
    out += "\n}\n";
    return out;
}

}  // namespace openness::manifest
