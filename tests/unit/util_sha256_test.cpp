#include "openness/util/sha256.hpp"

#include <catch2/catch.hpp>

#include <string>

TEST_CASE("sha256 matches the FIPS 180-4 test vectors", "[util]") {
    using openness::util::sha256_hex;
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1000000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256 handles the padding boundary lengths", "[util]") {
    using openness::util::sha256_hex;
    // 55 bytes fit the length in one block; 56 need a second one.
    CHECK(sha256_hex(std::string(55, 'a')) ==
          "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    CHECK(sha256_hex(std::string(56, 'a')) ==
          "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
}

TEST_CASE("sha256 agrees with Python across block boundaries", "[util]") {
    using openness::util::sha256_hex;
    // Every length from 0 to 299 bytes: one to six blocks, every padding case. The expected
    // digest is Python's hashlib.sha256 over the concatenated hex digests of the same inputs.
    const std::string base("The quick brown fox jumps over the lazy dog 0123456789 \xff\0", 57);
    std::string pattern;
    for (int i = 0; i < 10; ++i) {
        pattern += base;
    }
    std::string digests;
    for (std::size_t n = 0; n < 300; ++n) {
        digests += sha256_hex(pattern.substr(0, n));
    }
    CHECK(sha256_hex(digests) ==
          "9835c968105677dea06bef3ee7370007f872feef1ef4e8e56d288e719b4dd4ce");
}
