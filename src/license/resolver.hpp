#pragma once

// Reading license names as people write them (table 2.0 and later): the rules are the table's
// "resolver" data; this is only the machinery that applies them.

#include "openness/license/table.hpp"

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace openness::license {

struct ResolverRules {
    std::vector<std::string> ignore;  // words that never tell licenses apart ("license")
    // Word sequences replaced by others ("gnu general public" -> "gpl"), in order.
    std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> phrases;
};

class Resolver {
public:
    // Rows are referred to by index, so a copied table's resolver stays valid. The loose
    // readings of every row's id, name, aliases and URLs are indexed at the first text that
    // needs them (most runs find every license by its id and never do).
    explicit Resolver(ResolverRules rules);

    // Classifies a text the table did not find as it stands: a URL, an expression, a name
    // written loosely, or a loose list of names. Never guesses between classes.
    Classification resolve(std::string_view text, const LicenseTable& table) const;

    // What an exact hit on `info` through `text` is read as: the deprecated id's replacement
    // and the sentence for read_as; nullopt when the text is the row's own id.
    std::optional<std::pair<const LicenseInfo*, std::string>> reading_of_hit(
        std::string_view text, const LicenseInfo& info, const LicenseTable& table) const;

    // The URL as the table stores it: lower case, no scheme, "www.", query, trailing "/",
    // ".html"/".txt" or "legalcode".
    static std::string normal_url(std::string_view url);

private:
    struct Reading {
        const LicenseInfo* info = nullptr;
        std::string why;  // appended to "read 'X' as ID", e.g. " (no version given; ...)"
    };
    std::vector<std::string> words(std::string_view text) const;
    static std::string key_of(std::vector<std::string> words);
    std::optional<Reading> read_name(std::string_view text, const LicenseTable& table) const;
    std::vector<std::string> suggest(std::string_view text, const LicenseTable& table) const;
    const LicenseInfo* final_row(std::size_t row, const LicenseTable& table) const;
    // Builds the indexes below from the table's rows, once (thread-safe).
    void index(const LicenseTable& table) const;
    void build_index(const std::vector<LicenseInfo>& rows) const;

    ResolverRules m_rules;
    mutable std::once_flag m_indexed;
    mutable std::unordered_map<std::string, std::vector<std::size_t>> m_loose;   // key -> rows
    mutable std::unordered_map<std::string, std::vector<std::size_t>> m_family;  // sans versions
    mutable std::unordered_map<std::string, std::size_t> m_urls;  // normal URL -> row
    mutable std::vector<std::pair<std::vector<std::string>, std::size_t>> m_spellings;
};

}  // namespace openness::license
