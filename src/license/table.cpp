#include "openness/license/table.hpp"

#include "compiled.hpp"
#include "openness/util/embedded.hpp"
#include "openness/util/json.hpp"
#include "openness/util/strings.hpp"
#include "resolver.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace openness::license {

namespace {

constexpr std::int64_t k_table_format = 1;
// Longest id, alias or name the index holds; lookups of longer text fail without work, and the
// lower-casing buffer of find() lives on the stack.
constexpr std::size_t k_max_key_length = 256;

// What a table's text is trimmed of (more than a line's blanks: form feed and vertical tab too).
constexpr std::string_view k_spaces = " \t\n\r\f\v";

using util::iequals;
using util::lower;

// Read access to one value of the document util::parse_json builds.
class FastView {
public:
    explicit FastView(const util::JsonValue& value) : m_value(&value) {}
    bool is_object() const { return m_value->is_object(); }
    bool is_array() const { return m_value->is_array(); }
    bool is_string() const { return m_value->is_string(); }
    bool is_boolean() const { return m_value->is_bool(); }
    const char* type_phrase() const { return util::JsonValue::kind_name(m_value->kind()); }
    std::optional<FastView> find(const char* key) const {
        const util::JsonValue* found = m_value->find(key);
        if (found == nullptr) {
            return std::nullopt;
        }
        return FastView(*found);
    }
    std::string string() const { return m_value->as_string(); }
    bool boolean() const { return m_value->as_bool(); }
    std::optional<std::int64_t> integer() const {
        if (!m_value->is_integer()) {
            return std::nullopt;
        }
        return m_value->as_integer();
    }
    std::size_t size() const { return m_value->items().size(); }
    FastView operator[](std::size_t index) const { return FastView(m_value->items()[index]); }
    template <typename Visit>
    void for_each_key(Visit&& visit) const {
        for (const util::JsonValue::Member& member : m_value->members()) {
            visit(member.first);
        }
    }

private:
    const util::JsonValue* m_value;
};

// Reads one table; collects every problem instead of stopping at the first, so one run of the
// loader shows all mistakes in a hand-edited file.
class Reader {
public:
    Reader(const std::string& source, std::vector<util::Diagnostic>& diagnostics)
        : m_sink(source, diagnostics) {}

    void error(const std::string& path, std::string message) {
        m_sink.error({}, path, std::move(message));
    }

    bool failed() const { return m_sink.failed(); }

    template <typename View>
    bool expect_object(const View& value, const std::string& path) {
        if (!value.is_object()) {
            error(path, std::string("expected an object, found ") + value.type_phrase());
            return false;
        }
        return true;
    }

    template <typename View>
    void check_keys(const View& object, std::initializer_list<const char*> allowed,
                    const std::string& path) {
        object.for_each_key([&](const std::string& key) {
            const bool known = std::any_of(allowed.begin(), allowed.end(),
                                           [&](const char* name) { return key == name; });
            if (!known) {
                error(join(path, key), "unknown key '" + key + "'");
            }
        });
    }

    // A member of the kind `is_kind` tests (`kind` names it: "a string"); nullopt, with an
    // error when it has another kind or when it is `required` and missing, otherwise.
    template <typename View>
    std::optional<View> typed_member(const View& object, const char* key, const std::string& path,
                                     bool required, bool (View::*is_kind)() const,
                                     const char* kind) {
        const std::optional<View> member = object.find(key);
        if (!member) {
            if (required) {
                error(path, std::string("missing required key '") + key + "'");
            }
            return std::nullopt;
        }
        if (!((*member).*is_kind)()) {
            error(join(path, key),
                  std::string("expected ") + kind + ", found " + member->type_phrase());
            return std::nullopt;
        }
        return member;
    }

    // A string member; nullopt (with an error when `required`) if missing or not a string.
    template <typename View>
    std::optional<std::string> string_member(const View& object, const char* key,
                                             const std::string& path, bool required,
                                             bool allow_empty = false) {
        const std::optional<View> member =
            typed_member(object, key, path, required, &View::is_string, "a string");
        if (!member) {
            return std::nullopt;
        }
        std::string value = member->string();
        if (value.empty() && !allow_empty) {
            error(join(path, key), "must not be empty");
            return std::nullopt;
        }
        return value;
    }

    template <typename View>
    bool bool_member(const View& object, const char* key, const std::string& path) {
        const std::optional<View> member =
            typed_member(object, key, path, false, &View::is_boolean, "a boolean");
        return member && member->boolean();
    }

    // An array member; nullopt (with an error when `required`) if missing or not an array.
    template <typename View>
    std::optional<View> array_member(const View& object, const char* key, const std::string& path,
                                     bool required) {
        return typed_member(object, key, path, required, &View::is_array, "an array");
    }

    static std::string join(const std::string& path, const std::string& key) {
        return path.empty() ? key : path + "." + key;
    }

    static std::string element(const std::string& path, std::size_t index) {
        return fmt::format("{}[{}]", path, index);
    }

private:
    util::DiagnosticSink m_sink;
};

std::string short_description(LicenseClass license_class, std::string_view note) {
    std::string out = class_phrase(license_class);
    if (!note.empty()) {
        out += ": ";
        out += note;
    }
    return out;
}

std::string short_description(const LicenseInfo& info) {
    return short_description(info.license_class, info.note);
}

constexpr const char* k_none_sentence = "released without a license (NONE)";
constexpr const char* k_noassertion_sentence = "license unknown (NOASSERTION)";

// The evaluation of one node of an expression.
struct Evaluation {
    LicenseClass license_class = LicenseClass::unknown;
    std::string canonical;
    bool compound = false;
    // The license that decided the class, with why: "CC-BY-NC-4.0 (restricted: non-commercial)".
    std::string deciding;
    // For a single license: the sentence used when it is the whole expression.
    std::string sentence;
};

}  // namespace

namespace {

// Each class's id (tables, JSON) and phrase (explanations), in LicenseClass's order.
struct ClassNames {
    const char* id;
    const char* phrase;
};
constexpr ClassNames k_class_names[] = {
    {"unknown", "of unknown openness"},
    {"proprietary", "proprietary"},
    {"restricted", "restricted"},
    {"open-data", "an open data/content license"},
    {"osi", "OSI-approved"},
};
static_assert(std::size(k_class_names) == static_cast<std::size_t>(LicenseClass::osi) + 1);

const ClassNames& names_of(LicenseClass license_class) {
    const auto index = static_cast<std::size_t>(license_class);
    return k_class_names[index < std::size(k_class_names) ? index : 0];
}

}  // namespace

const char* class_id(LicenseClass license_class) { return names_of(license_class).id; }

std::optional<LicenseClass> parse_class_id(std::string_view id) {
    for (const auto candidate : {LicenseClass::unknown, LicenseClass::proprietary,
                                 LicenseClass::restricted, LicenseClass::open_data,
                                 LicenseClass::osi}) {
        if (id == class_id(candidate)) {
            return candidate;
        }
    }
    return std::nullopt;
}

const char* class_phrase(LicenseClass license_class) { return names_of(license_class).phrase; }

namespace {

constexpr std::ptrdiff_t k_id_claim = -1;
constexpr std::ptrdiff_t k_name_claim = -2;

// One row as the reader collects it, before it goes into the table's pool.
struct RowData {
    std::string id;
    std::string name;
    LicenseClass license_class = LicenseClass::unknown;
    bool osi_approved = false;
    bool fsf_libre = false;
    bool deprecated = false;
    std::string note;
    std::vector<std::string> suits;
    bool has_suits = false;
    std::vector<std::string> aliases;
    std::string source;
    std::string replaced_by;
    std::vector<std::string> urls;
};

// What a table document holds once read and checked, before the indexes are built.
struct TableData {
    std::string id;
    std::string version;
    bool exact = false;  // "matching": "exact"
    std::vector<RowData> licenses;
    std::vector<std::string> exception_ids;
    std::vector<std::string> keys;  // lower-cased ids, aliases, names and exception ids
    std::vector<std::pair<std::size_t, std::size_t>> index_entries;      // key -> row
    std::vector<std::pair<std::size_t, std::size_t>> exception_entries;  // key -> exception
    std::optional<ResolverRules> resolver;
};

// "resolver": {"description": "...", "ignore": [words], "phrases": [[from, to], ...]}.
template <typename View>
std::optional<ResolverRules> read_resolver(const View& document, Reader& reader) {
    const std::optional<View> rules = document.find("resolver");
    if (!rules || !reader.expect_object(*rules, "resolver")) {
        return std::nullopt;
    }
    reader.check_keys(*rules, {"description", "ignore", "phrases"}, "resolver");
    ResolverRules out;
    const auto words = [](const std::string& text) {
        std::vector<std::string> lowered;
        for (const std::string_view word : util::split(text, ' ')) {
            lowered.push_back(lower(word));
        }
        return lowered;
    };
    if (const std::optional<View> ignore = reader.array_member(*rules, "ignore", "resolver", false)) {
        for (std::size_t i = 0; i < ignore->size(); ++i) {
            if ((*ignore)[i].is_string()) {
                out.ignore.push_back(lower((*ignore)[i].string()));
            } else {
                reader.error(Reader::element("resolver.ignore", i), "expected a string");
            }
        }
    }
    if (const std::optional<View> phrases =
            reader.array_member(*rules, "phrases", "resolver", false)) {
        for (std::size_t i = 0; i < phrases->size(); ++i) {
            const View pair = (*phrases)[i];
            if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() ||
                !pair[1].is_string() || words(pair[0].string()).empty()) {
                reader.error(Reader::element("resolver.phrases", i),
                             "expected [\"words\", \"replacement\"]");
                continue;
            }
            out.phrases.emplace_back(words(pair[0].string()), words(pair[1].string()));
        }
    }
    return out;
}

// Reads and checks a parsed table document; problems go to `reader`. nullopt when the document
// is not a table of this format at all (the rest would only produce noise).
template <typename View>
std::optional<TableData> read_table(const View& document, Reader& reader) {
    if (!reader.expect_object(document, "")) {
        return std::nullopt;
    }
    reader.check_keys(document,
                      {"table_format", "id", "version", "description", "sources", "licenses",
                       "exceptions", "matching", "resolver"},
                      "");

    const std::optional<View> format = document.find("table_format");
    if (!format) {
        reader.error("", "missing required key 'table_format'");
    } else if (!format->integer()) {
        reader.error("table_format", std::string("expected an integer, found ") +
                                         format->type_phrase());
    } else if (*format->integer() != k_table_format) {
        reader.error("table_format", fmt::format("unsupported table_format {} (this build reads {})",
                                                 *format->integer(), k_table_format));
        return std::nullopt;
    }

    TableData table;
    table.id = reader.string_member(document, "id", "", true).value_or("");
    table.version = reader.string_member(document, "version", "", true).value_or("");
    if (const auto matching = reader.string_member(document, "matching", "", false)) {
        if (*matching == "exact") {
            table.exact = true;
        } else if (*matching != "spdx") {
            reader.error("matching", "unknown matching '" + *matching + "' (expected spdx or exact)");
        }
    }
    std::unordered_set<std::string> exact_ids;  // an exact table's ids must be distinct as written
    reader.string_member(document, "description", "", false, true);
    if (const std::optional<View> sources = reader.array_member(document, "sources", "", false)) {
        for (std::size_t i = 0; i < sources->size(); ++i) {
            if (!(*sources)[i].is_string()) {
                reader.error(Reader::element("sources", i), "expected a string");
            }
        }
    }

    // Keys in the order they were claimed; the first claim of a key wins. Where a claim was
    // made is kept as numbers and spelt out only for a message.
    struct Claim {
        std::string key;
        std::size_t row;
        std::size_t entry;  // index in "licenses"
        std::ptrdiff_t alias;  // index in its "aliases"; k_id_claim or k_name_claim otherwise
        std::string path() const {
            const std::string base = Reader::element("licenses", entry);
            if (alias == k_id_claim) {
                return Reader::join(base, "id");
            }
            if (alias == k_name_claim) {
                return Reader::join(base, "name");
            }
            return Reader::element(Reader::join(base, "aliases"), static_cast<std::size_t>(alias));
        }
    };
    std::vector<Claim> strong_claims;  // ids and aliases: a clash is an error
    std::vector<Claim> name_claims;    // names: a clash just leaves the first

    if (const std::optional<View> licenses = reader.array_member(document, "licenses", "", true)) {
        table.licenses.reserve(licenses->size());
        for (std::size_t i = 0; i < licenses->size(); ++i) {
            const View entry = (*licenses)[i];
            const std::string path = Reader::element("licenses", i);
            if (!reader.expect_object(entry, path)) {
                continue;
            }
            reader.check_keys(entry,
                              {"id", "name", "class", "osi", "fsf_libre", "deprecated", "aliases",
                               "note", "suits", "source", "replaced_by", "urls"},
                              path);
            RowData info;
            const auto id = reader.string_member(entry, "id", path, true);
            info.id = id.value_or("");
            info.name = reader.string_member(entry, "name", path, true).value_or("");
            if (const auto class_text = reader.string_member(entry, "class", path, true)) {
                if (const auto license_class = parse_class_id(*class_text)) {
                    info.license_class = *license_class;
                } else {
                    reader.error(Reader::join(path, "class"),
                                 "unknown class '" + *class_text +
                                     "' (expected unknown, proprietary, restricted, open-data "
                                     "or osi)");
                }
            }
            info.osi_approved = reader.bool_member(entry, "osi", path);
            info.fsf_libre = reader.bool_member(entry, "fsf_libre", path);
            info.deprecated = reader.bool_member(entry, "deprecated", path);
            info.note = reader.string_member(entry, "note", path, false, true).value_or("");
            info.source = reader.string_member(entry, "source", path, false).value_or("");
            info.replaced_by = reader.string_member(entry, "replaced_by", path, false).value_or("");
            if (const std::optional<View> urls = reader.array_member(entry, "urls", path, false)) {
                for (std::size_t k = 0; k < urls->size(); ++k) {
                    if ((*urls)[k].is_string()) {
                        info.urls.push_back((*urls)[k].string());
                    } else {
                        reader.error(Reader::element(Reader::join(path, "urls"), k),
                                     "expected a string");
                    }
                }
            }
            if (const std::optional<View> suits = reader.array_member(entry, "suits", path, false)) {
                info.has_suits = true;
                for (std::size_t k = 0; k < suits->size(); ++k) {
                    const View kind = (*suits)[k];
                    const std::string kind_path = Reader::element(Reader::join(path, "suits"), k);
                    const std::string text = kind.is_string() ? kind.string() : std::string();
                    if (text != "code" && text != "data" && text != "weights" &&
                        text != "documentation") {
                        reader.error(kind_path,
                                     "expected one of code, data, weights, documentation");
                        continue;
                    }
                    info.suits.push_back(text);
                }
            }
            if (id && table.exact && !exact_ids.insert(*id).second) {
                reader.error(Reader::join(path, "id"), "duplicate id '" + *id + "'");
            }

            const std::size_t row = table.licenses.size();
            if (id) {
                strong_claims.push_back({lower(*id), row, i, k_id_claim});
            }
            if (const std::optional<View> aliases =
                    reader.array_member(entry, "aliases", path, false)) {
                for (std::size_t a = 0; a < aliases->size(); ++a) {
                    const View alias = (*aliases)[a];
                    const Claim claim{alias.is_string() ? lower(alias.string()) : std::string(),
                                      row, i, static_cast<std::ptrdiff_t>(a)};
                    if (claim.key.empty()) {
                        reader.error(claim.path(), "expected a non-empty string");
                        continue;
                    }
                    strong_claims.push_back(claim);
                    info.aliases.push_back(alias.string());
                }
            }
            if (!info.name.empty()) {
                name_claims.push_back({lower(info.name), row, i, k_name_claim});
            }
            table.licenses.push_back(std::move(info));
        }
    }

    {
        std::unordered_map<std::string, std::size_t> owner;  // key -> row, for clash checks
        for (const Claim& claim : strong_claims) {
            if (claim.key.size() > k_max_key_length) {
                reader.error(claim.path(), fmt::format("longer than {} bytes", k_max_key_length));
                continue;
            }
            const auto [it, inserted] = owner.emplace(claim.key, claim.row);
            if (inserted) {
                table.keys.push_back(claim.key);
                table.index_entries.emplace_back(table.keys.size() - 1, claim.row);
            } else if (it->second != claim.row) {
                reader.error(claim.path(),
                             fmt::format("'{}' is already used by licenses[{}] ({})", claim.key,
                                         it->second, table.licenses[it->second].id));
            }
        }
        // Names: non-deprecated rows first, so "GNU General Public License v2.0 only" finds
        // GPL-2.0-only rather than the deprecated GPL-2.0 that shares its name.
        std::stable_sort(name_claims.begin(), name_claims.end(),
                         [&](const Claim& a, const Claim& b) {
                             return !table.licenses[a.row].deprecated &&
                                    table.licenses[b.row].deprecated;
                         });
        for (const Claim& claim : name_claims) {
            if (claim.key.size() > k_max_key_length) {
                continue;  // not findable by name; ids and aliases still work
            }
            if (owner.emplace(claim.key, claim.row).second) {
                table.keys.push_back(claim.key);
                table.index_entries.emplace_back(table.keys.size() - 1, claim.row);
            }
        }
    }

    if (const std::optional<View> exceptions =
            reader.array_member(document, "exceptions", "", true)) {
        std::unordered_map<std::string, std::size_t> owner;
        for (std::size_t i = 0; i < exceptions->size(); ++i) {
            const View entry = (*exceptions)[i];
            const std::string path = Reader::element("exceptions", i);
            if (!reader.expect_object(entry, path)) {
                continue;
            }
            reader.check_keys(entry, {"id", "name", "deprecated"}, path);
            const auto id = reader.string_member(entry, "id", path, true);
            reader.string_member(entry, "name", path, true);
            reader.bool_member(entry, "deprecated", path);
            if (!id) {
                continue;
            }
            std::string key = lower(*id);
            if (key.size() > k_max_key_length) {
                reader.error(Reader::join(path, "id"),
                             fmt::format("longer than {} bytes", k_max_key_length));
                continue;
            }
            const auto [it, inserted] = owner.emplace(key, table.exception_ids.size());
            if (!inserted) {
                reader.error(Reader::join(path, "id"),
                             fmt::format("'{}' is already used by exceptions[{}]", *id, it->second));
                continue;
            }
            table.keys.push_back(std::move(key));
            table.exception_entries.emplace_back(table.keys.size() - 1, table.exception_ids.size());
            table.exception_ids.push_back(*id);
        }
    }
    table.resolver = read_resolver(document, reader);
    return table;
}

}  // namespace

namespace {

// "llama3.1 (Llama 3.1 Community License Agreement) is restricted: ...". The name is left out
// for OSI licenses (their ids are well known) and where it adds nothing.
std::string sentence(const RowData& info) {
    std::string out = info.id;
    if (info.license_class != LicenseClass::osi && !info.name.empty() &&
        !iequals(info.name, info.id)) {
        out += " (" + info.name + ")";
    }
    out += " is ";
    out += short_description(info.license_class, info.note);
    return out;
}

// Puts what the reader collected into the compiled form: one pool of text, flat rows, sorted
// keys. The pool is filled first and the views taken only when it no longer grows.
void build(const TableData& data, detail::OwnedTable& out) {
    using detail::Key;
    using detail::Range;
    using detail::Text;
    // Each distinct text once (notes and sentences repeat across rows).
    std::unordered_map<std::string, Text> pooled;
    const auto add = [&](std::string_view text) {
        const auto [it, inserted] = pooled.emplace(
            std::string(text), Text{static_cast<std::uint32_t>(out.strings.size()),
                                    static_cast<std::uint32_t>(text.size())});
        if (inserted) {
            out.strings += text;
        }
        return it->second;
    };
    const auto add_list = [&](const std::vector<std::string>& texts) {
        const auto begin = static_cast<std::uint32_t>(out.lists.size());
        for (const std::string& text : texts) {
            out.lists.push_back(add(text));
        }
        return Range{begin, static_cast<std::uint32_t>(out.lists.size())};
    };
    out.table.id = add(data.id);
    out.table.version = add(data.version);
    out.table.exact = data.exact;
    out.rows.reserve(data.licenses.size());
    for (const RowData& info : data.licenses) {
        detail::Row row{};
        row.id = add(info.id);
        row.name = add(info.name);
        row.note = add(info.note);
        row.source = add(info.source);
        row.replaced_by = add(info.replaced_by);
        row.sentence = add(sentence(info));
        row.aliases = add_list(info.aliases);
        row.urls = add_list(info.urls);
        row.suits = add_list(info.suits);
        row.license_class = static_cast<std::uint8_t>(info.license_class);
        row.flags = static_cast<std::uint8_t>((info.osi_approved ? detail::k_osi : 0) |
                                              (info.fsf_libre ? detail::k_fsf_libre : 0) |
                                              (info.deprecated ? detail::k_deprecated : 0) |
                                              (info.has_suits ? detail::k_has_suits : 0));
        out.rows.push_back(row);
    }
    for (const auto& [key, row] : data.index_entries) {
        out.keys.push_back(Key{add(data.keys[key]), static_cast<std::uint32_t>(row)});
    }
    if (data.exact) {
        for (std::size_t row = 0; row < out.rows.size(); ++row) {
            out.exact_keys.push_back(Key{out.rows[row].id, static_cast<std::uint32_t>(row)});
        }
    }
    for (const std::string& id : data.exception_ids) {
        out.exception_ids.push_back(add(id));
    }
    for (const auto& [key, exception] : data.exception_entries) {
        out.exception_keys.push_back(
            Key{add(data.keys[key]), static_cast<std::uint32_t>(exception)});
    }
    if (data.resolver) {
        out.table.has_resolver = true;
        out.table.ignore = add_list(data.resolver->ignore);
        for (const auto& [from, to] : data.resolver->phrases) {
            const Range from_range = add_list(from);
            out.phrases.push_back(detail::Phrase{from_range, add_list(to)});
        }
    }
    const std::string_view pool = out.strings;
    const auto by_key = [&](const Key& a, const Key& b) {
        return pool.substr(a.key.offset, a.key.size) < pool.substr(b.key.offset, b.key.size);
    };
    // Stable: an exact table keeps the first of two equal ids, as the reader reports the second.
    std::stable_sort(out.keys.begin(), out.keys.end(), by_key);
    std::stable_sort(out.exact_keys.begin(), out.exact_keys.end(), by_key);
    std::stable_sort(out.exception_keys.begin(), out.exception_keys.end(), by_key);

    detail::CompiledTable& table = out.table;
    table.strings = pool;
    table.rows = out.rows.data();
    table.row_count = out.rows.size();
    table.lists = out.lists.data();
    table.list_count = out.lists.size();
    table.keys = out.keys.data();
    table.key_count = out.keys.size();
    table.exact_keys = out.exact_keys.data();
    table.exact_key_count = out.exact_keys.size();
    table.exception_ids = out.exception_ids.data();
    table.exception_count = out.exception_ids.size();
    table.exception_keys = out.exception_keys.data();
    table.exception_key_count = out.exception_keys.size();
    table.phrases = out.phrases.data();
    table.phrase_count = out.phrases.size();
}

// The entry of `keys` (sorted) whose text is `key`; nullptr when none is.
const detail::Key* find_key(const detail::CompiledTable& table, const detail::Key* keys,
                            std::size_t count, std::string_view key) {
    const detail::Key* end = keys + count;
    const detail::Key* it = std::lower_bound(
        keys, end, key, [&](const detail::Key& entry, std::string_view wanted) {
            return table.text(entry.key) < wanted;
        });
    return it != end && table.text(it->key) == key ? it : nullptr;
}

}  // namespace

namespace detail {

std::shared_ptr<const OwnedTable> compile_table(std::string_view json_text,
                                                const std::string& source,
                                                std::vector<util::Diagnostic>& diagnostics) {
    // One reading of the file: a duplicate key is an error, as in manifests and rubrics.
    const util::JsonParseResult parsed = util::parse_json(json_text, source);
    if (!parsed.value) {
        if (parsed.error) {
            diagnostics.push_back(*parsed.error);
        }
        return nullptr;
    }
    std::optional<TableData> data;
    {
        Reader reader(source, diagnostics);
        data = read_table(FastView(*parsed.value), reader);
        if (!data || reader.failed()) {
            return nullptr;
        }
    }
    // Built in place: the view in `table` points into the other members.
    auto owned = std::make_shared<OwnedTable>();
    build(*data, *owned);
    return owned;
}

}  // namespace detail

std::optional<LicenseTable> LicenseTable::load(std::string_view json_text,
                                               const std::string& source,
                                               std::vector<util::Diagnostic>& diagnostics) {
    std::shared_ptr<const detail::OwnedTable> owned =
        detail::compile_table(json_text, source, diagnostics);
    if (!owned) {
        return std::nullopt;
    }
    const detail::CompiledTable& compiled = owned->table;
    return from_compiled(compiled, std::move(owned));
}

std::optional<LicenseTable> LicenseTable::bundled(std::string_view path,
                                                  std::vector<util::Diagnostic>& diagnostics) {
    if (const detail::CompiledTable* compiled = detail::prepared_table(path)) {
        return from_compiled(*compiled, nullptr);
    }
    const std::string_view* text = util::find_embedded(path);
    if (text == nullptr) {
        return std::nullopt;
    }
    return load(*text, std::string(path), diagnostics);
}

LicenseTable LicenseTable::from_compiled(const detail::CompiledTable& compiled,
                                         std::shared_ptr<const void> owner) {
    LicenseTable table;
    table.m_compiled = &compiled;
    table.m_owner = std::move(owner);
    table.m_id = std::string(compiled.text(compiled.id));
    table.m_version = std::string(compiled.text(compiled.version));
    auto views = std::make_shared<detail::TableViews>();
    views->lists.reserve(compiled.list_count);
    for (std::size_t i = 0; i < compiled.list_count; ++i) {
        views->lists.push_back(compiled.text(compiled.lists[i]));
    }
    const auto list = [&](detail::Range range) {
        return TextList(views->lists.data() + range.begin, range.end - range.begin);
    };
    views->rows.resize(compiled.row_count);
    views->sentences.reserve(compiled.row_count);
    for (std::size_t i = 0; i < compiled.row_count; ++i) {
        const detail::Row& row = compiled.rows[i];
        LicenseInfo& info = views->rows[i];
        info.id = compiled.text(row.id);
        info.name = compiled.text(row.name);
        info.license_class = static_cast<LicenseClass>(row.license_class);
        info.osi_approved = (row.flags & detail::k_osi) != 0;
        info.fsf_libre = (row.flags & detail::k_fsf_libre) != 0;
        info.deprecated = (row.flags & detail::k_deprecated) != 0;
        info.note = compiled.text(row.note);
        info.suits = list(row.suits);
        info.has_suits = (row.flags & detail::k_has_suits) != 0;
        info.aliases = list(row.aliases);
        info.source = compiled.text(row.source);
        info.replaced_by = compiled.text(row.replaced_by);
        info.urls = list(row.urls);
        views->sentences.push_back(compiled.text(row.sentence));
    }
    if (compiled.has_resolver) {
        ResolverRules rules;
        for (std::uint32_t i = compiled.ignore.begin; i < compiled.ignore.end; ++i) {
            rules.ignore.emplace_back(views->lists[i]);
        }
        for (std::size_t p = 0; p < compiled.phrase_count; ++p) {
            const detail::Phrase& phrase = compiled.phrases[p];
            std::vector<std::string> from;
            std::vector<std::string> to;
            for (std::uint32_t i = phrase.from.begin; i < phrase.from.end; ++i) {
                from.emplace_back(views->lists[i]);
            }
            for (std::uint32_t i = phrase.to.begin; i < phrase.to.end; ++i) {
                to.emplace_back(views->lists[i]);
            }
            rules.phrases.emplace_back(std::move(from), std::move(to));
        }
        table.m_resolver = std::make_shared<const Resolver>(std::move(rules));
    }
    table.m_views = std::move(views);
    return table;
}

const std::vector<LicenseInfo>& LicenseTable::licenses() const { return m_views->rows; }

namespace {

// Lower-cases `text` into `buffer`; false when it is too long to be any key.
bool lower_into(std::string_view text, char* buffer, std::string_view& lowered) {
    if (text.size() > k_max_key_length) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        buffer[i] = lower(text[i]);
    }
    lowered = std::string_view(buffer, text.size());
    return true;
}

}  // namespace

const LicenseInfo* LicenseTable::find(std::string_view id_or_alias) const {
    char buffer[k_max_key_length];
    std::string_view key;
    if (!lower_into(id_or_alias, buffer, key)) {
        return nullptr;
    }
    const detail::Key* found = find_key(*m_compiled, m_compiled->keys, m_compiled->key_count, key);
    return found == nullptr ? nullptr : &m_views->rows[found->target];
}

bool LicenseTable::is_exception(std::string_view id) const {
    char buffer[k_max_key_length];
    std::string_view key;
    return lower_into(id, buffer, key) &&
           find_key(*m_compiled, m_compiled->exception_keys, m_compiled->exception_key_count,
                    key) != nullptr;
}

namespace {

// Walks an expression against a table. Recursion depth is bounded by the parser's nesting
// limit (a parsed tree is at most about twice max_depth deep).
class Evaluator {
public:
    Evaluator(const LicenseTable& table, const detail::TableViews& views,
              const detail::CompiledTable& compiled)
        : m_table(table), m_views(views), m_compiled(compiled) {}

    Evaluation evaluate(const Expression& expression) const {
        if (expression.kind == Expression::Kind::license) {
            return evaluate_leaf(expression);
        }
        const bool is_and = expression.kind == Expression::Kind::and_;
        Evaluation result;
        result.compound = true;
        std::vector<Evaluation> operands;
        operands.reserve(expression.operands.size());
        std::size_t chosen = 0;
        for (const Expression& operand : expression.operands) {
            operands.push_back(evaluate(operand));
            const LicenseClass candidate = operands.back().license_class;
            const LicenseClass best = operands[chosen].license_class;
            // Ties keep the earlier operand, so the explanation names the first one written.
            if ((is_and && candidate < best) || (!is_and && candidate > best)) {
                chosen = operands.size() - 1;
            }
        }
        for (std::size_t i = 0; i < operands.size(); ++i) {
            if (i != 0) {
                result.canonical += is_and ? " AND " : " OR ";
            }
            const bool parenthesize = is_and && expression.operands[i].kind == Expression::Kind::or_;
            result.canonical += parenthesize ? "(" + operands[i].canonical + ")"
                                             : operands[i].canonical;
        }
        const Evaluation& winner = operands[chosen];
        result.license_class = winner.license_class;
        result.deciding = winner.deciding;
        result.sentence = result.canonical + (is_and ? ": AND takes the least open operand, "
                                                     : ": OR takes the most open operand, ");
        if (winner.compound) {
            result.sentence += "(" + winner.canonical + "), decided by " + winner.deciding;
        } else {
            result.sentence += winner.deciding;
        }
        return result;
    }

private:
    Evaluation evaluate_leaf(const Expression& leaf) const {
        Evaluation result;
        const bool plain = !leaf.or_later && leaf.exception.empty();
        if (plain && iequals(leaf.id, "NONE")) {
            result.canonical = "NONE";
            result.deciding = "NONE (released without a license)";
            result.sentence = k_none_sentence;
            return result;
        }
        if (plain && iequals(leaf.id, "NOASSERTION")) {
            result.canonical = "NOASSERTION";
            result.deciding = "NOASSERTION (license unknown)";
            result.sentence = k_noassertion_sentence;
            return result;
        }
        const LicenseInfo* info = m_table.find(leaf.id);
        std::string base = info != nullptr ? std::string(info->id) : leaf.id;
        if (leaf.or_later) {
            base += '+';
        }
        result.canonical = base;
        std::string unknown_exception;
        if (!leaf.exception.empty()) {
            char buffer[k_max_key_length];
            std::string_view key;
            const detail::Key* found =
                lower_into(leaf.exception, buffer, key)
                    ? find_key(m_compiled, m_compiled.exception_keys,
                               m_compiled.exception_key_count, key)
                    : nullptr;
            if (found != nullptr) {
                result.canonical += " WITH ";
                result.canonical += m_compiled.text(m_compiled.exception_ids[found->target]);
            } else {
                result.canonical += " WITH " + leaf.exception;
                unknown_exception = "'" + leaf.exception + "' is not a known license exception";
            }
        }
        if (info == nullptr) {
            const std::string missing = "'" + leaf.id + "' is not in the license table";
            result.deciding = result.canonical + " (not in the license table)";
            result.sentence = missing;
            if (!unknown_exception.empty()) {
                result.sentence += "; " + unknown_exception;
            }
            return result;
        }
        if (!unknown_exception.empty()) {
            // Fail closed: an exception can take rights away (a "Commons Clause", a
            // non-commercial addition), so one the table does not list leaves the class unknown.
            const bool user_defined = util::istarts_with(leaf.exception, "AdditionRef-") ||
                                      util::istarts_with(leaf.exception, "LicenseRef-") ||
                                      util::istarts_with(leaf.exception, "DocumentRef-");
            const std::string what = "'" + leaf.exception + "' is " +
                                     (user_defined ? "a user-defined exception"
                                                   : "not a known license exception");
            result.deciding = result.canonical + " (" + what + ")";
            result.sentence = result.canonical + ": " + what +
                              " and may restrict " + base + ", so the license is not counted as open";
            return result;
        }
        result.license_class = info->license_class;
        const std::string why = short_description(*info);
        result.deciding = result.canonical + " (" + why + ")";
        if (!leaf.exception.empty()) {
            result.sentence = result.canonical + ": WITH keeps the class of the license, " + base +
                              " (" + why + ")";
        } else if (leaf.or_later) {
            result.sentence = result.canonical + ": '+' keeps the class of " +
                              std::string(info->id) + " (" + why + ")";
        } else {
            result.sentence = m_views.sentences[static_cast<std::size_t>(info - m_views.rows.data())];
        }
        return result;
    }

    const LicenseTable& m_table;
    const detail::TableViews& m_views;
    const detail::CompiledTable& m_compiled;
};

}  // namespace

Classification LicenseTable::classify_exact(std::string_view text) const {
    Classification result;
    if (text.empty()) {
        result.explanation = "no license stated";
        return result;
    }
    if (text == "NONE") {
        result.parsed = true;
        result.canonical = "NONE";
        result.explanation = "no license (unlicensed)";
        return result;
    }
    const detail::Key* found =
        find_key(*m_compiled, m_compiled->exact_keys, m_compiled->exact_key_count, text);
    if (found == nullptr) {
        result.canonical = std::string(text);
        result.explanation = "'" + std::string(text) + "' is not an id in " + m_id + "@" +
                             m_version +
                             " (ids match exactly and case-sensitively; expressions are not read)";
        return result;
    }
    const LicenseInfo& info = m_views->rows[found->target];
    result.license_class = info.license_class;
    result.parsed = true;
    result.canonical = info.id;
    result.explanation = m_views->sentences[found->target];
    result.single = &info;
    return result;
}

Classification LicenseTable::classify(std::string_view text) const {
    if (m_compiled->exact) {
        return classify_exact(text);
    }
    Classification result;
    const std::string_view trimmed = util::trim(text, k_spaces);
    if (trimmed.empty()) {
        result.explanation = "no license stated";
        return result;
    }
    // SPDX spells these in upper case; manifests written by hand do not always.
    if (iequals(trimmed, "NONE")) {
        result.parsed = true;
        result.canonical = "NONE";
        result.explanation = k_none_sentence;
        return result;
    }
    if (iequals(trimmed, "NOASSERTION")) {
        result.parsed = true;
        result.canonical = "NOASSERTION";
        result.explanation = k_noassertion_sentence;
        return result;
    }
    // Whole-string lookup first: Hub ids such as "openrail++" and names with spaces are not
    // expressions, and it is the common case, which then costs one hash lookup.
    if (const LicenseInfo* info = find(trimmed)) {
        if (m_resolver) {
            if (auto reading = m_resolver->reading_of_hit(trimmed, *info, *this)) {
                info = reading->first;
                result.read_as.push_back(std::move(reading->second));
            }
        }
        result.license_class = info->license_class;
        result.parsed = true;
        result.canonical = info->id;
        result.explanation =
            m_views->sentences[static_cast<std::size_t>(info - m_views->rows.data())];
        result.single = info;
        return result;
    }
    if (m_resolver) {
        return m_resolver->resolve(trimmed, *this);
    }
    const ExpressionParseResult parsed = parse_expression(trimmed);
    if (!parsed.expression) {
        const ExpressionError& error = parsed.error.value_or(ExpressionError{});
        result.explanation = fmt::format("cannot parse license expression '{}': {} at offset {}",
                                         trimmed, error.message, error.offset);
        return result;
    }
    return classify(*parsed.expression);
}

Classification LicenseTable::classify(const Expression& expression) const {
    const Evaluator evaluator(*this, *m_views, *m_compiled);
    Evaluation evaluation = evaluator.evaluate(expression);
    Classification result;
    result.license_class = evaluation.license_class;
    result.parsed = true;
    result.canonical = std::move(evaluation.canonical);
    result.explanation = std::move(evaluation.sentence);
    return result;
}

}  // namespace openness::license
