#pragma once

// A license table after reading and checking: flat arrays of numbers over one pool of text, so
// that the build can write a bundled table as C++ data (tools/prepare_license_tables.cpp) and a
// run uses it in place, with no JSON parsed, no allocation per row and no relocation per text.
// A table read at run time (LicenseTable::load) is built into the same form, by the same reader.

#include "openness/license/table.hpp"
#include "openness/util/diagnostic.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace openness::license::detail {

// A text in the table's pool.
struct Text {
    std::uint32_t offset;
    std::uint32_t size;
};

// Entries [begin, end) of the table's text lists.
struct Range {
    std::uint32_t begin;
    std::uint32_t end;
};

enum RowFlag : std::uint8_t {
    k_osi = 1,
    k_fsf_libre = 2,
    k_deprecated = 4,
    k_has_suits = 8,
};

struct Row {
    Text id;
    Text name;
    Text note;
    Text source;
    Text replaced_by;
    Text sentence;  // the row's one-sentence explanation on its own
    Range aliases;
    Range urls;
    Range suits;
    std::uint8_t license_class;  // a LicenseClass
    std::uint8_t flags;          // RowFlag bits
};

// A lower-cased id, alias, name or exception id and what it finds (a row or an exception).
struct Key {
    Text key;
    std::uint32_t target;
};

// A resolver phrase: the words in `from`, replaced by the words in `to` (both in the lists).
struct Phrase {
    Range from;
    Range to;
};

struct CompiledTable {
    std::string_view strings;  // the pool every Text points into
    Text id;
    Text version;
    bool exact;         // "matching": "exact": ids as written, nothing else
    bool has_resolver;  // 2.0 and later: names written loosely are read
    const Row* rows;
    std::size_t row_count;
    const Text* lists;  // aliases, URLs, suits, resolver words
    std::size_t list_count;
    const Key* keys;  // sorted by key (bytes): lower-cased ids, aliases, names -> row
    std::size_t key_count;
    const Key* exact_keys;  // sorted, exact tables only: ids as written -> row
    std::size_t exact_key_count;
    const Text* exception_ids;  // canonical exception ids, in table order
    std::size_t exception_count;
    const Key* exception_keys;  // sorted: lower-cased exception id -> exception
    std::size_t exception_key_count;
    Range ignore;  // resolver: words that never tell licenses apart
    const Phrase* phrases;
    std::size_t phrase_count;

    std::string_view text(Text t) const { return strings.substr(t.offset, t.size); }
};

// A table built at run time: the arrays the view in `table` points into.
struct OwnedTable {
    std::string strings;
    std::vector<Row> rows;
    std::vector<Text> lists;
    std::vector<Key> keys;
    std::vector<Key> exact_keys;
    std::vector<Text> exception_ids;
    std::vector<Key> exception_keys;
    std::vector<Phrase> phrases;
    CompiledTable table{};
};

// The views a LicenseTable hands out, built once from the compiled table.
struct TableViews {
    std::vector<std::string_view> lists;
    std::vector<LicenseInfo> rows;
    std::vector<std::string_view> sentences;
};

// Reads and checks a table's JSON (every diagnostic names `source` and the JSON path); null
// when it has any error. The one reader of license tables, at run time and at build time.
std::shared_ptr<const OwnedTable> compile_table(std::string_view json_text,
                                                const std::string& source,
                                                std::vector<util::Diagnostic>& diagnostics);

// The table the build prepared from the bundled file at `path`; nullptr when there is none.
// Defined by the generated source (tools/prepare_license_tables.cpp writes it).
const CompiledTable* prepared_table(std::string_view path);

// Writes `table` as C++ data named after `name`, followed by the definition of one
// `const CompiledTable k_<name>`; the generated source and the tests use it, so a prepared
// table and a run-time reading can be compared as text.
void write_table_cpp(const CompiledTable& table, const std::string& name, std::ostream& out);

}  // namespace openness::license::detail
