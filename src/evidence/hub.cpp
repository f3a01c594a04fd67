// The Hugging Face Hub as a source of release evidence: its API and `resolve` over libcurl,
// with a cache keyed by the resolved commit sha.
#include "openness/evidence/hub.hpp"

#include "openness/util/atomic_file.hpp"
#include "openness/util/http.hpp"
#include "openness/util/json.hpp"
#include "openness/util/strings.hpp"

#include "support.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace openness::evidence {

namespace {

bool repo_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.';
}

bool is_sha(std::string_view text) {
    return text.size() == 40 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// Percent-encodes everything but unreserved characters (and '/' when `keep_slash`).
std::string encode(std::string_view text, bool keep_slash) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        if (repo_char(c) || c == '~' || (keep_slash && c == '/')) {
            out += c;
        } else {
            const auto u = static_cast<unsigned char>(c);
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
    return out;
}

// A name safe as one path component of the cache.
std::string cache_name(std::string_view text) {
    std::string out;
    for (const char c : text) {
        out += repo_char(c) ? c : '-';
    }
    return out;
}

std::string seconds(long ms) {
    return ms % 1000 != 0 ? fmt::format("{}.{} s", ms / 1000, ms % 1000 / 100)
                          : fmt::format("{} s", ms / 1000);
}

// One Hub conversation for one repository: requests with retries, errors as diagnostics.
class Hub {
public:
    Hub(const HubId& id, const HubSettings& settings, std::vector<util::Diagnostic>& out)
        : m_id(id),
          m_settings(settings),
          m_sink("hf:" + id.repo + (id.revision.empty() ? "" : "@" + id.revision), out),
          m_page(settings.endpoint + "/" + id.repo) {}

    const std::string& name() const { return m_sink.source(); }
    const std::string& page() const { return m_page; }

    void error(const std::string& message) { m_sink.error({}, "", message); }
    void warning(const std::string& message) { m_sink.warning({}, "", message); }

    // GET with retries on 429 and 5xx (honouring Retry-After) and one retry after a network
    // failure; nullopt (with an error unless `quiet_404`) when no usable answer came.
    std::optional<std::string> get(const std::string& path, std::uint64_t max_bytes,
                                   const std::string& what, bool required = true) {
        util::HttpRequest request;
        request.url = m_settings.endpoint + path;
        request.bearer_token = m_settings.token;
        request.timeout_ms = m_settings.timeout_ms;
        request.connect_timeout_ms = m_settings.timeout_ms;
        request.max_bytes = max_bytes;
        int transport_failures = 0;
        for (int attempt = 1;; ++attempt) {
            util::HttpResponse r = util::http_get(request);
            const bool busy = r.status == 429 || (r.status >= 500 && r.status <= 599);
            const bool transport = r.status == 0 && !r.too_large;
            if (transport) {
                ++transport_failures;
            }
            if ((busy && attempt < m_settings.max_attempts) ||
                (transport && transport_failures < 2 && attempt < m_settings.max_attempts)) {
                long wait = std::min<long>(500L << std::min(attempt - 1, 10), m_settings.max_wait_ms);
                if (busy && !r.retry_after.empty()) {
                    char* end = nullptr;
                    const long asked = std::strtol(r.retry_after.c_str(), &end, 10);
                    if (end != nullptr && *end == '\0' && asked >= 0) {
                        if (asked * 1000 > m_settings.max_wait_ms) {
                            report(r, what, required,
                                   fmt::format("it asked to wait {} s (Retry-After), more than "
                                               "the {} allowed",
                                               asked, seconds(m_settings.max_wait_ms)));
                            return std::nullopt;
                        }
                        wait = asked * 1000;
                    }
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(wait));
                continue;
            }
            if (r.status == 200 && !r.too_large) {
                return std::move(r.body);
            }
            report(r, what, required,
                   attempt > 1 ? fmt::format("after {} tries", attempt) : std::string());
            return std::nullopt;
        }
    }

private:
    void report(const util::HttpResponse& r, const std::string& what, bool required,
                const std::string& extra) {
        std::string message;
        const std::string tail = extra.empty() ? "" : " (" + extra + ")";
        if (r.too_large) {
            message = what + " is over the size limit: not read";
            required = false;
        } else if (r.timed_out) {
            message = "reading " + what + " from " + m_settings.endpoint + " timed out after " +
                      seconds(m_settings.timeout_ms) + tail;
        } else if (r.status == 0) {
            message = "cannot reach " + m_settings.endpoint + " for " + what + ": " + r.error +
                      tail + " (HF_HUB_OFFLINE=1 or --offline reads only the cache)";
        } else if (r.status == 401) {
            message = what + ": 401 Unauthorized: the repository is gated or private. " +
                      (m_settings.token ? "HF_TOKEN was not accepted: check it"
                                        : "Accept its terms at " + m_page +
                                              " while signed in, then set HF_TOKEN to an access "
                                              "token of that account");
        } else if (r.status == 403) {
            message = what + ": 403 Forbidden: this token has no access yet. Request access at " +
                      m_page + " and wait for it to be granted, or use a token with read access";
        } else if (r.status == 404) {
            message = what + ": 404 Not Found on " + m_settings.endpoint +
                      ": check the repository id and revision";
        } else if (r.status == 429) {
            message = what + ": 429 Too Many Requests" + tail + "; try again later";
        } else {
            message = fmt::format("{}: HTTP {}{}", what, r.status, tail);
        }
        if (required) {
            error(message);
        } else {
            warning(message);
        }
    }

    HubId m_id;
    const HubSettings& m_settings;
    util::DiagnosticSink m_sink;
    std::string m_page;
};

std::optional<util::JsonValue> parse_answer(const std::string& body, const std::string& what,
                                            Hub& hub, bool required) {
    util::JsonParseResult parsed = util::parse_json(body, what);
    if (!parsed.value || !parsed.value->is_object()) {
        const std::string why =
            parsed.error ? fmt::format("{}:{}: {}", parsed.error->location.line,
                                       parsed.error->location.column, parsed.error->message)
                         : "not a JSON object";
        const std::string message = "the Hub's answer for " + what + " is not valid JSON (" + why + ")";
        if (required) {
            hub.error(message);
        } else {
            hub.warning(message);
        }
        return std::nullopt;
    }
    return std::move(parsed.value);
}

// The license a dataset's Hub card states: cardData.license, else a "license:" tag.
std::optional<std::string> dataset_license(const util::JsonValue& info) {
    if (const util::JsonValue* card = info.find("cardData"); card != nullptr && card->is_object()) {
        if (const util::JsonValue* l = card->find("license")) {
            if (l->is_string() && !l->as_string().empty()) {
                return l->as_string();
            }
            if (l->is_array()) {
                std::vector<std::string> all;
                for (const util::JsonValue& item : l->items()) {
                    if (item.is_string()) {
                        all.push_back(item.as_string());
                    }
                }
                if (!all.empty()) {
                    std::string out;
                    for (const std::string& one : all) {
                        out += (out.empty() ? "" : " AND ") + one;
                    }
                    return out;
                }
            }
        }
    }
    if (const util::JsonValue* tags = info.find("tags"); tags != nullptr && tags->is_array()) {
        for (const util::JsonValue& t : tags->items()) {
            if (t.is_string() && t.as_string().compare(0, 8, "license:") == 0) {
                return t.as_string().substr(8);
            }
        }
    }
    return std::nullopt;
}

// What is kept of one revision, in the cache and in memory.
struct Snapshot {
    std::string sha;
    bool gated = false;
    std::vector<TreeFile> files;
    std::vector<std::string> branches;
    std::map<std::string, std::string> datasets;  // id -> license
    std::map<std::string, std::string> texts;     // path -> content
};

constexpr auto k_replace = nlohmann::json::error_handler_t::replace;

// The text with any byte that is not UTF-8 replaced, as the cache keeps it: a run from the
// cache then reads exactly what the first run read.
std::string as_cached(const std::string& text) {
    return nlohmann::json::parse(nlohmann::json(text).dump(-1, ' ', false, k_replace))
        .get<std::string>();
}

std::string snapshot_json(const Snapshot& s) {
    nlohmann::json j;
    j["sha"] = s.sha;
    j["gated"] = s.gated;
    j["files"] = nlohmann::json::array();
    for (const TreeFile& f : s.files) {
        j["files"].push_back({{"path", f.path}, {"size", f.size}, {"lfs", f.hub_lfs}});
    }
    j["branches"] = s.branches;
    j["datasets"] = s.datasets;
    j["texts"] = s.texts;
    return j.dump(1, ' ', false, k_replace) + "\n";
}

std::optional<Snapshot> snapshot_from(const util::JsonValue& v) {
    Snapshot s;
    const util::JsonValue* sha = v.find("sha");
    const util::JsonValue* files = v.find("files");
    if (sha == nullptr || !sha->is_string() || files == nullptr || !files->is_array()) {
        return std::nullopt;
    }
    s.sha = sha->as_string();
    const util::JsonValue* gated = v.find("gated");
    s.gated = gated != nullptr && gated->is_bool() && gated->as_bool();
    for (const util::JsonValue& f : files->items()) {
        const util::JsonValue* path = f.find("path");
        const util::JsonValue* size = f.find("size");
        const util::JsonValue* lfs = f.find("lfs");
        if (path == nullptr || !path->is_string()) {
            return std::nullopt;
        }
        s.files.push_back({path->as_string(),
                           size != nullptr && size->is_number()
                               ? static_cast<std::uint64_t>(size->as_number())
                               : 0,
                           lfs != nullptr && lfs->is_bool() && lfs->as_bool()});
    }
    if (const util::JsonValue* b = v.find("branches"); b != nullptr && b->is_array()) {
        for (const util::JsonValue& item : b->items()) {
            if (item.is_string()) {
                s.branches.push_back(item.as_string());
            }
        }
    }
    for (const char* key : {"datasets", "texts"}) {
        if (const util::JsonValue* m = v.find(key); m != nullptr && m->is_object()) {
            for (const util::JsonValue::Member& member : m->members()) {
                if (member.second.is_string()) {
                    (std::string(key) == "datasets" ? s.datasets : s.texts)[member.first] =
                        member.second.as_string();
                }
            }
        }
    }
    return s;
}

class Cache {
public:
    Cache(const HubSettings& settings, const HubId& id) {
        if (!settings.cache_dir.empty()) {
            m_dir = settings.cache_dir + "/hub/" + cache_name(settings.endpoint) + "/models--" +
                    cache_name(id.repo.substr(0, id.repo.find('/'))) + "--" +
                    cache_name(id.repo.substr(id.repo.find('/') + 1));
        }
    }

    bool enabled() const { return !m_dir.empty(); }

    std::optional<std::string> sha_of(const std::string& revision) const {
        if (is_sha(revision)) {
            return revision;
        }
        util::ReadResult r = m_files.read(m_dir + "/refs/" + cache_name(revision), 128);
        if (!r.content) {
            return std::nullopt;
        }
        std::string sha = *r.content;
        while (!sha.empty() && (sha.back() == '\n' || sha.back() == ' ')) {
            sha.pop_back();
        }
        return is_sha(sha) ? std::optional<std::string>(sha) : std::nullopt;
    }

    std::optional<Snapshot> load(const std::string& sha) const {
        if (!enabled()) {
            return std::nullopt;
        }
        util::ReadResult r = m_files.read(m_dir + "/snapshots/" + sha + ".json", 256ULL << 20);
        if (!r.content) {
            return std::nullopt;
        }
        util::JsonParseResult parsed = util::parse_json(*r.content, "cache");
        if (!parsed.value) {
            return std::nullopt;
        }
        std::optional<Snapshot> s = snapshot_from(*parsed.value);
        if (s && s->sha != sha) {
            return std::nullopt;
        }
        return s;
    }

    // Stores a snapshot and where `revision` pointed; a cache that cannot be written is only
    // a slower next run, so failures are warnings.
    void store(const std::string& revision, const Snapshot& s, Hub& hub) const {
        if (!enabled()) {
            return;
        }
        std::error_code ec;
        std::filesystem::create_directories(m_dir + "/snapshots", ec);
        std::filesystem::create_directories(m_dir + "/refs", ec);
        if (ec) {
            hub.warning("cannot create the cache folder " + m_dir + ": " + ec.message());
            return;
        }
        write(m_dir + "/snapshots/" + s.sha + ".json", snapshot_json(s), hub);
        if (!is_sha(revision)) {
            write(m_dir + "/refs/" + cache_name(revision), s.sha + "\n", hub);
        }
    }

private:
    static void write(const std::string& path, const std::string& content, Hub& hub) {
        util::AtomicFile file(path);
        if (file.ok()) {
            file.stream() << content;
            if (file.commit()) {
                return;
            }
        }
        hub.warning("cannot write the cache: " + file.error());
    }

    std::string m_dir;
    util::RealFileSystem m_files;
};

// Which of a revision's files are read as text: the root README, license files, shard indexes.
bool wanted_text(const TreeFile& f, const EvidenceMap& map) {
    if (f.path == "README.md" || f.path == "readme.md") {
        return true;
    }
    if (!match_path(map, RuleSource::license_file, f.path).empty()) {
        return true;
    }
    for (const Rule* r : match_path(map, RuleSource::file, f.path)) {
        if (r->content == "index") {
            return true;
        }
    }
    return false;
}

std::optional<Snapshot> fetch(Hub& hub, const HubId& id, const HubSettings& settings,
                              const EvidenceMap& map, const Cache& cache, bool& from_cache) {
    const std::string revision = id.revision.empty() ? "main" : id.revision;
    from_cache = false;
    if (settings.offline || is_sha(revision)) {
        if (std::optional<std::string> sha = cache.sha_of(revision)) {
            if (std::optional<Snapshot> s = cache.load(*sha)) {
                from_cache = true;
                return s;
            }
        }
        if (settings.offline) {
            hub.error(std::string("not in the cache") +
                      (cache.enabled() ? "" : " (no cache folder: set XDG_CACHE_HOME or HOME)") +
                      ", and offline (HF_HUB_OFFLINE=1 or --offline): run once online first");
            return std::nullopt;
        }
    }
    const std::string api = "/api/models/" + encode(id.repo, true) + "/revision/" +
                            encode(revision, false) + "?blobs=true";
    std::optional<std::string> body = hub.get(api, settings.max_api_bytes, "the model's API entry");
    if (!body) {
        return std::nullopt;
    }
    std::optional<util::JsonValue> info = parse_answer(*body, "the model's API entry", hub, true);
    if (!info) {
        return std::nullopt;
    }
    const util::JsonValue* sha = info->find("sha");
    if (sha == nullptr || !sha->is_string() || !is_sha(sha->as_string())) {
        hub.error("the Hub's answer for the model's API entry names no commit sha");
        return std::nullopt;
    }
    if (std::optional<Snapshot> cached = cache.load(sha->as_string())) {
        from_cache = true;
        return cached;
    }
    Snapshot s;
    s.sha = sha->as_string();
    if (const util::JsonValue* gated = info->find("gated")) {
        // false, or "auto"/"manual" (the kind of approval).
        s.gated = (gated->is_bool() && gated->as_bool()) ||
                  (gated->is_string() && !gated->as_string().empty() && gated->as_string() != "false");
    }
    const util::JsonValue* siblings = info->find("siblings");
    if (siblings == nullptr || !siblings->is_array()) {
        hub.error("the Hub's answer for the model's API entry has no file list (siblings)");
        return std::nullopt;
    }
    for (const util::JsonValue& f : siblings->items()) {
        const util::JsonValue* name = f.find("rfilename");
        if (name == nullptr || !name->is_string() || s.files.size() >= map.limits.max_entries) {
            continue;
        }
        TreeFile file;
        file.path = name->as_string();
        if (const util::JsonValue* size = f.find("size"); size != nullptr && size->is_number()) {
            file.size = static_cast<std::uint64_t>(std::max(0.0, size->as_number()));
        }
        const util::JsonValue* lfs = f.find("lfs");
        file.hub_lfs = lfs != nullptr && lfs->is_object();
        s.files.push_back(std::move(file));
    }
    std::sort(s.files.begin(), s.files.end(),
              [](const TreeFile& a, const TreeFile& b) { return a.path < b.path; });
    if (std::optional<std::string> refs = hub.get("/api/models/" + encode(id.repo, true) + "/refs",
                                                  settings.max_api_bytes, "the branch list", false)) {
        if (std::optional<util::JsonValue> v = parse_answer(*refs, "the branch list", hub, false)) {
            if (const util::JsonValue* b = v->find("branches"); b != nullptr && b->is_array()) {
                for (const util::JsonValue& item : b->items()) {
                    const util::JsonValue* n = item.find("name");
                    if (n != nullptr && n->is_string() && n->as_string() != revision) {
                        s.branches.push_back(n->as_string());
                    }
                }
            }
        }
    }
    for (const TreeFile& f : s.files) {
        if (!wanted_text(f, map)) {
            continue;
        }
        if (f.size > settings.max_text_bytes) {
            hub.warning(
                fmt::format("{} is {} bytes, over the {}-byte limit for text files: not read",
                            f.path, f.size, settings.max_text_bytes));
            continue;
        }
        if (std::optional<std::string> text =
                hub.get("/" + encode(id.repo, true) + "/resolve/" + s.sha + "/" + encode(f.path, true),
                        settings.max_text_bytes, f.path, false)) {
            s.texts[f.path] = as_cached(*text);
        }
    }
    // The datasets the card names, for their licenses.
    for (const auto& [path, text] : s.texts) {
        if (path != "README.md" && path != "readme.md") {
            continue;
        }
        std::vector<util::Diagnostic> ignored;
        std::optional<manifest::CardMetadata> card = manifest::read_card_metadata(text, path, ignored);
        if (!card) {
            break;
        }
        for (const std::string& dataset : card->datasets) {
            if (!parse_hub_id("hf:" + dataset)) {
                continue;  // not a Hub id; its license cannot be asked for
            }
            const std::string what = "dataset " + dataset;
            if (std::optional<std::string> d = hub.get("/api/datasets/" + encode(dataset, true),
                                                       settings.max_api_bytes, what, false)) {
                if (std::optional<util::JsonValue> v = parse_answer(*d, what, hub, false)) {
                    if (std::optional<std::string> license = dataset_license(*v)) {
                        s.datasets[dataset] = as_cached(*license);
                    }
                }
            }
        }
    }
    cache.store(revision, s, hub);
    return s;
}

}  // namespace

bool is_hub_id(std::string_view text) { return util::starts_with(text, "hf:"); }

tl::expected<HubId, std::string> parse_hub_id(std::string_view text) {
    if (!is_hub_id(text)) {
        return tl::make_unexpected(std::string("a Hub id starts with hf:"));
    }
    std::string_view rest = text.substr(3);
    HubId id;
    if (const std::size_t at = rest.find('@'); at != std::string_view::npos) {
        id.revision = std::string(rest.substr(at + 1));
        rest = rest.substr(0, at);
        if (id.revision.empty() || id.revision.size() > 200 ||
            id.revision.find("..") != std::string::npos ||
            !std::all_of(id.revision.begin(), id.revision.end(),
                         [](char c) { return repo_char(c) || c == '/'; })) {
            return tl::make_unexpected(std::string(
                "a revision is a branch, tag or commit sha (letters, digits, - _ . /)"));
        }
    }
    const std::size_t slash = rest.find('/');
    const auto valid_part = [](std::string_view part) {
        return !part.empty() && part.size() <= 96 && part != "." && part != ".." &&
               std::all_of(part.begin(), part.end(), repo_char);
    };
    if (slash == std::string_view::npos || !valid_part(rest.substr(0, slash)) ||
        !valid_part(rest.substr(slash + 1))) {
        return tl::make_unexpected(
            std::string("expected hf:ORG/NAME[@REVISION] (letters, digits, - _ .)"));
    }
    id.repo = std::string(rest);
    return id;
}

HubSettings hub_settings(const std::map<std::string, std::string>& variables) {
    HubSettings s;
    const auto get = [&](const char* name) -> std::string {
        auto it = variables.find(name);
        return it == variables.end() ? std::string() : it->second;
    };
    if (!get("HF_ENDPOINT").empty()) {
        s.endpoint = get("HF_ENDPOINT");
        while (!s.endpoint.empty() && s.endpoint.back() == '/') {
            s.endpoint.pop_back();
        }
    }
    for (const char* name : {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"}) {
        if (!s.token && !get(name).empty()) {
            s.token = get(name);
        }
    }
    const std::string offline = get("HF_HUB_OFFLINE");
    s.offline = offline == "1" || offline == "true" || offline == "TRUE" || offline == "yes";
    if (!get("XDG_CACHE_HOME").empty()) {
        s.cache_dir = get("XDG_CACHE_HOME") + "/openness";
    } else if (!get("HOME").empty()) {
        s.cache_dir = get("HOME") + "/.cache/openness";
    }
    const std::string timeout = get("HF_HUB_DOWNLOAD_TIMEOUT");
    if (!timeout.empty()) {
        char* end = nullptr;
        const double secs = std::strtod(timeout.c_str(), &end);
        if (end != nullptr && *end == '\0' && secs > 0 && secs < 3600) {
            s.timeout_ms = static_cast<long>(secs * 1000);
        }
    }
    return s;
}

ScanResult scan_hub(const HubId& id, const HubSettings& settings, const ScanOptions& options) {
    const EvidenceMap& map = options.map != nullptr ? *options.map : bundled_evidence_map();
    std::vector<util::Diagnostic> diagnostics;
    Hub hub(id, settings, diagnostics);
    Cache cache(settings, id);
    bool from_cache = false;
    std::optional<Snapshot> snapshot = fetch(hub, id, settings, map, cache, from_cache);
    if (!snapshot) {
        ScanResult failed;
        failed.diagnostics = std::move(diagnostics);
        return failed;
    }
    Listing listing;
    listing.name = hub.name();
    listing.kind = "hf-repo";
    listing.files = snapshot->files;
    listing.branches = snapshot->branches;
    listing.hub_gated = snapshot->gated;
    listing.revision = snapshot->sha;
    listing.url = hub.page();
    listing.dataset_licenses = snapshot->datasets;
    listing.can_probe = false;
    if (from_cache) {
        listing.notes.push_back("read from the cache (revision " + snapshot->sha + ")");
    }
    const std::map<std::string, std::string>& texts = snapshot->texts;
    FileReader reader = [&texts](const std::string& path, std::uint64_t max_bytes, bool /*prefix*/) {
        auto it = texts.find(path);
        if (it == texts.end()) {
            return util::ReadResult{std::nullopt, "not read from the Hub"};
        }
        if (it->second.size() > max_bytes) {
            return util::ReadResult{std::nullopt, "over the size limit"};
        }
        return util::ReadResult{it->second, {}};
    };
    ScanResult result = scan_listing(listing, reader, options);
    result.diagnostics.insert(result.diagnostics.begin(), diagnostics.begin(), diagnostics.end());
    return result;
}

}  // namespace openness::evidence
