#pragma once

// Helpers shared by the importers (hf_card.cpp, cyclonedx.cpp, spdx3.cpp); not part of the API.

#include "openness/manifest/import.hpp"
#include "openness/manifest/json_loader.hpp"
#include "openness/manifest/manifest.hpp"
#include "openness/util/diagnostic.hpp"
#include "openness/util/json.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::manifest::detail {

// The names the JSON importers read with; each brings them in with `using namespace detail;`.
using util::DiagnosticSink;
using util::index_path;
using util::JsonValue;
using util::member_path;
using Kind = util::JsonValue::Kind;

// What a JSON importer's document is called: in the error when the text is not JSON
// ("a CycloneDX BOM"), in the provenance of what it leaves unstated ("not stated in the CycloneDX
// BOM"), and in the first limitation when it left anything unstated.
struct JsonDocumentKind {
    const char* what;
    const char* unstated;
    const char* lower_bound;
};

// What a JSON importer does with the parsed document: fills `manifest` from `root`, reporting to
// `sink`.
using ReadDocument =
    std::function<void(const JsonValue& root, Manifest& manifest, DiagnosticSink& sink)>;

// A JSON import (CycloneDX, SPDX 3): parses `text` as a JSON object (else an error; a trailing
// comma is an error that says so, or with `options.lenient` blanked out, positions kept, and a
// warning), lets `read` fill a manifest named `source`, and unless an error came marks what the
// document left alone as unstated.
LoadResult import_json_document(std::string_view text, const std::string& source,
                                const ImportOptions& options, const util::JsonLimits& limits,
                                const JsonDocumentKind& kind, const ReadDocument& read);

// Looks up a member of `object` of the given kind: nullptr when absent, and an error (and
// nullptr) when it has another kind.
const util::JsonValue* member(const util::JsonValue& object, std::string_view key,
                              util::JsonValue::Kind kind, const std::string& path,
                              util::DiagnosticSink& sink);

// A string member's text, or "" when it is absent or not a string (the latter an error).
std::string string_member(const util::JsonValue& object, std::string_view key,
                          const std::string& path, util::DiagnosticSink& sink);

// Marks an artifact released (and listed) with where that was learned.
void set_released(Artifact& artifact, std::string provenance, std::string location = {},
                  std::optional<std::string> license = std::nullopt);

// Every artifact an importer left alone becomes "not stated by the source", with `phrase`
// (e.g. "not stated in a model card") as its provenance.
void mark_unstated(Manifest& manifest, const std::string& phrase);

// True when any artifact is still unknown after import.
bool has_unstated(const Manifest& manifest);

// Licenses that all apply, as one SPDX-style expression ("A AND (B OR C)").
std::string all_of(const std::vector<std::string>& licenses);

// A name for a model whose document names none: the file name without directories and
// extensions, or the directory name for a README.md.
std::string name_from_source(const std::string& source);

// One dataset as an importer found it, before datasets are combined into one artifact.
struct DatasetFact {
    std::string name;
    Availability availability = Availability::unknown;
    std::optional<std::string> license;
    std::string location;
    std::string note;  // e.g. "available after a clickthrough"
};

// Combines datasets into one artifact: released only when every dataset is, licensed only
// when every dataset names a license (all of them then apply). `provenance` says where the
// list came from.
void set_datasets(Artifact& artifact, const std::vector<DatasetFact>& datasets,
                  const std::string& provenance);

}  // namespace openness::manifest::detail
