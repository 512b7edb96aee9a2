#pragma once
// Line wrapping by display width, breaking where Unicode's line-breaking rules (UAX #14, via
// libunibreak) allow: between words in English, between characters in Chinese, never before a
// closing mark such as "，" or "）" and never inside a UTF-8 sequence.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vstation::text {

// The lines of `s`, each at most `width` columns unless one unbreakable piece is wider.
// Spaces at a break are dropped; a newline in `s` always breaks.
std::vector<std::string> wrap(std::string_view s, std::size_t width);

}  // namespace vstation::text
