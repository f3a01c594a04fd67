#include "openness/cli/inputs.hpp"

#include "openness/util/strings.hpp"

#include <algorithm>
#include <fnmatch.h>
#include <string_view>
#include <utility>

namespace openness::cli {

namespace {

// True when `name` ends with `suffix` and is more than it ("a.json", not ".json").
bool ends_with(const std::string& name, std::string_view suffix) {
    return name.size() > suffix.size() && util::ends_with(name, suffix);
}

bool is_readme(const std::string& name) { return util::iequals(name, "readme.md"); }

// A README.md is a model card only when it opens with YAML front matter ("---"); any other
// README is documentation and not an input. An unreadable one is kept so its error shows.
bool looks_like_model_card(const util::FileSystem& files, const std::string& path) {
    const std::optional<std::string> head = files.read_head(path, 8);
    if (!head) {
        return true;
    }
    return util::starts_with(util::without_bom(*head), "---");
}

std::string join(const std::string& directory, const std::string& name) {
    if (!directory.empty() && directory.back() == '/') {
        return directory + name;
    }
    return directory + "/" + name;
}

// A .gitignore file larger than this is not read (and the walk says so).
constexpr std::uint64_t k_max_gitignore_bytes = 1024 * 1024;

// True when a walk skips a directory of this name: .git, node_modules, hidden directories.
bool walk_skips_directory(const std::string& name) {
    return name == "node_modules" || (name.size() > 1 && name[0] == '.' && name != "..");
}

// True when a file of this name is clearly not a manifest though it ends in .json or .yml:
// tool configuration and model files that share the manifests' extensions.
bool is_clearly_not_manifest(const std::string& file_name) {
    static constexpr std::string_view k_names[] = {
        "package.json",          "package-lock.json",     "tsconfig.json",
        "jsconfig.json",         "composer.json",         "lerna.json",
        "angular.json",          "deno.json",             "renovate.json",
        "tslint.json",           "config.json",           "generation_config.json",
        "tokenizer.json",        "tokenizer_config.json", "special_tokens_map.json",
        "added_tokens.json",     "vocab.json",            "preprocessor_config.json",
        "adapter_config.json",   "pnpm-lock.yaml",        "docker-compose.yml",
        "docker-compose.yaml",   "mkdocs.yml",            "environment.yml",
        "codecov.yml",           "dependabot.yml",
    };
    for (const std::string_view name : k_names) {
        if (name == file_name) {
            return true;
        }
    }
    return ends_with(file_name, ".index.json");  // model.safetensors.index.json and kin
}

// True when `glob` (fnmatch(3): *, ?, [...]; * also crosses '/') matches `path`, or its last
// component, or `path` with a leading "./" removed.
bool glob_matches(const std::string& glob, const std::string& path) {
    const std::size_t slash = path.rfind('/');
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    const std::string relative = util::starts_with(path, "./") ? path.substr(2) : path;
    return ::fnmatch(glob.c_str(), path.c_str(), 0) == 0 ||
           ::fnmatch(glob.c_str(), name.c_str(), 0) == 0 ||
           ::fnmatch(glob.c_str(), relative.c_str(), 0) == 0;
}

}  // namespace

bool is_manifest_name(const std::string& file_name) {
    // Native manifests, CycloneDX (*.cdx.json, bom.json) and SPDX 3 (*.spdx3.json, *.spdx.json)
    // all end in .json; MOF manifests are YAML; model cards are README.md files.
    return ends_with(file_name, ".json") || ends_with(file_name, ".yml") ||
           ends_with(file_name, ".yaml") || is_readme(file_name);
}

struct InputWalker::Frame {
    std::string path;
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    // Entries of this directory still to visit, sorted.
    std::vector<util::DirectoryEntry> entries;
    std::size_t next = 0;
    std::string error;  // reported once, before the entries
    util::Gitignore gitignore;  // this directory's .gitignore patterns (none with --no-ignore)
    // Inputs reported before the entries: a .gitignore that could not be read whole, and with
    // WalkOptions::report_skipped the entries left out.
    std::vector<Input> notes;
    std::size_t next_note = 0;
};

std::string InputWalker::ignored_by(const std::string& path, bool directory,
                                    const Frame& current) const {
    // What one directory's .gitignore says of `path`: nullopt when no pattern matches, "" when
    // a negated one re-includes it, else the pattern that excludes it.
    const auto verdict = [&](const Frame& frame) -> std::optional<std::string> {
        std::string_view relative(path);
        relative.remove_prefix(std::min(frame.path.size(), relative.size()));
        while (!relative.empty() && relative.front() == '/') {
            relative.remove_prefix(1);
        }
        const util::GitignorePattern* match =
            util::last_match(frame.gitignore, relative, directory);
        if (match == nullptr) {
            return std::nullopt;
        }
        if (match->negated) {
            return std::string();
        }
        return join(frame.path, ".gitignore") + ":" + std::to_string(match->line) + " (" +
               match->text + ")";
    };
    // Deepest first: a subdirectory's .gitignore overrides its parents'. As in git, nothing
    // below an excluded directory is looked at, so nothing there can be re-included.
    if (std::optional<std::string> said = verdict(current)) {
        return *said;
    }
    for (auto frame = m_stack.rbegin(); frame != m_stack.rend(); ++frame) {
        if (std::optional<std::string> said = verdict(**frame)) {
            return *said;
        }
    }
    return "";
}

std::string InputWalker::skip_reason(const std::string& path, const std::string& name,
                                     bool directory, const Frame& current) const {
    if (m_options.ignore) {
        if (directory && walk_skips_directory(name)) {
            return name == "node_modules" ? "a dependency folder (node_modules)"
                                          : "a hidden folder";
        }
        if (!directory && is_clearly_not_manifest(name)) {
            return "clearly not a manifest (tool or model configuration)";
        }
        std::string pattern = ignored_by(path, directory, current);
        if (!pattern.empty()) {
            return "ignored by " + pattern;
        }
    }
    for (const std::string& glob : m_options.exclude) {
        if (glob_matches(glob, path)) {
            return "matches --exclude " + glob;
        }
    }
    if (directory || m_options.include.empty()) {
        return "";
    }
    for (const std::string& glob : m_options.include) {
        if (glob_matches(glob, path)) {
            return "";
        }
    }
    return "matches no --include glob";
}

InputWalker::InputWalker(std::vector<std::string> paths, WalkOptions options,
                         const util::FileSystem& files)
    : m_paths(std::move(paths)), m_options(std::move(options)), m_files(files) {}

InputWalker::~InputWalker() = default;

void InputWalker::read_gitignore(Frame& frame, const util::Listing& listing) const {
    for (const util::DirectoryEntry& entry : listing.entries) {
        // Read only a regular file, and through a link only when links are followed.
        if (entry.name != ".gitignore" || entry.kind != util::FileKind::regular ||
            (entry.link && !m_options.follow_links)) {
            continue;
        }
        const std::string path = join(frame.path, entry.name);
        const util::ReadResult read = m_files.read(path, k_max_gitignore_bytes);
        if (!read.content) {
            frame.notes.push_back(Input{path, read.error + " (its patterns are not applied)"});
            return;
        }
        frame.gitignore = util::parse_gitignore(*read.content);
        if (!frame.gitignore.error.empty()) {
            frame.notes.push_back(Input{path, frame.gitignore.error});
        }
        return;
    }
}

namespace {

// Directory entries in the order their full paths sort: a directory "a" is "a/", so "a.json"
// comes before "a/x.json".
bool walk_order(const util::DirectoryEntry& x, const util::DirectoryEntry& y) {
    const std::string& a = x.name;
    const std::string& b = y.name;
    const std::size_t n = std::min(a.size(), b.size());
    const int c = a.compare(0, n, b, 0, n);
    if (c != 0) {
        return c < 0;
    }
    const bool x_directory = x.kind == util::FileKind::directory;
    const bool y_directory = y.kind == util::FileKind::directory;
    const int a_next = a.size() > n ? static_cast<unsigned char>(a[n]) : (x_directory ? '/' : -1);
    const int b_next = b.size() > n ? static_cast<unsigned char>(b[n]) : (y_directory ? '/' : -1);
    return a_next < b_next;
}

}  // namespace

void InputWalker::push_directory(const std::string& path) {
    auto frame = std::make_unique<Frame>();
    frame->path = path;
    const util::FileInfo info = m_files.stat(path);
    if (info.kind != util::FileKind::missing) {
        frame->device = info.device;
        frame->inode = info.inode;
        // Each real directory once: a link loop, two links to one directory, or a directory
        // named twice cannot make a walk visit it again.
        if (!m_walked.emplace(info.device, info.inode).second) {
            frame->error = "directory already walked (through a symbolic link or another name): "
                           "not walked again";
            m_stack.push_back(std::move(frame));
            return;
        }
    }
    util::Listing listing = m_files.list(path);
    frame->error = std::move(listing.error);
    if (m_options.ignore) {
        read_gitignore(*frame, listing);
    }
    for (util::DirectoryEntry& entry : listing.entries) {
        if (++m_entries > m_options.max_entries) {
            frame->error = "more than " + std::to_string(m_options.max_entries) +
                           " directory entries: the walk stops here (name fewer or smaller "
                           "directories)";
            frame->entries.clear();
            m_capped = true;
            for (const auto& open : m_stack) {  // nothing more is walked, in any directory
                open->entries.clear();
                open->next = 0;
            }
            break;
        }
        // Not followed, a link to a directory is skipped and one named like a manifest is
        // reported, never read; followed, a link counts as what it points to (a broken one is
        // read, so the reading says why). A FIFO, device or socket is never opened, not even to
        // look at its start.
        const bool unfollowed_link = entry.link && !m_options.follow_links;
        const bool is_directory = !unfollowed_link && entry.kind == util::FileKind::directory;
        const bool readable = !unfollowed_link && (entry.kind == util::FileKind::regular ||
                                                   (entry.link && entry.kind == util::FileKind::missing));
        const bool wanted =
            is_manifest_name(entry.name) &&
            (unfollowed_link ||
             (readable && (!is_readme(entry.name) ||
                           looks_like_model_card(m_files, join(path, entry.name)))));
        if (!is_directory && !wanted) {
            continue;
        }
        std::string why = skip_reason(join(path, entry.name), entry.name, is_directory, *frame);
        if (!why.empty()) {
            if (m_options.report_skipped) {
                Input note{join(path, entry.name) + (is_directory ? "/" : ""), {}, true};
                note.skipped = std::move(why);
                frame->notes.push_back(std::move(note));
            }
            continue;
        }
        if (unfollowed_link) {
            entry.kind = util::FileKind::other;
        }
        frame->entries.push_back(std::move(entry));
    }
    std::sort(frame->notes.begin(), frame->notes.end(),
              [](const Input& a, const Input& b) { return a.path < b.path; });
    std::sort(frame->entries.begin(), frame->entries.end(), walk_order);
    m_stack.push_back(std::move(frame));
}

std::optional<Input> InputWalker::next() {
    for (;;) {
        if (!m_stack.empty()) {
            Frame& top = *m_stack.back();
            if (!top.error.empty()) {
                Input input{top.path, std::move(top.error)};
                top.error.clear();
                top.entries.clear();
                return input;
            }
            if (top.next_note < top.notes.size()) {
                Input note = std::move(top.notes[top.next_note++]);
                if (top.next_note == top.notes.size()) {
                    std::vector<Input>().swap(top.notes);
                    top.next_note = 0;
                }
                return note;
            }
            if (top.next == top.entries.size()) {
                m_stack.pop_back();
                continue;
            }
            util::DirectoryEntry& entry = top.entries[top.next++];
            std::string path = join(top.path, entry.name);
            std::string().swap(entry.name);  // entries already visited need no memory
            if (entry.kind == util::FileKind::directory) {
                push_directory(path);
                continue;
            }
            if (entry.link && !m_options.follow_links) {
                return Input{std::move(path),
                             "symbolic link: not followed, so a walk stays inside the "
                             "directories named (--follow-links follows links)",
                             false};
            }
            return Input{std::move(path), {}, entry.kind == util::FileKind::regular};
        }
        if (m_capped || m_next_path == m_paths.size()) {
            return std::nullopt;
        }
        std::string path = std::move(m_paths[m_next_path++]);
        const util::FileKind kind = path == "-" ? util::FileKind::missing : m_files.stat(path).kind;
        if (kind == util::FileKind::directory) {
            push_directory(path);
            continue;
        }
        return Input{std::move(path), {}, kind == util::FileKind::regular};
    }
}

}  // namespace openness::cli
