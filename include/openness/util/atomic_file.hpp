#pragma once

#include "openness/util/file_system.hpp"

#include <fstream>
#include <string>

namespace openness::util {

// A file written under a temporary name beside its target and renamed over it on commit(), so
// readers never see half of it. The temporary file is created with mode 0666, which the
// process's umask narrows as for any new file (the umask is never changed or read). Dropped
// without commit(), the temporary file is removed. A target that exists and is not a regular
// file (a symbolic link, a device such as /dev/full or /dev/stdout, a FIFO, a directory) is
// refused, never replaced: renaming over it would swap a device node or a link for a plain file.
class AtomicFile final : public OutputFile {
public:
    explicit AtomicFile(std::string target);
    ~AtomicFile() override;
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ostream& stream() override { return m_stream; }

    // Flushes, fsyncs the file, renames it over the target and fsyncs the directory; false
    // (with error() set, naming the reason: "cannot write X: No space left on device") on
    // failure.
    bool commit() override;

private:
    std::string m_target;
    std::string m_temporary;
    int m_fd = -1;  // the temporary file, kept open to fsync it
    std::ofstream m_stream;
    bool m_committed = false;
};

// Removes every temporary file an AtomicFile has made and not yet committed or removed. For the
// signal watcher, before a second signal ends the process, so no temporary file survives.
void remove_pending_temporary_files();

}  // namespace openness::util
