#include "openness/util/sha256.hpp"

#include <nettle/sha2.h>

#include <array>

namespace openness::util {

std::string sha256_hex(std::string_view data) {
    // Nettle (Debian nettle-dev) picks the CPU's SHA instructions at run time where it has them.
    sha256_ctx context;
    sha256_init(&context);
    sha256_update(&context, data.size(), reinterpret_cast<const std::uint8_t*>(data.data()));
    std::array<std::uint8_t, SHA256_DIGEST_SIZE> digest{};
    sha256_digest(&context, digest.size(), digest.data());
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * digest.size());
    for (const std::uint8_t byte : digest) {
        out += k_hex[byte >> 4U];
        out += k_hex[byte & 0x0FU];
    }
    return out;
}

}  // namespace openness::util
