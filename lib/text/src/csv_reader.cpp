#include <csv.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "vstation/domain/error.hpp"
#include "vstation/text/csv.hpp"
#include "vstation/text/width.hpp"

namespace vstation::text {
namespace {

constexpr Msg kNotUtf8{"{}:{}: the file is not UTF-8 text (byte {} of the line); save it as UTF-8",
                       "{}:{}：文件不是 UTF-8 编码（该行第 {} 个字节）；请另存为 UTF-8"};
constexpr Msg kBadQuotes{
    "{}:{}: {}: a stray quote; a field holding quotes must be enclosed in quotes, "
    "with each inner quote doubled (\"\")",
    "{}:{}：{}：多余的引号；含引号的字段须整体用引号括起，字段内的引号写两次（\"\"）"};
constexpr Msg kUnclosedQuote{"{}:{}: {}: a quoted field is never closed",
                             "{}:{}：{}：带引号的字段没有结束引号"};
constexpr Msg kFieldNumber{"field {}", "第 {} 个字段"};
constexpr Msg kAsWritten{"{}", "{}"};
constexpr Msg kCannotRead{"cannot read file '{}'", "无法读取文件“{}”"};
constexpr Msg kNoFile{"there is no file '{}'", "文件“{}”不存在"};
constexpr Msg kIsDirectory{"'{}' is a directory, not a CSV file", "“{}”是目录，不是 CSV 文件"};
constexpr Msg kNulByte{"{}:{}: the file holds a NUL byte; it is not a text CSV file",
                       "{}:{}：文件含有 NUL 字节，不是文本 CSV 文件"};

// libcsv's state before any field of a row is seen (ROW_NOT_BEGUN in its source), and while
// inside a field (FIELD_BEGUN).
constexpr int kRowNotBegun = 0;
constexpr int kFieldBegun = 2;

struct ParseState {
  std::vector<CsvRow> rows;
  CsvRow current;
  std::size_t row_start = 0;
};

void on_field(void* data, std::size_t len, void* state) {
  auto* st = static_cast<ParseState*>(state);
  st->current.fields.emplace_back(data ? static_cast<const char*>(data) : "", len);
}

void on_row(int /*terminator*/, void* state) {
  auto* st = static_cast<ParseState*>(state);
  st->current.line = st->row_start;
  st->rows.push_back(std::move(st->current));
  st->current = CsvRow{};
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool in_quoted_field(const csv_parser& p) {
  return p.pstate == kFieldBegun && p.quoted != 0;
}

// The field being read when the parser stopped: its header as written, once the header row is
// known, else its position.
Text current_field(const ParseState& st) {
  std::size_t index = st.current.fields.size();
  if (!st.rows.empty() && index < st.rows.front().fields.size())
    return Text::of(kAsWritten, st.rows.front().fields[index]);
  return Text::of(kFieldNumber, index + 1);
}

}  // namespace

std::vector<CsvRow> parse_csv(std::string_view content, std::string_view source) {
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
  csv_parser parser{};
  csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  ParseState st;
  std::size_t line_no = 0;
  std::size_t quote_line = 0;  // where the quoted field still open began
  std::size_t pos = 0;
  auto fail = [&](Msg msg, auto... extra) {
    csv_free(&parser);
    throw DataError(msg, std::string(source), line_no, extra...);
  };
  while (pos < content.size()) {
    ++line_no;
    std::size_t nl = content.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? content.size() : nl + 1;
    std::string_view line = content.substr(pos, end - pos);
    pos = end;
    if (line.find('\0') != std::string_view::npos) fail(kNulByte);
    if (auto bad = invalid_utf8_at(line)) fail(kNotUtf8, *bad + 1);
    if (parser.pstate == kRowNotBegun && !blank(line)) st.row_start = line_no;
    bool was_open = in_quoted_field(parser);
    if (csv_parse(&parser, line.data(), line.size(), on_field, on_row, &st) != line.size())
      fail(kBadQuotes, current_field(st));
    if (!was_open && in_quoted_field(parser)) quote_line = line_no;
  }
  if (in_quoted_field(parser)) {
    line_no = quote_line;
    fail(kUnclosedQuote, current_field(st));
  }
  if (csv_fini(&parser, on_field, on_row, &st) != 0) fail(kUnclosedQuote, current_field(st));
  csv_free(&parser);
  return std::move(st.rows);
}

std::string read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw DataError(kIsDirectory, path);
  if (!std::filesystem::exists(path, ec)) throw DataError(kNoFile, path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(kCannotRead, path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw DataError(kCannotRead, path);
  return ss.str();
}

}  // namespace vstation::text
