#include "openness/manifest/fields.hpp"
#include "openness/manifest/json_loader.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using openness::manifest::FieldObject, openness::manifest::known_keys;

TEST_CASE("the bundled JSON Schema is the one the manifest table describes") {
    const std::string_view file = openness::manifest::manifest_schema();
    REQUIRE_FALSE(file.empty());
    const nlohmann::ordered_json checked_in = nlohmann::ordered_json::parse(file);
    const nlohmann::ordered_json generated =
        nlohmann::ordered_json::parse(openness::manifest::manifest_json_schema());
    // Compared as parsed JSON in order, so the file keeps its hand-made layout; on a mismatch
    // the generated text shows what the file should hold.
    INFO(generated.dump(2));
    CHECK(checked_in == generated);
}

TEST_CASE("known keys come from the manifest table") {
    SECTION("the document") {
        const auto keys = known_keys("");
        CHECK(keys.size() == 13);
        CHECK(keys.front() == "$schema");
        CHECK(keys.back() == "notes");
    }
    SECTION("the model") {
        CHECK(known_keys("model") == std::vector<std::string_view>{
                                         "name", "version", "organization", "release_date", "url"});
    }
    SECTION("a group lists its artifacts") {
        CHECK(known_keys("weights") == std::vector<std::string_view>{"final", "intermediate"});
        CHECK(known_keys("code").size() == 5);
    }
    SECTION("an artifact, grouped or single") {
        const std::vector<std::string_view> artifact = {"available", "license", "location",
                                                        "notes"};
        CHECK(known_keys("weights.final") == artifact);
        CHECK(known_keys("architecture") == artifact);
    }
    SECTION("anything else knows nothing") {
        CHECK(known_keys("weights.final.license").empty());
        CHECK(known_keys("notes").empty());
    }
}

TEST_CASE("find_field looks a key up in its object only") {
    REQUIRE(openness::manifest::find_field(FieldObject::model, "name") != nullptr);
    CHECK(openness::manifest::find_field(FieldObject::model, "name")->required);
    CHECK(openness::manifest::find_field(FieldObject::root, "name") == nullptr);
    CHECK(openness::manifest::find_field(FieldObject::artifact, "available")->type ==
          openness::manifest::FieldType::boolean);
}
