#include "openness/license/memo.hpp"

#include <utility>

namespace openness::license {

ClassificationMemo::ClassificationMemo(std::shared_ptr<const LicenseTable> table,
                                       std::size_t capacity)
    : m_table(std::move(table)), m_capacity(capacity) {}

const std::shared_ptr<const Classification>& ClassificationMemo::classify(std::string_view text) {
    const auto found = m_entries.find(text);
    if (found != m_entries.end()) {
        return found->second;
    }
    // Hostile input can bring any number of distinct strings; memory stays bounded.
    if (m_entries.size() >= m_capacity) {
        m_entries.clear();
        m_texts.clear();
    }
    const std::string& key = m_texts.emplace_back(text);
    return m_entries
        .emplace(std::string_view(key),
                 std::make_shared<const Classification>(m_table->classify(key)))
        .first->second;
}

}  // namespace openness::license
