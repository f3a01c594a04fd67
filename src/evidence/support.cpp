#include "support.hpp"

#include "openness/license/table.hpp"
#include "openness/util/strings.hpp"

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

bool same_license(const std::string& a, const std::string& b, const license::LicenseTable* table,
                  LicenseMatch match) {
    if (util::iequals(a, b)) {
        return true;
    }
    if (table == nullptr) {
        return false;
    }
    const license::Classification ca = table->classify(a);
    const license::Classification cb = table->classify(b);
    if (!ca.parsed || !cb.parsed) {
        return false;
    }
    return match == LicenseMatch::same_expression ? ca.canonical == cb.canonical
                                                  : ca.single != nullptr && ca.single == cb.single;
}

}  // namespace openness::evidence::detail
