#include "vstation/store/records.hpp"

#include "vstation/domain/text_util.hpp"

#include "records/typed_kind.hpp"
#include "vstation/text/csv.hpp"

namespace vstation::store {
namespace {

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

std::size_t import_csv(Connection& db, const RecordKind& kind, std::string_view content,
                       std::string_view source) {
  std::string src(source);
  auto rows = text::parse_csv(content, source);
  if (rows.empty()) throw DataError(kEmptyFile, src);
  const auto& header = rows.front();
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
  for (std::size_t i = 0; i < kind.columns().size(); ++i)
    if (kind.columns()[i].required && written[i].empty())
      throw DataError(kMissingColumn, src, header.line, column_name(kind.columns()[i], zh));

  Lookup lookup(db);
  std::size_t added = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.fields.size() != mapping.size())
      throw DataError(kFieldCount, src, row.line, row.fields.size(), mapping.size());
    RecordKind::Cells cells(kind.columns().size());
    for (std::size_t c = 0; c < mapping.size(); ++c) cells[mapping[c]] = row.fields[c];
    try {
      kind.add(db, lookup, cells);
    } catch (const FieldError& e) {
      auto idx = kind.column_index(e.column());
      std::string col = !idx                    ? e.column()
                        : !written[*idx].empty() ? written[*idx]
                                                 : column_name(kind.columns()[*idx], zh);
      throw DataError(kAtField, src, row.line, col, e.text());
    } catch (const StoreError& e) {
      // A rule of the database broken by this row is the row's problem: say where it is.
      bool row_fault = e.fault() == StoreFault::unique || e.fault() == StoreFault::check ||
                       e.fault() == StoreFault::foreign_key;
      if (row_fault) throw DataError(kAtLine, src, row.line, e.text());
      throw;  // the database itself failed: say so plainly, not as a row problem
    } catch (const DataError& e) {
      throw DataError(kAtLine, src, row.line, e.text());
    }
    ++added;
  }
  return added;
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
