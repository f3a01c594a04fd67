#include "openness/util/file_system.hpp"

#include "openness/util/atomic_file.hpp"
#include "openness/util/strings.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <dirent.h>
#include <functional>
#include <set>
#include <sstream>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace openness::util {

namespace {

ReadResult failure(const std::string& what, int error_number) {
    return {std::nullopt, what + ": " + std::strerror(error_number)};
}

// The limit is the caller's (a command's flag, a rubric's or a list's cap), so the message names
// no flag; the caller adds the one that sets it, if any.
ReadResult too_large(std::uint64_t size, std::uint64_t max_bytes) {
    return {std::nullopt,
            "file is " + format_size(size) + ", over the limit of " + format_size(max_bytes), true};
}

// Closes a descriptor on every path out.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    int get() const { return m_fd; }
    // Gives up ownership, for a close() whose result matters.
    int release() {
        const int fd = m_fd;
        m_fd = -1;
        return fd;
    }

private:
    int m_fd;
};

FileKind kind_of(mode_t mode) {
    return S_ISDIR(mode) ? FileKind::directory : S_ISREG(mode) ? FileKind::regular : FileKind::other;
}

// A file a MemoryFileSystem holds once it is committed.
class MemoryOutputFile final : public OutputFile {
public:
    explicit MemoryOutputFile(std::function<void(std::string)> store)
        : m_store(std::move(store)) {}
    std::ostream& stream() override { return m_stream; }
    bool commit() override {
        m_store(m_stream.str());
        return true;
    }

private:
    std::function<void(std::string)> m_store;
    std::ostringstream m_stream;
};

}  // namespace

std::string format_size(std::uint64_t bytes) {
    constexpr std::uint64_t mib = 1024ULL * 1024ULL;
    if (bytes >= mib && bytes % mib == 0) {
        return fmt::format("{} MiB", bytes / mib);
    }
    if (bytes >= mib) {
        return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / static_cast<double>(mib));
    }
    if (bytes >= 1024ULL) {
        return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / 1024.0);
    }
    return fmt::format("{} bytes", bytes);
}

ReadResult RealFileSystem::read(const std::string& path, std::uint64_t max_bytes) const {
    // O_NONBLOCK so that opening a FIFO by mistake cannot hang a batch.
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() < 0) {
        return failure("cannot open", errno);
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) {
        return failure("cannot stat", errno);
    }
    if (S_ISDIR(info.st_mode)) {
        return {std::nullopt, "is a directory"};
    }
    if (!S_ISREG(info.st_mode)) {
        return {std::nullopt, "not a regular file"};
    }
    const auto size = static_cast<std::uint64_t>(info.st_size);
    if (size > max_bytes) {
        return too_large(size, max_bytes);
    }
    std::string content;
    content.resize(static_cast<std::size_t>(size));
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::read(fd.get(), content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return failure("cannot read", errno);
        }
        if (n == 0) {
            break;  // the file shrank while we read it
        }
        done += static_cast<std::size_t>(n);
    }
    content.resize(done);
    return {std::move(content), {}};
}

std::optional<std::string> RealFileSystem::read_head(const std::string& path,
                                                     std::size_t bytes) const {
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    struct stat info {};
    if (fd.get() < 0 || ::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode)) {
        return std::nullopt;
    }
    std::string head(bytes, '\0');
    const ssize_t n = ::read(fd.get(), head.data(), head.size());
    if (n < 0) {
        return std::nullopt;
    }
    head.resize(static_cast<std::size_t>(n));
    return head;
}

FileInfo RealFileSystem::stat(const std::string& path) const {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        return {};
    }
    return {kind_of(info.st_mode), static_cast<std::uint64_t>(info.st_size),
            static_cast<std::uint64_t>(info.st_dev), static_cast<std::uint64_t>(info.st_ino)};
}

Listing RealFileSystem::list(const std::string& path) const {
    Listing listing;
    DIR* dir = ::opendir(path.c_str());
    if (dir == nullptr) {
        listing.error = std::string("cannot read directory: ") + std::strerror(errno);
        return listing;
    }
    const std::string prefix = !path.empty() && path.back() == '/' ? path : path + "/";
    for (;;) {
        // errno tells the end of the listing from a failure; stat() below may set it too.
        errno = 0;
        const dirent* entry = ::readdir(dir);
        if (entry == nullptr) {
            if (errno != 0) {
                listing.error = std::string("cannot read directory: ") + std::strerror(errno);
            }
            break;
        }
        DirectoryEntry e{entry->d_name, entry->d_type == DT_DIR   ? FileKind::directory
                                        : entry->d_type == DT_REG ? FileKind::regular
                                                                  : FileKind::other};
        if (e.name == "." || e.name == "..") {
            continue;
        }
        if (entry->d_type == DT_LNK || entry->d_type == DT_UNKNOWN) {
            // A link counts as what it points to (missing: a broken one), and says it is a link
            // so a walk can refuse to leave its tree through it.
            struct stat own {};
            e.link = entry->d_type == DT_LNK ||
                     (::lstat((prefix + e.name).c_str(), &own) == 0 && S_ISLNK(own.st_mode));
            const FileInfo target = stat(prefix + e.name);
            if (target.kind != FileKind::missing || e.link) {
                e.kind = target.kind;
            }
        }
        listing.entries.push_back(std::move(e));
    }
    ::closedir(dir);
    return listing;
}

std::unique_ptr<OutputFile> RealFileSystem::write_atomically(const std::string& path) const {
    return std::make_unique<AtomicFile>(path);
}

CreateResult RealFileSystem::create_exclusive(const std::string& path,
                                              const std::string& content) const {
    // O_EXCL: an existing file is never touched, even one that appears after a check.
    FileDescriptor fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
    if (fd.get() < 0) {
        const int error_number = errno;
        return {false, error_number == EEXIST,
                "cannot create " + path + ": " + std::strerror(error_number)};
    }
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            const int error_number = errno;
            ::unlink(path.c_str());
            return {false, false, "cannot write " + path + ": " + std::strerror(error_number)};
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd.release()) != 0) {
        return {false, false, "cannot write " + path + ": " + std::strerror(errno)};
    }
    return {true, false, {}};
}

const FileSystem& real_file_system() {
    static const RealFileSystem real{};
    return real;
}

void MemoryFileSystem::add(const std::string& path, std::string content) {
    store(path, std::move(content));
}

void MemoryFileSystem::store(const std::string& path, std::string content) const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_files[path] = std::move(content);
}

std::optional<std::string> MemoryFileSystem::file(const std::string& path) const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    auto it = m_files.find(path);
    return it == m_files.end() ? std::nullopt : std::optional<std::string>(it->second);
}

ReadResult MemoryFileSystem::read(const std::string& path, std::uint64_t max_bytes) const {
    if (stat(path).kind == FileKind::directory) {
        return {std::nullopt, "is a directory"};
    }
    std::optional<std::string> content = file(path);
    if (!content) {
        return failure("cannot open", ENOENT);
    }
    if (content->size() > max_bytes) {
        return too_large(content->size(), max_bytes);
    }
    return {std::move(content), {}};
}

std::optional<std::string> MemoryFileSystem::read_head(const std::string& path,
                                                       std::size_t bytes) const {
    std::optional<std::string> content = file(path);
    if (content && content->size() > bytes) {
        content->resize(bytes);
    }
    return content;
}

FileInfo MemoryFileSystem::stat(const std::string& path) const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    // Each directory is its own "inode", so a walk's loop check works as on disk.
    const std::uint64_t inode = std::hash<std::string>{}(path);
    if (auto it = m_files.find(path); it != m_files.end()) {
        return {FileKind::regular, it->second.size(), 0, inode};
    }
    const std::string prefix = !path.empty() && path.back() == '/' ? path : path + "/";
    auto below = m_files.lower_bound(prefix);
    if (below != m_files.end() && starts_with(below->first, prefix)) {
        return {FileKind::directory, 0, 0, inode};
    }
    return {};
}

Listing MemoryFileSystem::list(const std::string& path) const {
    Listing listing;
    if (stat(path).kind != FileKind::directory) {
        listing.error = std::string("cannot read directory: ") + std::strerror(ENOENT);
        return listing;
    }
    const std::lock_guard<std::mutex> lock(m_mutex);
    const std::string prefix = !path.empty() && path.back() == '/' ? path : path + "/";
    std::set<std::string> seen;
    for (auto it = m_files.lower_bound(prefix);
         it != m_files.end() && starts_with(it->first, prefix); ++it) {
        const std::string rest = it->first.substr(prefix.size());
        const std::size_t slash = rest.find('/');
        const std::string name = rest.substr(0, slash);
        if (seen.insert(name).second) {
            listing.entries.push_back(
                {name, slash == std::string::npos ? FileKind::regular : FileKind::directory});
        }
    }
    return listing;
}

std::unique_ptr<OutputFile> MemoryFileSystem::write_atomically(const std::string& path) const {
    return std::make_unique<MemoryOutputFile>(
        [this, path](std::string content) { store(path, std::move(content)); });
}

CreateResult MemoryFileSystem::create_exclusive(const std::string& path,
                                                const std::string& content) const {
    if (stat(path).kind != FileKind::missing) {
        return {false, true, "cannot create " + path + ": " + std::strerror(EEXIST)};
    }
    store(path, content);
    return {true, false, {}};
}

}  // namespace openness::util
