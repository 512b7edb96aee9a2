#include "vstation/text/csv.hpp"

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

std::string csv_field(std::string_view s) {
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
