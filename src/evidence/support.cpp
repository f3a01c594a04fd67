#include "support.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace openness::evidence::detail {

std::string parent_of(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

std::string base_of(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string list_some(const std::vector<std::string>& items, std::size_t shown) {
    std::string out;
    const std::size_t n = std::min(items.size(), shown);
    for (std::size_t i = 0; i < n; ++i) {
        out += i == 0 ? "" : ", ";
        out += items[i];
    }
    if (items.size() > n) {
        fmt::format_to(std::back_inserter(out), " and {} more", items.size() - n);
    }
    return out;
}

}  // namespace openness::evidence::detail
