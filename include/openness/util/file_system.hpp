#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace openness::util {

// The outcome of reading one file: its bytes, or a one-line reason it could not be read.
struct ReadResult {
    std::optional<std::string> content;
    std::string error;  // e.g. "cannot open: No such file or directory"
};

// File access behind an interface so tests can use an in-memory fake.
class FileSystem {
public:
    virtual ~FileSystem() = default;
    // Reads a whole file, refusing (before reading it all) one larger than max_bytes.
    virtual ReadResult read(const std::string& path, std::uint64_t max_bytes) const = 0;
};

// The real file system.
class RealFileSystem final : public FileSystem {
public:
    ReadResult read(const std::string& path, std::uint64_t max_bytes) const override;
};

// An in-memory file system for tests; unknown paths read as "No such file or directory".
class MemoryFileSystem final : public FileSystem {
public:
    // Adds or replaces a file.
    void add(const std::string& path, std::string content);
    ReadResult read(const std::string& path, std::uint64_t max_bytes) const override;

private:
    std::map<std::string, std::string> m_files;
};

// "16 MiB", "1.5 KiB", "12 bytes": sizes for messages.
std::string format_size(std::uint64_t bytes);

}  // namespace openness::util
