#pragma once

#include "openness/engine/evaluate.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace openness::report {

// Width in pixels of `text` set in an 11px sans-serif (DejaVu Sans metrics, which Verdana's are
// close to). Characters past Latin-1 count as the widest Latin-1 glyph, so a measured label is
// never narrower than drawn.
double badge_text_width(std::string_view text);

// Where tier `tier` of `tiers` falls on a six-step scale, 0 (red, a rubric's lowest tier) to 5
// (bright green, its highest); badges and the HTML report colour tiers by it.
std::size_t tier_shade(std::size_t tier, std::size_t tiers);

// The colour of a shade, "#rrggbb": red, orange, yellow, yellow-green, green, bright green.
const char* shade_color(std::size_t shade);

// The badge colour of a verdict's tier, shade_color(tier_shade(...)).
std::string badge_color(const engine::Verdict& verdict);

// A flat SVG badge, "label | message" on grey and `color`, sized from the measured text widths;
// each text also carries its measured length (textLength), so another font cannot overflow it.
std::string badge_svg(std::string_view label, std::string_view message, std::string_view color);

// The shields.io endpoint JSON for the same badge: {"schemaVersion": 1, "label", "message",
// "color"} (colour without "#"), ending in a newline.
std::string badge_shields_json(std::string_view label, std::string_view message,
                               std::string_view color);

}  // namespace openness::report
