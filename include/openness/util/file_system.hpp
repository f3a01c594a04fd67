#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace openness::util {

// The outcome of reading one file: its bytes, or a one-line reason it could not be read.
struct ReadResult {
    std::optional<std::string> content;
    std::string error;  // e.g. "cannot open: No such file or directory"
};

// What a directory entry is, without following a symbolic link.
enum class EntryType { file, directory, symlink, other };

// One entry of a directory listing.
struct DirectoryEntry {
    std::string name;
    EntryType type = EntryType::other;
    std::uint64_t size = 0;  // regular files only
};

// A directory's entries sorted by name, or a one-line reason it could not be listed.
struct ListResult {
    std::optional<std::vector<DirectoryEntry>> entries;
    std::string error;
    bool truncated = false;  // more entries than asked for; the first max_entries by name are kept
};

// Where a path leads after every symbolic link is followed.
struct ResolvedPath {
    std::string canonical;  // absolute, no links; empty when the path leads nowhere
    EntryType type = EntryType::other;
    std::uint64_t size = 0;
};

// File access behind an interface so tests can use an in-memory fake.
class FileSystem {
public:
    virtual ~FileSystem() = default;
    // Reads a whole file, refusing (before reading it all) one larger than max_bytes.
    virtual ReadResult read(const std::string& path, std::uint64_t max_bytes) const = 0;
    // Reads at most the first max_bytes of a regular file (never the rest of it).
    virtual ReadResult read_prefix(const std::string& path, std::uint64_t max_bytes) const;
    // Lists a directory, keeping at most max_entries entries.
    virtual ListResult list(const std::string& directory, std::size_t max_entries) const;
    // Follows every link of `path`; an empty canonical path when it cannot be resolved.
    virtual ResolvedPath resolve(const std::string& path) const;
};

// The real file system.
class RealFileSystem final : public FileSystem {
public:
    ReadResult read(const std::string& path, std::uint64_t max_bytes) const override;
    ReadResult read_prefix(const std::string& path, std::uint64_t max_bytes) const override;
    ListResult list(const std::string& directory, std::size_t max_entries) const override;
    ResolvedPath resolve(const std::string& path) const override;
};

// An in-memory file system for tests; unknown paths read as "No such file or directory".
class MemoryFileSystem final : public FileSystem {
public:
    // Adds or replaces a file.
    void add(const std::string& path, std::string content);
    ReadResult read(const std::string& path, std::uint64_t max_bytes) const override;
    // Directories are implied by the files' paths ("a/b/c" makes "a" and "a/b"); no links.
    ReadResult read_prefix(const std::string& path, std::uint64_t max_bytes) const override;
    ListResult list(const std::string& directory, std::size_t max_entries) const override;
    ResolvedPath resolve(const std::string& path) const override;

private:
    std::map<std::string, std::string> m_files;
};

// "16 MiB", "1.5 KiB", "12 bytes": sizes for messages.
std::string format_size(std::uint64_t bytes);

}  // namespace openness::util
