// classify --release and --hf-list: release folders and Hub ids as inputs of a batch.

#include "commands.hpp"
#include "openness/evidence/hub.hpp"
#include "openness/util/printable.hpp"
#include "openness/util/strings.hpp"

#include <ostream>

namespace openness::cli {

namespace {

constexpr std::uint64_t k_max_list_bytes = 4U * 1024U * 1024U;

}  // namespace

report::Outcome read_release(const Input& input, bool offline, const license::LicenseTable* table,
                             const Environment& environment, manifest::Manifest& manifest,
                             bool& valid) {
    report::Outcome outcome;
    outcome.source = input.path;
    evidence::ScanOptions options;
    options.licenses = table;
    evidence::ScanResult result = scan_release(input.path, offline, options, environment);
    outcome.diagnostics = std::move(result.diagnostics);
    valid = result.manifest.has_value();
    if (valid) {
        manifest = std::move(*result.manifest);
        // A Hub verdict names the commit it read, so a gate on it can be reproduced.
        if (manifest.format == "hf-repo" && !manifest.model.version.empty()) {
            const std::string id = input.path.substr(0, input.path.find('@'));
            outcome.source = id + "@" + manifest.model.version;
            manifest.source = outcome.source;
        }
    }
    return outcome;
}

bool release_inputs(const std::vector<std::string>& releases, const std::string& hf_list,
                    const util::FileSystem& files, std::vector<Input>& out, std::ostream& err) {
    for (const std::string& r : releases) {
        Input input;
        input.path = r;
        input.release = true;
        input.regular_file = !evidence::is_hub_id(r);  // the network may wait: a helper thread
        out.push_back(std::move(input));
    }
    if (hf_list.empty()) {
        return true;
    }
    const util::ReadResult list = files.read(hf_list, k_max_list_bytes);
    if (!list.content) {
        err << "openness: error: --hf-list " << util::printable(hf_list) << ": "
            << util::printable(list.error) << "\n";
        return false;
    }
    std::string_view raw;
    for (std::string_view rest = *list.content; util::next_line(rest, raw);) {
        const std::string line(util::trim(raw, " \t\r"));
        if (line.empty() || line[0] == '#') {
            continue;
        }
        Input input;
        input.path = evidence::is_hub_id(line) ? line : "hf:" + line;
        input.release = true;
        out.push_back(std::move(input));
    }
    return true;
}

}  // namespace openness::cli
