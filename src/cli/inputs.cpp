#include "openness/cli/inputs.hpp"

#include <algorithm>
#include <fnmatch.h>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace openness::cli {

namespace {

bool ends_with(const std::string& name, std::string_view suffix) {
    return name.size() > suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_readme(const std::string& name) {
    std::string lowered = name;
    for (char& c : lowered) {
        c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return lowered == "readme.md";
}

// A README.md is a model card only when it opens with YAML front matter ("---"); any other
// README is documentation and not an input. An unreadable one is kept so its error shows.
bool looks_like_model_card(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return true;
    }
    char head[8] = {};
    const ssize_t n = ::read(fd, head, sizeof head);
    ::close(fd);
    if (n < 0) {
        return true;
    }
    std::string_view text(head, static_cast<std::size_t>(n));
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    return text.substr(0, 3) == "---";
}

}  // namespace

bool is_manifest_name(const std::string& file_name) {
    // Native manifests, CycloneDX (*.cdx.json, bom.json) and SPDX 3 (*.spdx3.json, *.spdx.json)
    // all end in .json; MOF manifests are YAML; model cards are README.md files.
    return ends_with(file_name, ".json") || ends_with(file_name, ".yml") ||
           ends_with(file_name, ".yaml") || is_readme(file_name);
}

bool walk_skips_directory(const std::string& name) {
    return name == "node_modules" || (name.size() > 1 && name[0] == '.' && name != "..");
}

bool is_clearly_not_manifest(const std::string& file_name) {
    // Tool configuration and model files that share the manifests' extensions.
    static const char* const k_names[] = {
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
    for (const char* name : k_names) {
        if (file_name == name) {
            return true;
        }
    }
    return ends_with(file_name, ".index.json");  // model.safetensors.index.json and kin
}

bool glob_matches(const std::string& glob, const std::string& path) {
    const std::size_t slash = path.rfind('/');
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    const std::string relative = path.compare(0, 2, "./") == 0 ? path.substr(2) : path;
    return ::fnmatch(glob.c_str(), path.c_str(), 0) == 0 ||
           ::fnmatch(glob.c_str(), name.c_str(), 0) == 0 ||
           ::fnmatch(glob.c_str(), relative.c_str(), 0) == 0;
}

bool InputWalker::skipped(const std::string& path, const std::string& name,
                          bool directory) const {
    if (m_options.ignore &&
        (directory ? walk_skips_directory(name) : is_clearly_not_manifest(name))) {
        return true;
    }
    for (const std::string& glob : m_options.exclude) {
        if (glob_matches(glob, path)) {
            return true;
        }
    }
    if (directory || m_options.include.empty()) {
        return false;
    }
    for (const std::string& glob : m_options.include) {
        if (glob_matches(glob, path)) {
            return false;
        }
    }
    return true;
}

struct InputWalker::Frame {
    std::string path;
    dev_t device = 0;
    ino_t inode = 0;
    // What an entry is: a subdirectory, a regular file, or another kind of file.
    enum class Kind : unsigned char { other, regular, directory };
    // Entries of this directory still to visit, sorted.
    std::vector<std::pair<std::string, Kind>> entries;
    std::size_t next = 0;
    std::string error;  // reported once, before the entries
};

namespace {

std::string join(const std::string& directory, const std::string& name) {
    if (!directory.empty() && directory.back() == '/') {
        return directory + name;
    }
    return directory + "/" + name;
}

}  // namespace

InputWalker::InputWalker(std::vector<std::string> paths, WalkOptions options)
    : m_paths(std::move(paths)), m_options(std::move(options)) {}

InputWalker::~InputWalker() = default;

void InputWalker::push_directory(const std::string& path) {
    auto frame = std::make_unique<Frame>();
    frame->path = path;
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0) {
        frame->device = info.st_dev;
        frame->inode = info.st_ino;
        for (const auto& open : m_stack) {
            if (open->device == info.st_dev && open->inode == info.st_ino) {
                frame->error = "symbolic link loop: this directory is already being walked";
                m_stack.push_back(std::move(frame));
                return;
            }
        }
    }
    DIR* dir = ::opendir(path.c_str());
    if (dir == nullptr) {
        frame->error = std::string("cannot read directory: ") + std::strerror(errno);
        m_stack.push_back(std::move(frame));
        return;
    }
    for (;;) {
        // errno tells the end of the listing from a failure; stat() below may set it too.
        errno = 0;
        const dirent* entry = ::readdir(dir);
        if (entry == nullptr) {
            if (errno != 0) {
                frame->error = std::string("cannot read directory: ") + std::strerror(errno);
            }
            break;
        }
        const std::string name = entry->d_name;
        if (name == "." || name == "..") {
            continue;
        }
        Frame::Kind kind = entry->d_type == DT_DIR   ? Frame::Kind::directory
                           : entry->d_type == DT_REG ? Frame::Kind::regular
                                                     : Frame::Kind::other;
        if (entry->d_type == DT_LNK || entry->d_type == DT_UNKNOWN) {
            struct stat target {};
            // A link to a directory is walked (loops are caught above); a broken link is
            // reported only if it looks like a manifest.
            if (::stat(join(path, name).c_str(), &target) == 0) {
                kind = S_ISDIR(target.st_mode)   ? Frame::Kind::directory
                       : S_ISREG(target.st_mode) ? Frame::Kind::regular
                                                 : Frame::Kind::other;
            }
        }
        const bool is_directory = kind == Frame::Kind::directory;
        const bool wanted = is_manifest_name(name) &&
                            (!is_readme(name) || looks_like_model_card(join(path, name)));
        if ((is_directory || wanted) && !skipped(join(path, name), name, is_directory)) {
            frame->entries.emplace_back(name, kind);
        }
    }
    ::closedir(dir);
    // Sorted as full paths sort: a directory "a" is "a/", so "a.json" comes before "a/x.json".
    std::sort(frame->entries.begin(), frame->entries.end(), [](const auto& x, const auto& y) {
        const std::string& a = x.first;
        const std::string& b = y.first;
        const std::size_t n = std::min(a.size(), b.size());
        const int c = a.compare(0, n, b, 0, n);
        if (c != 0) {
            return c < 0;
        }
        const bool x_directory = x.second == Frame::Kind::directory;
        const bool y_directory = y.second == Frame::Kind::directory;
        const int a_next = a.size() > n ? static_cast<unsigned char>(a[n]) : (x_directory ? '/' : -1);
        const int b_next = b.size() > n ? static_cast<unsigned char>(b[n]) : (y_directory ? '/' : -1);
        return a_next < b_next;
    });
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
            if (top.next == top.entries.size()) {
                m_stack.pop_back();
                continue;
            }
            auto& [name, kind] = top.entries[top.next++];
            std::string path = join(top.path, name);
            std::string().swap(name);  // entries already visited need no memory
            if (kind == Frame::Kind::directory) {
                push_directory(path);
                continue;
            }
            return Input{std::move(path), {}, kind == Frame::Kind::regular};
        }
        if (m_next_path == m_paths.size()) {
            return std::nullopt;
        }
        std::string path = std::move(m_paths[m_next_path++]);
        struct stat info {};
        const bool found = path != "-" && ::stat(path.c_str(), &info) == 0;
        if (found && S_ISDIR(info.st_mode)) {
            push_directory(path);
            continue;
        }
        return Input{std::move(path), {}, found && S_ISREG(info.st_mode)};
    }
}

}  // namespace openness::cli
