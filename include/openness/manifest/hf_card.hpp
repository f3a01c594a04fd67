#pragma once

#include "openness/manifest/import.hpp"
#include "openness/manifest/json_loader.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::manifest {

// Reads a Hugging Face model card (a README.md whose YAML front matter holds the metadata) into
// a Manifest: license, gating, datasets, base model, evaluation results. Code, data
// availability and hyperparameters stay "not stated", and the tier is flagged as a lower bound.
// What a model card's front matter and first heading say, as written (for the evidence reader).
struct CardMetadata {
    std::optional<std::string> license;  // `license:`; a list becomes "A AND B"
    std::optional<std::string> license_name;
    std::optional<std::string> license_link;
    util::Location license_position;
    bool gated = false;
    std::string gated_from;  // "gated" or the extra_gated_* key that showed it
    std::vector<std::string> datasets;
    std::vector<std::string> base_models;
    std::vector<std::string> model_index_names;  // model-index[*].name, in order
    std::string model_name;                      // `model_name:`
    std::string heading;      // the first level-one heading outside fenced code, no "Model Card for"
    std::string body;         // the Markdown after the front matter
    std::size_t body_first_line = 1;  // 1-based line of the body's first line in the file
};

// Reads a card's front matter and body; nullopt (with errors in `diagnostics`) when the card is
// broken.
std::optional<CardMetadata> read_card_metadata(std::string_view text, const std::string& source,
                                               std::vector<util::Diagnostic>& diagnostics);

// The first level-one Markdown heading of `body` outside fenced code blocks, without a leading
// "Model Card for "; "" when there is none or it is a template placeholder.
std::string first_heading(std::string_view body);

LoadResult load_hf_card(std::string_view text, const std::string& source,
                        const ImportOptions& options = {});

}  // namespace openness::manifest
