#include "openness/manifest/hf_card.hpp"

#include "import_support.hpp"
#include "openness/util/strings.hpp"
#include "yaml_limits.hpp"

#include <yaml-cpp/yaml.h>

namespace openness::manifest {

namespace {

using detail::set_released;
using util::DiagnosticSink;
using util::Location;

constexpr const char* k_unstated = "not stated in a model card";

// The YAML between the opening and closing '---' lines, and where it starts.
struct FrontMatter {
    std::string_view yaml;
    std::size_t first_line = 0;  // 1-based line of the first YAML line in the file
    std::string_view body;       // the Markdown after the closing line
};

std::optional<FrontMatter> find_front_matter(std::string_view text, DiagnosticSink& sink) {
    std::size_t pos = util::starts_with(text, util::k_utf8_bom) ? util::k_utf8_bom.size() : 0;
    std::size_t end = text.find('\n', pos);
    if (util::trim_right(text.substr(pos, end == std::string_view::npos ? end : end - pos),
                         " \t\r") != "---") {
        sink.error({1, 1}, "",
                   "no YAML front matter: a Hugging Face model card starts with a line '---'");
        return std::nullopt;
    }
    FrontMatter front;
    front.first_line = 2;
    const std::size_t yaml_start = end == std::string_view::npos ? text.size() : end + 1;
    pos = yaml_start;
    while (pos < text.size()) {
        end = text.find('\n', pos);
        const std::size_t line_end = end == std::string_view::npos ? text.size() : end;
        const std::string_view line = util::trim_right(text.substr(pos, line_end - pos), " \t\r");
        if (line == "---" || line == "...") {
            front.yaml = text.substr(yaml_start, pos - yaml_start);
            front.body = text.substr(std::min(text.size(), line_end + 1));
            return front;
        }
        pos = line_end + 1;
    }
    sink.error({1, 1}, "",
               "the front matter opened by '---' on line 1 is never closed by a line '---'");
    return std::nullopt;
}

const char* yaml_kind(const YAML::Node& node) { return detail::yaml_kind(node, "nothing"); }

// Reads the front matter's keys, collecting every problem.
class CardReader {
public:
    CardReader(DiagnosticSink& sink, std::size_t first_line)
        : m_sink(sink), m_first_line(first_line) {}

    Location at(const YAML::Mark& mark) const {
        if (mark.is_null() || mark.line < 0 || mark.column < 0) {
            return {};
        }
        return {static_cast<std::size_t>(mark.line) + m_first_line,
                static_cast<std::size_t>(mark.column) + 1};
    }

    void error(const YAML::Node& node, const std::string& key, const std::string& message) {
        m_sink.error(at(node.Mark()), key, message);
    }

    // A scalar's text; nullopt (and an error unless it is null) for anything else.
    std::optional<std::string> scalar(const YAML::Node& node, const std::string& key) {
        if (!node.IsDefined()) {
            return std::nullopt;
        }
        if (node.IsScalar()) {
            return node.Scalar();
        }
        if (!node.IsNull()) {
            error(node, key, std::string("expected a string, got ") + yaml_kind(node));
        }
        return std::nullopt;
    }

    // A string or a list of strings.
    std::vector<std::string> scalars(const YAML::Node& node, const std::string& key) {
        std::vector<std::string> out;
        if (!node.IsDefined()) {
            return out;
        }
        if (node.IsSequence()) {
            std::size_t index = 0;
            for (const YAML::Node& item : node) {
                if (std::optional<std::string> text =
                        scalar(item, util::index_path(key, index++))) {
                    out.push_back(*text);
                }
            }
        } else if (node.IsScalar()) {
            out.push_back(node.Scalar());
        } else if (!node.IsNull()) {
            error(node, key,
                  std::string("expected a string or a list of strings, got ") + yaml_kind(node));
        }
        return out;
    }

private:
    DiagnosticSink& m_sink;
    std::size_t m_first_line;
};

void read_card(const YAML::Node& root, const FrontMatter& front, CardReader& reader, Manifest& m,
               CardMetadata& meta) {
    // License: a Hub id; "other" names a custom license in license_name.
    std::optional<std::string> license;
    std::string license_from;
    const std::vector<std::string> licenses = reader.scalars(root["license"], "license");
    if (!licenses.empty()) {
        license = detail::all_of(licenses);
        meta.license = license;
        meta.license_position = reader.at(root["license"].Mark());
        license_from = licenses.size() == 1 ? "model card license"
                                            : "model card license (a list: all of them apply)";
    }
    const std::optional<std::string> license_name =
        reader.scalar(root["license_name"], "license_name");
    const std::optional<std::string> license_link =
        reader.scalar(root["license_link"], "license_link");
    meta.license_name = license_name;
    meta.license_link = license_link;
    if (license_name && !license_name->empty() && (!license || util::lower(*license) == "other")) {
        license = *license_name;
        license_from = "model card license_name (license: other)";
    }
    if (license_link && !license_link->empty()) {
        m.notes += "License link: " + *license_link + ". ";
        if (util::starts_with(*license_link, "http")) {
            m.sources.push_back(*license_link);
        }
    }

    // Gating: `gated` when present, else any extra_gated_* key (they configure the form).
    m.access = Access::download;
    std::string gated_from;
    const YAML::Node gated = root["gated"];
    if (gated.IsDefined() && !gated.IsNull()) {
        const std::optional<std::string> value = reader.scalar(gated, "gated");
        const std::string text = value ? util::lower(*value) : std::string();
        if (text == "true" || text == "yes" || text == "on" || text == "auto" || text == "manual") {
            m.access = Access::gated;
        } else if (value && text != "false" && text != "no" && text != "off") {
            reader.error(gated, "gated",
                         "expected true, false, auto or manual, got '" + *value + "'");
        }
    } else {
        for (const auto& entry : root) {
            if (entry.first.IsScalar() && util::starts_with(entry.first.Scalar(), "extra_gated_")) {
                m.access = Access::gated;
                gated_from = entry.first.Scalar();
                break;
            }
        }
    }
    meta.gated = m.access == Access::gated;
    meta.gated_from = gated_from.empty() ? "gated" : gated_from;
    if (!gated_from.empty()) {
        m.notes += "Access is gated: the card configures an access form (" + gated_from + "). ";
    }

    // The repository the card describes holds the weights, under the card's license.
    set_released(m.artifact(ArtifactId::weights_final),
                 license ? license_from : "model card (it states no license)", {}, license);
    set_released(m.artifact(ArtifactId::documentation_model_card),
                 license ? "the model card itself, under its " +
                               license_from.substr(std::string("model card ").size())
                         : "the model card itself (it states no license)",
                 {}, license);

    // Training data: dataset names only; the card says nothing about their availability.
    std::vector<detail::DatasetFact> datasets;
    for (const std::string& id : reader.scalars(root["datasets"], "datasets")) {
        detail::DatasetFact fact;
        meta.datasets.push_back(id);
        fact.name = id;
        fact.location = "https://huggingface.co/datasets/" + id;
        datasets.push_back(std::move(fact));
    }
    detail::set_datasets(m.artifact(ArtifactId::data_training), datasets, "model card datasets");

    const YAML::Node index = root["model-index"];
    std::string index_name;
    if (!index.IsDefined()) {
        // no evaluation results in the metadata
    } else if (index.IsSequence()) {
        if (index.size() > 0) {
            set_released(m.artifact(ArtifactId::documentation_evaluation_results),
                         "model card model-index", {}, license);
            std::size_t i = 0;
            for (const YAML::Node& entry : index) {
                if (entry.IsMap()) {
                    const std::string name =
                        reader.scalar(entry["name"], util::index_path("model-index", i) + ".name")
                            .value_or("");
                    if (!name.empty()) {
                        meta.model_index_names.push_back(name);
                    }
                }
                ++i;
            }
            if (!meta.model_index_names.empty()) {
                index_name = meta.model_index_names.front();
            }
        }
    } else if (index.IsDefined() && !index.IsNull()) {
        reader.error(index, "model-index", std::string("expected a list, got ") + yaml_kind(index));
    }

    const std::vector<std::string> bases = reader.scalars(root["base_model"], "base_model");
    meta.base_models = bases;
    if (!bases.empty()) {
        std::string list;
        for (const std::string& base : bases) {
            list += (list.empty() ? "" : ", ") + base;
        }
        m.notes += "Base model: " + list + ". ";
        m.limitations.push_back("derived from " + list +
                                " (base_model): that model's own openness is not part of this "
                                "verdict");
    }

    m.model.name = reader.scalar(root["model_name"], "model_name").value_or("");
    meta.model_name = m.model.name;
    meta.heading = first_heading(front.body);
    meta.body = std::string(front.body);
    // A heading names the model the card is about; a model-index may be copied from another
    // model's card, so it names the model only when nothing else does.
    if (m.model.name.empty()) {
        m.model.name = meta.heading;
    }
    if (m.model.name.empty()) {
        m.model.name = index_name;
    }
    if (m.model.name.empty()) {
        m.model.name = detail::name_from_source(m.source);
    }
    while (!m.notes.empty() && m.notes.back() == ' ') {
        m.notes.pop_back();
    }
}

}  // namespace

std::string first_heading(std::string_view body) {
    std::string_view fence;  // the open fence ("```" or "~~~", maybe longer), empty outside one
    std::string_view raw;
    for (std::string_view rest = body; util::next_line(rest, raw);) {
        const std::string_view line = util::trim_right(raw, " \t\r");
        std::string_view stripped = line;
        for (int i = 0; i < 3 && !stripped.empty() && stripped.front() == ' '; ++i) {
            stripped.remove_prefix(1);
        }
        const char mark = stripped.empty() ? '\0' : stripped.front();
        if (mark == '`' || mark == '~') {
            const std::size_t run = stripped.find_first_not_of(mark);
            const std::size_t length = run == std::string_view::npos ? stripped.size() : run;
            if (length >= 3) {
                if (fence.empty()) {
                    fence = stripped.substr(0, length);
                    continue;
                }
                // A fence closes on a run of the same mark at least as long, with nothing after.
                if (fence.front() == mark && length >= fence.size() &&
                    run == std::string_view::npos) {
                    fence = {};
                    continue;
                }
            }
        }
        if (!fence.empty() || stripped.substr(0, 2) != "# ") {
            continue;
        }
        std::string title(stripped.substr(2));
        while (!title.empty() && (title.back() == '#' || title.back() == ' ')) {
            title.pop_back();
        }
        const std::string prefix = "model card for ";
        if (util::istarts_with(title, prefix)) {
            title = title.substr(prefix.size());
        }
        // A template placeholder is no name.
        return title.find("{{") == std::string::npos ? title : std::string();
    }
    return {};
}

namespace {

// Reads a card into a Manifest and its metadata; nullopt when the card is broken.
std::optional<Manifest> read_whole_card(std::string_view text, const std::string& source,
                                        std::vector<util::Diagnostic>& diagnostics,
                                        CardMetadata& meta) {
    DiagnosticSink sink(source, diagnostics);
    const std::optional<FrontMatter> front = find_front_matter(text, sink);
    if (!front) {
        return std::nullopt;
    }
    meta.body_first_line = 1;
    for (const char* c = text.data(); c < front->body.data(); ++c) {
        meta.body_first_line += *c == '\n' ? 1 : 0;
    }
    Manifest m;
    m.source = source;
    m.format = "hf-card";
    CardReader reader(sink, front->first_line);
    // yaml-cpp reports problems by throwing; they end here as diagnostics.
    try {
        // Every YAML input is read within the same limits (nodes, aliases, depth, value size,
        // total size, no key twice).
        YAML::Node root;
        if (std::optional<detail::YamlProblem> problem = detail::load_bounded_yaml(
                front->yaml, "a model card's front matter", front->first_line - 1, root)) {
            util::Location at = problem->location;
            if (at.line != 0) {
                at.line += front->first_line - 1;
            }
            std::string message = std::move(problem->message);
            if (message.rfind("invalid YAML: ", 0) == 0) {
                message.erase(0, 14);  // yaml-cpp's own words, as before
            }
            sink.error(at, "", "YAML front matter: " + message);
            return std::nullopt;
        }
        if (root.IsNull()) {
            root = YAML::Node(YAML::NodeType::Map);  // empty front matter: no keys
        }
        if (!root.IsMap()) {
            reader.error(
                root, "",
                std::string("front matter: expected a mapping of keys, got ") + yaml_kind(root));
            return std::nullopt;
        }
        read_card(root, *front, reader, m, meta);
    } catch (const YAML::Exception& e) {
        sink.error(reader.at(e.mark), "", "YAML front matter: " + e.msg);
        return std::nullopt;
    }
    if (sink.failed()) {
        return std::nullopt;
    }
    return m;
}

}  // namespace

std::optional<CardMetadata> read_card_metadata(std::string_view text, const std::string& source,
                                               std::vector<util::Diagnostic>& diagnostics) {
    CardMetadata meta;
    if (!read_whole_card(text, source, diagnostics, meta)) {
        return std::nullopt;
    }
    return meta;
}

LoadResult load_hf_card(std::string_view text, const std::string& source,
                        const ImportOptions& /*options: a card has no lenient mode*/) {
    LoadResult result;
    CardMetadata meta;
    std::optional<Manifest> read = read_whole_card(text, source, result.diagnostics, meta);
    if (!read) {
        return result;
    }
    Manifest m = std::move(*read);
    detail::mark_unstated(m, k_unstated);
    m.limitations.insert(m.limitations.begin(),
                         "the tier is a lower bound from a model card: a card does not say "
                         "whether training code, training data or hyperparameters are "
                         "released, so they are not counted");
    result.manifest = std::move(m);
    return result;
}

}  // namespace openness::manifest
