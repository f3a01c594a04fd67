#include "openness/evidence/license_text.hpp"

#include "import_test_support.hpp"

using namespace openness;

TEST_CASE("license files are identified by their text", "[evidence-license]") {
    SECTION("the reference texts of the fixtures") {
        const auto id = [](const std::string& path) {
            const std::optional<std::string> text =
                test::read_text(std::string(OPENNESS_SOURCE_DIR) + "/tests/data/releases/" + path);
            REQUIRE(text);
            return evidence::identify_license_file(*text).id.value_or("none");
        };
        CHECK(id("olmo-2-bundle/OLMo/LICENSE") == "Apache-2.0");
        CHECK(id("checkpoints/LICENSE") == "MIT");
        CHECK(id("license-contradiction/LICENSE") == "llama3.1");
    }
    SECTION("an unknown text is not identified, and says so") {
        const evidence::LicenseIdentity none = evidence::identify_license_file("All mine.");
        CHECK_FALSE(none.id);
        CHECK(none.how.compare(0, 50, "its text is not a license the reference texts hold") == 0);
    }
}
