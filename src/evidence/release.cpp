#include "openness/evidence/release.hpp"

#include "openness/evidence/card_body.hpp"
#include "openness/evidence/license_text.hpp"
#include "openness/license/table.hpp"
#include "openness/util/json.hpp"

#include "../manifest/import_support.hpp"
#include "openness/util/strings.hpp"
#include "support.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace openness::evidence {

namespace {

using detail::base_of;
using detail::LicenseMatch;
using detail::list_some;
using detail::parent_of;
using detail::same_license;
using manifest::ArtifactId;
using manifest::detail::all_of;
using util::lower;

constexpr std::uint64_t k_safetensors_peek = 64 * 1024;  // enough of a header to see tensors

std::size_t depth_of(const std::string& path) {
    return path.empty() ? 0 : static_cast<std::size_t>(std::count(path.begin(), path.end(), '/')) + 1;
}

std::string join(const std::string& folder, const std::string& name) {
    return folder.empty() ? name : folder + "/" + name;
}

// The license of each folder: its own license files, else its parent's; the card's license
// where the card is.
class LicenseScopes {
public:
    struct Scope {
        std::optional<std::string> license;
        std::string from;
    };

    void set(const std::string& folder, Scope scope) { m_scopes[folder] = std::move(scope); }

    Scope of(const std::string& folder) const {
        std::string at = folder;
        while (true) {
            if (auto it = m_scopes.find(at); it != m_scopes.end()) {
                return it->second;
            }
            if (at.empty()) {
                return {};
            }
            at = parent_of(at);
        }
    }

private:
    std::map<std::string, Scope> m_scopes;
};

class Scanner {
public:
    Scanner(const Listing& listing, const FileReader& read, const ScanOptions& options,
            ScanResult& result)
        : m_listing(listing),
          m_read(read),
          m_map(options.map != nullptr ? *options.map : bundled_evidence_map()),
          m_table(options.licenses),
          m_result(result),
          m_evidence(result.evidence) {}

    void run() {
        m_evidence.source = m_listing.name;
        m_evidence.map_ref = m_map.ref();
        m_evidence.notes = m_listing.notes;
        find_card();
        read_license_files();
        scan_files();
        scan_card();
        scan_branches();
        m_evidence.gated = (m_evidence.card && m_evidence.card->gated) ||
                           (m_listing.hub_gated && *m_listing.hub_gated);
        if (m_listing.hub_gated && *m_listing.hub_gated) {
            m_evidence.gated_from = "the Hub lists the repository as gated";
        } else if (m_evidence.card && m_evidence.card->gated) {
            m_evidence.gated_from = m_evidence.card_path + " " + m_evidence.card->gated_from;
        }
    }

private:
    void note(std::string text) { m_evidence.notes.push_back(std::move(text)); }

    void warn(const std::string& path, const std::string& message) {
        m_result.diagnostics.push_back(
            {util::Severity::warning, join_source(path), {}, "", message});
    }

    std::string join_source(const std::string& path) const {
        return m_listing.kind == "hf-repo" ? m_listing.name + "/" + path
                                           : join(m_listing.name, path);
    }

    void add(ArtifactId artifact, const Rule& rule, std::string where, bool link,
             const std::string& folder) {
        Finding f;
        f.artifact = artifact;
        f.rule = rule.id;
        f.where = std::move(where);
        f.link = link;
        if (!link) {
            const LicenseScopes::Scope scope = m_scopes.of(folder);
            f.license = scope.license;
            f.license_from = scope.from;
        }
        m_evidence.findings.push_back(std::move(f));
    }

    // The shallowest README.md with YAML front matter is the model card.
    void find_card() {
        std::vector<const TreeFile*> readmes;
        for (const TreeFile& f : m_listing.files) {
            if (util::iequals(base_of(f.path), "readme.md")) {
                readmes.push_back(&f);
            }
        }
        std::stable_sort(readmes.begin(), readmes.end(), [](const TreeFile* a, const TreeFile* b) {
            return depth_of(a->path) < depth_of(b->path);
        });
        for (const TreeFile* f : readmes) {
            util::ReadResult text = m_read(f->path, m_map.limits.max_text_bytes, false);
            if (!text.content) {
                warn(f->path, "cannot read the model card: " + text.error);
                continue;
            }
            if (!util::starts_with(util::without_bom(*text.content), "---")) {
                continue;  // a README without front matter is not a Hugging Face card
            }
            std::vector<util::Diagnostic> problems;
            std::optional<manifest::CardMetadata> card =
                manifest::read_card_metadata(*text.content, join_source(f->path), problems);
            for (util::Diagnostic& d : problems) {
                // A broken card does not stop the rest of the evidence from counting.
                d.severity = util::Severity::warning;
                m_result.diagnostics.push_back(std::move(d));
            }
            if (card) {
                m_evidence.card = std::move(card);
                m_evidence.card_path = f->path;
                return;
            }
        }
    }

    // The card's license as the card states it: license_name stands in for `other`.
    std::optional<std::string> card_license(std::string& from) const {
        const manifest::CardMetadata& card = *m_evidence.card;
        if (card.license && !util::iequals(*card.license, "other")) {
            from = m_evidence.card_path + " license:";
            return card.license;
        }
        if (card.license_name && !card.license_name->empty()) {
            from = m_evidence.card_path + " license_name: (license: other)";
            return card.license_name;
        }
        if (card.license) {
            from = m_evidence.card_path + " license: other, with no license_name";
            return card.license;
        }
        return std::nullopt;
    }

    void read_license_files() {
        std::map<std::string, std::vector<std::string>> ids;   // folder -> license ids
        std::map<std::string, std::vector<std::string>> paths;  // folder -> files
        for (const TreeFile& f : m_listing.files) {
            const std::vector<const Rule*> rules =
                match_path(m_map, RuleSource::license_file, f.path);
            if (rules.empty()) {
                continue;
            }
            const Rule& rule = *rules.front();
            LicenseFile lf;
            lf.path = f.path;
            lf.role = rule.role;
            if (rule.role == "notice") {
                lf.how = "attribution notices; they grant nothing on their own";
                m_evidence.license_files.push_back(std::move(lf));
                continue;
            }
            if (rule.role == "use-policy") {
                lf.id = "LicenseRef-Acceptable-Use-Policy";
                lf.how = "an acceptable-use policy: terms beyond the license";
            } else {
                util::ReadResult text = m_read(f.path, m_map.limits.max_text_bytes, false);
                if (!text.content) {
                    lf.how = "could not be read (" + text.error + ")";
                    lf.id = "LicenseRef-unread-license-file";
                } else {
                    LicenseIdentity identity = identify_license_file(*text.content, m_table);
                    lf.how = identity.how;
                    lf.id = identity.id ? *identity.id : "LicenseRef-unidentified-license-file";
                }
            }
            const std::string folder = parent_of(f.path);
            ids[folder].push_back(*lf.id);
            paths[folder].push_back(f.path);
            m_evidence.license_files.push_back(std::move(lf));
        }
        for (auto& [folder, list] : ids) {
            m_scopes.set(folder, {all_of(list), list_some(paths[folder])});
        }
        if (!m_evidence.card) {
            return;
        }
        // The card licenses its own folder; held against the license files there or above.
        std::string from;
        const std::optional<std::string> stated = card_license(from);
        const std::string card_folder = parent_of(m_evidence.card_path);
        const LicenseScopes::Scope files = m_scopes.of(card_folder);
        if (!stated) {
            return;
        }
        if (!files.license) {
            m_scopes.set(card_folder, {stated, from});
            return;
        }
        // Every license file in scope must agree with the card, else both apply.
        std::vector<std::string> found;
        for (const LicenseFile& lf : m_evidence.license_files) {
            if (lf.id && lf.role == "license" &&
                (parent_of(lf.path) == card_folder ||
                 files.from.find(lf.path) != std::string::npos)) {
                found.push_back(*lf.id);
                if (!same_license(*stated, *lf.id, m_table, LicenseMatch::one_known_license)) {
                    m_evidence.conflicts.push_back("the card's license " + *stated + " (" + from +
                                                   ") is contradicted by " + lf.path + ", " +
                                                   lf.how);
                }
            }
        }
        std::vector<std::string> both = {*stated};
        for (const std::string& id : found) {
            if (!same_license(*stated, id, m_table, LicenseMatch::one_known_license)) {
                both.push_back(id);
            }
        }
        for (const LicenseFile& lf : m_evidence.license_files) {
            if (lf.role == "use-policy" && lf.id && parent_of(lf.path) == card_folder) {
                both.push_back(*lf.id);
            }
        }
        const std::string sources =
            both.size() > 1 ? from + " and " + files.from : from + ", which " + files.from + " confirms";
        m_scopes.set(card_folder, {all_of(both), sources});
    }

    bool under_checkpoint(const std::string& path, const Rule*& rule) const {
        std::string folder = parent_of(path);
        while (!folder.empty()) {
            const std::vector<const Rule*> rules = match_path(m_map, RuleSource::folder, folder);
            if (!rules.empty()) {
                rule = rules.front();
                return true;
            }
            folder = parent_of(folder);
        }
        return false;
    }

    // What a weight file is: "" when it is not weights (with a note saying why).
    std::string weight_kind(const TreeFile& f) {
        const std::string name = lower(base_of(f.path));
        if (!m_listing.can_probe) {
            return f.hub_lfs ? "listed by the Hub, stored in Git LFS" : "listed by the Hub";
        }
        util::ReadResult start = m_read(f.path, m_map.limits.max_probe_bytes, true);
        if (!start.content) {
            note(fmt::format("{} was not counted: {}", f.path, start.error));
            return {};
        }
        if (std::optional<LfsPointer> pointer = parse_lfs_pointer(*start.content)) {
            return fmt::format("a Git LFS pointer ({} bytes, {}...)", pointer->size,
                               pointer->oid.substr(0, 19));
        }
        if (f.size == 0) {
            note(f.path + " was not counted: it is empty");
            return {};
        }
        if (name.size() > 12 && util::ends_with(name, ".safetensors")) {
            util::ReadResult header = m_read(f.path, 8 + k_safetensors_peek, true);
            const std::string why =
                header.content ? check_safetensors(*header.content, f.size,
                                                   m_map.limits.max_safetensors_header_bytes)
                               : header.error;
            if (!why.empty()) {
                note(f.path + " was not counted as weights: " + why);
                return {};
            }
            return "a safetensors file with a valid header";
        }
        if (name.size() > 5 && util::ends_with(name, ".gguf") &&
            !util::starts_with(*start.content, "GGUF")) {
            note(f.path + " was not counted as weights: it does not start with the GGUF magic");
            return {};
        }
        return "a weight file";
    }

    void check_index(const TreeFile& f) {
        util::ReadResult text = m_read(f.path, m_map.limits.max_text_bytes, false);
        if (!text.content) {
            note(f.path + ": cannot read the shard index (" + text.error + ")");
            return;
        }
        util::JsonParseResult parsed = util::parse_json(*text.content, f.path);
        const util::JsonValue* map = parsed.value ? parsed.value->find("weight_map") : nullptr;
        if (map == nullptr || !map->is_object()) {
            note(f.path + ": not a shard index (no weight_map object)");
            return;
        }
        std::set<std::string> shards;
        for (const util::JsonValue::Member& m : map->members()) {
            if (m.second.is_string()) {
                shards.insert(join(parent_of(f.path), m.second.as_string()));
            }
        }
        std::vector<std::string> missing;
        for (const std::string& shard : shards) {
            if (m_paths.count(shard) == 0) {
                missing.push_back(base_of(shard));
            }
        }
        note(fmt::format("{} names {} {}{}", f.path, shards.size(),
                         shards.size() == 1 ? "shard" : "shards",
                         missing.empty() ? ", all present" : "; missing: " + list_some(missing)));
    }

    void scan_files() {
        for (const TreeFile& f : m_listing.files) {
            m_paths.insert(f.path);
        }
        std::set<std::string> checkpoint_folders;
        for (const TreeFile& f : m_listing.files) {
            for (const Rule* rule : match_path(m_map, RuleSource::file, f.path)) {
                const std::string folder = parent_of(f.path);
                if (rule->content == "index") {
                    check_index(f);
                    continue;
                }
                if (rule->content == "weights") {
                    const std::string kind = weight_kind(f);
                    if (kind.empty()) {
                        continue;
                    }
                    const Rule* checkpoint = nullptr;
                    if (under_checkpoint(f.path, checkpoint)) {
                        add(ArtifactId::weights_intermediate, *checkpoint, f.path, false, folder);
                    } else {
                        add(ArtifactId::weights_final, *rule, f.path, false, folder);
                    }
                    continue;
                }
                for (ArtifactId artifact : rule->artifacts) {
                    add(artifact, *rule, f.path, false, folder);
                }
            }
        }
    }

    bool names_this_model(const std::string& name) const {
        const manifest::CardMetadata& card = *m_evidence.card;
        const std::string n = lower(name);
        std::vector<std::string> own = {lower(card.model_name), lower(card.heading),
                                        lower(base_of(m_listing.name))};
        const std::string folder = parent_of(m_evidence.card_path);
        if (!folder.empty()) {
            own.push_back(lower(base_of(folder)));
        }
        for (const std::string& o : own) {
            if (!o.empty() && (o == n || lower(base_of(n)) == o)) {
                return true;
            }
        }
        return false;
    }

    void scan_card() {
        if (!m_evidence.card) {
            return;
        }
        const manifest::CardMetadata& card = *m_evidence.card;
        const std::string folder = parent_of(m_evidence.card_path);
        for (const Rule& rule : m_map.rules) {
            if (rule.source != RuleSource::card) {
                continue;
            }
            if (rule.field == "card") {
                for (ArtifactId a : rule.artifacts) {
                    add(a, rule, m_evidence.card_path, false, folder);
                }
            } else if (rule.field == "datasets") {
                for (const std::string& id : card.datasets) {
                    for (ArtifactId a : rule.artifacts) {
                        add(a, rule, "https://huggingface.co/datasets/" + id, true, folder);
                        Finding& f = m_evidence.findings.back();
                        auto it = m_listing.dataset_licenses.find(id);
                        if (a == ArtifactId::data_training && it != m_listing.dataset_licenses.end()) {
                            f.license = it->second;
                            f.license_from = "the Hub's card of dataset " + id;
                        }
                    }
                }
            } else if (rule.field == "model-index") {
                std::vector<std::string> others;
                bool own = false;
                for (const std::string& name : card.model_index_names) {
                    if (names_this_model(name)) {
                        own = true;
                    } else {
                        others.push_back(name);
                    }
                }
                if (own) {
                    for (ArtifactId a : rule.artifacts) {
                        add(a, rule, m_evidence.card_path + " model-index", false, folder);
                    }
                } else if (!others.empty()) {
                    note(m_evidence.card_path + " model-index names " + list_some(others) +
                         ", not this model: its results were not counted");
                }
            }
        }
        const std::vector<CardLink> links =
            read_card_links(card.body, card.body_first_line);
        for (const CardLink& link : links) {
            for (const Rule& rule : m_map.rules) {
                if (rule.source != RuleSource::link || !link_matches(rule, link)) {
                    continue;
                }
                for (ArtifactId a : rule.artifacts) {
                    add(a, rule,
                        fmt::format("{} ({} line {})", link.url, m_evidence.card_path, link.line),
                        true, folder);
                }
            }
        }
    }

    static bool link_matches(const Rule& rule, const CardLink& link) {
        bool host = false;
        for (const std::string& h : rule.hosts) {
            host = host || link.host == h ||
                   (link.host.size() > h.size() &&
                    link.host.compare(link.host.size() - h.size(), h.size(), h) == 0 &&
                    link.host[link.host.size() - h.size() - 1] == '.');
        }
        if (!host) {
            return false;
        }
        if (rule.context.empty()) {
            return true;
        }
        for (const std::string& word : rule.context) {
            if (link.context.find(word) != std::string::npos) {
                return true;
            }
        }
        return false;
    }

    void scan_branches() {
        for (const std::string& branch : m_listing.branches) {
            const std::vector<const Rule*> rules = match_path(m_map, RuleSource::branch, branch);
            if (rules.empty()) {
                continue;
            }
            for (ArtifactId a : rules.front()->artifacts) {
                add(a, *rules.front(), "branch " + branch, false, "");
            }
        }
    }

    const Listing& m_listing;
    const FileReader& m_read;
    const EvidenceMap& m_map;
    const license::LicenseTable* m_table;
    ScanResult& m_result;
    Evidence& m_evidence;
    LicenseScopes m_scopes;
    std::set<std::string> m_paths;
};

// Walks one folder (the sink's source) level by level, bounded; what stops the walk is an
// error in the sink.
class FolderWalker {
public:
    FolderWalker(const util::FileSystem& files, const Limits& limits, Listing& out,
                 util::DiagnosticSink& sink)
        : m_files(files), m_root(sink.source()), m_limits(limits), m_out(out), m_sink(sink) {}

    void run() {
        const util::ResolvedPath root = m_files.resolve(m_root);
        if (root.canonical.empty() || root.type != util::EntryType::directory) {
            m_sink.error(
                {}, "",
                root.canonical.empty() ? "no such folder" : "not a folder: a release is a folder");
            return;
        }
        m_canonical_root = root.canonical;
        std::vector<std::pair<std::string, std::size_t>> stack = {{"", 0}};
        while (!stack.empty()) {
            auto [folder, depth] = stack.back();
            stack.pop_back();
            const std::string full = folder.empty() ? m_root : m_root + "/" + folder;
            util::ListResult listed = m_files.list_sorted(full, m_limits.max_entries);
            if (!listed.entries) {
                if (folder.empty()) {
                    m_sink.error({}, "", listed.error);
                    return;
                }
                m_out.notes.push_back(fmt::format("{} was skipped: {}", folder, listed.error));
                continue;
            }
            if (!folder.empty()) {
                m_out.folders.push_back(folder);
            }
            std::vector<std::pair<std::string, std::size_t>> below;
            for (const util::TreeEntry& e : *listed.entries) {
                if (++m_seen > m_limits.max_entries) {
                    m_out.notes.push_back(
                        fmt::format("the walk stopped at {} entries: later files were not read",
                                    m_limits.max_entries));
                    return;
                }
                const std::string relative = join(folder, e.name);
                util::EntryType type = e.type;
                std::uint64_t size = e.size;
                if (type == util::EntryType::symlink) {
                    const util::ResolvedPath target = m_files.resolve(m_root + "/" + relative);
                    if (!inside(target.canonical)) {
                        m_out.notes.push_back(fmt::format(
                            "{} was skipped: a symbolic link leading outside the release folder",
                            relative));
                        continue;
                    }
                    if (target.type == util::EntryType::directory) {
                        m_out.notes.push_back(
                            fmt::format("{} was skipped: a symbolic link to a folder", relative));
                        continue;
                    }
                    type = target.type;
                    size = target.size;
                }
                if (type == util::EntryType::directory) {
                    if (e.name == ".git") {
                        continue;  // Git's own files say nothing about the release
                    }
                    if (depth + 1 >= m_limits.max_depth) {
                        m_out.notes.push_back(fmt::format("{} was skipped: deeper than {} folders",
                                                          relative, m_limits.max_depth));
                        continue;
                    }
                    below.emplace_back(relative, depth + 1);
                } else if (type == util::EntryType::file) {
                    m_out.files.push_back({relative, size, false});
                }
            }
            if (listed.truncated) {
                m_out.notes.push_back(
                    fmt::format("{} holds more entries than the cap; later names were not read",
                                folder.empty() ? std::string("the release folder") : folder));
            }
            // Depth first, in name order.
            std::reverse(below.begin(), below.end());
            for (auto& b : below) {
                stack.push_back(std::move(b));
            }
        }
        std::sort(m_out.files.begin(), m_out.files.end(),
                  [](const TreeFile& a, const TreeFile& b) { return a.path < b.path; });
    }

private:
    bool inside(const std::string& canonical) const {
        return !canonical.empty() && canonical.size() > m_canonical_root.size() &&
               canonical.compare(0, m_canonical_root.size(), m_canonical_root) == 0 &&
               (canonical[m_canonical_root.size()] == '/' || m_canonical_root == "/");
    }

    const util::FileSystem& m_files;
    std::string m_root;
    const Limits& m_limits;
    Listing& m_out;
    util::DiagnosticSink& m_sink;
    std::string m_canonical_root;
    std::size_t m_seen = 0;
};

bool is_hex(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    });
}

// Lists the release folder named by the sink's source through `files`: at most the map's entry
// cap and depth, `.git` left out, symbolic links followed only when they stay inside the folder;
// nullopt, with an error in the sink, when it cannot be walked.
std::optional<Listing> list_folder(const util::FileSystem& files, const Limits& limits,
                                   util::DiagnosticSink& sink) {
    Listing listing;
    listing.name = sink.source();
    FolderWalker(files, limits, listing, sink).run();
    if (sink.failed()) {
        return std::nullopt;
    }
    return listing;
}

}  // namespace

std::optional<LfsPointer> parse_lfs_pointer(std::string_view text) {
    // The spec: "version" first, then keys in order, each "key value\n"; pointers are < 1 KiB.
    constexpr std::string_view version = "version https://git-lfs.github.com/spec/v1\n";
    if (text.size() > 1024 || text.substr(0, version.size()) != version) {
        return std::nullopt;
    }
    LfsPointer pointer;
    bool have_size = false;
    std::size_t pos = version.size();
    while (pos < text.size()) {
        const std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            return std::nullopt;  // every line ends with a newline
        }
        const std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        if (util::starts_with(line, "oid sha256:")) {
            const std::string_view hex = line.substr(11);
            if (hex.size() != 64 || !is_hex(hex)) {
                return std::nullopt;
            }
            pointer.oid = std::string(line.substr(4));
        } else if (util::starts_with(line, "size ")) {
            const std::string_view digits = line.substr(5);
            if (digits.empty() || digits.size() > 19) {
                return std::nullopt;
            }
            std::uint64_t size = 0;
            for (const char c : digits) {
                if (c < '0' || c > '9') {
                    return std::nullopt;
                }
                size = size * 10 + static_cast<std::uint64_t>(c - '0');
            }
            pointer.size = size;
            have_size = true;
        }
    }
    if (pointer.oid.empty() || !have_size) {
        return std::nullopt;
    }
    return pointer;
}

std::string check_safetensors(std::string_view start, std::uint64_t size,
                              std::uint64_t max_header_bytes) {
    if (start.size() < 9) {
        return "too short for a safetensors header";
    }
    std::uint64_t length = 0;
    for (int i = 7; i >= 0; --i) {
        length = (length << 8) | static_cast<unsigned char>(start[static_cast<std::size_t>(i)]);
    }
    if (length < 2 || length > max_header_bytes) {
        return fmt::format("its header length ({} bytes) is not plausible", length);
    }
    if (length > size - 8) {
        return fmt::format("its header length ({} bytes) runs past the file's end", length);
    }
    if (start[8] != '{') {
        return "its header is not a JSON object";
    }
    const std::string_view header = start.substr(8, static_cast<std::size_t>(std::min<std::uint64_t>(length, start.size() - 8)));
    if (header.find("\"dtype\"") == std::string_view::npos &&
        header.find("\"__metadata__\"") == std::string_view::npos) {
        return "its header names no tensor (no dtype)";
    }
    return {};
}

ScanResult scan_listing(const Listing& listing, const FileReader& read,
                        const ScanOptions& options) {
    ScanResult result;
    Scanner scanner(listing, read, options, result);
    scanner.run();
    result.manifest = derive_manifest(result.evidence, listing);
    return result;
}

ScanResult scan_folder(const util::FileSystem& files, const std::string& root,
                       const ScanOptions& options) {
    const EvidenceMap& map = options.map != nullptr ? *options.map : bundled_evidence_map();
    std::string name = root;
    while (name.size() > 1 && name.back() == '/') {
        name.pop_back();
    }
    std::vector<util::Diagnostic> diagnostics;
    util::DiagnosticSink sink(std::move(name), diagnostics);
    std::optional<Listing> listing = list_folder(files, map.limits, sink);
    if (!listing) {
        ScanResult failed;
        failed.diagnostics = std::move(diagnostics);
        return failed;
    }
    const std::string base = listing->name;
    FileReader reader = [&files, &base](const std::string& path, std::uint64_t max_bytes,
                                        bool prefix) {
        const std::string full = base + "/" + path;
        return prefix ? files.read_prefix(full, max_bytes) : files.read(full, max_bytes);
    };
    ScanResult result = scan_listing(*listing, reader, options);
    result.diagnostics.insert(result.diagnostics.begin(), diagnostics.begin(), diagnostics.end());
    return result;
}

}  // namespace openness::evidence
