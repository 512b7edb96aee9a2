#pragma once
// CSV in and out. Reading uses libcsv (RFC 4180 quoting) and adds what our importers need:
// the line each row starts on, a UTF-8 check with the place of the first bad byte, and BOM
// handling. Writing quotes only where needed and can start with a BOM for Excel.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vstation::text {

struct CsvRow {
  std::size_t line = 0;  // 1-based line the row starts on
  std::vector<std::string> fields;
};

// Parses a whole file's text. Throws DataError "source:line: what" for malformed quoting or
// text that is not UTF-8. A leading UTF-8 BOM is skipped; blank lines are skipped.
std::vector<CsvRow> parse_csv(std::string_view content, std::string_view source);

// Reads a file whole; throws DataError naming the file when it cannot be read.
std::string read_file(const std::string& path);

class CsvWriter {
 public:
  explicit CsvWriter(bool bom = false);
  CsvWriter& row(const std::vector<std::string>& fields);
  [[nodiscard]] const std::string& str() const { return out_; }

 private:
  std::string out_;
};

// Quotes a field when it holds a comma, quote, CR or LF (or leading/trailing spaces).
std::string csv_field(std::string_view s);

}  // namespace vstation::text
