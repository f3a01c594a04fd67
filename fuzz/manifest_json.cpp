// Fuzz target: the native manifest, from JSON text to a rendered verdict. Checks that the JSON
// parser's result survives a round trip through JSON text unchanged, that the loader gives a
// manifest exactly when it reports no error, that the clean reader accepts only what the
// full reader reads without a diagnostic, and reads the same, and that the verdict renders as
// valid JSON.

#include "fuzz_check.hpp"
#include "verdict_check.hpp"

#include "openness/manifest/json_loader.hpp"
#include "openness/manifest/load.hpp"
#include "openness/util/json.hpp"
#include "openness/util/json_writer.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace {

using openness::util::JsonValue;

// Equal values; a number written as an integer must stay that integer.
bool same(const JsonValue& a, const JsonValue& b) {
    if (a.kind() != b.kind()) {
        return false;
    }
    switch (a.kind()) {
    case JsonValue::Kind::null:
        return true;
    case JsonValue::Kind::boolean:
        return a.as_bool() == b.as_bool();
    case JsonValue::Kind::number:
        if (a.is_integer() && (!b.is_integer() || a.as_integer() != b.as_integer())) {
            return false;
        }
        return a.as_number() == b.as_number();
    case JsonValue::Kind::string:
        return a.as_string() == b.as_string();
    case JsonValue::Kind::array:
        if (a.items().size() != b.items().size()) {
            return false;
        }
        for (std::size_t i = 0; i < a.items().size(); ++i) {
            if (!same(a.items()[i], b.items()[i])) {
                return false;
            }
        }
        return true;
    case JsonValue::Kind::object:
        if (a.members().size() != b.members().size()) {
            return false;
        }
        for (std::size_t i = 0; i < a.members().size(); ++i) {
            if (a.members()[i].first != b.members()[i].first ||
                !same(a.members()[i].second, b.members()[i].second)) {
                return false;
            }
        }
        return true;
    }
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace openness;
    static const auto rubric = fuzz::bundled_rubric("openness");
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::string source = "fuzz.json";

    const util::JsonParseResult parsed = util::parse_json(text, source);
    fuzz::require(parsed.value.has_value() != parsed.error.has_value(), "a value or an error");
    if (parsed.error) {
        fuzz::require(!util::render(*parsed.error).empty(), "an error renders");
    }
    if (parsed.value) {
        std::string written;
        openness::util::append_json_value(written, *parsed.value);
        const util::JsonParseResult again = util::parse_json(written, source);
        fuzz::require(again.value && same(*parsed.value, *again.value), "JSON round trip",
                      written.substr(0, 200));
    }

    if (const std::optional<manifest::Manifest> clean =
            manifest::read_clean_manifest_json(text, source)) {
        fuzz::require(parsed.value && parsed.warnings.empty(),
                      "the clean reader accepts only JSON the parser reads cleanly");
        const manifest::LoadResult full = manifest::load_manifest_json(*parsed.value, source);
        fuzz::require(full.manifest && full.diagnostics.empty(),
                      "the clean reader accepts only manifests the full reader reads cleanly");
        fuzz::require(manifest::same_manifest(*clean, *full.manifest),
                      "the clean reader reads what the full reader reads");
    }

    const manifest::LoadResult loaded =
        manifest::load_manifest(text, source, manifest::InputFormat::manifest_v1);
    fuzz::require(loaded.manifest.has_value() != util::has_error(loaded.diagnostics),
                  "a manifest exactly when there is no error");
    for (const util::Diagnostic& d : loaded.diagnostics) {
        fuzz::require(!util::render(d).empty(), "a diagnostic renders");
    }
    fuzz::require(loaded.diagnostics.size() <= 101, "at most 100 diagnostics and a count");
    if (loaded.manifest) {
        fuzz::check_verdict(rubric, *loaded.manifest);
    }
    return 0;
}
