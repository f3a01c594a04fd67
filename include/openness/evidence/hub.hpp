#pragma once

#include "openness/evidence/release.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace openness::evidence {

// A Hugging Face model repository named on the command line: "hf:ORG/NAME[@REVISION]".
struct HubId {
    std::string repo;      // "ORG/NAME"
    std::string revision;  // as given; "" means the default branch, "main"
};

// True when `text` starts with "hf:".
bool is_hub_id(std::string_view text);
// Parses "hf:ORG/NAME[@REVISION]"; nullopt with `error` set when it is malformed.
tl::expected<HubId, std::string> parse_hub_id(std::string_view text);

// How to reach the Hub, following the Hub's own client's conventions.
struct HubSettings {
    std::string endpoint = "https://huggingface.co";  // HF_ENDPOINT
    std::optional<std::string> token;                  // HF_TOKEN: never printed or stored
    bool offline = false;                              // HF_HUB_OFFLINE=1 or --offline
    std::string cache_dir;  // $XDG_CACHE_HOME/openness, else $HOME/.cache/openness; "" for none
    long timeout_ms = 10000;      // one request (HF_HUB_DOWNLOAD_TIMEOUT, in seconds)
    int max_attempts = 5;         // tries of a request answered 429 or 5xx
    long max_wait_ms = 60000;     // the longest wait before a retry (Retry-After included)
    std::uint64_t max_text_bytes = 1024 * 1024;  // a README, LICENSE or index file
    std::uint64_t max_api_bytes = 32 * 1024 * 1024;  // one API answer
};

// Settings from the process's variables (the library never reads the environment itself).
HubSettings hub_settings(const std::map<std::string, std::string>& variables);

// Reads a Hub repository's file list, branches, gating and small text files (never weights),
// and the licenses of the datasets its card names, through the cache when it can; then applies
// the evidence map. Errors (401/403 with how to get access, 404, network, timeouts) come back
// as diagnostics naming the id.
ScanResult scan_hub(const HubId& id, const HubSettings& settings, const ScanOptions& options = {});

}  // namespace openness::evidence
