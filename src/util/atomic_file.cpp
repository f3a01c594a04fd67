#include "openness/util/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace openness::util {

AtomicFile::AtomicFile(std::string target) : m_target(std::move(target)) {
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
    m_stream.open(m_temporary, std::ios::binary | std::ios::trunc);
    if (!m_stream) {
        m_error = "cannot write " + m_temporary;
    }
}

AtomicFile::~AtomicFile() {
    if (!m_committed && !m_temporary.empty()) {
        m_stream.close();
        std::remove(m_temporary.c_str());
    }
}

bool AtomicFile::commit() {
    m_stream.flush();
    const bool written = static_cast<bool>(m_stream);
    m_stream.close();
    if (!written) {
        m_error = "cannot write " + m_target;
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
    return true;
}

}  // namespace openness::util
