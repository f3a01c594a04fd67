#include "openness/evidence/map.hpp"

#include "openness/util/diagnostic.hpp"
#include "openness/util/embedded.hpp"
#include "openness/util/json.hpp"
#include "openness/util/strings.hpp"

#include <stdexcept>
#include <utility>

namespace openness::evidence {

namespace {

constexpr std::string_view k_bundled_path = "rubric/evidence/evidence-1.0.json";

// Reads one map document, collecting every problem with its JSON path.
class MapReader {
public:
    MapReader(const std::string& source, std::vector<util::Diagnostic>& out)
        : m_sink(source, out) {}

    void error(const util::JsonValue& at, const std::string& path, const std::string& message) {
        m_sink.error(at.location(), path, message);
    }

    std::string string(const util::JsonValue& object, std::string_view key, const std::string& path,
                       bool required) {
        const util::JsonValue* value = object.find(key);
        if (value == nullptr) {
            if (required) {
                error(object, path, "missing '" + std::string(key) + "'");
            }
            return {};
        }
        if (!value->is_string()) {
            error(*value, path + "." + std::string(key), "expected a string");
            return {};
        }
        return value->as_string();
    }

    std::vector<std::string> strings(const util::JsonValue& object, std::string_view key,
                                     const std::string& path) {
        std::vector<std::string> out;
        const util::JsonValue* value = object.find(key);
        if (value == nullptr) {
            return out;
        }
        const std::string here = path + "." + std::string(key);
        if (!value->is_array()) {
            error(*value, here, "expected an array of strings");
            return out;
        }
        for (const util::JsonValue& item : value->items()) {
            if (!item.is_string() || item.as_string().empty()) {
                error(item, here, "expected a non-empty string");
                continue;
            }
            out.push_back(item.as_string());
        }
        return out;
    }

    std::uint64_t number(const util::JsonValue& object, std::string_view key,
                         const std::string& path, std::uint64_t fallback) {
        const util::JsonValue* value = object.find(key);
        if (value == nullptr) {
            return fallback;
        }
        if (!value->is_integer() || value->as_integer() <= 0) {
            error(*value, path + "." + std::string(key), "expected a positive integer");
            return fallback;
        }
        return static_cast<std::uint64_t>(value->as_integer());
    }

private:
    util::DiagnosticSink m_sink;
};

std::optional<RuleSource> parse_source(std::string_view text) {
    static constexpr std::pair<std::string_view, RuleSource> k_sources[] = {
        {"file", RuleSource::file}, {"folder", RuleSource::folder},
        {"branch", RuleSource::branch}, {"card", RuleSource::card},
        {"link", RuleSource::link}, {"license-file", RuleSource::license_file}};
    for (const auto& [name, source] : k_sources) {
        if (text == name) {
            return source;
        }
    }
    return std::nullopt;
}

void read_rule(const util::JsonValue& item, const std::string& path, MapReader& reader,
               EvidenceMap& map) {
    if (!item.is_object()) {
        reader.error(item, path, "expected an object");
        return;
    }
    Rule rule;
    rule.id = reader.string(item, "id", path, true);
    const std::string source = reader.string(item, "source", path, true);
    const std::optional<RuleSource> parsed = parse_source(source);
    if (!parsed) {
        if (!source.empty()) {
            reader.error(*item.find("source"), path + ".source",
                         "unknown source '" + source +
                             "' (file, folder, branch, card, link or license-file)");
        }
        return;
    }
    rule.source = *parsed;
    rule.match = reader.strings(item, "match", path);
    rule.under = reader.strings(item, "under", path);
    rule.field = reader.string(item, "field", path, rule.source == RuleSource::card);
    rule.hosts = reader.strings(item, "hosts", path);
    rule.context = reader.strings(item, "context", path);
    rule.content = reader.string(item, "content", path, false);
    rule.role = reader.string(item, "role", path, rule.source == RuleSource::license_file);
    rule.proves = reader.string(item, "proves", path, true);
    for (const std::string& key : reader.strings(item, "artifacts", path)) {
        if (std::optional<manifest::ArtifactId> id = manifest::find_artifact(key)) {
            rule.artifacts.push_back(*id);
        } else {
            reader.error(*item.find("artifacts"), path + ".artifacts",
                         "unknown artifact '" + key + "'");
        }
    }
    const bool named = rule.source == RuleSource::file || rule.source == RuleSource::folder ||
                       rule.source == RuleSource::branch ||
                       rule.source == RuleSource::license_file;
    if (named && rule.match.empty()) {
        reader.error(item, path, "a " + source + " rule needs 'match' patterns");
    }
    if (rule.source == RuleSource::link && rule.hosts.empty()) {
        reader.error(item, path, "a link rule needs 'hosts'");
    }
    if (rule.source != RuleSource::license_file && rule.artifacts.empty()) {
        reader.error(item, path, "a " + source + " rule needs 'artifacts'");
    }
    map.rules.push_back(std::move(rule));
}

}  // namespace

std::optional<EvidenceMap> load_evidence_map(std::string_view text, const std::string& source,
                                             std::vector<util::Diagnostic>& diagnostics) {
    util::JsonParseResult parsed = util::parse_json(text, source);
    if (!parsed.value) {
        diagnostics.push_back(*parsed.error);
        return std::nullopt;
    }
    const std::size_t before = diagnostics.size();
    MapReader reader(source, diagnostics);
    const util::JsonValue& root = *parsed.value;
    if (!root.is_object()) {
        reader.error(root, "", "an evidence map is a JSON object");
        return std::nullopt;
    }
    const util::JsonValue* format = root.find("evidence_map_format");
    if (format == nullptr || !format->is_integer() || format->as_integer() != 1) {
        reader.error(format != nullptr ? *format : root, "evidence_map_format",
                     "expected evidence_map_format 1");
    }
    EvidenceMap map;
    map.id = reader.string(root, "id", "", true);
    map.version = reader.string(root, "version", "", true);
    if (const util::JsonValue* limits = root.find("limits")) {
        if (limits->is_object()) {
            Limits& l = map.limits;
            l.max_entries = reader.number(*limits, "max_entries", "limits", l.max_entries);
            l.max_depth = reader.number(*limits, "max_depth", "limits", l.max_depth);
            l.max_text_bytes = reader.number(*limits, "max_text_bytes", "limits", l.max_text_bytes);
            l.max_probe_bytes =
                reader.number(*limits, "max_probe_bytes", "limits", l.max_probe_bytes);
            l.max_safetensors_header_bytes = reader.number(
                *limits, "max_safetensors_header_bytes", "limits", l.max_safetensors_header_bytes);
        } else {
            reader.error(*limits, "limits", "expected an object");
        }
    }
    const util::JsonValue* rules = root.find("rules");
    if (rules == nullptr || !rules->is_array()) {
        reader.error(rules != nullptr ? *rules : root, "rules", "expected an array of rules");
    } else {
        std::size_t index = 0;
        for (const util::JsonValue& item : rules->items()) {
            read_rule(item, util::index_path("rules", index++), reader, map);
        }
    }
    if (diagnostics.size() != before) {
        return std::nullopt;
    }
    return map;
}

const EvidenceMap& bundled_evidence_map() {
    static const EvidenceMap k_map = [] {
        const std::string_view* text = util::find_embedded(k_bundled_path);
        std::vector<util::Diagnostic> diagnostics;
        std::optional<EvidenceMap> map =
            text != nullptr ? load_evidence_map(*text, std::string(k_bundled_path), diagnostics)
                            : std::nullopt;
        if (!map) {
            // The bundled map is tested at build time; reaching this is a packaging fault.
            throw std::logic_error("the bundled evidence map is missing or invalid" +
                                   (diagnostics.empty() ? std::string()
                                                        : ": " + util::render(diagnostics[0])));
        }
        return std::move(*map);
    }();
    return k_map;
}

bool glob_match(std::string_view pattern, std::string_view name) {
    // Greedy matching with one backtrack point: linear in practice, never exponential.
    std::size_t p = 0;
    std::size_t n = 0;
    std::size_t star = std::string_view::npos;
    std::size_t resume = 0;
    while (n < name.size()) {
        if (p < pattern.size() &&
            (pattern[p] == '?' || util::lower(pattern[p]) == util::lower(name[n]))) {
            ++p;
            ++n;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = n;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            n = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

std::vector<const Rule*> match_path(const EvidenceMap& map, RuleSource source,
                                    std::string_view path) {
    std::vector<const Rule*> out;
    const std::size_t slash = path.rfind('/');
    const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const std::string_view folders =
        slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
    for (const Rule& rule : map.rules) {
        if (rule.source != source) {
            continue;
        }
        bool matched = false;
        for (const std::string& pattern : rule.match) {
            if (glob_match(pattern, name)) {
                matched = true;
                break;
            }
        }
        if (matched && !rule.under.empty()) {
            matched = false;
            std::size_t start = 0;
            while (!matched && start <= folders.size() && !folders.empty()) {
                const std::size_t end = std::min(folders.find('/', start), folders.size());
                const std::string_view part = folders.substr(start, end - start);
                for (const std::string& under : rule.under) {
                    matched = matched || glob_match(under, part);
                }
                start = end + 1;
            }
        }
        if (matched) {
            out.push_back(&rule);
        }
    }
    return out;
}

}  // namespace openness::evidence
