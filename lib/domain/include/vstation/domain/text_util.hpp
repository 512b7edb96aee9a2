#pragma once
// Small string helpers used by the parsers.

#include <string>
#include <string_view>
#include <vector>

namespace vstation {

std::string_view trim(std::string_view s);
std::string ascii_lower(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
// Parses a whole decimal integer; nullopt-like failure reported as false.
bool parse_int(std::string_view s, long long& out);

}  // namespace vstation
