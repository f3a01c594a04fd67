#include "openness/util/embedded.hpp"

namespace openness::util {

const std::string_view* find_embedded(std::string_view path) {
    for (const EmbeddedFile& file : embedded_files()) {
        if (file.path == path) {
            return &file.content;
        }
    }
    return nullptr;
}

}  // namespace openness::util
