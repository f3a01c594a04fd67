#include "openness/util/sha256.hpp"

#include <array>
#include <cstdint>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace openness::util {

namespace {

constexpr std::array<std::uint32_t, 64> k_round = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

std::uint32_t rotr(std::uint32_t x, unsigned n) {
    return (x >> n) | (x << (32U - n));
}

void compress(std::array<std::uint32_t, 8>& h, const unsigned char* block) {
    std::array<std::uint32_t, 64> w{};
    for (std::size_t i = 0; i < 16; ++i) {
        w[i] = (std::uint32_t{block[4 * i]} << 24) | (std::uint32_t{block[4 * i + 1]} << 16) |
               (std::uint32_t{block[4 * i + 2]} << 8) | std::uint32_t{block[4 * i + 3]};
    }
    for (std::size_t i = 16; i < 64; ++i) {
        const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::array<std::uint32_t, 8> v = h;
    for (std::size_t i = 0; i < 64; ++i) {
        const std::uint32_t s1 = rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25);
        const std::uint32_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
        const std::uint32_t t1 = v[7] + s1 + ch + k_round[i] + w[i];
        const std::uint32_t s0 = rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22);
        const std::uint32_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
        const std::uint32_t t2 = s0 + maj;
        v = {t1 + t2, v[0], v[1], v[2], v[3] + t1, v[4], v[5], v[6]};
    }
    for (std::size_t i = 0; i < 8; ++i) {
        h[i] += v[i];
    }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define OPENNESS_SHA_NI 1

// The SHA extensions (SHA-NI, with SSSE3 and SSE4.1 for the shuffles), asked of the CPU once.
bool cpu_has_sha_extensions() {
    unsigned a = 0;
    unsigned b = 0;
    unsigned c = 0;
    unsigned d = 0;
    if (__get_cpuid(1, &a, &b, &c, &d) == 0) {
        return false;
    }
    const bool ssse3 = (c & (1U << 9U)) != 0;
    const bool sse41 = (c & (1U << 19U)) != 0;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d) == 0) {
        return false;
    }
    return ssse3 && sse41 && (b & (1U << 29U)) != 0;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"  // the intrinsics are macros at -O0
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wconversion"

// The same compression as compress(), for `count` blocks, with the SHA instructions: sixteen
// groups of four rounds, each group's message words computed from the four groups before it.
__attribute__((target("sha,ssse3,sse4.1"))) void compress_sha_ni(std::array<std::uint32_t, 8>& h,
                                                                 const unsigned char* blocks,
                                                                 std::size_t count) {
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    // The instructions keep the state as ABEF and CDGH.
    __m128i tmp = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h.data()));
    __m128i state1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h.data() + 4));
    tmp = _mm_shuffle_epi32(tmp, 0xB1);          // CDAB
    state1 = _mm_shuffle_epi32(state1, 0x1B);    // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);  // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);       // CDGH
    for (std::size_t block = 0; block < count; ++block) {
        const unsigned char* data = blocks + 64 * block;
        const __m128i abef = state0;
        const __m128i cdgh = state1;
        __m128i w[4];
        for (std::size_t g = 0; g < 4; ++g) {
            w[g] = _mm_shuffle_epi8(
                _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * g)), byte_swap);
        }
        for (std::size_t g = 0; g < 16; ++g) {
            __m128i message = _mm_add_epi32(
                w[g & 3U], _mm_loadu_si128(reinterpret_cast<const __m128i*>(&k_round[4 * g])));
            state1 = _mm_sha256rnds2_epu32(state1, state0, message);
            message = _mm_shuffle_epi32(message, 0x0E);
            state0 = _mm_sha256rnds2_epu32(state0, state1, message);
            if (g < 12) {
                // W[g+4] = msg2(msg1(W[g], W[g+1]) + (words 9..12 after W[g]), W[g+3])
                const __m128i& w1 = w[(g + 1) & 3U];
                const __m128i& w2 = w[(g + 2) & 3U];
                const __m128i& w3 = w[(g + 3) & 3U];
                w[g & 3U] = _mm_sha256msg2_epu32(
                    _mm_add_epi32(_mm_sha256msg1_epu32(w[g & 3U], w1), _mm_alignr_epi8(w3, w2, 4)),
                    w3);
            }
        }
        state0 = _mm_add_epi32(state0, abef);
        state1 = _mm_add_epi32(state1, cdgh);
    }
    tmp = _mm_shuffle_epi32(state0, 0x1B);        // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1);     // DCHG
    state0 = _mm_blend_epi16(tmp, state1, 0xF0);  // DCBA
    state1 = _mm_alignr_epi8(state1, tmp, 8);     // HGFE
    _mm_storeu_si128(reinterpret_cast<__m128i*>(h.data()), state0);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(h.data() + 4), state1);
}

#pragma GCC diagnostic pop
#endif

// Compresses `count` whole blocks, with the SHA instructions when the CPU has them: rubric
// hashes (over a rubric and its license table, about 150 KB) are on every run's start-up path.
void compress_blocks(std::array<std::uint32_t, 8>& h, const unsigned char* blocks,
                     std::size_t count, bool allow_sha_ni) {
#ifdef OPENNESS_SHA_NI
    static const bool k_sha_ni = cpu_has_sha_extensions();
    if (k_sha_ni && allow_sha_ni) {
        compress_sha_ni(h, blocks, count);
        return;
    }
#else
    (void)allow_sha_ni;
#endif
    for (std::size_t i = 0; i < count; ++i) {
        compress(h, blocks + 64 * i);
    }
}

std::string digest_hex(std::string_view data, bool allow_sha_ni) {
    std::array<std::uint32_t, 8> h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    std::size_t full = data.size() / 64;
    compress_blocks(h, bytes, full, allow_sha_ni);
    std::array<unsigned char, 128> tail{};
    const std::size_t rest = data.size() % 64;
    for (std::size_t i = 0; i < rest; ++i) {
        tail[i] = bytes[64 * full + i];
    }
    tail[rest] = 0x80;
    const std::size_t tail_size = rest < 56 ? 64 : 128;
    const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8U;
    for (std::size_t i = 0; i < 8; ++i) {
        tail[tail_size - 1 - i] = static_cast<unsigned char>(bits >> (8U * i));
    }
    compress_blocks(h, tail.data(), tail_size / 64, allow_sha_ni);
    static const char* k_hex = "0123456789abcdef";
    std::string out;
    out.reserve(64);
    for (std::uint32_t word : h) {
        for (int shift = 28; shift >= 0; shift -= 4) {
            out += k_hex[(word >> static_cast<unsigned>(shift)) & 0xFU];
        }
    }
    return out;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
    return digest_hex(data, true);
}

std::string sha256_hex_portable(std::string_view data) {
    return digest_hex(data, false);
}

}  // namespace openness::util
