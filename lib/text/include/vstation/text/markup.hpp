#pragma once
// Escaping text for XML and HTML output (SVG badges, printable pages).

#include <string>
#include <string_view>

namespace vstation::text {

// Replaces & < > " with entities.
std::string escape_xml(std::string_view s);

}  // namespace vstation::text
