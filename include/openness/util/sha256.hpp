#pragma once

#include <string>
#include <string_view>

namespace openness::util {

// Lower-case hex SHA-256 of the bytes (FIPS 180-4).
std::string sha256_hex(std::string_view data);

// The same digest without CPU-specific instructions (sha256_hex uses the SHA extensions where
// the CPU has them); for tests that compare the two.
std::string sha256_hex_portable(std::string_view data);

}  // namespace openness::util
