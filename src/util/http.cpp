#include "openness/util/http.hpp"

#include "openness/util/strings.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace openness::util {

namespace {

struct Transfer {
    HttpResponse* response;
    std::uint64_t max_bytes;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    if (t->response->body.size() + n > t->max_bytes) {
        t->response->too_large = true;
        return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
    }
    t->response->body.append(data, n);
    return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    std::string line(data, n);
    constexpr std::string_view name = "retry-after:";
    if (line.size() > name.size() && util::istarts_with(line, name)) {
        std::string value = line.substr(name.size());
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
            value.erase(0, 1);
        }
        while (!value.empty() &&
               (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
            value.pop_back();
        }
        t->response->retry_after = value;
    }
    if (util::starts_with(line, "HTTP/")) {
        t->response->retry_after.clear();  // a new response (after a redirect) starts
    }
    return n;
}

struct CurlDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

HttpResponse http_get(const HttpRequest& request) {
    global_init();
    HttpResponse response;
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) {
        response.error = "cannot start an HTTP client";
        return response;
    }
    Transfer transfer{&response, request.max_bytes};
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, request.max_redirects);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, request.connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, request.timeout_ms);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for name lookups
    curl_easy_setopt(c, CURLOPT_USERAGENT, "openness (+https://github.com/)");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    if (request.bearer_token) {
        // libcurl's own bearer auth is dropped on a redirect to another host.
        curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
        curl_easy_setopt(c, CURLOPT_XOAUTH2_BEARER, request.bearer_token->c_str());
    }
    if (request.max_bytes < static_cast<std::uint64_t>(INT64_MAX)) {
        curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
                         static_cast<curl_off_t>(request.max_bytes));
    }
    const CURLcode result = curl_easy_perform(c);
    if (result == CURLE_OK || (result == CURLE_WRITE_ERROR && response.too_large)) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
    }
    if (response.too_large || result == CURLE_FILESIZE_EXCEEDED) {
        response.too_large = true;
        response.error = "the answer is over the limit";
    } else if (result == CURLE_OPERATION_TIMEDOUT) {
        response.timed_out = true;
        response.status = 0;
        response.error = "timed out";
    } else if (result != CURLE_OK) {
        response.status = 0;
        response.error = curl_easy_strerror(result);
    }
    return response;
}

}  // namespace openness::util
