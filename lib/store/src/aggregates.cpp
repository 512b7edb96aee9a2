#include "vstation/store/aggregates.hpp"

#include <cmath>
#include <sstream>

#include "vstation/domain/error.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/text/csv.hpp"

namespace vstation::store::aggregates {
namespace {

constexpr Msg kEmpty{"{}: the file has no header row", "{}：文件没有表头"};
constexpr Msg kMissingColumn{"{}: no column '{}' for {} (map it with --map {}=HEADER)",
                             "{}：找不到 {2} 对应的列“{1}”（可用 --map {3}=列名 指定）"};
constexpr Msg kUnknownField{"unknown field '{}' in the column mapping (fields: date, shift, event, type, attended, hours, demand)",
                            "列映射中的未知字段“{}”（可用字段：date、shift、event、type、attended、hours、demand）"};
constexpr Msg kBadCell{"{}:{}: {}: {}", "{}:{}：{}：{}"};
constexpr Msg kBadNumber{"'{}' is not a whole number of at least 0", "“{}”不是大于等于 0 的整数"};
// Far past any shift's attendance; a report's totals over these rows stay far inside 64 bits.
constexpr std::int64_t kMostPeople = 10'000'000;
constexpr Msg kTooManyPeople{"{} is more people than one shift holds (at most {})",
                             "{} 超过单个班次可有的人数（最多 {}）"};
constexpr Msg kBadHours{"'{}' is not a number of hours of at least 0", "“{}”不是大于等于 0 的小时数"};
constexpr Msg kTooManyHours{"{} hours for {} attendees is more than they could serve ({} × {} h, the "
                             "station's longest session)",
                             "{} 小时超过 {} 名参与者所能服务的时长（{} × {} 小时，本站单次最长时长）"};
constexpr Msg kDuplicate{"{}:{}: the same station, date, shift and event appear twice", "{}:{}：同一站点、日期、班次和活动重复出现"};

std::int64_t whole(const std::string& s) {
  long long v = -1;
  bool digits = !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || !parse_int(s, v) || v < 0) throw ParseError(kBadNumber, s);
  if (v > kMostPeople) throw ParseError(kTooManyPeople, v, kMostPeople);
  return v;
}

std::int64_t minutes_of_hours(const std::string& s) {
  double h = -1;
  if (!parse_decimal(s, h) || h > 1e7) throw ParseError(kBadHours, s);
  return std::llround(h * 60.0);
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

}  // namespace

std::size_t import_csv(Connection& db, StationId station, std::string_view content, std::string_view source,
                       const Mapping& mapping) {
  std::istringstream in{std::string(content)};
  return import_csv(db, station, in, source, mapping);
}

std::size_t import_csv(Connection& db, StationId station, std::istream& input, std::string_view source,
                       const Mapping& mapping) {
  for (const auto& column : mapping.columns) {
    const std::string& field = column.first;  // not a structured binding: clang 14 cannot capture one
    if (std::find_if(std::begin(kFields), std::end(kFields), [&](const char* f) { return field == f; }) ==
        std::end(kFields))
      throw DataError(kUnknownField, field);
  }
  text::CsvReader reader(input, std::string(source));
  auto head_row = reader.next();
  if (!head_row) throw DataError(kEmpty, source);
  auto longest = db.scalar("SELECT max_session_min FROM stations WHERE id = ?", params(station)).value_or(720);
  std::map<std::string, std::size_t> index;  // field -> column
  for (const char* f : kFields) {
    auto it = mapping.columns.find(f);
    std::string header = it == mapping.columns.end() ? f : it->second;
    const auto& head = head_row->fields;
    for (std::size_t c = 0; c < head.size(); ++c)
      if (trimmed(head[c]) == header) index[f] = c;
    bool optional = std::string_view(f) == "demand" || std::string_view(f) == "shift" ||
                    std::string_view(f) == "type" || std::string_view(f) == "event";
    if (!index.count(f) && (!optional || it != mapping.columns.end()))
      throw DataError(kMissingColumn, source, header, f, f);
  }
  std::size_t added = 0;
  while (auto next = reader.next()) {
    const auto& r = *next;
    std::string field;
    auto cell = [&](const char* f) -> std::string {
      field = f;
      auto it = index.find(f);
      return it == index.end() || it->second >= r.fields.size() ? "" : trimmed(r.fields[it->second]);
    };
    Row row;
    row.station = station;
    row.source = mapping.source;
    try {
      row.day = parse_date(cell("date"));
      row.shift = cell("shift");
      row.event = cell("event");
      std::string type = cell("type");
      if (auto t = mapping.types.find(type); t != mapping.types.end()) type = t->second;
      row.category = type.empty() ? Category::other : parse_enum<Category>(type);
      row.attended = whole(cell("attended"));
      row.minutes = minutes_of_hours(cell("hours"));
      std::string demand = cell("demand");
      if (!demand.empty()) row.demand = whole(demand);
      field = "hours";
      // minutes > attended × longest, said without a product that could overflow
      if (row.minutes > 0 && (row.attended == 0 || (row.minutes - 1) / row.attended >= longest))
        throw ParseError(kTooManyHours, cell("hours"), row.attended, row.attended, longest / 60);
    } catch (const ParseError& e) {
      auto it = mapping.columns.find(field);
      throw DataError(kBadCell, source, r.line, it == mapping.columns.end() ? field : it->second, e.text());
    }
    if (auto id = db.scalar("SELECT id FROM projects WHERE code = ?", params(row.event))) row.project = ProjectId{*id};
    if (db.scalar("SELECT COUNT(*) FROM attendance_aggregates WHERE station_id = ? AND day = ? AND shift_label = ? "
                  "AND event = ?",
                  params(station, row.day, row.shift, row.event))
            .value_or(0) > 0)
      throw DataError(kDuplicate, source, r.line);
    db.execute("INSERT INTO attendance_aggregates (station_id, project_id, day, shift_label, event, category, "
               "attended, minutes, demand, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               params(station, row.project, row.day, row.shift, row.event, code_of(row.category), row.attended,
                      row.minutes, row.demand, row.source));
    ++added;
  }
  return added;
}

std::vector<Row> all(Connection& db) {
  auto r = db.query("SELECT station_id, project_id, day, shift_label, event, category, attended, minutes, demand, "
                    "source FROM attendance_aggregates ORDER BY day, id");
  std::vector<Row> out;
  while (r->next()) {
    Row row;
    row.station = r->id<StationId>(0);
    row.project = r->opt_id<ProjectId>(1);
    row.day = r->date(2);
    row.shift = r->str(3);
    row.event = r->str(4);
    row.category = parse_enum<Category>(r->str(5));
    row.attended = r->i64(6);
    row.minutes = r->i64(7);
    if (!r->is_null(8)) row.demand = r->i64(8);
    row.source = r->str(9);
    out.push_back(row);
  }
  return out;
}

}  // namespace vstation::store::aggregates

namespace vstation::store::stats {
namespace {

constexpr const char* kColumns =
    "COUNT(*), COALESCE(SUM(a.attended), 0), COALESCE(SUM(a.minutes), 0), COALESCE(SUM(a.demand), 0), "
    "COALESCE(SUM(CASE WHEN a.demand IS NULL THEN 0 WHEN a.attended > a.demand THEN a.demand ELSE a.attended END), 0)";

std::string where(const Period& p, std::vector<Value>& args) {
  for (Value v : params(p.days.first, p.days.last, p.station, p.station, p.volunteer)) args.push_back(v);
  return " WHERE a.day >= ? AND a.day <= ? AND (? IS NULL OR a.station_id = ?) AND ? IS NULL";
}

AggregateTotals read(const Rows& r, int c) {
  return {r.i64(c), r.i64(c + 1), r.i64(c + 2), r.i64(c + 3), r.i64(c + 4)};
}

}  // namespace

AggregateTotals aggregate_totals(Connection& db, const Period& p) {
  std::vector<Value> args;
  std::string w = where(p, args);
  auto r = db.query(std::string("SELECT ") + kColumns + " FROM attendance_aggregates a" + w, std::move(args));
  return r->next() ? read(*r, 0) : AggregateTotals{};
}

std::vector<AggregateGroup> aggregates_by(Connection& db, const Period& p, Group g) {
  if (g == Group::volunteer) return {};
  std::string key = g == Group::project ? "p.code" : g == Group::category ? "a.category" : "st.code";
  std::vector<Value> args;
  std::string w = where(p, args);
  auto r = db.query("SELECT " + key + ", " + kColumns +
                        " FROM attendance_aggregates a JOIN stations st ON st.id = a.station_id "
                        "LEFT JOIN projects p ON p.id = a.project_id" + w + " GROUP BY " + key,
                    std::move(args));
  std::vector<AggregateGroup> out;
  while (r->next()) out.push_back({r->is_null(0) ? std::string() : r->str(0), read(*r, 1)});
  return out;
}

}  // namespace vstation::store::stats
