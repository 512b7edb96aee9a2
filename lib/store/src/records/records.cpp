#include "vstation/store/records.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>
#include <vector>

#include "heap_growth.hpp"
#include "records/deferred_indexes.hpp"
#include "records/seen_keys.hpp"
#include "records/typed_kind.hpp"
#include "records/write_behind.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/text/csv.hpp"
#include "vstation/text/width.hpp"

namespace vstation::store {
namespace {

constexpr Msg kControl{"holds a control character ({}) at character {}; text may not contain line "
                       "breaks, tabs, escape codes or direction overrides",
                       "第 {1} 个字符为控制字符（{0}）；文本中不能含换行、制表符、转义码或文字方向控制符"};
constexpr Msg kNotUtf8{"is not UTF-8 text ({} at character {}); save the file as UTF-8",
                       "第 {1} 个字符不是 UTF-8 文本（{0}）；请将文件另存为 UTF-8"};
constexpr Msg kTooLong{"{} characters is too long (at most {})", "长度为 {} 个字符，超过上限（{} 个）"};
// A station's volunteers, projects and codes number thousands, a district's tens or hundreds of
// thousands, a whole city's registry a few million: 5,000,000 keys in one file is past any real
// import, and the memory that names a repeated one (SeenKeys: about 30 bytes a key) stays under
// ~150 MB.
constexpr std::size_t kMaxKeyedRows = 5'000'000;
constexpr Msg kTooManyKeyed{"more than {} records with keys in one file; split it into smaller files",
                            "单个文件中带键的记录超过 {} 条；请拆分为多个文件"};
constexpr Msg kRepeatedKey{"'{}' is already on line {} of this file", "“{}”已在本文件第 {} 行出现"};
constexpr Msg kExistsUseUpdate{"'{}' already exists (to change existing records, import with --update)",
                               "“{}”已存在（如需更新已有记录，导入时加 --update）"};
constexpr Msg kNoDir{"'{}' is not a directory", "“{}”不是目录"};
constexpr Msg kCannotList{"cannot read the directory '{}' ({})", "无法读取目录“{}”（{}）"};
constexpr Msg kUnknownFile{
    "'{}' in '{}' is not a file 'import all' reads; it reads {} (names in "
    "lower case): rename the file, or move it out of the directory",
    "“{}”（位于“{}”）不是“import all”读取的文件；它读取 {}（文件名为小写）："
    "请重命名该文件，或将其移出该目录"};
constexpr Msg kNoFiles{"no known CSV files in '{}' (expected names like volunteers.csv)",
                       "“{}”中没有可识别的 CSV 文件（文件名应类似 volunteers.csv）"};

// What is left of `input` to read, when it can be read again from its position (a file, a
// string): its bytes and lines, counted in one pass and the position put back.
struct Left {
  std::size_t bytes = 0;
  std::optional<std::int64_t> lines;  // nullopt: it cannot say (a pipe)
};
Left left_of(std::istream& input) {
  const auto here = input.tellg();
  if (here < 0) return {};
  Left out;
  std::int64_t lines = 0;
  char last = '\n';
  std::vector<char> chunk(1 << 20);
  while (input.read(chunk.data(), std::streamsize(chunk.size())) || input.gcount() > 0) {
    const auto n = std::size_t(input.gcount());
    out.bytes += n;
    lines += std::count(chunk.data(), chunk.data() + n, '\n');
    last = chunk[n - 1];
  }
  input.clear();
  if (!input.seekg(here)) return {};
  out.lines = lines + (last != '\n' ? 1 : 0);
  return out;
}

constexpr Msg kEmptyFile{"{}: the file is empty; the first line must name the columns",
                         "{}：文件为空；第一行应为列名"};
constexpr Msg kUnknownColumn{"{}:{}: unknown column '{}' (expected: {})", "{}:{}：未知列“{}”（应为：{}）"};
constexpr Msg kEmptyHeader{"{}:{}: column {} has no name in the header row",
                           "{}:{}：表头第 {} 列没有列名"};
constexpr Msg kDuplicateColumn{"{}:{}: column '{}' appears twice", "{}:{}：列“{}”出现了两次"};
constexpr Msg kMissingColumn{"{}:{}: the required column '{}' is missing", "{}:{}：缺少必需的列“{}”"};
constexpr Msg kFieldCount{"{}:{}: the row has {} fields but the header has {}",
                          "{}:{}：该行有 {} 个字段，但表头有 {} 列"};
constexpr Msg kAtField{"{}:{}: {}: {}", "{}:{}：{}：{}"};
constexpr Msg kAtLine{"{}:{}: {}", "{}:{}：{}"};

// Columns are named the way the file names them: in Chinese when its header uses a Chinese name.
bool chinese_headers(const RecordKind& kind, const std::vector<std::string>& header) {
  for (const auto& h : header)
    for (const auto& c : kind.columns())
      if (trim(h) == c.name_zh) return true;
  return false;
}

std::string column_name(const ColumnSpec& c, bool zh) { return std::string(zh ? c.name_zh : c.name); }

std::string expected_columns(const RecordKind& kind, bool zh) {
  std::string out;
  for (const auto& c : kind.columns()) {
    if (!out.empty()) out += zh ? "、" : ", ";
    out += column_name(c, zh);
  }
  return out;
}

// Whether `cell` is `stored` masked: as long, with every character that is not a star equal to
// the stored one. Masks written by any version of export (138****5678, 138******78) qualify.
bool masks(std::string_view cell, std::string_view stored) {
  if (cell.size() != stored.size() || cell.find('*') == std::string_view::npos) return false;
  for (std::size_t i = 0; i < cell.size(); ++i)
    if (cell[i] != '*' && cell[i] != stored[i]) return false;
  return true;
}

// A phone or ID number exported masked and left so is not a new value: the stored one stays.
void keep_masked(Connection& db, Lookup& lookup, const RecordKind& kind, std::string_view key,
                 RecordKind::Cells& cells) {
  std::vector<std::string> stored;
  for (std::size_t i = 0; i < kind.columns().size(); ++i) {
    if (!kind.columns()[i].sensitive || !cells[i] || trim(*cells[i]).empty()) continue;
    if (stored.empty()) stored = kind.row(db, lookup, key, {true, std::nullopt});
    if (masks(trim(*cells[i]), stored[i])) cells[i].reset();
  }
}

}  // namespace

std::optional<std::size_t> RecordKind::column_index(std::string_view header) const {
  auto h = trim(header);
  for (std::size_t i = 0; i < columns().size(); ++i)
    if (h == columns()[i].name || h == columns()[i].name_zh) return i;
  return std::nullopt;
}

const std::vector<std::unique_ptr<RecordKind>>& record_kinds() {
  static const auto kinds = [] {
    std::vector<std::unique_ptr<RecordKind>> out;
    add_place_kinds(out);
    add_people_kinds(out);
    add_planning_kinds(out);
    add_roster_kinds(out);
    add_activity_kinds(out);
    return out;
  }();
  return kinds;
}

const RecordKind* find_kind(std::string_view name) {
  for (const auto& k : record_kinds())
    if (k->name() == name || k->singular() == name) return k.get();
  return nullptr;
}

TextLimits text_limits(const ColumnSpec& column) {
  if (column.key) return {32, false};
  if (column.name == "description" || column.name == "note") return {2000, true};
  if (column.name == "location" || column.name == "topic") return {200, false};
  // A list of volunteer numbers (a training's attendees, a log entry's volunteers): a district's
  // six-character numbers reach 100 characters at sixteen people.
  if (column.name == "attendees" || column.name == "volunteers") return {2000, false};
  return {};
}

void check_text(const ColumnSpec& column, std::string_view value) {
  TextLimits limits = text_limits(column);
  // Printable ASCII (most cells: codes, numbers, times) holds nothing forbidden and one
  // character per byte: said without decoding it.
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= 0x20 && c < 0x7F; })) {
    if (value.size() > limits.max_chars)
      throw FieldError(std::string(column.name), Text::of(kTooLong, value.size(), limits.max_chars));
    return;
  }
  // A line break (LF, or CRLF as a spreadsheet writes it) is text only where the column allows.
  std::string lines;
  if (limits.line_breaks && value.find_first_of("\r\n") != std::string_view::npos) {
    for (std::size_t i = 0; i < value.size(); ++i)
      if (value[i] == '\r' && i + 1 < value.size() && value[i + 1] == '\n') continue;
      else lines += value[i] == '\n' ? ' ' : value[i];
  }
  std::string_view checked = lines.empty() ? value : std::string_view(lines);
  if (auto bad = first_forbidden(checked)) {
    throw FieldError(std::string(column.name),
                     Text::of(bad->not_utf8 ? kNotUtf8 : kControl, bad->shown, bad->character));
  }
  std::size_t chars = text::char_count(value);
  if (chars > limits.max_chars)
    throw FieldError(std::string(column.name), Text::of(kTooLong, chars, limits.max_chars));
}

ImportCount import_csv(Connection& db, const RecordKind& kind, std::string_view content,
                       std::string_view source, ImportMode mode) {
  std::istringstream in{std::string(content)};
  return import_csv(db, kind, in, source, mode, kTextClock);
}

// Rows are read one at a time: memory stays bounded whatever the file's size (keys seen, to name
// a repeated one, are kept up to kMaxKeyedRows).
ImportCount import_csv(Connection& target, const RecordKind& kind, std::istream& input,
                       std::string_view source, ImportMode mode, Instant now,
                       const std::optional<Override>& forced) {
  std::string src(source);
  BulkWrite bulk(target);
  // Any refused row refuses the file, and the caller rolls back (all or nothing).
  AllOrNothing whole(target, true);
  // Rows waiting to be written many to a statement are written on a thread of their own while
  // the next ones are checked; everything here uses the connection through it.
  WriteBehind behind(target);
  Connection& db = behind;
  // The memory the import grows into (about three times its file on each thread: a million
  // sessions' 73 MB, 220 MB on this one and 280 MB on the writer's), faulted in at once on both
  // (heap_growth.hpp), the writer's first while this one fills its own.
  const Left left = left_of(input);
  const std::size_t growth = 3 * left.bytes;
  db.write_behind([growth](Connection&) { heap::prefault(growth); });
  heap::prefault(growth);
  text::CsvReader reader(input, src);
  auto first = reader.next();
  if (!first) throw DataError(kEmptyFile, src);
  const auto header = std::move(*first);
  // file column -> kind column
  std::vector<std::size_t> mapping;
  std::vector<std::string> written(kind.columns().size());
  bool zh = chinese_headers(kind, header.fields);
  for (const auto& h : header.fields) {
    if (trim(h).empty()) throw DataError(kEmptyHeader, src, header.line, mapping.size() + 1);
    auto idx = kind.column_index(h);
    if (!idx)
      throw DataError(kUnknownColumn, src, header.line, std::string(trim(h)), expected_columns(kind, zh));
    if (!written[*idx].empty()) throw DataError(kDuplicateColumn, src, header.line, std::string(trim(h)));
    written[*idx] = std::string(trim(h));
    mapping.push_back(*idx);
  }
  // An update may bring only the columns it changes; a new record still needs the required
  // ones (its row says so).
  for (std::size_t i = 0; i < kind.columns().size(); ++i)
    if (kind.columns()[i].required && written[i].empty() &&
        (mode == ImportMode::add || kind.columns()[i].key))
      throw DataError(kMissingColumn, src, header.line, column_name(kind.columns()[i], zh));

  std::optional<std::size_t> key_column;
  for (std::size_t i = 0; i < kind.columns().size(); ++i)
    if (kind.columns()[i].key && !written[i].empty()) key_column = i;
  Lookup lookup(db);
  lookup.set_override(forced);
  lookup.set_author(now, Lookup::Via::import);
  ImportCount count;
  SeenKeys lines_of_keys;
  RecordKind::Cells cells(kind.columns().size());
  audit::Batch audit_rows(db);
  lookup.set_audit_batch(&audit_rows);
  DeferredIndexes deferred(db, kind.bulk_table(), mode == ImportMode::add,
                           DeferredIndexes::kMinRows, &lookup);
  // A file that will add enough rows to set the indexes aside has them set aside before its first
  // row, not after rows enough: each of those went through every index and trigger (a million
  // sessions' first 5,000: 1.0 billion instructions, a sixth of a 100,000-session import's).
  // Counted by lines (a quoted field may hold more than one): at most an import set up for more
  // rows than it has, as a refused file is anyway.
  if (left.lines && mode == ImportMode::add) deferred.expect(*left.lines - 1);
  // A row's problem, said with its line (and column); a failure of the database itself plainly.
  auto said_at = [&](std::int64_t line, auto raise) {
    try {
      raise();
    } catch (const FieldError& e) {
      auto idx = kind.column_index(e.column());
      std::string col = !idx                    ? e.column()
                        : !written[*idx].empty() ? written[*idx]
                                                 : column_name(kind.columns()[*idx], zh);
      throw DataError(kAtField, src, line, col, e.text());
    } catch (const StoreError& e) {
      // A rule of the database broken by this row is the row's problem: say where it is.
      bool row_fault = e.fault() == StoreFault::unique || e.fault() == StoreFault::check ||
                       e.fault() == StoreFault::foreign_key;
      if (row_fault) throw DataError(kAtLine, src, line, e.text());
      throw;  // the database itself failed: say so plainly, not as a row problem
    } catch (const DataError& e) {
      throw DataError(kAtLine, src, line, e.text());
    }
  };
  // Rows written after their turn come before whatever is said next: a refusal of theirs first.
  auto write_waiting = [&] {
    try {
      lookup.write_waiting();
    } catch (const RowRefused& earlier) {
      said_at(earlier.line(), [&] { earlier.rethrow(); });
    }
  };
  try {
    while (auto next = reader.next()) {
      auto& row = *next;
      if (row.fields.size() != mapping.size())
        throw DataError(kFieldCount, src, row.line, row.fields.size(), mapping.size());
      // One vector of cells for the whole file, each cell taken from the row, not copied.
      for (auto& cell : cells) cell.reset();
      for (std::size_t c = 0; c < mapping.size(); ++c) cells[mapping[c]] = std::move(row.fields[c]);
      lookup.set_line(row.line);
      try {
        std::string key =
            key_column && cells[*key_column] ? std::string(trim(*cells[*key_column])) : "";
        if (!key.empty()) {
          if (auto seen = lines_of_keys.first_or_add(key, row.line))
            throw FieldError(std::string(kind.columns()[*key_column].name),
                             Text::of(kRepeatedKey, key, *seen));
          if (lines_of_keys.size() > kMaxKeyedRows) throw DataError(kTooManyKeyed, kMaxKeyedRows);
        }
        bool exists = !key.empty() && kind.has(db, lookup, key);
        if (exists && mode == ImportMode::update) {
          keep_masked(db, lookup, kind, key, cells);
          // A row equal to the stored record writes nothing.
          if (kind.edit(db, lookup, key, cells)) ++count.changed;
          else ++count.unchanged;
        } else if (exists) {
          // Said before the row's other values are checked: a re-imported export (phones masked)
          // is refused for what it is, with the way to do what was meant.
          throw FieldError(std::string(kind.columns()[*key_column].name),
                           Text::of(kExistsUseUpdate, key));
        } else {
          if (kind.add(db, lookup, cells) == Added::held_for_review) ++count.held_for_review;
          ++count.added;
          deferred.added();
        }
      } catch (const RowRefused& earlier) {
        said_at(earlier.line(), [&] { earlier.rethrow(); });
      } catch (...) {
        auto error = std::current_exception();
        write_waiting();
        said_at(row.line, [&] { std::rethrow_exception(error); });
      }
    }
  } catch (...) {
    // The file itself (a broken quote, a row of the wrong length) is said after them too.
    auto error = std::current_exception();
    write_waiting();
    std::rethrow_exception(error);
  }
  write_waiting();
  audit_rows.finish();
  deferred.restore();
  db.wait_behind();  // every write done before the import's transaction may commit
  return count;
}

std::vector<std::pair<const RecordKind*, ImportCount>> import_directory(Connection& db,
                                                                        const std::string& dir,
                                                                        ImportMode mode,
                                                                        Instant now) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) throw DataError(kNoDir, dir);
  // A CSV file of no known name (Volunteers.csv, volunteer.csv) would be skipped without a word.
  std::string known;
  for (const auto& kind : record_kinds())
    known += (known.empty() ? "" : ", ") + std::string(kind->name()) + ".csv";
  std::error_code ec;
  fs::directory_iterator entries(dir, ec);
  if (ec) throw DataError(kCannotList, dir, ec.message());
  for (const auto& entry : entries) {
    std::string name = entry.path().filename().string();
    if (ascii_lower(entry.path().extension().string()) != ".csv") continue;
    bool is_known = std::any_of(record_kinds().begin(), record_kinds().end(), [&](const auto& k) {
      return name == std::string(k->name()) + ".csv";
    });
    if (!is_known) throw DataError(kUnknownFile, name, dir, known);
  }
  BulkWrite bulk(db);
  std::vector<std::pair<const RecordKind*, ImportCount>> done;
  for (const auto& kind : record_kinds()) {
    fs::path file = fs::path(dir) / (std::string(kind->name()) + ".csv");
    if (!fs::exists(file)) continue;
    auto kind_mode = kind->editable() ? mode : ImportMode::add;
    auto in = text::open_input(file.string());
    done.emplace_back(kind.get(), import_csv(db, *kind, in, file.string(), kind_mode, now));
  }
  if (done.empty()) throw DataError(kNoFiles, dir);
  return done;
}

std::string export_csv(Connection& db, const RecordKind& kind, bool bom, Lang header_lang,
                       const OutputOptions& out) {
  text::CsvWriter w(bom);
  std::vector<std::string> header;
  for (const auto& c : kind.columns())
    header.emplace_back(header_lang == Lang::zh ? c.name_zh : c.name);
  w.row(header);
  Lookup lookup(db);
  for (const auto& row : kind.rows(db, lookup, out)) w.row(row);
  return w.str();
}

}  // namespace vstation::store
