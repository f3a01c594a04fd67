#pragma once

#include "openness/util/file_system.hpp"

#include <fstream>
#include <string>

namespace openness::util {

// A file written under a temporary name beside its target and renamed over it on commit(), so
// readers never see half of it. The temporary file is created with mode 0666, which the
// process's umask narrows as for any new file (the umask is never changed or read). Dropped
// without commit(), the temporary file is removed.
class AtomicFile final : public OutputFile {
public:
    explicit AtomicFile(std::string target);
    ~AtomicFile() override;
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ostream& stream() override { return m_stream; }

    // Flushes, fsyncs the file, renames it over the target and fsyncs the directory; false
    // (with error() set) on failure.
    bool commit() override;

private:
    std::string m_target;
    std::string m_temporary;
    int m_fd = -1;  // the temporary file, kept open to fsync it
    std::ofstream m_stream;
    bool m_committed = false;
};

}  // namespace openness::util
