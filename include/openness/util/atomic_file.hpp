#pragma once

#include <fstream>
#include <string>

namespace openness::util {

// A file written under a temporary name beside its target and renamed over it on commit(), so
// readers never see half of it. Dropped without commit(), the temporary file is removed. A
// target that exists and is not a regular file (a symbolic link, a device such as /dev/full or
// /dev/stdout, a FIFO, a directory) is refused, never replaced: renaming over it would swap a
// device node or a link for a plain file.
class AtomicFile {
public:
    explicit AtomicFile(std::string target);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    // False (with error() set) when the temporary file could not be created.
    bool ok() const { return m_error.empty(); }
    const std::string& error() const { return m_error; }
    std::ostream& stream() { return m_stream; }

    // Flushes, syncs and renames over the target; false (with error() set, naming the reason:
    // "cannot write X: No space left on device") on failure.
    bool commit();

private:
    std::string m_target;
    std::string m_temporary;
    std::ofstream m_stream;
    std::string m_error;
    bool m_committed = false;
};

// Removes every temporary file an AtomicFile has made and not yet committed or removed. For the
// signal watcher, before a second signal ends the process, so no temporary file survives.
void remove_pending_temporary_files();

}  // namespace openness::util
