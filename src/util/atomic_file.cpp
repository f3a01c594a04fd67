#include "openness/util/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <mutex>
#include <set>
#include <vector>

namespace openness::util {

namespace {

// The temporary files not yet committed or removed, for remove_pending_temporary_files. This is
// process state by nature: a signal ends the whole process.
std::mutex g_pending_mutex;
std::set<std::string>& pending() {
    static std::set<std::string> files;
    return files;
}

void track(const std::string& path, bool add) {
    const std::lock_guard<std::mutex> lock(g_pending_mutex);
    if (add) {
        pending().insert(path);
    } else {
        pending().erase(path);
    }
}

}  // namespace

void remove_pending_temporary_files() {
    const std::lock_guard<std::mutex> lock(g_pending_mutex);
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
    std::string pattern = m_target + ".tmp.XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());
    if (fd < 0) {
        m_error = "cannot create a temporary file beside " + m_target + ": " + std::strerror(errno);
        return;
    }
    ::close(fd);
    m_temporary = name.data();
    track(m_temporary, true);
    m_stream.open(m_temporary, std::ios::binary | std::ios::trunc);
    if (!m_stream) {
        m_error = "cannot write " + m_temporary;
    }
}

AtomicFile::~AtomicFile() {
    if (!m_committed && !m_temporary.empty()) {
        m_stream.close();
        std::remove(m_temporary.c_str());
        track(m_temporary, false);
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
    // Keep the permissions a plain new file would get (mkstemp makes it 0600).
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(m_temporary.c_str(), 0666U & ~mask);
    if (std::rename(m_temporary.c_str(), m_target.c_str()) != 0) {
        m_error = "cannot rename " + m_temporary + " to " + m_target + ": " + std::strerror(errno);
        return false;
    }
    m_committed = true;
    track(m_temporary, false);
    return true;
}

}  // namespace openness::util
