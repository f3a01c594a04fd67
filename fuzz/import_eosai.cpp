// Fuzz target: the eosai importer (European Open Source AI Index files), with the convert round
// trip (see import_check.hpp).

#include "import_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return openness::fuzz::check_import(data, size, openness::manifest::InputFormat::eosai,
                                        "model.yaml");
}
