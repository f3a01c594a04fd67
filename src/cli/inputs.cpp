#include "openness/cli/inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace openness::cli {

namespace fs = std::filesystem;

bool is_manifest_name(const std::string& file_name) {
    constexpr std::string_view suffix = ".json";
    return file_name.size() > suffix.size() &&
           file_name.compare(file_name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

namespace {

void walk(const fs::path& directory, std::vector<Input>& out) {
    std::error_code ec;
    fs::directory_iterator it(directory, fs::directory_options::none, ec);
    if (ec) {
        out.push_back({directory.string(), "cannot read directory: " + ec.message()});
        return;
    }
    std::vector<fs::path> files;
    std::vector<fs::path> directories;
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
        if (ec) {
            out.push_back({directory.string(), "cannot read directory: " + ec.message()});
            break;
        }
        const fs::directory_entry& entry = *it;
        std::error_code type_ec;
        // Symbolic links to directories are not followed, so link loops cannot trap the walk.
        const bool is_link = entry.is_symlink(type_ec);
        if (!is_link && entry.is_directory(type_ec)) {
            directories.push_back(entry.path());
        } else if (is_manifest_name(entry.path().filename().string())) {
            files.push_back(entry.path());
        }
    }
    // Files and subdirectories merge in one order by path, so output order is stable.
    std::vector<std::pair<fs::path, bool>> all;
    for (fs::path& f : files) {
        all.emplace_back(std::move(f), false);
    }
    for (fs::path& d : directories) {
        all.emplace_back(std::move(d), true);
    }
    std::sort(all.begin(), all.end(),
              [](const auto& a, const auto& b) { return a.first.string() < b.first.string(); });
    for (const auto& [path, is_directory] : all) {
        if (is_directory) {
            walk(path, out);
        } else {
            out.push_back({path.string(), {}});
        }
    }
}

}  // namespace

std::vector<Input> expand_inputs(const std::vector<std::string>& paths) {
    std::vector<Input> out;
    for (const std::string& path : paths) {
        std::error_code ec;
        if (path != "-" && fs::is_directory(path, ec)) {
            walk(path, out);
        } else {
            out.push_back({path, {}});
        }
    }
    return out;
}

}  // namespace openness::cli
