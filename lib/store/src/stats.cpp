#include "vstation/store/stats.hpp"

#include <map>

#include "stats_sql.hpp"

namespace vstation::store::stats {
using detail::in_period;

ServiceTotals service_totals(Connection& db, const Period& p) {
  std::vector<Value> args;
  std::string where = detail::sessions_in_period(db, p, args);
  auto r = db.query(std::string("SELECT ") + detail::kServiceColumns +
                        " FROM sessions s JOIN stations st ON st.id = s.station_id WHERE s.credited_min > 0 AND " +
                        where,
                    std::move(args));
  return r->next() ? detail::read_service(*r, 0) : ServiceTotals{};
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
  std::string where = detail::in_period_at(db, "sh.starts_at", "sh.station_id", p, args);
  return db
      .scalar("SELECT COUNT(DISTINCT sh.project_id) FROM shifts sh WHERE sh.cancelled = 0 AND " + where,
              std::move(args))
      .value_or(0);
}

std::vector<IncidentCount> incidents_by_type(Connection& db, const Period& p) {
  // One sum per type over the covering index (incidents_by_time), no GROUP BY sort.
  std::vector<Value> args;
  std::string cols;
  for (const auto& e : enum_entries<IncidentType>()) {
    cols += std::string(cols.empty() ? "" : ", ") + "COALESCE(SUM(CASE WHEN i.type = ? THEN 1 ELSE 0 END), 0), " +
            "COALESCE(SUM(CASE WHEN i.type = ? THEN i.people_served ELSE 0 END), 0)";
    args.emplace_back(std::string(code_of(e.value)));
    args.emplace_back(std::string(code_of(e.value)));
  }
  std::string where = detail::in_period_at(db, "i.at", "i.station_id", p, args);
  auto r = db.query("SELECT " + cols + " FROM incidents i WHERE " + where, std::move(args));
  std::vector<IncidentCount> out;
  if (!r->next()) return out;
  int c = 0;
  for (const auto& e : enum_entries<IncidentType>()) {
    IncidentCount n{e.value, r->i64(c), r->i64(c + 1)};
    c += 2;
    if (n.count > 0) out.push_back(n);
  }
  return out;
}

}  // namespace vstation::store::stats

namespace vstation::store::stats {

std::optional<DateRange> activity_span(Connection& db, std::optional<StationId> station) {
  // The first and last instant per time zone (each an index lookup on the time column), each
  // placed on that zone's calendar: local dates grow with the instant within one zone.
  auto zones = detail::zone_groups(db, station);
  std::optional<DateRange> span;
  auto widen = [&](DateRange d) {
    span = span ? DateRange{std::min(span->first, d.first), std::max(span->last, d.last)} : d;
  };
  for (const auto& g : zones.groups) {
    std::string in;
    std::vector<Value> ids;
    if (!(zones.every_station && zones.groups.size() == 1)) {
      for (std::int64_t id : g.stations) {
        in += in.empty() ? "?" : ", ?";
        ids.emplace_back(id);
      }
    }
    for (auto [table, col] : {std::pair{"sessions", "eff_in"}, {"shifts", "starts_at"}, {"incidents", "at"}}) {
      std::string where = in.empty() ? "" : std::string(" WHERE station_id IN (") + in + ")";
      auto r = db.query(std::string("SELECT MIN(") + col + "), MAX(" + col + ") FROM " + table + where, ids);
      if (r->next() && !r->is_null(0)) widen({local_date(r->instant(0), g.zone), local_date(r->instant(1), g.zone)});
    }
  }
  // Imported per-shift aggregates (history from other platforms) count as activity too.
  auto a = db.query("SELECT MIN(day), MAX(day) FROM attendance_aggregates WHERE ? IS NULL OR station_id = ?",
                    params(station, station));
  if (a->next() && !a->is_null(0)) widen({a->date(0), a->date(1)});
  return span;
}

}  // namespace vstation::store::stats
