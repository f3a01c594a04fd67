#include "openness/manifest/fields.hpp"

#include "openness/manifest/manifest.hpp"
#include "openness/util/strings.hpp"

#include <nlohmann/json.hpp>

#include <cstring>
#include <string>

namespace openness::manifest {

namespace {

using F = FieldId;
using O = FieldObject;
using T = FieldType;

const std::vector<Field> k_fields = {
    {F::schema, O::root, "$schema", T::string, false, "", ""},
    {F::manifest_version, O::root, "manifest_version", T::version, true,
     " (this openness reads 1)", ""},
    {F::model, O::root, "model", T::model, true, "", ""},
    {F::access, O::root, "access", T::access, true, " (one of none, api, gated, download)",
     "How the model is reached: not at all, through an API only, by download after accepting "
     "terms or logging in (gated), or by plain download."},
    {F::license, O::root, "license", T::license, false, "",
     "Applies to every available artifact that names no license of its own."},
    {F::weights, O::root, "weights", T::group, false, "", ""},
    {F::architecture, O::root, "architecture", T::artifact, false, "", ""},
    {F::hyperparameters, O::root, "hyperparameters", T::artifact, false, "", ""},
    {F::data, O::root, "data", T::group, false, "", ""},
    {F::code, O::root, "code", T::group, false, "", ""},
    {F::documentation, O::root, "documentation", T::group, false, "", ""},
    {F::sources, O::root, "sources", T::string_list, false, "",
     "Public sources for the facts in this manifest."},
    {F::notes, O::root, "notes", T::string, false, "", ""},
    {F::model_name, O::model, "name", T::string, true, "", ""},
    {F::model_version, O::model, "version", T::string, false, "", ""},
    {F::model_organization, O::model, "organization", T::string, false, "", ""},
    {F::model_release_date, O::model, "release_date", T::string, false, "",
     "ISO 8601 date of the release"},
    {F::model_url, O::model, "url", T::string, false, "", ""},
    {F::available, O::artifact, "available", T::boolean, true, " (true or false)", ""},
    {F::artifact_license, O::artifact, "license", T::license, false, "", ""},
    {F::location, O::artifact, "location", T::string, false, "", ""},
    {F::artifact_notes, O::artifact, "notes", T::string, false, "", ""},
};

constexpr std::string_view k_license_description =
    "An SPDX license expression, a Hugging Face Hub license id, or a license name. NONE: "
    "released without a license (does not inherit). NOASSERTION: license unknown. Neither "
    "counts as open.";

// The artifacts of a group, as the member names written inside it.
std::vector<std::string_view> group_members(std::string_view group) {
    std::vector<std::string_view> out;
    for (const ArtifactSpec& s : artifact_specs()) {
        if (s.key.size() > group.size() && util::starts_with(s.key, group) &&
            s.key[group.size()] == '.') {
            out.push_back(s.key.substr(group.size() + 1));
        }
    }
    return out;
}

std::vector<std::string_view> keys_of(FieldObject object) {
    std::vector<std::string_view> out;
    for (const Field& f : k_fields) {
        if (f.object == object) {
            out.push_back(f.key);
        }
    }
    return out;
}

using Json = nlohmann::ordered_json;

// The schema of one object's fields: "type", "required" and "properties".
Json object_schema(FieldObject object) {
    Json out;
    out["type"] = "object";
    Json required = Json::array();
    for (const Field& f : k_fields) {
        if (f.object == object && f.required) {
            required.push_back(f.key);
        }
    }
    out["required"] = std::move(required);
    Json properties = Json::object();
    for (const Field& f : k_fields) {
        if (f.object != object) {
            continue;
        }
        Json p;
        switch (f.type) {
        case T::string:
            p["type"] = "string";
            break;
        case T::license:
            p["$ref"] = "#/$defs/license";
            break;
        case T::boolean:
            p["type"] = "boolean";
            break;
        case T::version:
            p["const"] = 1;
            break;
        case T::access: {
            Json words = Json::array();
            for (Access a : {Access::none, Access::api, Access::gated, Access::download}) {
                words.push_back(access_name(a));
            }
            p["enum"] = std::move(words);
            break;
        }
        case T::string_list:
            p["type"] = "array";
            p["items"] = {{"type", "string"}};
            break;
        case T::model:
            p = object_schema(FieldObject::model);
            break;
        case T::group: {
            p["type"] = "object";
            Json members = Json::object();
            for (std::string_view m : group_members(f.key)) {
                members[std::string(m)] = {{"$ref", "#/$defs/artifact"}};
            }
            p["properties"] = std::move(members);
            break;
        }
        case T::artifact:
            p["$ref"] = "#/$defs/artifact";
            break;
        }
        if (!f.description.empty()) {
            p["description"] = f.description;
        }
        properties[std::string(f.key)] = std::move(p);
    }
    out["properties"] = std::move(properties);
    if (out["required"].empty()) {
        out.erase("required");
    }
    return out;
}

}  // namespace

const std::vector<Field>& manifest_fields() {
    return k_fields;
}

const Field* find_field(FieldObject object, std::string_view key) {
    // The hot-path reader looks up every key it meets: length and first byte before the bytes.
    if (key.empty()) {
        return nullptr;
    }
    for (const Field& f : k_fields) {
        if (f.key.size() == key.size() && f.key[0] == key[0] && f.object == object &&
            std::memcmp(f.key.data(), key.data(), key.size()) == 0) {
            return &f;
        }
    }
    return nullptr;
}

std::string* string_slot(FieldId id, Manifest& manifest, Artifact* artifact) {
    switch (id) {
    case F::notes:
        return &manifest.notes;
    case F::model_name:
        return &manifest.model.name;
    case F::model_version:
        return &manifest.model.version;
    case F::model_organization:
        return &manifest.model.organization;
    case F::model_release_date:
        return &manifest.model.release_date;
    case F::model_url:
        return &manifest.model.url;
    case F::location:
        return artifact != nullptr ? &artifact->location : nullptr;
    case F::artifact_notes:
        return artifact != nullptr ? &artifact->notes : nullptr;
    default:
        return nullptr;
    }
}

const std::string* string_slot(FieldId id, const Manifest& manifest, const Artifact* artifact) {
    // The same members, read only.
    return string_slot(id, const_cast<Manifest&>(manifest), const_cast<Artifact*>(artifact));
}

std::vector<std::string_view> known_keys(std::string_view object_path) {
    if (object_path.empty()) {
        return keys_of(FieldObject::root);
    }
    if (object_path == "model") {
        return keys_of(FieldObject::model);
    }
    if (find_artifact(object_path)) {
        return keys_of(FieldObject::artifact);
    }
    if (const Field* f = find_field(FieldObject::root, object_path);
        f != nullptr && f->type == FieldType::group) {
        return group_members(object_path);
    }
    return {};
}

std::string manifest_json_schema() {
    Json schema;
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
    schema["$id"] = "urn:openness:schema:manifest-v1";
    schema["title"] = "openness release manifest, version 1";
    schema["description"] =
        "What an AI model release ships and under which terms. Unknown keys are allowed "
        "(openness warns about them) so that newer manifests still load.";
    const Json root = object_schema(FieldObject::root);
    for (auto it = root.begin(); it != root.end(); ++it) {
        schema[it.key()] = it.value();
    }
    Json license;
    license["type"] = "string";
    license["pattern"] = "\\S";
    license["description"] = k_license_description;
    schema["$defs"]["license"] = std::move(license);
    schema["$defs"]["artifact"] = object_schema(FieldObject::artifact);
    return schema.dump();
}

}  // namespace openness::manifest
