#include "openness/report/badge.hpp"

#include "reporters.hpp"

#include "openness/util/utf8.hpp"

#include "openness/util/json_document.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

namespace openness::report {

namespace {

// Tenths of a pixel, U+0020..U+00FF; 0 for the C1 controls.
constexpr std::array<int, 224> k_widths = {
#include "badge_widths.inc"
};

constexpr int k_widest = *std::max_element(k_widths.begin(), k_widths.end());

// Space on each side of a text inside its half of the badge.
constexpr double k_padding = 6.0;
constexpr int k_height = 20;

// Red, orange, yellow, yellow-green, green, bright green: lowest tier to highest.
constexpr std::array<const char*, 6> k_scale = {"#e05d44", "#fe7d37", "#dfb317",
                                                "#a4a61d", "#97ca00", "#44cc11"};

// The text a badge shows: control characters and bytes that are not UTF-8 dropped, so any
// model name yields valid XML.
std::string clean_text(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) {
            continue;
        }
        if (c < 0x80) {
            out += static_cast<char>(c);
            continue;
        }
        // Copy a whole well-formed multi-byte sequence, or skip the stray byte.
        const std::size_t length = util::utf8_sequence_length(text, i);
        if (length != 0) {
            out.append(text.substr(i, length));
            i += length - 1;
        }
    }
    return out;
}

// Clean text as SVG character data or attribute value.
std::string xml_text(std::string_view text) {
    std::string out;
    append_xml(out, clean_text(text), true);
    return out;
}

std::string number(double value) {
    std::string out = format_score(value);
    if (out.size() > 2 && out.compare(out.size() - 2, 2, ".0") == 0) {
        out.resize(out.size() - 2);
    }
    return out;
}

}  // namespace

double badge_text_width(std::string_view text) {
    int tenths = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7F) {
            tenths += k_widths[c - 0x20U];
        } else if ((c == 0xC2 || c == 0xC3) && i + 1 < text.size()) {
            // Latin-1 in two bytes: U+0080..U+00FF.
            const unsigned code = ((c & 0x1FU) << 6U) |
                                  (static_cast<unsigned char>(text[i + 1]) & 0x3FU);
            const int width = k_widths[code - 0x20U];
            tenths += width != 0 ? width : k_widest;
            ++i;
        } else if (c >= 0xC0) {
            tenths += k_widest;  // the first byte of any other character
        }
    }
    return tenths / 10.0;
}

std::size_t tier_shade(std::size_t tier, std::size_t tiers) {
    if (tiers <= 1) {
        return k_scale.size() - 1;
    }
    const double position = static_cast<double>(std::min(tier, tiers - 1)) /
                            static_cast<double>(tiers - 1);
    return static_cast<std::size_t>(
        std::lround(position * static_cast<double>(k_scale.size() - 1)));
}

const char* shade_color(std::size_t shade) {
    return k_scale[std::min(shade, k_scale.size() - 1)];
}

std::string badge_color(const engine::Verdict& verdict) {
    return shade_color(tier_shade(verdict.tier, verdict.rubric->tiers.size()));
}

std::string badge_svg(std::string_view label, std::string_view message, std::string_view color) {
    const std::string label_text = xml_text(label);
    const std::string message_text = xml_text(message);
    const double label_length = std::ceil(badge_text_width(clean_text(label)) * 10) / 10;
    const double message_length = std::ceil(badge_text_width(clean_text(message)) * 10) / 10;
    const double left = std::ceil(label_length + 2 * k_padding);
    const double right = std::ceil(message_length + 2 * k_padding);
    const std::string total = number(left + right);
    const std::string title = label_text + ": " + message_text;
    const std::string fill = xml_text(color);
    // Ids a page shares when it inlines several badges: equal for badges of one size and colour,
    // whose clip paths and gradients are the same anyway.
    std::string suffix = total + "-";
    for (const char c : fill) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
            suffix += c;
        }
    }
    const std::string shine = "openness-shine-" + suffix;
    const std::string round = "openness-round-" + suffix;

    std::string svg = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\" "
        "aria-label=\"{}\">\n",
        total, k_height, title);
    svg += "  <title>" + title + "</title>\n";
    svg += "  <linearGradient id=\"" + shine + "\" x2=\"0\" y2=\"100%\">\n"
           "    <stop offset=\"0\" stop-color=\"#fff\" stop-opacity=\".12\"/>\n"
           "    <stop offset=\"1\" stop-opacity=\".12\"/>\n"
           "  </linearGradient>\n";
    svg += "  <clipPath id=\"" + round + "\"><rect width=\"" + total +
           "\" height=\"20\" rx=\"3\"/></clipPath>\n";
    svg += "  <g clip-path=\"url(#" + round + ")\">\n";
    svg +=
        "    <rect class=\"label\" width=\"" + number(left) + "\" height=\"20\" fill=\"#555\"/>\n";
    svg += "    <rect class=\"message\" x=\"" + number(left) + "\" width=\"" + number(right) +
           "\" height=\"20\" fill=\"" + fill + "\"/>\n";
    svg += "    <rect width=\"" + total + "\" height=\"20\" fill=\"url(#" + shine + ")\"/>\n";
    svg += "  </g>\n";
    svg += "  <g text-anchor=\"middle\" font-family=\"DejaVu Sans,Verdana,Geneva,sans-serif\" "
           "font-size=\"11\">\n";
    auto text = [&](double centre, double length, const std::string& content, const char* kind) {
        const std::string x = number(centre);
        const std::string fit =
            " textLength=\"" + number(length) + "\" lengthAdjust=\"spacingAndGlyphs\"";
        // A faint copy one pixel lower gives the text the usual embossed look.
        svg += "    <text x=\"" + x + "\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\"" + fit +
               " aria-hidden=\"true\">" + content + "</text>\n";
        svg += "    <text class=\"" + std::string(kind) + "\" x=\"" + x +
               "\" y=\"14\" fill=\"#fff\"" + fit + ">" + content + "</text>\n";
    };
    text(left / 2, label_length, label_text, "label");
    text(left + right / 2, message_length, message_text, "message");
    svg += "  </g>\n</svg>\n";
    return svg;
}

std::string badge_shields_json(std::string_view label, std::string_view message,
                               std::string_view color) {
    const util::Json badge = {
        {"schemaVersion", 1},
        {"label", label},
        {"message", message},
        {"color", color.substr(color.empty() || color[0] != '#' ? 0 : 1)}};
    std::string out;
    util::append_json(out, badge, {true, 0});
    out += '\n';
    return out;
}

}  // namespace openness::report
