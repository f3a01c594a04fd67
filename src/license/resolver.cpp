#include "resolver.hpp"

#include "openness/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace openness::license {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
using util::iequals;
using util::lower;

bool is_number(const std::string& word) { return !word.empty() && is_digit(word[0]); }

// "2.0" and "2.0.0" are "2"; "2.1" stays.
std::string version(std::string number) {
    while (number.size() > 2 && util::ends_with(number, ".0")) {
        number.resize(number.size() - 2);
    }
    return number;
}

std::vector<int> version_parts(const std::string& number) {
    std::vector<int> parts;
    int value = 0;
    for (const char c : number) {
        if (c == '.') {
            parts.push_back(value);
            value = 0;
        } else if (value < 100000) {
            value = value * 10 + (c - '0');
        }
    }
    parts.push_back(value);
    return parts;
}

std::string quoted_list(const std::vector<std::string>& ids) {
    std::string out;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i > 0) {
            out += i + 1 == ids.size() ? " or " : ", ";
        }
        out += ids[i];
    }
    return out;
}

// True when an operator of an expression is not written in capitals ("mit or apache-2.0").
bool has_lower_case_operator(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '(' ||
                                   text[i] == ')')) {
            ++i;
        }
        const std::size_t start = i;
        while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '(' &&
               text[i] != ')') {
            ++i;
        }
        const std::string_view word = text.substr(start, i - start);
        if ((iequals(word, "and") || iequals(word, "or") || iequals(word, "with")) &&
            word != "AND" && word != "OR" && word != "WITH") {
            return true;
        }
    }
    return false;
}

constexpr std::size_t k_max_text = 512;  // longer strings are not names; never resolved

// Why `text` cannot be a license name, whatever the table holds; "" when it may be one. A loose
// reading keeps only the letters and digits, so marks around one letter ("##[x]") would
// otherwise read as whatever license that letter begins (X11).
const char* not_a_name(std::string_view text) {
    std::size_t letters = 0;  // ASCII letters and digits, and each byte of a non-ASCII character
    std::size_t marks = 0;    // every other character but blanks
    for (const char c : text) {
        if (is_alpha(c) || is_digit(c) || static_cast<unsigned char>(c) >= 0x80) {
            ++letters;
        } else if (c != ' ' && c != '\t') {
            ++marks;
        }
    }
    if (marks > letters) {
        return "it is mostly punctuation";
    }
    return letters < 2 ? "it has fewer than two letters or digits" : "";
}

}  // namespace

std::string Resolver::normal_url(std::string_view url) {
    std::string out = lower(url);
    const std::size_t scheme = out.find("://");
    if (scheme != std::string::npos) {
        out.erase(0, scheme + 3);
    }
    if (util::starts_with(out, "www.")) {
        out.erase(0, 4);
    }
    const std::size_t query = out.find_first_of("?#");
    if (query != std::string::npos) {
        out.resize(query);
    }
    const auto strip_slashes = [&] {
        while (!out.empty() && out.back() == '/') {
            out.pop_back();
        }
    };
    strip_slashes();
    for (std::string_view suffix : {".html", ".htm", ".txt", ".php", ".md"}) {
        if (out.size() > suffix.size() && util::ends_with(out, suffix)) {
            out.resize(out.size() - suffix.size());
            break;
        }
    }
    const std::size_t last = out.rfind('/');
    if (last != std::string::npos &&
        (util::starts_with(std::string_view(out).substr(last + 1), "legalcode") ||
         util::starts_with(std::string_view(out).substr(last + 1), "deed"))) {
        out.resize(last);
    }
    strip_slashes();
    return out;
}

std::vector<std::string> Resolver::words(std::string_view text) const {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (is_alpha(c)) {
            std::size_t end = i;
            while (end < text.size() && is_alpha(text[end])) {
                ++end;
            }
            out.push_back(lower(text.substr(i, end - i)));
            i = end;
        } else if (is_digit(c)) {
            std::size_t end = i;
            while (end < text.size() &&
                   (is_digit(text[end]) ||
                    (text[end] == '.' && end + 1 < text.size() && is_digit(text[end + 1])))) {
                ++end;
            }
            out.push_back(version(std::string(text.substr(i, end - i))));
            i = end;
        } else if (c == '+') {
            if (i + 1 < text.size() && text[i + 1] == '+') {
                out.emplace_back("pp");  // "RAIL++"
                i += 2;
            } else {
                if (!out.empty() && is_number(out.back())) {
                    out.emplace_back("or");  // "GPL-2.0+"
                    out.emplace_back("later");
                }
                ++i;
            }
        } else {
            ++i;
        }
    }
    for (const auto& [from, to] : m_rules.phrases) {
        for (std::size_t at = 0; at + from.size() <= out.size();) {
            if (std::equal(from.begin(), from.end(), out.begin() + static_cast<std::ptrdiff_t>(at))) {
                out.erase(out.begin() + static_cast<std::ptrdiff_t>(at),
                          out.begin() + static_cast<std::ptrdiff_t>(at + from.size()));
                out.insert(out.begin() + static_cast<std::ptrdiff_t>(at), to.begin(), to.end());
                at += to.size();
            } else {
                ++at;
            }
        }
    }
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const std::string& word) {
                                 return std::find(m_rules.ignore.begin(), m_rules.ignore.end(),
                                                  word) != m_rules.ignore.end();
                             }),
              out.end());
    return out;
}

std::string Resolver::key_of(std::vector<std::string> words) {
    std::sort(words.begin(), words.end());
    std::string key;
    for (const std::string& word : words) {
        key += (key.empty() ? "" : " ") + word;
    }
    return key;
}

Resolver::Resolver(ResolverRules rules) : m_rules(std::move(rules)) {}

void Resolver::index(const LicenseTable& table) const {
    std::call_once(m_indexed, [&] { build_index(table.licenses()); });
}

void Resolver::build_index(const std::vector<LicenseInfo>& rows) const {
    for (std::size_t row = 0; row < rows.size(); ++row) {
        const LicenseInfo& info = rows[row];
        std::vector<std::string_view> spellings{info.id, info.name};
        spellings.insert(spellings.end(), info.aliases.begin(), info.aliases.end());
        for (const std::string_view spelling : spellings) {
            if (spelling.empty()) {
                continue;
            }
            std::vector<std::string> w = words(spelling);
            if (w.empty()) {
                continue;
            }
            const std::string key = key_of(w);
            auto& loose = m_loose[key];
            if (std::find(loose.begin(), loose.end(), row) == loose.end()) {
                loose.push_back(row);
            }
            std::vector<std::string> unversioned;
            for (const std::string& word : w) {
                if (!is_number(word)) {
                    unversioned.push_back(word);
                }
            }
            if (unversioned.size() != w.size() && !unversioned.empty() && spelling == info.id) {
                auto& family = m_family[key_of(unversioned)];
                if (std::find(family.begin(), family.end(), row) == family.end()) {
                    family.push_back(row);
                }
            }
            m_spellings.emplace_back(std::move(w), row);
        }
        for (const std::string_view url : info.urls) {
            m_urls.emplace(url, row);
        }
    }
}

const LicenseInfo* Resolver::final_row(std::size_t row, const LicenseTable& table) const {
    const LicenseInfo& info = table.licenses()[row];
    if (!info.replaced_by.empty()) {
        if (const LicenseInfo* target = table.find(info.replaced_by)) {
            return target;
        }
    }
    return &info;
}

std::optional<std::pair<const LicenseInfo*, std::string>> Resolver::reading_of_hit(
    std::string_view text, const LicenseInfo& info, const LicenseTable& table) const {
    const std::string shown(text);
    if (!info.replaced_by.empty()) {
        const LicenseInfo* target = table.find(info.replaced_by);
        if (target != nullptr) {
            std::string why;
            if (iequals(text, info.id)) {
                why = " (" + std::string(info.id) + " is a deprecated SPDX id)";
            } else if (target->id.size() > 5 && util::ends_with(target->id, "-only")) {
                const std::string later =
                    std::string(target->id.substr(0, target->id.size() - 5)) + "-or-later";
                const LicenseInfo* other = table.find(later);
                if (other != nullptr && other->license_class == target->license_class) {
                    why = std::string(" (it does not say 'only' or 'or later'; ") + later +
                          " is " + class_phrase(other->license_class) + " too)";
                }
            }
            return std::make_pair(target, "read '" + shown + "' as " + std::string(target->id) + why);
        }
    }
    if (iequals(text, info.id)) {
        return std::nullopt;
    }
    return std::make_pair(&info, "read '" + shown + "' as " + std::string(info.id));
}

std::optional<Resolver::Reading> Resolver::read_name(std::string_view text,
                                                     const LicenseTable& table) const {
    if (const LicenseInfo* info = table.find(text)) {
        const auto hit = reading_of_hit(text, *info, table);
        Reading reading;
        reading.info = hit ? hit->first : info;
        if (hit) {
            const std::string prefix =
                "read '" + std::string(text) + "' as " + std::string(reading.info->id);
            reading.why = hit->second.substr(std::min(prefix.size(), hit->second.size()));
        }
        return reading;
    }
    const std::vector<std::string> w = words(text);
    if (w.empty() || *not_a_name(text) != '\0') {
        return std::nullopt;
    }
    const auto found = m_loose.find(key_of(w));
    if (found != m_loose.end()) {
        std::vector<const LicenseInfo*> rows;
        for (const std::size_t row : found->second) {
            const LicenseInfo* info = final_row(row, table);
            if (std::find(rows.begin(), rows.end(), info) == rows.end()) {
                rows.push_back(info);
            }
        }
        const bool one_class =
            std::all_of(rows.begin(), rows.end(), [&](const LicenseInfo* info) {
                return info->license_class == rows.front()->license_class;
            });
        if (!one_class) {
            return std::nullopt;
        }
        Reading reading;
        reading.info = rows.front();
        const LicenseInfo& first = table.licenses()[found->second.front()];
        if (&first != reading.info) {
            // Through a deprecated id: say why it became the replacement.
            if (reading.info->id.size() > 5 && util::ends_with(reading.info->id, "-only")) {
                const std::string later =
                    std::string(reading.info->id.substr(0, reading.info->id.size() - 5)) +
                    "-or-later";
                const LicenseInfo* other = table.find(later);
                if (other != nullptr && other->license_class == reading.info->license_class) {
                    reading.why = std::string(" (it does not say 'only' or 'or later'; ") + later +
                                  " is " + class_phrase(other->license_class) + " too)";
                }
            }
        }
        if (rows.size() > 1) {
            std::vector<std::string> others;
            for (std::size_t i = 1; i < rows.size(); ++i) {
                others.emplace_back(rows[i]->id);
            }
            reading.why += std::string(" (it could also be ") + quoted_list(others) +
                           ", which is " + class_phrase(rows.front()->license_class) + " too)";
        }
        return reading;
    }
    // No version given: read as the latest version when every version has one class.
    const bool versioned = std::any_of(w.begin(), w.end(), is_number);
    const auto family = versioned ? m_family.end() : m_family.find(key_of(w));
    if (family == m_family.end()) {
        return std::nullopt;
    }
    const LicenseInfo* latest = nullptr;
    std::vector<int> latest_version;
    for (const std::size_t row : family->second) {
        const LicenseInfo& info = table.licenses()[row];
        if (info.license_class != table.licenses()[family->second.front()].license_class) {
            return std::nullopt;
        }
        if (info.deprecated) {
            continue;
        }
        std::vector<int> v;
        for (const std::string& word : words(info.id)) {
            if (is_number(word)) {
                v = version_parts(word);
            }
        }
        if (latest == nullptr || v > latest_version) {
            latest = &info;
            latest_version = v;
        }
    }
    if (latest == nullptr) {
        return std::nullopt;
    }
    Reading reading;
    reading.info = latest;
    reading.why = std::string(" (no version given; every version is ") +
                  class_phrase(latest->license_class) + ")";
    return reading;
}

std::vector<std::string> Resolver::suggest(std::string_view text, const LicenseTable& table) const {
    // A LicenseRef- or DocumentRef- id names terms its author defined; no known license is
    // "meant" by it (LicenseRef-Acceptable-Use-Policy is not Cohere's acceptable use policy).
    if (util::istarts_with(text, "LicenseRef-") || util::istarts_with(text, "DocumentRef-") ||
        *not_a_name(text) != '\0') {
        return {};
    }
    const std::vector<std::string> w = words(text);
    if (w.empty()) {
        return {};
    }
    const std::set<std::string> mine(w.begin(), w.end());
    std::vector<std::pair<double, const LicenseInfo*>> scored;
    for (const auto& [spelling, row] : m_spellings) {
        const std::set<std::string> theirs(spelling.begin(), spelling.end());
        std::size_t shared = 0;
        for (const std::string& word : mine) {
            shared += theirs.count(word);
        }
        if (shared == 0) {
            continue;
        }
        const double score = static_cast<double>(shared) /
                             static_cast<double>(mine.size() + theirs.size() - shared);
        if (score >= 0.34) {
            scored.emplace_back(score, final_row(row, table));
        }
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> out;
    for (const auto& [score, info] : scored) {
        if (out.size() == 3) {
            break;
        }
        if (std::find(out.begin(), out.end(), info->id) == out.end()) {
            out.emplace_back(info->id);
        }
    }
    return out;
}

Classification Resolver::resolve(std::string_view text, const LicenseTable& table) const {
    const std::string shown(text);
    Classification result;
    if (text.size() > k_max_text) {
        result.explanation = fmt::format(
            "a license text of {} bytes is not a license name or expression", text.size());
        return result;
    }
    const auto single = [&](const LicenseInfo& info, std::string read) {
        Classification found = table.classify(info.id);
        found.read_as.clear();
        found.read_as.push_back(std::move(read));
        return found;
    };
    const bool url = text.find("://") != std::string_view::npos ||
                     lower(text.substr(0, 4)) == "www.";
    if (url) {
        index(table);
        const auto found = m_urls.find(normal_url(text));
        if (found != m_urls.end()) {
            const LicenseInfo* info = final_row(found->second, table);
            return single(*info, "read '" + shown + "' as " + std::string(info->id) +
                                     " (its license page)");
        }
        result.explanation = "'" + shown + "' is not the page of a license openness knows";
        return result;
    }
    const ExpressionParseResult parsed = parse_expression(text);
    if (parsed.expression) {
        bool all_known = true;
        std::vector<const Expression*> stack{&*parsed.expression};
        while (!stack.empty()) {
            const Expression* node = stack.back();
            stack.pop_back();
            if (node->kind == Expression::Kind::license) {
                all_known = all_known && (table.find(node->id) != nullptr ||
                                          iequals(node->id, "NONE") ||
                                          iequals(node->id, "NOASSERTION"));
            }
            for (const Expression& operand : node->operands) {
                stack.push_back(&operand);
            }
        }
        if (all_known) {
            Classification found = table.classify(*parsed.expression);
            // SPDX writes its operators in capitals; the parser also takes them in lower case
            // (as 1.0 did, silently), which under resolver rules is a reading to show.
            if (has_lower_case_operator(text)) {
                found.read_as.push_back("read '" + shown + "' as " + found.canonical);
            }
            return found;
        }
    }
    index(table);
    if (const std::optional<Reading> reading = read_name(text, table)) {
        return single(*reading->info,
                      "read '" + shown + "' as " + std::string(reading->info->id) + reading->why);
    }

    // A loose list: "MIT/Apache-2.0", "Apache-2.0 and CC-BY-4.0", "A, B". OR only where the
    // text says or; every other separator is AND, the reading that never overstates.
    const std::string lowered = lower(text);
    std::vector<std::vector<std::string>> alternatives(1);
    {
        std::string current;
        std::size_t i = 0;
        const auto flush = [&] {
            const std::string_view part = current;
            std::size_t b = 0;
            std::size_t e = part.size();
            while (b < e && (part[b] == ' ' || part[b] == '(')) {
                ++b;
            }
            while (e > b && (part[e - 1] == ' ' || part[e - 1] == ')')) {
                --e;
            }
            if (b < e) {
                alternatives.back().emplace_back(part.substr(b, e - b));
            }
            current.clear();
        };
        while (i < text.size()) {
            const auto word_at = [&](const char* word) {
                const std::size_t n = std::char_traits<char>::length(word);
                return lowered.compare(i, n, word) == 0;
            };
            if (word_at(" or ")) {
                flush();
                alternatives.emplace_back();
                i += 4;
            } else if (word_at(" and ")) {
                flush();
                i += 5;
            } else if (word_at(" with ")) {
                break;  // an exception written loosely is not guessed
            } else if (text[i] == ',' || text[i] == ';' || text[i] == '/' || text[i] == '&') {
                flush();
                ++i;
            } else {
                current += text[i];
                ++i;
            }
        }
        if (i >= text.size()) {
            flush();
        } else {
            alternatives.clear();
        }
    }
    std::size_t parts = 0;
    for (const auto& alternative : alternatives) {
        parts += alternative.size();
    }
    if (parts > 1 && parts <= 16) {
        Expression root;
        root.kind = Expression::Kind::or_;
        std::string unknown_part;
        for (const auto& alternative : alternatives) {
            Expression all;
            all.kind = Expression::Kind::and_;
            for (const std::string& part : alternative) {
                const std::optional<Reading> reading = read_name(part, table);
                if (!reading) {
                    unknown_part = part;
                    break;
                }
                Expression leaf;
                leaf.id = reading->info->id;
                all.operands.push_back(std::move(leaf));
            }
            if (!unknown_part.empty() || all.operands.empty()) {
                break;
            }
            root.operands.push_back(all.operands.size() == 1 ? std::move(all.operands.front())
                                                             : std::move(all));
        }
        if (unknown_part.empty() && !root.operands.empty()) {
            const Expression expression =
                root.operands.size() == 1 ? std::move(root.operands.front()) : std::move(root);
            Classification found = table.classify(expression);
            found.read_as.push_back("read '" + shown + "' as " + found.canonical);
            return found;
        }
        if (!unknown_part.empty()) {
            result.suggestions = suggest(unknown_part, table);
            const char* why = not_a_name(unknown_part);
            result.explanation =
                *why == '\0'
                    ? fmt::format("'{}' in '{}' is not a known license", unknown_part, shown)
                    : fmt::format("'{}' in '{}' is not a license name: {}", unknown_part, shown,
                                  why);
            if (!result.suggestions.empty()) {
                result.explanation += "; did you mean " + quoted_list(result.suggestions) + "?";
            }
            if (parsed.error) {
                result.detail = fmt::format("{} at offset {}", parsed.error->message,
                                            parsed.error->offset);
            }
            return result;
        }
    }

    const char* why = not_a_name(text);
    if (*why != '\0') {
        result.explanation = fmt::format("'{}' is not a license name: {}", shown, why);
    } else {
        result.suggestions = suggest(text, table);
        result.explanation = "'" + shown + "' is not a known license";
        if (!result.suggestions.empty()) {
            result.explanation += "; did you mean " + quoted_list(result.suggestions) + "?";
        }
    }
    if (parsed.error) {
        result.detail = fmt::format("{} at offset {}", parsed.error->message, parsed.error->offset);
    } else if (parsed.expression && *why == '\0') {
        result.detail = "parsed as the expression " + to_string(*parsed.expression) +
                        ", which names a license the table does not have";
        // The expression's own classification explains which part is unknown.
        Classification expression = table.classify(*parsed.expression);
        expression.suggestions = result.suggestions;
        expression.detail = result.detail;
        if (!result.suggestions.empty()) {
            expression.explanation +=
                "; did you mean " + quoted_list(result.suggestions) + "?";
        }
        return expression;
    }
    return result;
}

}  // namespace openness::license
