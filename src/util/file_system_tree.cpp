// Directory listings, bounded reads and link resolution for util::FileSystem (kept apart from
// file_system.cpp, which holds whole-file reads).
#include "openness/util/file_system.hpp"

#include "openness/util/strings.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace openness::util {

namespace {

std::string reason(const std::string& what, int error_number) {
    return what + ": " + std::strerror(error_number);
}

EntryType type_of(mode_t mode) {
    if (S_ISREG(mode)) {
        return EntryType::file;
    }
    if (S_ISDIR(mode)) {
        return EntryType::directory;
    }
    if (S_ISLNK(mode)) {
        return EntryType::symlink;
    }
    return EntryType::other;
}

struct DirCloser {
    void operator()(DIR* d) const { ::closedir(d); }
};

void keep_first(std::vector<TreeEntry>& entries, std::size_t max_entries, bool& truncated) {
    std::sort(entries.begin(), entries.end(),
              [](const TreeEntry& a, const TreeEntry& b) { return a.name < b.name; });
    if (entries.size() > max_entries) {
        entries.resize(max_entries);
        truncated = true;
    }
}

}  // namespace

ReadResult FileSystem::read_prefix(const std::string& path, std::uint64_t max_bytes) const {
    // A file system without bounded reads can still answer for small files.
    return read(path, max_bytes);
}

ListResult FileSystem::list_sorted(const std::string& /*directory*/, std::size_t /*max_entries*/) const {
    return {std::nullopt, "cannot list: not supported by this file system", false};
}

ResolvedPath FileSystem::resolve(const std::string& /*path*/) const {
    return {};
}

ReadResult RealFileSystem::read_prefix(const std::string& path, std::uint64_t max_bytes) const {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return {std::nullopt, reason("cannot open", errno)};
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return {std::nullopt, "not a regular file"};
    }
    const auto size = static_cast<std::uint64_t>(info.st_size);
    std::string content(static_cast<std::size_t>(std::min(size, max_bytes)), '\0');
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::read(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    content.resize(done);
    return {std::move(content), {}};
}

ListResult RealFileSystem::list_sorted(const std::string& directory, std::size_t max_entries) const {
    std::unique_ptr<DIR, DirCloser> dir(::opendir(directory.c_str()));
    if (!dir) {
        return {std::nullopt, reason("cannot list", errno), false};
    }
    ListResult result;
    std::vector<TreeEntry> entries;
    // Hold at most twice the cap while reading, trimming to the first names in order, so a
    // directory with millions of entries costs bounded memory.
    while (const dirent* e = ::readdir(dir.get())) {
        const std::string name = e->d_name;
        if (name == "." || name == "..") {
            continue;
        }
        TreeEntry entry;
        entry.name = name;
        struct stat info {};
        const std::string full = directory + "/" + name;
        if (::lstat(full.c_str(), &info) == 0) {
            entry.type = type_of(info.st_mode);
            if (entry.type == EntryType::file) {
                entry.size = static_cast<std::uint64_t>(info.st_size);
            }
        }
        entries.push_back(std::move(entry));
        if (entries.size() >= 2 * max_entries + 1) {
            keep_first(entries, max_entries, result.truncated);
        }
    }
    keep_first(entries, max_entries, result.truncated);
    result.entries = std::move(entries);
    return result;
}

ResolvedPath RealFileSystem::resolve(const std::string& path) const {
    ResolvedPath out;
    std::unique_ptr<char, decltype(&std::free)> real(::realpath(path.c_str(), nullptr),
                                                    &std::free);
    if (!real) {
        return out;
    }
    out.canonical = real.get();
    struct stat info {};
    if (::stat(out.canonical.c_str(), &info) == 0) {
        out.type = type_of(info.st_mode);
        if (out.type == EntryType::file) {
            out.size = static_cast<std::uint64_t>(info.st_size);
        }
    }
    return out;
}

ReadResult MemoryFileSystem::read_prefix(const std::string& path, std::uint64_t max_bytes) const {
    ReadResult whole = read(path, UINT64_MAX);
    if (whole.content && whole.content->size() > max_bytes) {
        whole.content->resize(static_cast<std::size_t>(max_bytes));
    }
    return whole;
}

ListResult MemoryFileSystem::list_sorted(const std::string& directory, std::size_t max_entries) const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    const std::string prefix = directory.empty() || directory == "." ? "" : directory + "/";
    std::vector<TreeEntry> entries;
    for (auto it = m_files.lower_bound(prefix); it != m_files.end(); ++it) {
        if (!starts_with(it->first, prefix)) {
            break;
        }
        const std::string rest = it->first.substr(prefix.size());
        const std::size_t slash = rest.find('/');
        TreeEntry entry;
        entry.name = rest.substr(0, slash);
        entry.type = slash == std::string::npos ? EntryType::file : EntryType::directory;
        entry.size = slash == std::string::npos ? it->second.size() : 0;
        if (entries.empty() || entries.back().name != entry.name) {
            entries.push_back(std::move(entry));
        }
    }
    if (entries.empty() && m_files.count(directory) == 0 && !prefix.empty()) {
        return {std::nullopt, reason("cannot list", ENOENT), false};
    }
    ListResult result;
    keep_first(entries, max_entries, result.truncated);
    result.entries = std::move(entries);
    return result;
}

ResolvedPath MemoryFileSystem::resolve(const std::string& path) const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    ResolvedPath out;
    const std::string canonical = path.empty() || path[0] != '/' ? "/" + path : path;
    if (auto it = m_files.find(path); it != m_files.end()) {
        return {canonical, EntryType::file, it->second.size()};
    }
    const std::string prefix = path + "/";
    auto it = m_files.lower_bound(prefix);
    if (path.empty() || path == "." || (it != m_files.end() && starts_with(it->first, prefix))) {
        return {canonical, EntryType::directory, 0};
    }
    return out;
}

}  // namespace openness::util
