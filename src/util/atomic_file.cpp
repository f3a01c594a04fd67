#include "openness/util/atomic_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <random>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace openness::util {

namespace {

// The folder a path is in, for syncing the rename: "." for a bare name.
std::string directory_of(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) {
        return ".";
    }
    return slash == 0 ? "/" : path.substr(0, slash);
}

// Syncs a descriptor, retrying when a signal interrupts it.
bool sync(int fd) {
    while (::fsync(fd) != 0) {
        if (errno != EINTR) {
            return false;
        }
    }
    return true;
}

// The temporary files not yet committed or removed, for remove_pending_temporary_files. This is
// process state by nature: a signal ends the whole process.
std::mutex g_pending_mutex;
std::set<std::string>& pending() {
    static std::set<std::string> files;
    return files;
}

void untrack(const std::string& path) {
    const std::lock_guard<std::mutex> lock(g_pending_mutex);
    pending().erase(path);
}

// Set by remove_pending_temporary_files, under the lock: the process is ending, so no new
// temporary file may appear after the clean-up.
bool g_ending = false;

// Creates `path` (O_EXCL, mode 0666), opens `stream` on it and records it as pending, all under
// the lock, so a signal's clean-up can never find the file on disk but not yet in the list, nor
// see it made again (the stream's open would) after removing it.
int create_tracked(const std::string& path, std::ofstream& stream) {
    const std::lock_guard<std::mutex> lock(g_pending_mutex);
    if (g_ending) {
        errno = ECANCELED;
        return -1;
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
        pending().insert(path);
        const int saved = errno;
        stream.open(path, std::ios::binary | std::ios::trunc);
        errno = saved;
    }
    return fd;
}

}  // namespace

void remove_pending_temporary_files() {
    const std::lock_guard<std::mutex> lock(g_pending_mutex);
    g_ending = true;
    for (const std::string& path : pending()) {
        ::unlink(path.c_str());
    }
    pending().clear();
}

AtomicFile::AtomicFile(std::string target) : m_target(std::move(target)) {
    struct stat existing {};
    if (::lstat(m_target.c_str(), &existing) == 0) {
        if (S_ISLNK(existing.st_mode)) {
            m_error = "cannot write " + m_target +
                      ": it is a symbolic link, which openness does not replace (name the file "
                      "it points to)";
            return;
        }
        if (!S_ISREG(existing.st_mode)) {
            m_error = "cannot write " + m_target +
                      ": not a regular file (a device, FIFO or directory is never replaced; "
                      "leave out -o to write to standard output)";
            return;
        }
    }
    // O_EXCL with mode 0666 under a fresh random name (as mkstemp does, which would make it 0600
    // and leave the mode to fix by reading the umask).
    std::random_device random;
    int error_number = EEXIST;
    for (int attempt = 0; attempt < 100 && m_fd < 0 && error_number == EEXIST; ++attempt) {
        m_temporary = fmt::format("{}.tmp.{:08x}", m_target, random());
        m_fd = create_tracked(m_temporary, m_stream);
        error_number = errno;
    }
    if (m_fd < 0) {
        m_error = "cannot create a temporary file beside " + m_target + ": " +
                  std::strerror(error_number);
        m_temporary.clear();
        return;
    }
    if (!m_stream) {
        m_error = "cannot write " + m_temporary;
    }
}

AtomicFile::~AtomicFile() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
    if (!m_committed && !m_temporary.empty()) {
        m_stream.close();
        std::remove(m_temporary.c_str());
        untrack(m_temporary);
    }
}

bool AtomicFile::commit() {
    errno = 0;
    m_stream.flush();
    const int flush_error = errno;
    const bool written = static_cast<bool>(m_stream);
    m_stream.close();
    if (!written) {
        m_error = "cannot write " + m_target + ": " +
                  (flush_error != 0 ? std::strerror(flush_error) : "write failed");
        return false;
    }
    if (m_fd < 0 || !sync(m_fd)) {
        m_error = "cannot write " + m_target + ": " + std::strerror(errno);
        return false;
    }
    if (std::rename(m_temporary.c_str(), m_target.c_str()) != 0) {
        m_error = "cannot rename " + m_temporary + " to " + m_target + ": " + std::strerror(errno);
        return false;
    }
    m_committed = true;
    untrack(m_temporary);
    // The rename itself is durable once the folder is synced; a folder that cannot be opened
    // for that (unusual permissions) still holds the whole new file.
    const int directory = ::open(directory_of(m_target).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory >= 0) {
        sync(directory);
        ::close(directory);
    }
    return true;
}

}  // namespace openness::util
