#include "vstation/store/stats.hpp"

namespace vstation::store::stats {
namespace {

// Widest offsets a station may have; the UTC bounds keep the index on the time column usable,
// the local bounds then place each row exactly by its own station's offset.
constexpr std::int64_t kMaxOffsetSeconds = 14 * 3600;

struct Bounds {
  std::int64_t utc_lo, utc_hi, local_lo, local_hi;
};

Bounds bounds(const DateRange& days) {
  std::int64_t lo = days.first.day_number() * 86400;
  std::int64_t hi = days.last.plus_days(1).day_number() * 86400;
  return {lo - kMaxOffsetSeconds, hi + kMaxOffsetSeconds, lo, hi};
}

// "<col> in the period at <station alias>" with its parameters appended to args.
std::string in_period(const std::string& col, const std::string& st, const Period& p,
                      std::vector<Value>& args) {
  Bounds b = bounds(p.days);
  for (auto v : {b.utc_lo, b.utc_hi, b.local_lo, b.local_hi}) args.emplace_back(v);
  args.push_back(to_value(p.station));
  args.push_back(to_value(p.station));
  return col + " >= ? AND " + col + " < ? AND " + col + " + " + st + ".utc_offset_min * 60 >= ? AND " +
         col + " + " + st + ".utc_offset_min * 60 < ? AND (? IS NULL OR " + st + ".id = ?)";
}

}  // namespace

ServiceTotals service_totals(Connection& db, const Period& p) {
  std::vector<Value> args;
  std::string where = in_period("s.eff_in", "st", p, args);
  auto r = db.query(
      "SELECT COUNT(DISTINCT CASE WHEN s.shift_id IS NOT NULL THEN s.volunteer_id || ':' || s.shift_id END), "
      "SUM(CASE WHEN s.shift_id IS NULL THEN 1 ELSE 0 END), COUNT(DISTINCT s.volunteer_id), "
      "COALESCE(SUM(s.credited_min), 0) "
      "FROM sessions s JOIN stations st ON st.id = s.station_id WHERE s.credited_min > 0 AND " + where,
      std::move(args));
  ServiceTotals t;
  if (r->next()) {
    std::int64_t rostered = r->i64(0);
    t.walk_ins = r->is_null(1) ? 0 : r->i64(1);
    t.person_times = rostered + t.walk_ins;
    t.volunteers = r->i64(2);
    t.credited_minutes = r->i64(3);
  }
  return t;
}

std::int64_t projects_published(Connection& db, const Period& p) {
  return db
      .scalar(
          "SELECT COUNT(*) FROM projects WHERE published >= ? AND published <= ? AND "
          "(? IS NULL OR station_id = ?)",
          params(p.days.first, p.days.last, p.station, p.station))
      .value_or(0);
}

std::int64_t projects_active(Connection& db, const Period& p) {
  std::vector<Value> args;
  std::string where = in_period("sh.starts_at", "st", p, args);
  return db
      .scalar("SELECT COUNT(DISTINCT sh.project_id) FROM shifts sh JOIN stations st ON "
              "st.id = sh.station_id WHERE sh.cancelled = 0 AND " + where,
              std::move(args))
      .value_or(0);
}

std::vector<IncidentCount> incidents_by_type(Connection& db, const Period& p) {
  std::vector<Value> args;
  std::string where = in_period("i.at", "st", p, args);
  auto r = db.query(
      "SELECT i.type, COUNT(*), COALESCE(SUM(i.people_served), 0) FROM incidents i JOIN stations st "
      "ON st.id = i.station_id WHERE " + where + " GROUP BY i.type",
      std::move(args));
  std::vector<IncidentCount> out;
  while (r->next()) out.push_back({parse_enum<IncidentType>(r->str(0)), r->i64(1), r->i64(2)});
  return out;
}

}  // namespace vstation::store::stats

namespace vstation::store::stats {

std::optional<DateRange> activity_span(Connection& db, std::optional<StationId> station) {
  auto r = db.query(
      "SELECT MIN(t), MAX(t) FROM ("
      "SELECT s.eff_in + st.utc_offset_min * 60 AS t FROM sessions s JOIN stations st ON st.id = s.station_id WHERE ? IS NULL OR st.id = ? "
      "UNION ALL SELECT sh.starts_at + st.utc_offset_min * 60 FROM shifts sh JOIN stations st ON st.id = sh.station_id WHERE ? IS NULL OR st.id = ? "
      "UNION ALL SELECT i.at + st.utc_offset_min * 60 FROM incidents i JOIN stations st ON st.id = i.station_id WHERE ? IS NULL OR st.id = ?)",
      params(station, station, station, station, station, station));
  if (!r->next() || r->is_null(0)) return std::nullopt;
  auto day = [](std::int64_t local) {
    return Date(std::chrono::sys_days{std::chrono::days{local >= 0 ? local / 86400 : (local - 86399) / 86400}});
  };
  return DateRange{day(r->i64(0)), day(r->i64(1))};
}

}  // namespace vstation::store::stats
