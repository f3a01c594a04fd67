#pragma once

// Helpers shared by the importers (hf_card.cpp, cyclonedx.cpp, spdx3.cpp); not part of the API.

#include "openness/manifest/json_loader.hpp"
#include "openness/manifest/manifest.hpp"
#include "openness/util/diagnostic.hpp"
#include "openness/util/json.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::manifest::detail {

// Parses a JSON document that must be an object (else an error, and nullopt); `what` names it
// ("a CycloneDX BOM") when the text is not JSON at all. A trailing comma is an error that says so;
// with `lenient` it is blanked out (positions stay true) and reported as a warning instead.
std::optional<util::JsonValue> parse_json_document(std::string_view text,
                                                   util::DiagnosticSink& sink, bool lenient,
                                                   const util::JsonLimits& limits,
                                                   std::string_view what);

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

// Ends a JSON import: unless `sink` has failed, marks what the document left alone with
// `unstated`, puts `lower_bound` first among the limitations when anything was, and hands the
// manifest to `result`.
void finish_import(LoadResult& result, Manifest manifest, const util::DiagnosticSink& sink,
                   const std::string& unstated, const char* lower_bound);

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
