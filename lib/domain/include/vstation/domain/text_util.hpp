#pragma once
// Small string helpers used by the parsers.

#include <optional>
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
// A plain decimal as people write one: digits with at most one point ("12", "3.5", ".5");
// no sign, exponent, hexadecimal, "inf" or "nan", which a spreadsheet or strtod would take.
bool parse_decimal(std::string_view s, double& out);

// Characters no text field may hold: C0 and C1 control characters (line breaks and tabs
// included) and DEL, the bidirectional overrides, embeddings and isolates that reorder what a
// reader sees (U+202A–U+202E, U+2066–U+2069), and any byte that is not UTF-8.
struct Forbidden {
  std::size_t offset = 0;  // byte offset in the text
  std::string shown;       // the character as escape_controls shows it, e.g. \u{202E}
  bool not_utf8 = false;   // a byte that starts no UTF-8 character, not a control character
  std::size_t character = 1;  // its place in the text, counting characters from 1
};
std::optional<Forbidden> first_forbidden(std::string_view s);

// The text with every forbidden character written as an escape (\n, \t, \x1B, \u{202E}),
// so quoting input can never move a terminal's cursor, colour it, or forge a second line.
std::string escape_controls(std::string_view s);
// The same, keeping line breaks (\n) as they are: for documents (CSV, HTML, XML, iCalendar)
// where a description's lines are text but an escape code or a BEL never is.
std::string escape_controls_keep_lines(std::string_view s);

}  // namespace vstation
