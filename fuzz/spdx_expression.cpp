// Fuzz target: SPDX license expressions and the license tables' classify(). Checks that a parse
// gives an expression or an error with an offset inside the input, that the canonical text of
// an expression parses back to the same canonical text, and that classifying any text (whole
// string lookup first, then expression) never fails.

#include "fuzz_check.hpp"

#include "openness/license/expression.hpp"
#include "openness/license/table.hpp"
#include "openness/util/embedded.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace {

openness::license::LicenseTable load_table(std::string_view path) {
    const std::string_view* text = openness::util::find_embedded(path);
    openness::fuzz::require(text != nullptr, "the license table is embedded");
    std::vector<openness::util::Diagnostic> diagnostics;
    auto table = openness::license::LicenseTable::load(*text, std::string(path), diagnostics);
    openness::fuzz::require(table.has_value(), "the license table loads");
    return std::move(*table);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace openness;
    static const license::LicenseTable table =
        load_table("rubric/licenses/openness-licenses-1.0.json");
    static const license::LicenseTable exact = load_table("rubric/licenses/mot-licenses-1.0.json");
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    const license::ExpressionParseResult parsed = license::parse_expression(text);
    fuzz::require(parsed.expression.has_value() != parsed.error.has_value(),
                  "an expression or an error");
    if (parsed.error) {
        fuzz::require(parsed.error->offset <= text.size(), "the error offset is in the input");
        fuzz::require(!parsed.error->message.empty(), "the error has a message");
    }
    if (parsed.expression) {
        const std::string canonical = license::to_string(*parsed.expression);
        // The canonical text may be longer than the input ("a AND(b)" gains a space).
        license::ExpressionLimits roomy;
        roomy.max_length = std::numeric_limits<std::size_t>::max();
        const license::ExpressionParseResult again = license::parse_expression(canonical, roomy);
        fuzz::require(again.expression.has_value(), "the canonical text parses",
                      canonical.substr(0, 200) + "\n" +
                          (again.error ? again.error->message : std::string()));
        fuzz::require(license::to_string(*again.expression) == canonical,
                      "the canonical text is stable", canonical.substr(0, 200));
        const license::Classification c = table.classify(*parsed.expression);
        fuzz::require(c.parsed, "a parsed expression classifies");
    }
    const license::Classification whole = table.classify(text);
    fuzz::require(!whole.explanation.empty(), "a classification explains itself");
    exact.classify(text);
    return 0;
}
