#include "staff_report_query.hpp"

#include <algorithm>
#include <sstream>

#include "vstation/domain/calendar.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kQuarter{"Quarter", "季度"};
constexpr Msg kMonth{"Month", "月份"};
constexpr Msg kFrom{"From", "开始日期"};
constexpr Msg kTo{"To", "截止日期"};
constexpr Msg kBadField{"{}: {}", "{}：{}"};
constexpr Msg kBadKind{"Period: '{}' is not one of quarter, month, range or since-opening.",
                       "统计期间：“{}”不是 quarter、month、range 或 since-opening 之一。"};
constexpr Msg kToBeforeFrom{"To: {} is before the first day {}.", "截止日期：{} 早于开始日期 {}。"};
constexpr Msg kBadBy{
    "Breakdown: unknown breakdown '{}' (use project, category, volunteer, week, month or station).",
    "分项：未知的分项“{}”（可用 project、category、volunteer、week、month、station）。"};
constexpr Msg kBadStation{"Station: '{}' is not a station number.", "站点：“{}”不是站点编号。"};

QueryRefusal bad_field(Msg field, const Text& why) {
  return {400, Text::of(kBadField, Text(field), why)};
}

void add(std::string& q, std::string_view key, const std::string& value) {
  if (value.empty()) return;
  if (!q.empty()) q += '&';
  q += std::string(key) + "=" + url_encode(value);
}

}  // namespace

std::string ReportQuery::query() const {
  std::string q;
  if (station) add(q, "station", std::to_string(station->id.value));
  add(q, "period", kind);
  if (kind == "quarter") add(q, "quarter", quarter);
  if (kind == "month") add(q, "month", month);
  if (kind == "range") {
    add(q, "from", from);
    add(q, "to", to);
  }
  for (auto b : request.by) add(q, "by", std::string(report::by_code(b)));
  return q;
}

std::variant<std::optional<Station>, QueryRefusal> report_station(const Ctx& c) {
  const auto& account = c.staff();
  const std::string given = c.req.param("station").value_or("");
  std::optional<StationId> id = account.station;
  if (!given.empty()) {
    auto n = positive_id(given);
    if (!n) return QueryRefusal{400, Text::of(kBadStation, shown_value(given))};
    id = StationId{*n};
  }
  if (!id) return std::optional<Station>();  // the district: every station
  if (!c.staff_sees(*id)) return QueryRefusal{404, Text()};
  auto st = store::stations::get(c.db, *id);
  if (!st) return QueryRefusal{404, Text()};
  return std::optional<Station>(*st);
}

Date report_today(const Ctx& c, const std::optional<Station>& st) {
  return local_date(c.now, st ? st->zone : TimeZone{});
}

std::variant<ReportQuery, QueryRefusal> report_query(const Ctx& c) {
  auto station = report_station(c);
  if (auto* refused = std::get_if<QueryRefusal>(&station)) return *refused;
  ReportQuery q;
  q.station = std::get<std::optional<Station>>(station);
  const Date today = report_today(c, q.station);
  q.kind = c.req.param("period").value_or("quarter");
  q.quarter = c.req.param("quarter").value_or("");
  q.month = c.req.param("month").value_or("");
  q.from = c.req.param("from").value_or("");
  q.to = c.req.param("to").value_or("");
  const std::optional<StationId> scope =
      q.station ? std::optional<StationId>(q.station->id) : std::nullopt;
  try {
    if (q.kind == "quarter") {
      Quarter quarter = Quarter::of(today).previous();  // the last full quarter
      try {
        if (!q.quarter.empty()) quarter = Quarter::parse(q.quarter);
      } catch (const DataError& e) {
        return bad_field(kQuarter, e.text());
      }
      q.quarter = quarter.str();
      q.request = report::quarter_request(quarter);
    } else if (q.kind == "month") {
      Month month = Month::of(today).previous();
      try {
        if (!q.month.empty()) month = Month::parse(q.month);
      } catch (const DataError& e) {
        return bad_field(kMonth, e.text());
      }
      q.month = month.str();
      q.request = report::month_request(month);
    } else if (q.kind == "range") {
      DateRange days;
      try {
        days.first = parse_date(q.from);
      } catch (const DataError& e) {
        return bad_field(kFrom, e.text());
      }
      try {
        days.last = parse_date(q.to);
      } catch (const DataError& e) {
        return bad_field(kTo, e.text());
      }
      if (days.last < days.first)
        return QueryRefusal{400, Text::of(kToBeforeFrom, days.last.iso(), days.first.iso())};
      q.request = report::range_request(days);
    } else if (q.kind == "since-opening") {
      q.request = report::since_opening_request(c.db, scope, today);
    } else {
      return QueryRefusal{400, Text::of(kBadKind, q.kind)};
    }
  } catch (const DataError& e) {  // since opening, with nothing recorded yet
    return QueryRefusal{400, e.text()};
  }
  // Breakdowns: repeated (check boxes) or comma-separated, as `--by`.
  auto [first, last] = c.req.query.equal_range("by");
  for (auto it = first; it != last; ++it) {
    std::stringstream in(it->second);
    for (std::string w; std::getline(in, w, ',');) {
      if (w.empty()) continue;
      auto b = report::parse_by(w);
      if (!b) return QueryRefusal{400, Text::of(kBadBy, w)};
      if (std::find(q.request.by.begin(), q.request.by.end(), *b) == q.request.by.end())
        q.request.by.push_back(*b);
    }
  }
  q.request.station = scope;
  q.request.as_of = today;
  return q;
}

}  // namespace vstation::web::detail
