// Streaming CSV: a file is read 64 KiB at a time and handed to libcsv line by line, so memory
// holds one row however large the file. Every line is checked as it arrives, and the first bad
// byte stops the read with the file, line and what is wrong.

#include <csv.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <sstream>

#include "vstation/domain/error.hpp"
#include "vstation/text/csv.hpp"
#include "vstation/text/width.hpp"

namespace vstation::text {
namespace {

constexpr Msg kNotUtf8{"{}:{}: the file is not UTF-8 text (byte {} of the line); save it as UTF-8",
                       "{}:{}：文件不是 UTF-8 编码（该行第 {} 个字节）；请另存为 UTF-8"};
constexpr Msg kWideText{
    "{}: the file is {} text (it starts with that byte-order mark); save it as "
    "UTF-8 (in Excel: Save As, CSV UTF-8)",
    "{}：文件是 {} 编码（以该字节顺序标记开头）；请另存为 UTF-8（Excel：另存为“CSV UTF-8”）"};
constexpr Msg kSecondBom{
    "{}:{}: a byte-order mark (EF BB BF) inside the file, at byte {} of the line: "
    "two files joined together? Remove it",
    "{}:{}：文件中间出现字节顺序标记（EF BB BF，该行第 {} "
    "个字节）：是两个文件拼在一起了吗？请删除"};
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
constexpr Msg kNotRegular{"'{}' is not a regular file (a device, pipe or socket); give a CSV file",
                          "“{}”不是普通文件（设备、管道或套接字）；请给出 CSV 文件"};
constexpr Msg kNulByte{
    "{}:{}: the file holds a NUL byte (byte {} of the line); it is not a text CSV file",
    "{}:{}：文件含有 NUL 字节（该行第 {} 个字节），不是文本 CSV 文件"};
constexpr Msg kRowTooLong{"{}:{}: the row is longer than {} bytes; a CSV row is never that long",
                          "{}:{}：该行超过 {} 字节；CSV 的一行不会这么长"};

// A CRLF inside a quoted field is the line break the cell means, "\n" (the file's lines end in
// CRLF: written on Windows, or passed through unix2dos, which turns a cell's LF into CRLF too);
// so is CR CR LF, the same done twice. A CR before anything else stays, for the checks to name.
std::string_view one_line_end(std::string_view field, std::string& scratch) {
  if (field.find("\r\n") == std::string_view::npos) return field;
  scratch.clear();
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\r') {
      const std::size_t after = field.find_first_not_of('\r', i);
      if (after != std::string_view::npos && field[after] == '\n') {
        i = after - 1;  // the CRs before this LF dropped; the LF kept next turn
        continue;
      }
    }
    scratch += field[i];
  }
  return scratch;
}

// libcsv's state before any field of a row is seen (ROW_NOT_BEGUN in its source), and while
// inside a field (FIELD_BEGUN).
constexpr int kRowNotBegun = 0;
constexpr int kFieldBegun = 2;

// The first CR or LF from `from`, or npos. (std::string::find_first_of calls memchr once per
// byte, for each of the two characters: most of the reader's time on a large file.)
std::size_t line_end(std::string_view buf, std::size_t from) {
  for (std::size_t i = from; i < buf.size(); ++i)
    if (buf[i] == '\n' || buf[i] == '\r') return i;
  return std::string_view::npos;
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

struct CsvReader::State {
  csv_parser parser{};
  std::deque<CsvRow> ready;
  CsvRow current;
  std::vector<std::string> header;  // the first row, to name fields in messages
  std::size_t row_start = 0;
  std::size_t row_bytes = 0;
  std::size_t quote_line = 0;  // where the quoted field still open began

  static void on_field(void* data, std::size_t len, void* self) {
    auto* st = static_cast<State*>(self);
    std::string scratch;
    // A cell vstation (or a careful spreadsheet) neutralised against formulas reads as written.
    st->current.fields.push_back(restore_formula(one_line_end(
        std::string_view(data ? static_cast<const char*>(data) : "", len), scratch)));
  }
  static void on_row(int /*terminator*/, void* self) {
    auto* st = static_cast<State*>(self);
    st->current.line = st->row_start;
    if (st->header.empty()) st->header = st->current.fields;
    st->ready.push_back(std::move(st->current));
    st->current = CsvRow{};
    st->row_bytes = 0;
  }
  [[nodiscard]] bool in_quoted_field() const {
    return parser.pstate == kFieldBegun && parser.quoted != 0;
  }
  // The field being read when the parser stopped: its header as written, once the header row is
  // known, else its position.
  [[nodiscard]] Text current_field() const {
    std::size_t index = current.fields.size();
    if (index < header.size()) return Text::of(kAsWritten, header[index]);
    return Text::of(kFieldNumber, index + 1);
  }
};

CsvReader::CsvReader(std::istream& in, std::string source, std::size_t chunk)
    : in_(in),
      source_(std::move(source)),
      st_(std::make_unique<State>()),
      chunk_(std::max<std::size_t>(chunk, 1)) {
  csv_init(&st_->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
}

CsvReader::~CsvReader() {
  csv_free(&st_->parser);
}

template <class... A>
[[noreturn]] void CsvReader::fail(Msg msg, std::size_t line, A&&... extra) {
  throw DataError(msg, source_, line, std::forward<A>(extra)...);
}

// Appends the next read to buf_; at the end of the file, sets eof_.
void CsvReader::read_more() {
  std::size_t old = buf_.size();
  buf_.resize(old + chunk_);
  in_.read(buf_.data() + old, std::streamsize(chunk_));
  auto got = in_.gcount();
  if (in_.bad()) throw DataError(kCannotRead, source_);
  if (got <= 0) eof_ = true;
  buf_.resize(old + std::size_t(got > 0 ? got : 0));
  if (started_) refuse_nul();
}

// A NUL in the line still being read is refused as soon as it arrives, not when the line ends
// (a binary file may have no line ends at all). Complete lines are checked in order by
// feed_line, so the first bad line is the one named, however the bytes arrive.
void CsvReader::refuse_nul() {
  if (line_end(buf_, pos_) != std::string::npos) return;
  if (auto nul = buf_.find('\0', pos_); nul != std::string::npos)
    fail(kNulByte, line_no_ + 1, nul - pos_ + 1);
}

// Fills buf_ until it holds a whole line from pos_ (or the file ends); returns its length with
// the terminator (LF, CRLF, or a lone CR).
std::size_t CsvReader::line_length() {
  std::size_t scanned = pos_;
  while (true) {
    auto end = line_end(buf_, scanned);
    if (end != std::string::npos) {
      if (buf_[end] == '\n') return end + 1 - pos_;
      if (end + 1 < buf_.size()) return end + 1 - pos_ + (buf_[end + 1] == '\n' ? 1 : 0);
      if (eof_) return end + 1 - pos_;
      scanned = end;  // a CR at the end of what is read: is an LF next?
    } else {
      scanned = buf_.size();
    }
    if (eof_) return buf_.size() - pos_;
    if (buf_.size() - pos_ > kMaxRowBytes)
      fail(kRowTooLong, st_->parser.pstate == kRowNotBegun ? line_no_ + 1 : st_->row_start,
           kMaxRowBytes);
    // Drop what is consumed before reading on, so the buffer holds at most one line and a chunk.
    buf_.erase(0, pos_);
    scanned -= pos_;
    pos_ = 0;
    read_more();
  }
}

// The start of the file, once, before any line: a UTF-8 byte-order mark is skipped; one of
// UTF-16 or UTF-32 is named.
void CsvReader::check_start() {
  while (buf_.size() < 4 && !eof_) read_more();
  started_ = true;
  std::string_view head(buf_);
  auto wide = [&]() -> const char* {
    if (head.starts_with(std::string_view("\xFF\xFE\0\0", 4))) return "UTF-32 (little-endian)";
    if (head.starts_with(std::string_view("\0\0\xFE\xFF", 4))) return "UTF-32 (big-endian)";
    if (head.starts_with("\xFF\xFE")) return "UTF-16 (little-endian)";
    if (head.starts_with("\xFE\xFF")) return "UTF-16 (big-endian)";
    return nullptr;
  }();
  if (wide) throw DataError(kWideText, source_, wide);
  if (head.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  refuse_nul();
}

bool CsvReader::feed_line() {
  if (!started_) check_start();
  std::size_t len = line_length();
  if (len == 0) return false;
  std::string_view line(buf_.data() + pos_, len);
  pos_ += len;
  ++line_no_;
  if (auto nul = line.find('\0'); nul != std::string_view::npos) fail(kNulByte, line_no_, nul + 1);
  if (auto bad = invalid_utf8_at(line)) fail(kNotUtf8, line_no_, *bad + 1);
  if (auto bom = line.find("\xEF\xBB\xBF"); bom != std::string_view::npos)
    fail(kSecondBom, line_no_, bom + 1);
  auto& p = st_->parser;
  if (p.pstate == kRowNotBegun && !blank(line)) st_->row_start = line_no_;
  st_->row_bytes += len;
  if (st_->row_bytes > kMaxRowBytes) fail(kRowTooLong, st_->row_start, kMaxRowBytes);
  if (p.pstate == kRowNotBegun && split_plain(line)) return true;
  bool was_open = st_->in_quoted_field();
  if (csv_parse(&p, line.data(), line.size(), State::on_field, State::on_row, st_.get()) !=
      line.size())
    fail(kBadQuotes, line_no_, st_->current_field());
  if (!was_open && st_->in_quoted_field()) st_->quote_line = line_no_;
  return true;
}

// A whole row on one line without a quote, a space or a tab (most lines a program writes): its
// fields are the text between the commas, exactly as libcsv gives them (it reads quotes and trims
// spaces and tabs, nothing else), without running the parser byte by byte.
bool CsvReader::split_plain(std::string_view line) {
  std::string_view body = line;
  if (!body.empty() && body.back() == '\n') body.remove_suffix(1);
  if (!body.empty() && body.back() == '\r') body.remove_suffix(1);
  if (body.empty()) return false;
  for (char c : body)
    if (c == '"' || c == ' ' || c == '\t') return false;
  st_->row_start = line_no_;
  auto& fields = st_->current.fields;
  fields.reserve(std::max<std::size_t>(st_->header.size(), 1));
  std::size_t from = 0;
  for (std::size_t i = 0; i <= body.size(); ++i)
    if (i == body.size() || body[i] == ',') {
      fields.push_back(restore_formula(body.substr(from, i - from)));
      from = i + 1;
    }
  State::on_row(0, st_.get());
  return true;
}

std::optional<CsvRow> CsvReader::next() {
  while (st_->ready.empty() && !finished_) {
    if (feed_line()) continue;
    finished_ = true;
    if (st_->in_quoted_field()) fail(kUnclosedQuote, st_->quote_line, st_->current_field());
    if (csv_fini(&st_->parser, State::on_field, State::on_row, st_.get()) != 0)
      fail(kUnclosedQuote, line_no_, st_->current_field());
  }
  if (st_->ready.empty()) return std::nullopt;
  CsvRow row = std::move(st_->ready.front());
  st_->ready.pop_front();
  return row;
}

std::vector<CsvRow> parse_csv(std::string_view content, std::string_view source) {
  std::istringstream in{std::string(content)};
  CsvReader reader(in, std::string(source));
  std::vector<CsvRow> rows;
  while (auto row = reader.next()) rows.push_back(std::move(*row));
  return rows;
}

std::ifstream open_input(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) throw DataError(kNoFile, path);
    throw DataError(kCannotRead, path);
  }
  if (S_ISDIR(st.st_mode)) throw DataError(kIsDirectory, path);
  // A device (/dev/zero, /dev/urandom) or a pipe never ends or is not a file to import.
  if (!S_ISREG(st.st_mode)) throw DataError(kNotRegular, path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(kCannotRead, path);
  return in;
}

std::string read_file(const std::string& path) {
  auto in = open_input(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw DataError(kCannotRead, path);
  return ss.str();
}

}  // namespace vstation::text
