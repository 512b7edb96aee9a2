#pragma once
// Line and field helpers shared by the Curtois instance and solution readers.

#include <string>
#include <string_view>
#include <vector>

namespace vstation::roster::detail {

// Removes a trailing '\r' (CRLF files) and surrounding spaces/tabs.
std::string_view trim(std::string_view text);
// Splits on `separator`; keeps empty fields (a solution's day off is an empty field).
std::vector<std::string_view> split(std::string_view text, char separator);
// Parses a whole field as a non-negative-or-negative int; false when it is not one.
bool parse_int(std::string_view text, int& value);

}  // namespace vstation::roster::detail
