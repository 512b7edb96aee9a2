#pragma once
// Small string helpers used by the parsers.

#include <string>
#include <string_view>
#include <vector>

namespace vstation {

std::string_view trim(std::string_view s);
// Whether the text is empty or only white space, Unicode's included (ideographic space U+3000,
// no-break spaces, zero-width space, byte-order mark): such a reason says nothing.
bool is_blank(std::string_view s);
std::string ascii_lower(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
// Parses a whole decimal integer; nullopt-like failure reported as false.
bool parse_int(std::string_view s, long long& out);

}  // namespace vstation
