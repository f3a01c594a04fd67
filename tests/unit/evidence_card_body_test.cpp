#include "openness/evidence/card_body.hpp"

#include <catch2/catch.hpp>

using namespace openness;

TEST_CASE("card links: URL, host, line and the line's text, fenced code is skipped",
          "[evidence-card]") {
    const std::string body =
        "# Model\n"
        "- **Paper:** https://arxiv.org/abs/2501.00656\n"
        "```bash\n"
        "pip install git+https://github.com/huggingface/transformers.git\n"
        "```\n"
        "- Core repo (training, inference): [code](https://www.GitHub.com/allenai/OLMo).\n"
        "~~~~\n"
        "```\n"
        "https://inside.example/still-fenced\n"
        "~~~~\n"
        "plain http text and http://x\n";
    const std::vector<evidence::CardLink> links = evidence::read_card_links(body, 10);
    REQUIRE(links.size() == 3);
    CHECK(links[0].url == "https://arxiv.org/abs/2501.00656");
    CHECK(links[0].host == "arxiv.org");
    CHECK(links[0].line == 11);
    CHECK(links[1].url == "https://www.GitHub.com/allenai/OLMo");
    CHECK(links[1].host == "github.com");
    CHECK(links[1].line == 15);
    CHECK(links[1].context.find("core repo (training, inference)") == 2);
    CHECK(links[2].url == "http://x");
}

TEST_CASE("card links stop at the cap and ignore a scheme with no host", "[evidence-card]") {
    std::string body;
    for (int i = 0; i < 50; ++i) {
        body += "https://a.example/" + std::to_string(i) + " https://\n";
    }
    CHECK(evidence::read_card_links(body, 1, 7).size() == 7);
    CHECK(evidence::read_card_links("https:// and http://", 1).empty());
}
