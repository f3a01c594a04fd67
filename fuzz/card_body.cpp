// Fuzz target: the card-body reader. The input is read as a whole model card (front matter and
// body) and as a body alone: links (outside fenced code) and the first heading. Checks that every
// link has a host and lies on a line of the input, and that the heading never holds a newline.

#include "fuzz_check.hpp"

#include "openness/evidence/card_body.hpp"
#include "openness/manifest/hf_card.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace openness;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    for (const evidence::CardLink& link : evidence::read_card_links(text, 1)) {
        fuzz::require(!link.host.empty(), "a link without a host", link.url);
        fuzz::require(link.line >= 1 && link.line <= lines, "a link outside the input", link.url);
        fuzz::require(text.find(link.url) != std::string_view::npos, "a link not in the input",
                      link.url);
        fuzz::require(link.context.size() <= 300, "a context over 300 bytes");
    }
    const std::string heading = manifest::first_heading(text);
    fuzz::require(heading.find('\n') == std::string::npos, "a heading with a newline", heading);
    std::vector<util::Diagnostic> diagnostics;
    const std::optional<manifest::CardMetadata> card =
        manifest::read_card_metadata(text, "README.md", diagnostics);
    fuzz::require(card.has_value() != util::has_error(diagnostics),
                  "a card exactly when there is no error");
    if (card) {
        fuzz::require(card->body_first_line >= 1 && card->body_first_line <= lines + 1,
                      "the body starts outside the card");
        (void)evidence::read_card_links(card->body, card->body_first_line);
    }
    return 0;
}
