#pragma once

#include "openness/license/expression.hpp"
#include "openness/manifest/manifest.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::manifest {

// The one description of manifest v1: every key, its type, whether it is required and what it
// means. The full loader (json_loader.cpp), the hot-path reader (json_clean_reader.cpp), the
// writer (json_writer.cpp), unknown-key warnings and did-you-mean hints all read this table;
// schema/manifest-v1.schema.json is checked against manifest_json_schema() by a test.

// Where a key is written: the document, the "model" object, or any artifact object. A group's
// keys ("weights": {"final": …}) are the artifacts of ArtifactSpec, not fields.
enum class FieldObject { root, model, artifact };

// What a key holds, and so how every reader and the writer treat it.
enum class FieldType {
    string,       // any string
    license,      // a string, not blank, at most k_max_license_bytes bytes
    boolean,      // true or false
    version,      // exactly the integer 1
    access,       // one of access_name()'s words
    string_list,  // an array of strings
    model,        // the "model" object
    group,        // an object whose members are artifacts ("weights", "data", …)
    artifact,     // one artifact object ({"available": …})
};

// Names each field, so that code can say what to do with it without comparing key strings.
enum class FieldId {
    schema,
    manifest_version,
    model,
    access,
    license,
    weights,
    architecture,
    hyperparameters,
    data,
    code,
    documentation,
    sources,
    notes,
    model_name,
    model_version,
    model_organization,
    model_release_date,
    model_url,
    available,
    artifact_license,
    location,
    artifact_notes,
};

struct Field {
    FieldId id;
    FieldObject object;
    std::string_view key;
    FieldType type;
    bool required;
    std::string_view missing_hint;  // appended to "missing required key 'K'", e.g. " (true or false)"
    std::string_view description;   // the JSON Schema's description; empty for none
};

// A license longer than this cannot be read as one (and every verdict quotes it).
inline constexpr std::size_t k_max_license_bytes = license::ExpressionLimits{}.max_length;

// Every field, in the order the writer writes them and the schema lists them.
const std::vector<Field>& manifest_fields();

// The field `key` names in `object`; nullptr when it names none.
const Field* find_field(FieldObject object, std::string_view key);

// The keys a reader knows at a dotted object path: "" (the document), "model", a group
// ("weights": its artifacts' member names) or an artifact ("weights.final", "architecture");
// empty for any other path. For unknown-key warnings and did-you-mean hints.
std::vector<std::string_view> known_keys(std::string_view object_path);

// The member of `manifest` (or of `artifact`, for artifact fields) that a string field is read
// into; nullptr for "$schema" (accepted for editors, never kept) and for fields of other types.
std::string* string_slot(FieldId id, Manifest& manifest, Artifact* artifact);
const std::string* string_slot(FieldId id, const Manifest& manifest, const Artifact* artifact);

// The JSON Schema (draft 2020-12) this table describes, as compact JSON text with members in
// table order; a test checks it against schema/manifest-v1.schema.json.
std::string manifest_json_schema();

}  // namespace openness::manifest
