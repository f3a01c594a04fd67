#pragma once

// All file access goes through FileSystem (as ninja's DiskInterface): reading, stat, directory
// listing, atomic and exclusive writing. The real one talks to the operating system; tests use
// MemoryFileSystem, a whole tree in memory.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <iosfwd>
#include <string>
#include <vector>

namespace openness::util {

// The outcome of reading one file: its bytes, or a one-line reason it could not be read.
struct ReadResult {
    std::optional<std::string> content;
    std::string error;  // e.g. "cannot open: No such file or directory"
    bool over_limit = false;  // the error is the file's size: over the limit the caller set
};

// What a path names, following symbolic links.
enum class FileKind : unsigned char { missing, regular, directory, other };

struct FileInfo {
    FileKind kind = FileKind::missing;
    std::uint64_t size = 0;
    // Identify a directory, so a walk can tell it is already inside it (a link loop).
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
};

// One entry of a directory listing; `kind` follows symbolic links (missing: a broken link).
struct DirectoryEntry {
    std::string name;
    FileKind kind = FileKind::other;
    bool link = false;  // a symbolic link (`kind` says what it points to)
};

// A directory's entries (without "." and ".."), in no particular order, or why it could not be
// listed ("cannot read directory: Permission denied").
struct Listing {
    std::vector<DirectoryEntry> entries;
    std::string error;
};

// A file being written: what is written to stream() appears at its path, whole, on commit().
class OutputFile {
public:
    virtual ~OutputFile() = default;
    // False (with error() set) when the file could not be started.
    bool ok() const { return m_error.empty(); }
    const std::string& error() const { return m_error; }
    virtual std::ostream& stream() = 0;
    // Makes the file appear at its path; false (with error() set) on failure. Dropped without
    // commit(), nothing appears.
    virtual bool commit() = 0;

protected:
    std::string m_error;
};

// The outcome of creating a file that must not exist yet.
struct CreateResult {
    bool ok = false;
    bool exists = false;  // it failed because the path already exists
    std::string error;    // "cannot create PATH: ..." or "cannot write PATH: ..."
};

// What a directory entry is, without following a symbolic link.
enum class EntryType { file, directory, symlink, other };

// One entry of a directory listing.
struct TreeEntry {
    std::string name;
    EntryType type = EntryType::other;
    std::uint64_t size = 0;  // regular files only
};

// A directory's entries sorted by name, or a one-line reason it could not be listed.
struct ListResult {
    std::optional<std::vector<TreeEntry>> entries;
    std::string error;
    bool truncated = false;  // more entries than asked for; the first max_entries by name are kept
};

// Where a path leads after every symbolic link is followed.
struct ResolvedPath {
    std::string canonical;  // absolute, no links; empty when the path leads nowhere
    EntryType type = EntryType::other;
    std::uint64_t size = 0;
};

class FileSystem {
public:
    virtual ~FileSystem() = default;
    // Reads a whole file, refusing (before reading it all) one larger than max_bytes.
    virtual ReadResult read(const std::string& path, std::uint64_t max_bytes) const = 0;
    // The first `bytes` bytes of a regular file (fewer when it is shorter); nullopt when
    // unreadable or not a regular file (a FIFO is never waited on).
    virtual std::optional<std::string> read_head(const std::string& path,
                                                 std::size_t bytes) const = 0;
    // What `path` is, following symbolic links.
    virtual FileInfo stat(const std::string& path) const = 0;
    // The entries of a directory.
    virtual Listing list(const std::string& path) const = 0;
    // Starts writing `path` atomically: readers see the old file or the whole new one.
    virtual std::unique_ptr<OutputFile> write_atomically(const std::string& path) const = 0;
    // Writes `content` to `path` only if nothing is there (never touching an existing file).
    virtual CreateResult create_exclusive(const std::string& path,
                                          const std::string& content) const = 0;
    // Reads at most the first max_bytes of a regular file (never the rest of it).
    virtual ReadResult read_prefix(const std::string& path, std::uint64_t max_bytes) const;
    // Lists a directory, keeping at most max_entries entries.
    virtual ListResult list_sorted(const std::string& directory, std::size_t max_entries) const;
    // Follows every link of `path`; an empty canonical path when it cannot be resolved.
    virtual ResolvedPath resolve(const std::string& path) const;
};

// The real file system.
class RealFileSystem final : public FileSystem {
public:
    ReadResult read(const std::string& path, std::uint64_t max_bytes) const override;
    std::optional<std::string> read_head(const std::string& path,
                                         std::size_t bytes) const override;
    FileInfo stat(const std::string& path) const override;
    Listing list(const std::string& path) const override;
    std::unique_ptr<OutputFile> write_atomically(const std::string& path) const override;
    CreateResult create_exclusive(const std::string& path,
                                  const std::string& content) const override;
    ReadResult read_prefix(const std::string& path, std::uint64_t max_bytes) const override;
    ListResult list_sorted(const std::string& directory, std::size_t max_entries) const override;
    ResolvedPath resolve(const std::string& path) const override;
};

// The one real file system, for callers that were given none.
const FileSystem& real_file_system();

// An in-memory tree for tests: files by path, directories implied by the files below them
// ("a/b.json" makes "a" a directory). Unknown paths read as "No such file or directory". Its
// writes change the tree, so a test can read back what a command wrote.
class MemoryFileSystem : public FileSystem {
public:
    // Adds or replaces a file.
    void add(const std::string& path, std::string content);
    // The file at `path`, or nullopt.
    std::optional<std::string> file(const std::string& path) const;

    ReadResult read(const std::string& path, std::uint64_t max_bytes) const override;
    std::optional<std::string> read_head(const std::string& path,
                                         std::size_t bytes) const override;
    FileInfo stat(const std::string& path) const override;
    Listing list(const std::string& path) const override;
    std::unique_ptr<OutputFile> write_atomically(const std::string& path) const override;
    CreateResult create_exclusive(const std::string& path,
                                  const std::string& content) const override;
    // Directories are implied by the files' paths ("a/b/c" makes "a" and "a/b"); no links.
    ReadResult read_prefix(const std::string& path, std::uint64_t max_bytes) const override;
    ListResult list_sorted(const std::string& directory, std::size_t max_entries) const override;
    ResolvedPath resolve(const std::string& path) const override;

private:
    // Stores a written file; const because writing changes the world, not this handle on it.
    void store(const std::string& path, std::string content) const;
    mutable std::mutex m_mutex;  // commands read from several threads
    mutable std::map<std::string, std::string> m_files;
};

// "16 MiB", "1.5 KiB", "12 bytes": sizes for messages.
std::string format_size(std::uint64_t bytes);

}  // namespace openness::util
