#include "vstation/store/session_queries.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "session_order.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::store::session_queries {
namespace {

std::vector<Session> by_ids(Connection& db, std::unique_ptr<Rows> r) {
  std::vector<SessionId> ids;
  while (r->next()) ids.push_back(r->id<SessionId>(0));
  r.reset();
  std::vector<Session> out;
  for (auto id : ids)
    if (auto s = sessions::get(db, id)) out.push_back(std::move(*s));
  return out;
}

// Sorted here, not by ORDER BY: asked for time order, SQLite walks the whole history through
// an index on eff_in rather than the few rows of a partial index that holds the answer.
std::vector<Session> by_time(std::vector<Session> sessions) {
  std::sort(sessions.begin(), sessions.end(), earlier);
  return sessions;
}

}  // namespace

// The few open sessions, through the one-open-session index.
std::vector<sessions::OpenSession> open_sessions(Connection& db, const OpenScope& scope) {
  auto open = sessions::open_with_shifts(db, scope.station, scope.volunteer);
  std::sort(open.begin(), open.end(),
            [](const auto& a, const auto& b) { return earlier(a.session, b.session); });
  return open;
}

std::int64_t total_minutes(Connection& db, VolunteerId v) {
  return db
      .scalar("SELECT COALESCE(SUM(credited_min), 0) FROM sessions WHERE volunteer_id = ?",
              params(v))
      .value_or(0);
}

std::vector<Session> needing_review(Connection& db, std::optional<StationId> st) {
  return by_ids(db, db.query("SELECT id FROM sessions WHERE (status = 'auto_closed' OR "
                             "(status = 'closed' AND shift_id IS NULL)) AND "
                             "(? IS NULL OR station_id = ?) ORDER BY eff_in, id",
                             params(st, st)));
}

std::vector<Session> awaiting_answer(Connection& db, VolunteerId v) {
  // Through sessions_auto_closed.
  return by_time(by_ids(db, db.query("SELECT id FROM sessions WHERE volunteer_id = ? AND "
                                     "status = 'auto_closed' AND proposed_out IS NULL",
                                     params(v))));
}

std::vector<Session> find(Connection& db, const SessionFilter& f) {
  // The widest offsets a zone may have (UTC-14:00 to UTC+14:00, fixed zones included) bound
  // the UTC range; each session is then placed on its own station's calendar.
  std::optional<Instant> lo, hi;
  if (f.from) lo = Instant{f.from->day_number() * 86400 - 14 * 3600};
  if (f.to) hi = Instant{(f.to->day_number() + 1) * 86400 + 14 * 3600};
  std::optional<std::string> status;
  if (f.status) status = std::string(code_of(*f.status));
  auto rows =
      by_ids(db, db.query("SELECT id FROM sessions WHERE (? IS NULL OR volunteer_id = ?) "
                          "AND (? IS NULL OR station_id = ?) AND (? IS NULL OR eff_in >= ?) "
                          "AND (? IS NULL OR eff_in < ?) AND (? IS NULL OR status = ?) "
                          "ORDER BY eff_in, id",
                          params(f.volunteer, f.volunteer, f.station, f.station, lo, lo, hi, hi,
                                 status, status)));
  std::map<StationId, TimeZone> zones;
  std::vector<Session> out;
  for (auto& s : rows) {
    if (!zones.count(s.station)) zones.emplace(s.station, stations::get(db, s.station)->zone);
    Date day = local_date(s.effective_in, zones.at(s.station));
    if ((f.from && day < *f.from) || (f.to && day > *f.to)) continue;
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<TimeRange> credited_span(Connection& db, VolunteerId v, StationId station) {
  auto r = db.query(
      "SELECT MIN(eff_in), MAX(eff_in) FROM sessions WHERE volunteer_id = ? AND station_id = ? AND "
      "credited_min > 0",
      params(v, station));
  if (!r->next() || r->is_null(0)) return std::nullopt;
  return TimeRange{r->instant(0), r->instant(1)};
}

std::optional<Shift> next_shift(Connection& db, VolunteerId v, Instant after) {
  auto r = db.query(
      "SELECT s.id FROM shifts s JOIN assignments a ON a.shift_id = s.id WHERE a.volunteer_id = ? "
      "AND a.status IN ('planned', 'confirmed') AND s.cancelled = 0 AND s.starts_at >= ? "
      "ORDER BY s.starts_at LIMIT 1",
      params(v, after));
  if (!r->next()) return std::nullopt;
  ShiftId id = r->id<ShiftId>(0);
  r.reset();
  return shifts::get(db, id);
}

}  // namespace vstation::store::session_queries
