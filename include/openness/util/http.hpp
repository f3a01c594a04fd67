#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace openness::util {

// One HTTP GET's outcome. `status` is 0 when no answer came (then `error` says why).
struct HttpResponse {
    long status = 0;
    std::string body;
    std::string retry_after;  // the Retry-After header as sent, "" when absent
    std::string error;        // transport failure or "over the N limit", empty on an answer
    bool too_large = false;   // the body passed max_bytes and was cut off
    bool timed_out = false;
};

struct HttpRequest {
    std::string url;
    std::optional<std::string> bearer_token;  // sent as Authorization, never to another host
    long connect_timeout_ms = 10000;
    long timeout_ms = 30000;     // the whole transfer, redirects included
    std::uint64_t max_bytes = 16 * 1024 * 1024;
    long max_redirects = 5;
};

// Performs one GET with libcurl (redirects followed, HTTP and HTTPS only); never throws.
HttpResponse http_get(const HttpRequest& request);

}  // namespace openness::util
