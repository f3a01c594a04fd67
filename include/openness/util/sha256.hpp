#pragma once

#include <string>
#include <string_view>

namespace openness::util {

// Lower-case hex SHA-256 of the bytes (FIPS 180-4), computed by nettle.
std::string sha256_hex(std::string_view data);

}  // namespace openness::util
