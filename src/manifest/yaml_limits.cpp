#include "yaml_limits.hpp"

#include "openness/util/diagnostic.hpp"
#include "openness/util/utf8.hpp"

#include <fmt/format.h>

#include <yaml-cpp/eventhandler.h>

#include <map>
#include <set>
#include <sstream>
#include <unordered_map>
#include <vector>

namespace openness::manifest::detail {

namespace {

// A limit the event pass hit.
struct YamlLimitExceeded {
    YAML::Mark mark;
    std::string message;
};

util::Location location_of(const YAML::Mark& mark) {
    if (mark.line < 0 || mark.column < 0) {
        return {};
    }
    return {static_cast<std::size_t>(mark.line) + 1, static_cast<std::size_t>(mark.column) + 1};
}

// Counts nodes, depth and aliases as the parser reports them and stops at the first limit, so
// a hostile document (deep nesting, a billion laughs, millions of tiny nodes) is refused before
// yaml-cpp builds a tree from it. An alias may name only a scalar: an alias of a collection is
// how a few lines expand into billions of nodes, or into a cycle, for whatever walks them. A
// key given twice in one mapping is refused too: yaml-cpp would use the first, other tools the
// last.
class LimitChecker final : public YAML::EventHandler {
public:
    LimitChecker(const char* what, std::size_t line_offset)
        : m_what(what), m_line_offset(line_offset) {}

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        node(mark, anchor, false, "");
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        node(mark, YAML::NullAnchor, false, std::nullopt);
        if (++m_aliases > k_max_yaml_aliases) {
            throw YamlLimitExceeded{mark,
                                    fmt::format("more than {} YAML aliases", k_max_yaml_aliases)};
        }
        if (m_collection_anchors.count(anchor) != 0) {
            throw YamlLimitExceeded{mark, "YAML alias '*" + m_anchor_names[anchor] +
                                              "' refers to a mapping or list; " + m_what +
                                              " may alias only single values"};
        }
    }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  const std::string& value) override {
        if (value.size() > k_max_yaml_scalar_bytes) {
            throw YamlLimitExceeded{
                mark, fmt::format("YAML value longer than {} bytes", k_max_yaml_scalar_bytes)};
        }
        // The text is UTF-8, but yaml-cpp turns the escapes \N and \_ into single bytes.
        if (util::find_invalid_utf8(value)) {
            throw YamlLimitExceeded{mark, "a YAML value is not UTF-8 once its escapes are read "
                                          "(yaml-cpp reads \\N and \\_ as single bytes; write "
                                          "\\x85 or \\xa0)"};
        }
        node(mark, anchor, false, value);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        node(mark, anchor, true, std::nullopt);
        m_frames.push_back({false, true, {}});
    }
    void OnSequenceEnd() override { end(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        node(mark, anchor, true, std::nullopt);
        m_frames.push_back({true, true, {}});
    }
    void OnMapEnd() override { end(); }
    void OnAnchor(const YAML::Mark&, const std::string& name) override { m_last_anchor = name; }

private:
    struct Frame {
        bool mapping;
        bool expecting_key;
        std::unordered_map<std::string, YAML::Mark> keys;
    };

    // `key_text` is the node's text when it is a scalar (a null is ""), which a mapping's key
    // is compared by.
    void node(const YAML::Mark& mark, YAML::anchor_t anchor, bool collection,
              const std::optional<std::string>& key_text) {
        if (++m_nodes > k_max_yaml_nodes) {
            throw YamlLimitExceeded{mark, fmt::format("more than {} YAML nodes", k_max_yaml_nodes)};
        }
        if (anchor != YAML::NullAnchor) {
            m_anchor_names[anchor] = m_last_anchor.substr(0, 64);
            if (collection) {
                m_collection_anchors.insert(anchor);
            }
        }
        if (!m_frames.empty() && m_frames.back().mapping) {
            Frame& frame = m_frames.back();
            if (frame.expecting_key && key_text) {
                const auto [it, inserted] = frame.keys.emplace(*key_text, mark);
                if (!inserted) {
                    const util::Location first{
                        static_cast<std::size_t>(it->second.line) + 1 + m_line_offset,
                        static_cast<std::size_t>(it->second.column) + 1};
                    throw YamlLimitExceeded{
                        mark, util::duplicate_key_message(key_text->substr(0, 200), first)};
                }
            }
            frame.expecting_key = !frame.expecting_key;
        }
        if (collection && m_frames.size() + 1 > k_max_yaml_depth) {
            throw YamlLimitExceeded{
                mark, fmt::format("YAML nesting deeper than {} levels", k_max_yaml_depth)};
        }
    }

    void end() {
        if (!m_frames.empty()) {
            m_frames.pop_back();
        }
    }

    const char* m_what;
    std::size_t m_line_offset;
    std::size_t m_nodes = 0;
    std::size_t m_aliases = 0;
    std::vector<Frame> m_frames;
    std::string m_last_anchor;
    std::map<YAML::anchor_t, std::string> m_anchor_names;
    std::set<YAML::anchor_t> m_collection_anchors;
};

// The offset and code point of the first character YAML 1.2 does not allow in a stream
// (c-printable: tab, LF, CR, U+0020-U+007E, U+0085, U+00A0-U+D7FF, U+E000-U+FFFD, U+10000 and
// above), for text that is valid UTF-8.
std::optional<std::pair<std::size_t, unsigned>> find_control(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
            return std::make_pair(i, static_cast<unsigned>(b));
        }
        if (b == 0xC2 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9F && next != 0x85) {
                return std::make_pair(i, static_cast<unsigned>(next));  // U+0080-U+009F
            }
        }
        if (b == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF) {
            const auto last = static_cast<unsigned char>(text[i + 2]);
            if (last == 0xBE || last == 0xBF) {
                return std::make_pair(i, 0xFFF0U + (last & 0x0FU));  // U+FFFE, U+FFFF
            }
        }
    }
    return std::nullopt;
}

}  // namespace

const char* yaml_kind(const YAML::Node& node, const char* null_name) {
    switch (node.Type()) {
        case YAML::NodeType::Map:
            return "a mapping";
        case YAML::NodeType::Sequence:
            return "a list";
        case YAML::NodeType::Scalar:
            return "a string";
        case YAML::NodeType::Null:
            return null_name;
        case YAML::NodeType::Undefined:
            return "nothing";
    }
    return "nothing";
}

std::optional<YamlProblem> load_bounded_yaml(std::string_view text, const char* what,
                                             std::size_t line_offset, YAML::Node& root) {
    if (text.size() > k_max_yaml_bytes) {
        return YamlProblem{{1, 1},
                           fmt::format("YAML document is {} bytes, over the limit of {}",
                                       text.size(), k_max_yaml_bytes)};
    }
    if (const std::optional<std::size_t> bad = util::find_invalid_utf8(text)) {
        return YamlProblem{util::location_at(text, *bad),
                           fmt::format("invalid UTF-8 (byte 0x{:02x}): {} must be UTF-8",
                                       static_cast<unsigned char>(text[*bad]), what)};
    }
    // YAML allows no raw control characters, and yaml-cpp misreads some (a NUL and the byte
    // after it become one invalid byte), so they are refused before it sees them.
    if (const std::optional<std::pair<std::size_t, unsigned>> control = find_control(text)) {
        return YamlProblem{util::location_at(text, control->first),
                           fmt::format("control character U+{:04X} is not allowed in YAML (write "
                                       "it as an escape in a double-quoted string)",
                                       control->second)};
    }
    try {
        std::istringstream stream{std::string(text)};
        YAML::Parser parser(stream);
        LimitChecker limits(what, line_offset);
        parser.HandleNextDocument(limits);
        root = YAML::Load(std::string(text));
    } catch (const YamlLimitExceeded& e) {
        return YamlProblem{location_of(e.mark), e.message};
    } catch (const YAML::Exception& e) {
        return YamlProblem{location_of(e.mark), "invalid YAML: " + e.msg};
    }
    return std::nullopt;
}

}  // namespace openness::manifest::detail
