#include <algorithm>
#include <limits>

#include "batched_upsert.hpp"
#include "stats_sql.hpp"

namespace vstation::store::stats::detail {

Zones zone_groups(Connection& db, std::optional<StationId> only) {
  auto r = db.query("SELECT id, time_zone FROM stations WHERE ? IS NULL OR id = ? ORDER BY id",
                    params(only, only));
  std::vector<ZoneGroup> groups;
  while (r->next()) {
    TimeZone zone = TimeZone::named(r->str(1));
    auto g =
        std::find_if(groups.begin(), groups.end(), [&](const auto& x) { return x.zone == zone; });
    if (g == groups.end()) g = groups.insert(groups.end(), ZoneGroup{zone, {}});
    g->stations.push_back(r->i64(0));
  }
  return {std::move(groups), !only};
}

std::string stations_in(const std::string& station_col, const ZoneGroup& g,
                        std::vector<Value>& args) {
  for (auto station : g.stations) args.emplace_back(station);
  return station_col + " IN " + batched::placeholders(g.stations.size());
}

std::string local_range(const std::string& col, const std::string& station_col, const Zones& zones,
                        std::optional<Date> from, std::optional<Date> until,
                        std::vector<Value>& args) {
  const auto& groups = zones.groups;
  if (groups.empty()) return "1 = 0";
  auto bounds = [&](const ZoneGroup& g, std::vector<Value>& out) {
    std::string sql;
    if (from) {
      sql += col + " >= ?";
      out.emplace_back(from->start_at(g.zone).seconds);
    }
    if (until) {
      sql += (sql.empty() ? "" : " AND ") + col + " < ?";
      out.emplace_back(until->start_at(g.zone).seconds);
    }
    return sql.empty() ? std::string("1 = 1") : sql;
  };
  if (groups.size() == 1) {
    std::string sql = bounds(groups.front(), args);
    return zones.every_station ? sql
                               : sql + " AND " + stations_in(station_col, groups.front(), args);
  }
  // Several zones: an envelope over all of them keeps the time index usable, then each row is
  // placed by its own station's zone.
  std::int64_t lo = std::numeric_limits<std::int64_t>::max(),
               hi = std::numeric_limits<std::int64_t>::min();
  for (const auto& g : groups) {
    if (from) lo = std::min(lo, from->start_at(g.zone).seconds);
    if (until) hi = std::max(hi, until->start_at(g.zone).seconds);
  }
  std::string sql;
  if (from) {
    sql += col + " >= ? AND ";
    args.emplace_back(lo);
  }
  if (until) {
    sql += col + " < ? AND ";
    args.emplace_back(hi);
  }
  sql += "(";
  for (std::size_t i = 0; i < groups.size(); ++i) {
    std::string part = bounds(groups[i], args);
    sql += (i ? " OR (" : "(") + part + " AND " + stations_in(station_col, groups[i], args) + ")";
  }
  return sql + ")";
}

std::string in_period(Connection& db, const std::string& col, const std::string& st,
                      const Period& p, std::vector<Value>& args) {
  return local_range(col, st + ".id", zone_groups(db, p.station), p.days.first,
                     p.days.last.plus_days(1), args);
}

std::string in_period_at(Connection& db, const std::string& col, const std::string& station_col,
                         const Period& p, std::vector<Value>& args) {
  return local_range(col, station_col, zone_groups(db, p.station), p.days.first, p.days.last.plus_days(1), args);
}

std::string sessions_in_period(Connection& db, const Period& p, std::vector<Value>& args) {
  std::string w = in_period(db, "s.eff_in", "st", p, args);
  if (!p.volunteer) return w;
  // A plain equality, so that the (volunteer_id, eff_in) index finds one volunteer's sessions;
  // "? IS NULL OR s.volunteer_id = ?" made both backends walk every session of the period.
  args.push_back(to_value(p.volunteer));
  return w + " AND s.volunteer_id = ?";
}

}  // namespace vstation::store::stats::detail
