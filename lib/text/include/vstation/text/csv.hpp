#pragma once
// CSV in and out. Reading uses libcsv (RFC 4180 quoting) and adds what our importers need:
// the line each row starts on, a UTF-8 check with the place of the first bad byte, and BOM
// handling. Writing quotes only where needed and can start with a BOM for Excel.

#include <cstddef>
#include <fstream>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vstation/domain/message.hpp"

namespace vstation::text {

struct CsvRow {
  std::size_t line = 0;  // 1-based line the row starts on
  std::vector<std::string> fields;
};

// Reads CSV rows one at a time, holding one row (and a 64 KiB buffer) in memory whatever the
// file's size. Throws DataError "source:line: what" at the first bad byte: malformed quoting,
// text that is not UTF-8, a NUL byte, a byte-order mark inside the file, a row over
// kMaxRowBytes; a file in UTF-16 or UTF-32 is named as such. A leading UTF-8 BOM and blank lines
// are skipped; LF, CRLF and lone CR all end a line, for the line numbers.
class CsvReader {
 public:
  static constexpr std::size_t kMaxRowBytes = 1024 * 1024;
  // `chunk`: bytes read at a time (tests and fuzzing use small ones to cross every boundary).
  CsvReader(std::istream& in, std::string source, std::size_t chunk = 64 * 1024);
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  ~CsvReader();
  std::optional<CsvRow> next();

 private:
  struct State;
  template <class... A>
  [[noreturn]] void fail(Msg msg, std::size_t line, A&&... extra);
  void read_more();
  void refuse_nul();
  std::size_t line_length();
  void check_start();
  bool feed_line();
  bool split_plain(std::string_view line);

  std::istream& in_;
  std::string source_;
  std::unique_ptr<State> st_;
  std::size_t chunk_;
  std::string buf_;
  std::size_t pos_ = 0;
  std::size_t line_no_ = 0;
  bool eof_ = false;
  bool started_ = false;
  bool finished_ = false;
};

// All rows of a text in memory (tests, small documents).
std::vector<CsvRow> parse_csv(std::string_view content, std::string_view source);

// Opens a file to read: refuses a missing file, a directory, and anything that is not a regular
// file (a device such as /dev/zero never ends), naming the path.
std::ifstream open_input(const std::string& path);
// Reads a (small) file whole, with open_input's refusals.
std::string read_file(const std::string& path);

class CsvWriter {
 public:
  explicit CsvWriter(bool bom = false);
  CsvWriter& row(const std::vector<std::string>& fields);
  [[nodiscard]] const std::string& str() const { return out_; }

 private:
  std::string out_;
};

// Quotes a field when it holds a comma, quote, CR or LF (or leading/trailing spaces), after
// neutralise_formula.
std::string csv_field(std::string_view s);

// A cell a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a CR; the OWASP
// rule) gets a leading apostrophe; plain numbers (-25, +3.5) are left as they are. The CSV reader
// takes the apostrophe off again (restore_formula), so an export imports back unchanged.
std::string neutralise_formula(std::string_view s);
std::string restore_formula(std::string_view s);

}  // namespace vstation::text
