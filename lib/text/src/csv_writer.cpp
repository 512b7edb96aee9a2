#include "vstation/text/csv.hpp"

#include "vstation/domain/text_util.hpp"

namespace vstation::text {

CsvWriter::CsvWriter(bool bom) {
  if (bom) out_ = "\xEF\xBB\xBF";
}

CsvWriter& CsvWriter::row(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out_ += ',';
    out_ += csv_field(fields[i]);
  }
  out_ += "\r\n";  // RFC 4180 line ends; Excel and LibreOffice expect them
  return *this;
}

namespace {

// A plain number (-25, +3.5, 70.5%): a spreadsheet reads it as a number, never as a formula.
bool plain_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t digits = 0, dots = 0;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') ++digits;
    else if (s[i] == '.' && dots == 0) ++dots;
    else if (s[i] == '%' && i + 1 == s.size()) break;
    else return false;
  }
  return digits > 0;
}

// Whether the text, after any leading apostrophes, starts with a character that begins a formula.
bool formula_start(std::string_view s) {
  std::size_t i = s.find_first_not_of('\'');
  return i != std::string_view::npos && std::string_view("=+-@\t\r").find(s[i]) != std::string_view::npos;
}

}  // namespace

// A text that already starts with apostrophes before a formula character gets one more, so
// restore_formula gives back exactly what was written.
std::string neutralise_formula(std::string_view s) {
  if (!formula_start(s) || (s.front() != '\'' && plain_number(s))) return std::string(s);
  return "'" + std::string(s);
}

std::string restore_formula(std::string_view s) {
  if (!s.empty() && s.front() == '\'' && formula_start(s)) return std::string(s.substr(1));
  return std::string(s);
}

std::string csv_field(std::string_view raw) {
  // A control character is never written raw: not to a terminal, and an import would refuse it.
  std::string safe = neutralise_formula(escape_controls_keep_lines(raw));
  std::string_view s = safe;
  bool needs = s.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!needs) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace vstation::text
