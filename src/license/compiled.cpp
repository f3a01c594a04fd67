#include "compiled.hpp"

#include <fmt/format.h>

#include <string>

namespace openness::license::detail {

namespace {

// The pool as C++ string literals: printable ASCII as is, everything else as a three-digit
// octal escape (a hex escape would run into a following hex digit).
void write_literal(std::string_view text, std::ostream& out) {
    constexpr std::size_t k_line = 100;
    std::string line;
    const auto flush = [&] {
        out << "    \"" << line << "\"\n";
        line.clear();
    };
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            line += '\\';
            line += c;
        } else if (byte >= 0x20 && byte < 0x7f && c != '?') {  // '?': no trigraphs
            line += c;
        } else {
            line += '\\';
            line += static_cast<char>('0' + ((byte >> 6) & 7));
            line += static_cast<char>('0' + ((byte >> 3) & 7));
            line += static_cast<char>('0' + (byte & 7));
        }
        if (line.size() >= k_line) {
            flush();
        }
    }
    if (!line.empty() || text.empty()) {
        flush();
    }
}

std::string text(Text t) {
    return fmt::format("{{{}, {}}}", t.offset, t.size);
}

std::string range(Range r) {
    return fmt::format("{{{}, {}}}", r.begin, r.end);
}

// `constexpr TYPE NAME[] = {...};` for a non-empty array; nothing for an empty one (C++ has no
// empty arrays), whose pointer is then written as nullptr.
template <typename T, typename Write>
std::string write_array(const char* type, const std::string& name, const T* items,
                        std::size_t count, Write&& write, std::ostream& out) {
    if (count == 0) {
        return "nullptr";
    }
    out << "constexpr " << type << " " << name << "[] = {\n";
    for (std::size_t i = 0; i < count; ++i) {
        out << "    " << write(items[i]) << ",\n";
    }
    out << "};\n";
    return name;
}

}  // namespace

void write_table_cpp(const CompiledTable& table, const std::string& name, std::ostream& out) {
    const std::string prefix = "k_" + name;
    out << "constexpr char " << prefix << "_strings[] =\n";
    write_literal(table.strings, out);
    out << ";\n";
    const auto key = [](const Key& k) {
        return fmt::format("{{{}, {}}}", text(k.key), k.target);
    };
    const std::string rows = write_array(
        "Row", prefix + "_rows", table.rows, table.row_count,
        [](const Row& r) {
            return fmt::format("{{{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}}}", text(r.id),
                               text(r.name), text(r.note), text(r.source), text(r.replaced_by),
                               text(r.sentence), range(r.aliases), range(r.urls), range(r.suits),
                               unsigned{r.license_class}, unsigned{r.flags});
        },
        out);
    const std::string lists =
        write_array("Text", prefix + "_lists", table.lists, table.list_count, text, out);
    const std::string keys =
        write_array("Key", prefix + "_keys", table.keys, table.key_count, key, out);
    const std::string exact_keys = write_array("Key", prefix + "_exact_keys", table.exact_keys,
                                               table.exact_key_count, key, out);
    const std::string exception_ids = write_array("Text", prefix + "_exception_ids",
                                                  table.exception_ids, table.exception_count,
                                                  text, out);
    const std::string exception_keys =
        write_array("Key", prefix + "_exception_keys", table.exception_keys,
                    table.exception_key_count, key, out);
    const std::string phrases = write_array(
        "Phrase", prefix + "_phrases", table.phrases, table.phrase_count,
        [](const Phrase& p) { return "{" + range(p.from) + ", " + range(p.to) + "}"; }, out);
    out << "constexpr CompiledTable " << prefix << " = {\n"
        << "    std::string_view(" << prefix << "_strings, " << table.strings.size() << "),\n"
        << "    " << text(table.id) << ", " << text(table.version) << ", "
        << (table.exact ? "true" : "false") << ", " << (table.has_resolver ? "true" : "false")
        << ",\n"
        << "    " << rows << ", " << table.row_count << ", " << lists << ", " << table.list_count
        << ",\n"
        << "    " << keys << ", " << table.key_count << ", " << exact_keys << ", "
        << table.exact_key_count << ",\n"
        << "    " << exception_ids << ", " << table.exception_count << ", " << exception_keys
        << ", " << table.exception_key_count << ",\n"
        << "    " << range(table.ignore) << ", " << phrases << ", " << table.phrase_count
        << ",\n};\n";
}

}  // namespace openness::license::detail
