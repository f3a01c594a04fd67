#include "openness/evidence/card_body.hpp"

#include "openness/util/strings.hpp"

namespace openness::evidence {

namespace {

constexpr std::size_t k_max_context = 300;

using util::lower;

bool ends_url(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == ')' || c == ']' || c == '>' || c == '<' ||
           c == '"' || c == '\'' || c == '`' || c == '|' || c == '}' ||
           static_cast<unsigned char>(c) < 0x20;
}

std::string host_of(std::string_view url) {
    const std::size_t start = url.find("://");
    if (start == std::string_view::npos) {
        return {};
    }
    std::string_view rest = url.substr(start + 3);
    const std::size_t end = rest.find_first_of("/:?#");
    std::string host = lower(rest.substr(0, end));
    if (util::starts_with(host, "www.")) {
        host.erase(0, 4);
    }
    return host;
}

// True when `line` opens or closes a fenced code block; `fence` holds the open fence.
bool is_fence(std::string_view line, std::string& fence) {
    std::size_t indent = 0;
    while (indent < 3 && indent < line.size() && line[indent] == ' ') {
        ++indent;
    }
    line.remove_prefix(indent);
    if (line.empty() || (line.front() != '`' && line.front() != '~')) {
        return false;
    }
    const char mark = line.front();
    std::size_t run = 0;
    while (run < line.size() && line[run] == mark) {
        ++run;
    }
    if (run < 3) {
        return false;
    }
    if (fence.empty()) {
        fence.assign(run, mark);
        return true;
    }
    std::size_t after = run;
    while (after < line.size() && (line[after] == ' ' || line[after] == '\r')) {
        ++after;
    }
    if (fence.front() == mark && run >= fence.size() && after == line.size()) {
        fence.clear();
        return true;
    }
    return false;
}

}  // namespace

std::vector<CardLink> read_card_links(std::string_view body, std::size_t first_line,
                                      std::size_t max_links) {
    std::vector<CardLink> links;
    std::string fence;
    std::size_t line_number = first_line;
    std::size_t pos = 0;
    while (pos < body.size() && links.size() < max_links) {
        std::size_t end = body.find('\n', pos);
        if (end == std::string_view::npos) {
            end = body.size();
        }
        const std::string_view line = body.substr(pos, end - pos);
        pos = end + 1;
        const std::size_t this_line = line_number++;
        if (is_fence(line, fence) || !fence.empty()) {
            continue;
        }
        std::size_t at = 0;
        while (links.size() < max_links) {
            const std::size_t http = line.find("http", at);
            if (http == std::string_view::npos) {
                break;
            }
            const std::string_view rest = line.substr(http);
            const bool scheme =
                util::starts_with(rest, "http://") || util::starts_with(rest, "https://");
            if (!scheme) {
                at = http + 4;
                continue;
            }
            std::size_t length = 0;
            while (length < rest.size() && !ends_url(rest[length])) {
                ++length;
            }
            std::string_view url = rest.substr(0, length);
            while (!url.empty() && (url.back() == '.' || url.back() == ',' || url.back() == ';' ||
                                    url.back() == ':' || url.back() == '*')) {
                url.remove_suffix(1);
            }
            at = http + std::max<std::size_t>(length, 1);
            CardLink link;
            link.url = std::string(url);
            link.host = host_of(url);
            if (link.host.empty()) {
                continue;
            }
            link.line = this_line;
            link.context = lower(line.substr(0, k_max_context));
            links.push_back(std::move(link));
        }
    }
    return links;
}

}  // namespace openness::evidence
