#include "commands.hpp"

#include "openness/manifest/load.hpp"
#include "openness/util/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <istream>
#include <ostream>
#include <unistd.h>

#ifndef OPENNESS_VERSION
#define OPENNESS_VERSION "0.0.0"
#endif

namespace openness::cli {

namespace {

constexpr std::uint64_t k_max_manifest_size = 16U * 1024U * 1024U;

}  // namespace

std::vector<Command> add_commands(CLI::App& app) {
    std::vector<Command> commands;
    commands.push_back(add_badge_command(app));
    commands.push_back(add_init_command(app));
    commands.push_back(add_scan_command(app));
    for (Command& c : add_completion_commands(app)) {
        commands.push_back(std::move(c));
    }
    return commands;
}

std::string tool_version() {
    return OPENNESS_VERSION;
}

std::optional<manifest::Manifest> read_one_manifest(const std::string& path,
                                                    const Environment& environment,
                                                    std::ostream& err) {
    const std::string source = path == "-" ? "<stdin>" : path;
    std::string text;
    if (path == "-") {
        if (environment.in == nullptr) {
            err << source << ": error: standard input is not available\n";
            return std::nullopt;
        }
        char chunk[65536];
        while (*environment.in && text.size() <= k_max_manifest_size) {
            environment.in->read(chunk, sizeof chunk);
            text.append(chunk, static_cast<std::size_t>(environment.in->gcount()));
        }
        if (text.size() > k_max_manifest_size) {
            err << source << ": error: input is over the limit of "
                << util::format_size(k_max_manifest_size) << "\n";
            return std::nullopt;
        }
    } else {
        util::RealFileSystem real;
        const util::FileSystem& files = environment.files != nullptr ? *environment.files : real;
        util::ReadResult read = files.read(path, k_max_manifest_size);
        if (!read.content) {
            err << source << ": error: " << read.error << "\n";
            return std::nullopt;
        }
        text = std::move(*read.content);
    }
    manifest::LoadResult loaded = manifest::load_manifest(text, source);
    for (const util::Diagnostic& d : loaded.diagnostics) {
        err << util::render(d) << "\n";
    }
    return std::move(loaded.manifest);
}

const util::FileSystem& files_of(const Environment& environment, const util::RealFileSystem& real) {
    return environment.files != nullptr ? *environment.files : real;
}

std::shared_ptr<const rubric::Rubric> resolve_rubric_or_report(const std::string& spec,
                                                               const Environment& environment,
                                                               std::ostream& err) {
    const util::RealFileSystem real;
    rubric::RubricLoadResult loaded = rubric::resolve_rubric(spec, files_of(environment, real));
    if (!loaded.rubric) {
        for (const util::Diagnostic& d : loaded.diagnostics) {
            err << "openness: " << util::render(d) << "\n";
        }
    }
    return loaded.rubric;
}

bool write_output_file(const std::string& path, const std::string& content, bool replace,
                       std::ostream& err) {
    if (replace) {
        util::AtomicFile file(path);
        if (file.ok()) {
            file.stream() << content;
            if (file.commit()) {
                return true;
            }
        }
        err << "openness: error: " << file.error() << "\n";
        return false;
    }
    // O_EXCL: an existing file is never touched, even one that appears after a check.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
        if (errno == EEXIST) {
            err << "openness: error: " << path
                << " already exists (use --force to overwrite it)\n";
        } else {
            err << "openness: error: cannot create " << path << ": " << std::strerror(errno)
                << "\n";
        }
        return false;
    }
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            err << "openness: error: cannot write " << path << ": " << std::strerror(errno)
                << "\n";
            ::close(fd);
            ::unlink(path.c_str());
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) {
        err << "openness: error: cannot write " << path << ": " << std::strerror(errno) << "\n";
        return false;
    }
    return true;
}

}  // namespace openness::cli
