#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace openness::cli {

// One input to score: a path (or "-"), or a problem met while finding inputs.
struct Input {
    std::string path;
    std::string error;  // non-empty: this entry could not be walked or read
    bool regular_file = false;  // known to be a regular file, so reading it cannot block
};

// How a directory walk treats what it meets (docs/ROBUSTNESS.md, "Walks"); one place for the
// rules, so other filters (.gitignore, --exclude) stay separate from them.
struct WalkOptions {
    // Follow symbolic links met inside a walked directory (--follow-links); each real directory
    // is still walked once (device and inode checked). Off: a link to a directory is skipped,
    // and a link named like a manifest is reported as an error input, never read.
    bool follow_links = false;
    // Directory entries a walk looks at, over all named directories, before it stops with an
    // error input.
    std::size_t max_entries = 1000000;
};

// Yields the inputs named by files, directories and "-", one at a time, in a deterministic
// order: arguments in the order given, each directory walked recursively in byte order of
// path. Only one directory listing per level is held, so memory does not grow with the number
// of manifests. A walk never leaves its roots through a symbolic link unless told to follow
// them, and never opens a file that is not a regular file (a FIFO, a device, a socket): those
// are read only when named.
class InputWalker {
public:
    explicit InputWalker(std::vector<std::string> paths, WalkOptions options = {});
    ~InputWalker();
    InputWalker(const InputWalker&) = delete;
    InputWalker& operator=(const InputWalker&) = delete;

    // The next input; nullopt when there are no more.
    std::optional<Input> next();

private:
    struct Frame;
    void push_directory(const std::string& path);
    std::vector<std::string> m_paths;
    WalkOptions m_options;
    std::size_t m_entries = 0;  // directory entries looked at so far
    bool m_capped = false;      // the entry cap was hit: nothing more is walked
    std::set<std::pair<unsigned long long, unsigned long long>> m_walked;  // (device, inode)
    std::size_t m_next_path = 0;
    std::vector<std::unique_ptr<Frame>> m_stack;
};

// True when a file name looks like a manifest a directory walk should pick up.
bool is_manifest_name(const std::string& file_name);

}  // namespace openness::cli
