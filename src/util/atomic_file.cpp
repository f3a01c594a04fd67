#include "openness/util/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <random>
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

}  // namespace

AtomicFile::AtomicFile(std::string target) : m_target(std::move(target)) {
    // O_EXCL with mode 0666 under a fresh random name (as mkstemp does, which would make it 0600
    // and leave the mode to fix by reading the umask).
    std::random_device random;
    int error_number = EEXIST;
    for (int attempt = 0; attempt < 100 && m_fd < 0 && error_number == EEXIST; ++attempt) {
        char suffix[16];
        std::snprintf(suffix, sizeof suffix, "%08x", random());
        m_temporary = m_target + ".tmp." + suffix;
        m_fd = ::open(m_temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        error_number = errno;
    }
    if (m_fd < 0) {
        m_error = "cannot create a temporary file beside " + m_target + ": " +
                  std::strerror(error_number);
        m_temporary.clear();
        return;
    }
    m_stream.open(m_temporary, std::ios::binary | std::ios::trunc);
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
    }
}

bool AtomicFile::commit() {
    m_stream.flush();
    const bool written = static_cast<bool>(m_stream);
    m_stream.close();
    if (!written || m_fd < 0 || !sync(m_fd)) {
        m_error = "cannot write " + m_target;
        return false;
    }
    if (std::rename(m_temporary.c_str(), m_target.c_str()) != 0) {
        m_error = "cannot rename " + m_temporary + " to " + m_target + ": " + std::strerror(errno);
        return false;
    }
    m_committed = true;
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
