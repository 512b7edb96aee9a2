#include "vstation/store/records.hpp"

#include "vstation/domain/text_util.hpp"

#include "records/typed_kind.hpp"
#include "vstation/text/csv.hpp"

namespace vstation::store {
namespace {

constexpr Msg kEmptyFile{"{}: the file is empty; the first line must name the columns",
                         "{}：文件为空；第一行应为列名"};
constexpr Msg kUnknownColumn{"{}:{}: unknown column '{}' (expected: {})", "{}:{}：未知列“{}”（应为：{}）"};
constexpr Msg kDuplicateColumn{"{}:{}: column '{}' appears twice", "{}:{}：列“{}”出现了两次"};
constexpr Msg kMissingColumn{"{}:{}: the required column '{}' is missing", "{}:{}：缺少必需的列“{}”"};
constexpr Msg kFieldCount{"{}:{}: the row has {} fields but the header has {}",
                          "{}:{}：该行有 {} 个字段，但表头有 {} 列"};
constexpr Msg kAtField{"{}:{}: {}: {}", "{}:{}：{}：{}"};
constexpr Msg kAtLine{"{}:{}: {}", "{}:{}：{}"};

std::string expected_columns(const RecordKind& kind) {
  std::string out;
  for (const auto& c : kind.columns()) {
    if (!out.empty()) out += ", ";
    out += c.name;
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
  for (const auto& h : header.fields) {
    auto idx = kind.column_index(h);
    if (!idx) throw DataError(kUnknownColumn, src, header.line, std::string(trim(h)), expected_columns(kind));
    if (!written[*idx].empty()) throw DataError(kDuplicateColumn, src, header.line, std::string(trim(h)));
    written[*idx] = std::string(trim(h));
    mapping.push_back(*idx);
  }
  for (std::size_t i = 0; i < kind.columns().size(); ++i)
    if (kind.columns()[i].required && written[i].empty())
      throw DataError(kMissingColumn, src, header.line, kind.columns()[i].name);

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
      std::string col = idx && !written[*idx].empty() ? written[*idx] : e.column();
      throw DataError(kAtField, src, row.line, col, e.text());
    } catch (const StoreError&) {
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
