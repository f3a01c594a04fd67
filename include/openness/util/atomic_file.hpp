#pragma once

#include <fstream>
#include <string>

namespace openness::util {

// A file written under a temporary name beside its target and renamed over it on commit(), so
// readers never see half of it. Dropped without commit(), the temporary file is removed.
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

    // Flushes, syncs and renames over the target; false (with error() set) on failure.
    bool commit();

private:
    std::string m_target;
    std::string m_temporary;
    std::ofstream m_stream;
    std::string m_error;
    bool m_committed = false;
};

}  // namespace openness::util
