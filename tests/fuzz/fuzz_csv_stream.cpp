// libFuzzer target: the streaming CSV reader. The first byte picks how many bytes the reader
// takes at a time (1 to 64); the rest is the file. Read that way, the refusal (or, when there is
// none, the rows) must be exactly what reading the whole file at once gives (rows read before a
// refusal may differ: an import is all-or-nothing): chunk boundaries falling inside a CRLF,
// a multi-byte character, a quoted field or a byte-order mark change nothing. Anything but a
// DataError, or a difference, is a finding.

#include <cstdint>
#include <sstream>
#include <string>

#include "vstation/domain/error.hpp"
#include "vstation/text/csv.hpp"

using namespace vstation;

namespace {

struct Outcome {
  std::vector<text::CsvRow> rows;
  std::string error;
};

Outcome read_all(const std::string& bytes, std::size_t chunk) {
  std::istringstream in(bytes);
  Outcome o;
  try {
    text::CsvReader reader(in, "f.csv", chunk);
    while (auto row = reader.next()) o.rows.push_back(std::move(*row));
  } catch (const DataError& e) {
    o.error = e.text().render(Lang::en);
  }
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  std::size_t chunk = 1 + data[0] % 64;
  std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  Outcome whole = read_all(bytes, bytes.size() + 1);
  Outcome pieces = read_all(bytes, chunk);
  if (whole.error != pieces.error) __builtin_trap();
  if (!whole.error.empty()) return 0;
  if (whole.rows.size() != pieces.rows.size()) __builtin_trap();
  for (std::size_t i = 0; i < whole.rows.size(); ++i)
    if (whole.rows[i].line != pieces.rows[i].line || whole.rows[i].fields != pieces.rows[i].fields)
      __builtin_trap();
  return 0;
}
