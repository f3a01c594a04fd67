#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::license {

// One node of a parsed SPDX license expression.
struct Expression {
    enum class Kind { license, and_, or_ };
    Kind kind = Kind::license;
    // For Kind::license: the id as written (e.g. "apache-2.0", "LicenseRef-foo",
    // "DocumentRef-x:LicenseRef-y"), whether "+" followed it, and the WITH exception id if any.
    std::string id;
    bool or_later = false;
    std::string exception;
    // For and_/or_: two or more operands (a AND b AND c is flattened to one node).
    std::vector<Expression> operands;
};

struct ExpressionError {
    std::size_t offset = 0;  // byte offset into the input where the problem is
    std::string message;     // e.g. "expected a license id after 'AND'"
};

struct ExpressionParseResult {
    std::optional<Expression> expression;
    std::optional<ExpressionError> error;
};

struct ExpressionLimits {
    std::size_t max_length = 4096;  // bytes of input
    std::size_t max_depth = 32;     // nesting of parentheses
};

// Parses an SPDX license expression (SPDX 2.3 Annex D / SPDX 3 grammar): AND, OR, WITH,
// parentheses, "+", LicenseRef-/DocumentRef-. Precedence: WITH > AND > OR.
// Operators must be upper case or all lower case; ids are not checked against any list here.
ExpressionParseResult parse_expression(std::string_view text, const ExpressionLimits& limits = {});

// Renders an expression back to canonical text (minimal parentheses).
std::string to_string(const Expression& expression);

}  // namespace openness::license
