#pragma once

#include "openness/util/file_system.hpp"
#include "openness/util/gitignore.hpp"

#include <cstddef>
#include <cstdint>
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
    bool release = false;       // a release folder or an hf: id (classify --release, --hf-list)
    // Non-empty: not an input but why the walk left `path` out (WalkOptions::report_skipped).
    std::string skipped = {};
};

// How a directory walk treats what it meets (named files and "-" are always read). The rules
// that keep a walk safe (links, the entry cap, non-regular files; docs/ROBUSTNESS.md) are the
// first two fields; the filters of what a repository holds besides manifests the rest.
struct WalkOptions {
    // Follow symbolic links met inside a walked directory (--follow-links); each real directory
    // is still walked once (device and inode checked). Off: a link to a directory is skipped,
    // and a link named like a manifest is reported as an error input, never read.
    bool follow_links = false;
    // Directory entries a walk looks at, over all named directories, before it stops with an
    // error input.
    std::size_t max_entries = 1000000;
    // Skip what a repository holds besides manifests: .git, node_modules and other hidden
    // directories, what the walked directories' .gitignore files exclude, and files that are
    // clearly something else (package.json, tsconfig.json, a model's config.json, ...).
    // --no-ignore turns it off.
    bool ignore = true;
    // Also yield, for each directory or manifest-named file a filter leaves out, an Input whose
    // `skipped` says why (classify --verbose); off, skipped entries are silent.
    bool report_skipped = false;
    std::vector<std::string> exclude;  // --exclude GLOB: walked paths matching any are skipped
    std::vector<std::string> include;  // --include GLOB: when any, walked files must match one
};

// Yields the inputs named by files, directories and "-", one at a time, in a deterministic
// order: arguments in the order given, each directory walked recursively in byte order of
// path. Only one directory listing per level is held, so memory does not grow with the number
// of manifests. A walk never leaves its roots through a symbolic link unless told to follow
// them (then each real directory once), stops at the entry cap, and never opens a file that is
// not a regular file (a FIFO, a device, a socket): those are read only when named. Every look
// at the disk goes through `files`.
class InputWalker {
public:
    explicit InputWalker(std::vector<std::string> paths, WalkOptions options = {},
                         const util::FileSystem& files = util::real_file_system());
    ~InputWalker();
    InputWalker(const InputWalker&) = delete;
    InputWalker& operator=(const InputWalker&) = delete;

    // The next input; nullopt when there are no more.
    std::optional<Input> next();

private:
    struct Frame;
    void push_directory(const std::string& path);
    // Reads the .gitignore among `listing` into `frame` (a problem becomes an error note).
    void read_gitignore(Frame& frame, const util::Listing& listing) const;
    // Why a walked entry is left out (see WalkOptions), or "" when it is walked; `current` is
    // the directory being listed, not yet on the stack.
    std::string skip_reason(const std::string& path, const std::string& name, bool directory,
                            const Frame& current) const;
    // Whether the .gitignore files of `current` and the directories above it, deepest first,
    // exclude `path`; the pattern that did, as "DIR/.gitignore:LINE (PATTERN)", or "".
    std::string ignored_by(const std::string& path, bool directory, const Frame& current) const;
    std::vector<std::string> m_paths;
    WalkOptions m_options;
    std::size_t m_entries = 0;  // directory entries looked at so far
    bool m_capped = false;      // the entry cap was hit: nothing more is walked
    std::set<std::pair<std::uint64_t, std::uint64_t>> m_walked;  // (device, inode) walked
    const util::FileSystem& m_files;
    std::size_t m_next_path = 0;
    std::vector<std::unique_ptr<Frame>> m_stack;
};

// True when a file name looks like a manifest a directory walk should pick up.
bool is_manifest_name(const std::string& file_name);

}  // namespace openness::cli
