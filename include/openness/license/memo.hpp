#pragma once

#include "openness/license/table.hpp"

#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace openness::license {

// Classifications a table has already given, by license text as written: a batch meets the same
// few dozen strings over and over, and classifying an expression costs far more than a lookup.
// Not thread-safe; each thread keeps its own. Holds the table, so its rows outlive the entries.
// Entries are shared and immutable: one forgotten by the memo lives on while anyone holds it.
class ClassificationMemo {
public:
    // Remembers at most `capacity` strings; past that it forgets them all and starts again.
    explicit ClassificationMemo(std::shared_ptr<const LicenseTable> table,
                                std::size_t capacity = k_default_capacity);

    // table().classify(text), computed on first sight; the reference is valid until the next
    // call, a copy of the pointer (never null) for as long as it is kept.
    const std::shared_ptr<const Classification>& classify(std::string_view text);

    const std::shared_ptr<const LicenseTable>& table() const { return m_table; }
    // How many strings it remembers.
    std::size_t size() const { return m_entries.size(); }

    static constexpr std::size_t k_default_capacity = 4096;

private:
    std::shared_ptr<const LicenseTable> m_table;
    std::size_t m_capacity;
    std::deque<std::string> m_texts;  // the keys' storage; a deque never moves its elements
    std::unordered_map<std::string_view, std::shared_ptr<const Classification>> m_entries;
};

}  // namespace openness::license
