#include "openness/util/file_system.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace openness::util {

namespace {

ReadResult failure(const std::string& what, int error_number) {
    return {std::nullopt, what + ": " + std::strerror(error_number)};
}

std::string too_large(std::uint64_t size, std::uint64_t max_bytes) {
    return "file is " + format_size(size) + ", over the limit of " + format_size(max_bytes) +
           " (--max-file-size)";
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

private:
    int m_fd;
};

}  // namespace

std::string format_size(std::uint64_t bytes) {
    char buffer[64];
    if (bytes >= 1024ULL * 1024ULL && bytes % (1024ULL * 1024ULL) == 0) {
        std::snprintf(buffer, sizeof buffer, "%llu MiB",
                      static_cast<unsigned long long>(bytes / (1024ULL * 1024ULL)));
    } else if (bytes >= 1024ULL * 1024ULL) {
        std::snprintf(buffer, sizeof buffer, "%.1f MiB",
                      static_cast<double>(bytes) / (1024.0 * 1024.0));
    } else if (bytes >= 1024ULL) {
        std::snprintf(buffer, sizeof buffer, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
    } else {
        std::snprintf(buffer, sizeof buffer, "%llu bytes", static_cast<unsigned long long>(bytes));
    }
    return buffer;
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
        return {std::nullopt, too_large(size, max_bytes)};
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

void MemoryFileSystem::add(const std::string& path, std::string content) {
    m_files[path] = std::move(content);
}

ReadResult MemoryFileSystem::read(const std::string& path, std::uint64_t max_bytes) const {
    auto it = m_files.find(path);
    if (it == m_files.end()) {
        return failure("cannot open", ENOENT);
    }
    if (it->second.size() > max_bytes) {
        return {std::nullopt, too_large(it->second.size(), max_bytes)};
    }
    return {it->second, {}};
}

}  // namespace openness::util
