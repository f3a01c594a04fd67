#include "openness/license/expression.hpp"

#include "openness/util/strings.hpp"

#include <fmt/format.h>

#include <utility>

// Grammar (SPDX 2.3 Annex D, SPDX 3 "SimpleLicensing" annex), with our two liberties:
//   expression := and-expr ("OR" and-expr)*
//   and-expr   := primary ("AND" primary)*
//   primary    := simple ["WITH" exception] | "(" expression ")"
//   simple     := idstring ["+"] | ["DocumentRef-" idstring ":"] "LicenseRef-" idstring
//   exception  := idstring | ["DocumentRef-" idstring ":"] "AdditionRef-" idstring
//   idstring   := 1*(ALPHA / DIGIT / "-" / ".")
// Liberties: operators may also be written all lower case ("and", "or", "with"), because
// package metadata often does; and tabs, CR and LF count as whitespace like the space, because
// manifests fold long license strings over lines. Mixed-case operators ("And") are rejected with
// a message naming the two accepted spellings.
//
// The parser is iterative (an explicit stack of open parentheses), so hostile input cannot blow
// the call stack; the tree it builds is at most about twice `max_depth` deep, which bounds the
// recursion of to_string() and of anything else that walks it.

namespace openness::license {

namespace {

constexpr std::size_t k_max_quoted = 48;  // bytes of a term quoted in an error message

enum class TokenKind { term, and_op, or_op, with_op, open_paren, close_paren, plus, end, error };

struct Token {
    TokenKind kind = TokenKind::end;
    std::size_t offset = 0;
    std::string_view text;   // as written; for a term, without a trailing "+"
    bool or_later = false;   // a term immediately followed by "+"
    bool spaced = false;     // whitespace came right before this token
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_id_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
}

// Quotes a piece of the input for a message, shortened so one huge token cannot flood the output.
std::string quote(std::string_view text) {
    if (text.size() > k_max_quoted) {
        return "'" + std::string(text.substr(0, k_max_quoted)) + "...'";
    }
    return "'" + std::string(text) + "'";
}

std::string describe_byte(char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x21 && byte < 0x7f) {
        return std::string("unexpected character '") + c + "'";
    }
    return fmt::format("unexpected byte 0x{:02X}", static_cast<unsigned>(byte));
}

class Lexer {
public:
    explicit Lexer(std::string_view text) : m_text(text) {}

    Token next() {
        Token token;
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() && is_space(m_text[m_pos])) {
            ++m_pos;
        }
        token.spaced = m_pos > start;
        token.offset = m_pos;
        if (m_pos == m_text.size()) {
            token.kind = TokenKind::end;
            return token;
        }
        const char c = m_text[m_pos];
        if (c == '(' || c == ')' || c == '+') {
            token.kind = c == '(' ? TokenKind::open_paren
                                  : (c == ')' ? TokenKind::close_paren : TokenKind::plus);
            token.text = m_text.substr(m_pos, 1);
            ++m_pos;
            return token;
        }
        if (!is_id_char(c)) {
            return fail(m_pos, describe_byte(c));
        }
        scan_id_chars();
        // A colon belongs to the term only in "DocumentRef-x:LicenseRef-y"; the parser checks the
        // parts, the lexer just keeps them together.
        if (m_pos < m_text.size() && m_text[m_pos] == ':' &&
            util::istarts_with(m_text.substr(token.offset), "DocumentRef-")) {
            ++m_pos;
            scan_id_chars();
        }
        token.text = m_text.substr(token.offset, m_pos - token.offset);
        if (const auto op = operator_kind(token.text)) {
            token.kind = *op;
            return token;
        }
        if (util::iequals(token.text, "and") || util::iequals(token.text, "or") ||
            util::iequals(token.text, "with")) {
            return fail(token.offset, "operator " + quote(token.text) + " must be written '" +
                                          util::upper(token.text) + "' or '" +
                                          util::lower(token.text) + "'");
        }
        token.kind = TokenKind::term;
        if (m_pos < m_text.size() && m_text[m_pos] == '+') {
            token.or_later = true;
            ++m_pos;
        }
        return token;
    }

    const ExpressionError& error() const { return m_error; }

private:
    static std::optional<TokenKind> operator_kind(std::string_view word) {
        if (word == "AND" || word == "and") {
            return TokenKind::and_op;
        }
        if (word == "OR" || word == "or") {
            return TokenKind::or_op;
        }
        if (word == "WITH" || word == "with") {
            return TokenKind::with_op;
        }
        return std::nullopt;
    }

    void scan_id_chars() {
        while (m_pos < m_text.size() && is_id_char(m_text[m_pos])) {
            ++m_pos;
        }
    }

    Token fail(std::size_t offset, std::string message) {
        m_error = ExpressionError{offset, std::move(message)};
        Token token;
        token.kind = TokenKind::error;
        token.offset = offset;
        return token;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    ExpressionError m_error;
};

// Checks the DocumentRef-/LicenseRef-/AdditionRef- structure of a term. `ref_prefix` is
// "LicenseRef-" for a license and "AdditionRef-" for an exception.
std::optional<ExpressionError> check_term(const Token& token, std::string_view ref_prefix) {
    const std::string_view text = token.text;
    std::string_view local = text;
    std::size_t local_offset = token.offset;
    if (util::istarts_with(text, "DocumentRef-")) {
        const std::size_t colon = text.find(':');
        const std::string_view document =
            text.substr(0, colon == std::string_view::npos ? text.size() : colon);
        if (document.size() == 12) {
            return ExpressionError{token.offset + 12, "expected an id after 'DocumentRef-'"};
        }
        if (colon == std::string_view::npos) {
            return ExpressionError{token.offset + text.size(),
                                   "expected ':" + std::string(ref_prefix) + "' right after " +
                                       quote(text)};
        }
        local = text.substr(colon + 1);
        local_offset = token.offset + colon + 1;
        if (!util::istarts_with(local, ref_prefix)) {
            return ExpressionError{local_offset, "expected '" + std::string(ref_prefix) +
                                                     "' after " + quote(text.substr(0, colon + 1))};
        }
    }
    if (util::istarts_with(local, ref_prefix) && local.size() == ref_prefix.size()) {
        return ExpressionError{local_offset + ref_prefix.size(),
                               "expected an id after '" + std::string(ref_prefix) + "'"};
    }
    // The other prefix is also a reference whose id must not be empty ("LicenseRef-" after WITH).
    for (const std::string_view prefix : {std::string_view("LicenseRef-"),
                                          std::string_view("AdditionRef-")}) {
        if (local.size() == prefix.size() && util::istarts_with(local, prefix)) {
            return ExpressionError{local_offset + prefix.size(),
                                   "expected an id after '" + std::string(prefix) + "'"};
        }
    }
    return std::nullopt;
}

bool is_license_ref(std::string_view text) {
    return util::istarts_with(text, "LicenseRef-") || util::istarts_with(text, "DocumentRef-");
}

// Appends `node` to a list of operands of `kind`, splicing it in when it is the same operator:
// "(a AND b) AND c" is one AND with three operands.
void append_flat(std::vector<Expression>& list, Expression&& node, Expression::Kind kind) {
    if (node.kind == kind) {
        for (auto& operand : node.operands) {
            list.push_back(std::move(operand));
        }
        return;
    }
    list.push_back(std::move(node));
}

Expression collapse(std::vector<Expression>&& operands, Expression::Kind kind) {
    if (operands.size() == 1) {
        return std::move(operands.front());
    }
    Expression node;
    node.kind = kind;
    node.operands = std::move(operands);
    return node;
}

// One level of parentheses (the outermost level has no parenthesis).
struct Frame {
    std::vector<Expression> ors;   // finished AND-groups of this level
    std::vector<Expression> ands;  // the AND-group being built
    std::size_t open_offset = 0;
};

Expression finish(Frame& frame) {
    append_flat(frame.ors, collapse(std::move(frame.ands), Expression::Kind::and_),
                Expression::Kind::or_);
    frame.ands.clear();
    return collapse(std::move(frame.ors), Expression::Kind::or_);
}

// What the last operand was, for the messages about WITH and "+".
enum class Last { none, term, term_with_exception, group };

std::string after(const Token& previous) {
    return "after " + quote(previous.text);
}

class Parser {
public:
    Parser(std::string_view text, const ExpressionLimits& limits)
        : m_limits(limits), m_lexer(text) {}

    ExpressionParseResult run() {
        m_frames.emplace_back();
        enum class Expect { operand, operator_, exception };
        Expect expect = Expect::operand;
        Token previous;  // the last operator or "(" (for "expected ... after" messages)
        bool have_previous = false;
        for (;;) {
            const Token token = m_lexer.next();
            if (token.kind == TokenKind::error) {
                return failure(m_lexer.error());
            }
            if (expect == Expect::exception) {
                if (token.kind != TokenKind::term) {
                    return failure(token.offset, "expected a license exception id after " +
                                                     quote(previous.text));
                }
                if (auto error = check_term(token, "AdditionRef-")) {
                    return failure(std::move(*error));
                }
                if (token.or_later) {
                    return failure(token.offset + token.text.size(),
                                   "'+' cannot follow a license exception id");
                }
                m_frames.back().ands.back().exception = std::string(token.text);
                m_last = Last::term_with_exception;
                expect = Expect::operator_;
                continue;
            }
            if (expect == Expect::operand) {
                switch (token.kind) {
                case TokenKind::term: {
                    if (auto error = check_term(token, "LicenseRef-")) {
                        return failure(std::move(*error));
                    }
                    if (token.or_later && is_license_ref(token.text)) {
                        return failure(token.offset + token.text.size(),
                                       "'+' cannot follow a LicenseRef");
                    }
                    Expression leaf;
                    leaf.id = std::string(token.text);
                    leaf.or_later = token.or_later;
                    m_frames.back().ands.push_back(std::move(leaf));
                    m_last = Last::term;
                    expect = Expect::operator_;
                    continue;
                }
                case TokenKind::open_paren:
                    if (m_frames.size() > m_limits.max_depth) {
                        return failure(token.offset,
                                       fmt::format("parentheses are nested deeper than {} levels",
                                                   m_limits.max_depth));
                    }
                    m_frames.emplace_back();
                    m_frames.back().open_offset = token.offset;
                    previous = token;
                    have_previous = true;
                    continue;
                case TokenKind::end:
                    if (!have_previous) {
                        return failure(0, "empty license expression");
                    }
                    if (previous.kind == TokenKind::open_paren) {
                        return failure(previous.offset, "unclosed '('");
                    }
                    return failure(token.offset, "expected a license id " + after(previous));
                default:
                    break;
                }
                if (have_previous) {
                    return failure(token.offset, "expected a license id " + after(previous));
                }
                if (token.kind == TokenKind::close_paren) {
                    return failure(token.offset, "unexpected ')'");
                }
                if (token.kind == TokenKind::plus) {
                    return failure(token.offset, "'+' must follow a license id");
                }
                return failure(token.offset,
                               "expected a license id before " + quote(token.text));
            }
            // Expect::operator_
            switch (token.kind) {
            case TokenKind::and_op:
                previous = token;
                have_previous = true;
                expect = Expect::operand;
                continue;
            case TokenKind::or_op: {
                Frame& frame = m_frames.back();
                append_flat(frame.ors, collapse(std::move(frame.ands), Expression::Kind::and_),
                            Expression::Kind::or_);
                frame.ands.clear();
                previous = token;
                have_previous = true;
                expect = Expect::operand;
                continue;
            }
            case TokenKind::with_op:
                if (m_last == Last::group) {
                    return failure(token.offset,
                                   "'WITH' must follow a license id, not a parenthesized "
                                   "expression");
                }
                if (m_last == Last::term_with_exception) {
                    return failure(token.offset, "a license can have only one 'WITH' exception");
                }
                previous = token;
                have_previous = true;
                expect = Expect::exception;
                continue;
            case TokenKind::close_paren: {
                if (m_frames.size() == 1) {
                    return failure(token.offset, "unexpected ')'");
                }
                Expression group = finish(m_frames.back());
                m_frames.pop_back();
                append_flat(m_frames.back().ands, std::move(group), Expression::Kind::and_);
                m_last = Last::group;
                continue;
            }
            case TokenKind::end: {
                if (m_frames.size() > 1) {
                    return failure(m_frames.back().open_offset, "unclosed '('");
                }
                ExpressionParseResult result;
                result.expression = finish(m_frames.back());
                return result;
            }
            case TokenKind::plus:
                if (m_last == Last::term && token.spaced) {
                    return failure(token.offset, "'+' must follow a license id with no space");
                }
                if (m_last == Last::term_with_exception) {
                    return failure(token.offset, "'+' cannot follow a license exception id");
                }
                if (m_last == Last::group) {
                    return failure(token.offset, "'+' must follow a license id, not ')'");
                }
                return failure(token.offset, "unexpected '+'");
            case TokenKind::open_paren:
                return failure(token.offset, "expected 'AND' or 'OR' before '('");
            case TokenKind::term:
                if (m_last == Last::term) {
                    return failure(token.offset,
                                   "expected 'AND', 'OR' or 'WITH' before " + quote(token.text));
                }
                return failure(token.offset, "expected 'AND' or 'OR' before " + quote(token.text));
            case TokenKind::error:
                break;
            }
            return failure(token.offset, "unexpected input");
        }
    }

private:
    static ExpressionParseResult failure(ExpressionError error) {
        ExpressionParseResult result;
        result.error = std::move(error);
        return result;
    }

    static ExpressionParseResult failure(std::size_t offset, std::string message) {
        return failure(ExpressionError{offset, std::move(message)});
    }

    const ExpressionLimits& m_limits;
    Lexer m_lexer;
    std::vector<Frame> m_frames;
    Last m_last = Last::none;
};

void render(const Expression& expression, std::string& out) {
    if (expression.kind == Expression::Kind::license) {
        out += expression.id;
        if (expression.or_later) {
            out += '+';
        }
        if (!expression.exception.empty()) {
            out += " WITH ";
            out += expression.exception;
        }
        return;
    }
    const bool is_and = expression.kind == Expression::Kind::and_;
    bool first = true;
    for (const auto& operand : expression.operands) {
        if (!first) {
            out += is_and ? " AND " : " OR ";
        }
        first = false;
        // AND binds tighter than OR, so only an OR inside an AND needs parentheses.
        const bool parenthesize = is_and && operand.kind == Expression::Kind::or_;
        if (parenthesize) {
            out += '(';
        }
        render(operand, out);
        if (parenthesize) {
            out += ')';
        }
    }
}

}  // namespace

ExpressionParseResult parse_expression(std::string_view text, const ExpressionLimits& limits) {
    if (text.size() > limits.max_length) {
        ExpressionParseResult result;
        result.error = ExpressionError{limits.max_length,
                                       fmt::format("license expression is longer than {} bytes",
                                                   limits.max_length)};
        return result;
    }
    return Parser(text, limits).run();
}

std::string to_string(const Expression& expression) {
    std::string out;
    render(expression, out);
    return out;
}

}  // namespace openness::license
