#include "openness/util/utf8.hpp"

namespace openness::util {

Utf8Check check_utf8(std::string_view text, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
        return {1, Utf8Fault::none};
    }
    std::size_t length = 0;
    // The second byte's range rules out overlong forms, surrogates and code points past U+10FFFF.
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        low = b0 == 0xE0 ? 0xA0 : 0x80;
        high = b0 == 0xED ? 0x9F : 0xBF;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        low = b0 == 0xF0 ? 0x90 : 0x80;
        high = b0 == 0xF4 ? 0x8F : 0xBF;
    } else {
        return {0, Utf8Fault::bad_lead};
    }
    for (std::size_t k = 1; k < length; ++k) {
        if (i + k >= text.size()) {
            return {0, Utf8Fault::truncated};
        }
        const auto b = static_cast<unsigned char>(text[i + k]);
        if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF)) {
            return {0, Utf8Fault::bad_continuation};
        }
    }
    return {length, Utf8Fault::none};
}

std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
    return check_utf8(text, i).length;
}

std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& code_point) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
        return 0;
    }
    static constexpr unsigned char k_lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    char32_t value = static_cast<unsigned char>(text[i]) & k_lead_mask[length];
    for (std::size_t k = 1; k < length; ++k) {
        value = (value << 6U) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
    }
    code_point = value;
    return length;
}

void append_utf8(std::string& out, char32_t code_point) {
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6U));
        out += static_cast<char>(0x80 | (code_point & 0x3FU));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12U));
        out += static_cast<char>(0x80 | ((code_point >> 6U) & 0x3FU));
        out += static_cast<char>(0x80 | (code_point & 0x3FU));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18U));
        out += static_cast<char>(0x80 | ((code_point >> 12U) & 0x3FU));
        out += static_cast<char>(0x80 | ((code_point >> 6U) & 0x3FU));
        out += static_cast<char>(0x80 | (code_point & 0x3FU));
    }
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t length = utf8_sequence_length(text, i);
        if (length == 0) {
            return i;
        }
        i += length;
    }
    return std::nullopt;
}

}  // namespace openness::util
