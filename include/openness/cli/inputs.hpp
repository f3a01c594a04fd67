#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace openness::cli {

// One input to score: a path (or "-"), or a problem met while finding inputs.
struct Input {
    std::string path;
    std::string error;  // non-empty: this entry could not be walked or read
    bool regular_file = false;  // known to be a regular file, so reading it cannot block
    bool release = false;       // a release folder or an hf: id (classify --release, --hf-list)
};

// Yields the inputs named by files, directories and "-", one at a time, in a deterministic
// order: arguments in the order given, each directory walked recursively in byte order of
// path. Only one directory listing per level is held, so memory does not grow with the number
// of manifests. Symbolic links to directories are followed, except into a directory that is
// already being walked (a loop), which is reported as an error input.
class InputWalker {
public:
    explicit InputWalker(std::vector<std::string> paths);
    ~InputWalker();
    InputWalker(const InputWalker&) = delete;
    InputWalker& operator=(const InputWalker&) = delete;

    // The next input; nullopt when there are no more.
    std::optional<Input> next();

private:
    struct Frame;
    void push_directory(const std::string& path);
    std::vector<std::string> m_paths;
    std::size_t m_next_path = 0;
    std::vector<std::unique_ptr<Frame>> m_stack;
};

// True when a file name looks like a manifest a directory walk should pick up.
bool is_manifest_name(const std::string& file_name);

}  // namespace openness::cli
