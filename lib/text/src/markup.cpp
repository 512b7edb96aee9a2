#include "vstation/text/markup.hpp"

#include "vstation/domain/text_util.hpp"

namespace vstation::text {

// Control characters are written as visible escapes (\x07): XML may not hold them at all (a
// spreadsheet would refuse the file) and a page should not hide them.
std::string escape_xml(std::string_view raw) {
  std::string s = escape_controls_keep_lines(raw);
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace vstation::text
