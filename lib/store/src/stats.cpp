#include "vstation/store/stats.hpp"

#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "session_order.hpp"
#include "stats_sql.hpp"
#include "vstation/store/incident_totals.hpp"

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
  if (db.backend() != "sqlite")
    return db.scalar("SELECT COUNT(DISTINCT sh.project_id) FROM shifts sh WHERE sh.cancelled = 0 AND " + where,
                     std::move(args))
        .value_or(0);
  // SQLite's COUNT(DISTINCT) inserts every row into a temporary b-tree; a walk of the covering
  // index (shifts_by_time) marking project ids is a few times cheaper over a district's year.
  auto r = db.query("SELECT sh.project_id FROM shifts sh WHERE sh.cancelled = 0 AND " + where, std::move(args));
  std::vector<bool> small;
  std::set<std::int64_t> large;
  std::int64_t n = 0;
  while (r->next()) {
    if (r->is_null(0)) continue;
    std::int64_t id = r->i64(0);
    if (id >= 0 && id < (std::int64_t(1) << 26)) {
      if (std::size_t(id) >= small.size()) small.resize(std::max(std::size_t(id) + 1, small.size() * 2));
      if (!small[std::size_t(id)]) small[std::size_t(id)] = true, ++n;
    } else if (large.insert(id).second) {
      ++n;
    }
  }
  return n;
}

namespace {

using AddIncidents =
    std::function<void(std::string_view type, std::int64_t count, std::int64_t people)>;

// The incidents where the months [months_begin, months_end) and the span's local days at each
// station part, read by time and given to `add` with +1 (in the span, not the months) or -1 (in
// the months, not the span). Elsewhere the two agree: before the first window both leave an
// incident out, between the windows both count it, after the last both leave it out.
void correct_ends(Connection& db, const Period& p, const detail::Zones& zones, Instant months_begin,
                  Instant months_end, const AddIncidents& add) {
  std::unordered_map<std::int64_t, std::pair<Instant, Instant>> span_of;  // station -> its span
  Instant latest_start = months_begin, earliest_end = months_end, latest_end = months_end;
  for (const auto& g : zones.groups) {
    std::pair<Instant, Instant> span{p.days.first.start_at(g.zone),
                                     p.days.last.plus_days(1).start_at(g.zone)};
    latest_start = std::max(latest_start, span.first);
    earliest_end = std::min(earliest_end, span.second);
    latest_end = std::max(latest_end, span.second);
    for (std::int64_t st : g.stations) span_of.emplace(st, span);
  }
  std::vector<std::pair<Instant, Instant>> windows{{months_begin, latest_start},
                                                   {earliest_end, latest_end}};
  if (windows[1].first <= windows[0].second) windows = {{months_begin, latest_end}};
  for (const auto& [from, until] : windows) {
    std::string sql =
        "SELECT i.at, i.station_id, i.type, i.people_served FROM incidents i "
        "WHERE i.at >= ? AND i.at < ?";
    std::vector<Value> args{from.seconds, until.seconds};
    if (p.station) {
      sql += " AND i.station_id = ?";
      args.emplace_back(p.station->value);
    }
    // A stream: an odd range's windows may hold up to a month of a district's incidents.
    auto r = db.stream(sql, std::move(args));
    while (r->next()) {
      auto span = span_of.find(r->i64(1));
      if (span == span_of.end()) continue;  // a station added since the zones were read
      const Instant when{r->i64(0)};
      const int delta = int(span->second.first <= when && when < span->second.second) -
                        int(months_begin <= when && when < months_end);
      if (delta != 0) add(r->text(2), delta, delta * r->i64(3));
    }
  }
}

}  // namespace

std::vector<IncidentCount> incidents_by_type(Connection& db, const Period& p) {
  // The months (of the calendar 14 hours ahead) that hold the span's first and last day, from
  // the maintained totals, corrected near the span's two ends (incident_totals.hpp).
  std::vector<IncidentCount> out;
  for (const auto& e : enum_entries<IncidentType>()) out.push_back({e.value, 0, 0});
  std::size_t at = 0;
  const AddIncidents add = [&](std::string_view type, std::int64_t count, std::int64_t people) {
    if (code_of(out[at].type) != type) {  // rows of one type often follow each other
      at = 0;
      while (at < out.size() && code_of(out[at].type) != type) ++at;
      if (at == out.size()) {  // not a type this version knows (the schema allows none): not counted
        at = 0;
        return;
      }
    }
    out[at].count += count;
    out[at].people_served += people;
  };
  auto zones = detail::zone_groups(db, p.station);
  if (!zones.groups.empty() && p.days.first <= p.days.last) {
    const std::int64_t first = incident_totals::month_of(p.days.first),
                       last = incident_totals::month_of(p.days.last);
    incident_totals::sum_months(db, first, last, p.station, add);
    correct_ends(db, p, zones, incident_totals::month_begins(first),
                 incident_totals::month_begins(incident_totals::next_month(last)), add);
  }
  std::erase_if(out, [](const IncidentCount& n) { return n.count == 0; });
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
    // Sessions three times: each part of kClosedByTime through its index, and the open ones,
    // which are few: read whole, MIN and MAX in one SELECT, so that no index led by eff_in is
    // walked to find them.
    struct Source {
      const char *table, *col, *status;
      bool few;
    };
    for (auto [table, col, status, few] : {Source{"sessions", "eff_in", kClosedByTime[0], false},
                                           Source{"sessions", "eff_in", kClosedByTime[1], false},
                                           Source{"sessions", "eff_in", "status = 'open'", true},
                                           Source{"shifts", "starts_at", nullptr, false},
                                           Source{"incidents", "at", nullptr, false}}) {
      std::string where = in.empty() ? "" : std::string("station_id IN (") + in + ")";
      if (status) where += (where.empty() ? "" : " AND ") + std::string(status);
      if (!where.empty()) where = " WHERE " + where;
      std::vector<Value> args = ids;
      std::string sql =
          std::string("SELECT MIN(") + col + "), MAX(" + col + ") FROM " + table + where;
      if (!few) {
        // MIN and MAX in one SELECT would scan the whole index; each in its own is one lookup.
        sql = std::string("SELECT (SELECT MIN(") + col + ") FROM " + table + where +
              "), (SELECT MAX(" + col + ") FROM " + table + where + ")";
        args.insert(args.end(), ids.begin(), ids.end());
      }
      auto r = db.query(sql, std::move(args));
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
