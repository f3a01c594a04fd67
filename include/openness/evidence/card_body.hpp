#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace openness::evidence {

// One link in a model card's Markdown body.
struct CardLink {
    std::string url;
    std::string host;     // lower case, without "www."
    std::size_t line = 0; // 1-based line in the card file
    std::string context;  // the link's line, lower case, at most 300 bytes: what it is for
};

// The links of a card body outside fenced code blocks (code there is an example, not a claim),
// at most `max_links`; `first_line` is the body's first line in the card file.
std::vector<CardLink> read_card_links(std::string_view body, std::size_t first_line,
                                      std::size_t max_links = 1000);

}  // namespace openness::evidence
