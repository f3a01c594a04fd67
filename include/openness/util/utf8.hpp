#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace openness::util {

// Byte offset of the first byte that does not start a valid UTF-8 sequence (overlong forms,
// surrogates and code points above U+10FFFF are invalid); nullopt when all of `text` is UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

}  // namespace openness::util
