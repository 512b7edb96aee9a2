#include "vstation/store/repos.hpp"

namespace vstation::store {
namespace {

constexpr std::string_view kColumns =
    "SELECT id, volunteer_id, station_id, shift_id, project_id, raw_in, raw_out, eff_in, "
    "eff_out, status, credited_min, note FROM sessions ";

std::vector<Session> read_all(std::unique_ptr<Rows> r) {
  std::vector<Session> out;
  while (r->next()) {
    Session s;
    s.id = r->id<SessionId>(0);
    s.volunteer = r->id<VolunteerId>(1);
    s.station = r->id<StationId>(2);
    s.shift = r->opt_id<ShiftId>(3);
    s.project = r->opt_id<ProjectId>(4);
    s.raw_in = r->instant(5);
    s.raw_out = r->opt_instant(6);
    s.effective_in = r->instant(7);
    s.effective_out = r->opt_instant(8);
    s.status = parse_enum<SessionStatus>(r->str(9));
    s.credited_minutes = r->i64(10);
    s.note = r->str(11);
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<Session> first(std::vector<Session> v) {
  if (v.empty()) return std::nullopt;
  return std::move(v.front());
}

}  // namespace

namespace sessions {

SessionId insert(Connection& db, const Session& s) {
  return SessionId{db.insert(
      "INSERT INTO sessions (volunteer_id, station_id, shift_id, project_id, raw_in, raw_out, "
      "eff_in, eff_out, status, credited_min, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      params(s.volunteer, s.station, s.shift, s.project, s.raw_in, s.raw_out, s.effective_in,
             s.effective_out, code_of(s.status), s.credited_minutes, s.note))};
}

void update(Connection& db, const Session& s) {
  db.execute(
      "UPDATE sessions SET shift_id = ?, project_id = ?, raw_out = ?, eff_in = ?, eff_out = ?, "
      "status = ?, credited_min = ?, note = ? WHERE id = ?",
      params(s.shift, s.project, s.raw_out, s.effective_in, s.effective_out, code_of(s.status),
             s.credited_minutes, s.note, s.id));
}

std::optional<Session> get(Connection& db, SessionId id) {
  return first(read_all(db.query(std::string(kColumns) + "WHERE id = ?", params(id))));
}

std::optional<Session> open_of(Connection& db, VolunteerId v) {
  return first(read_all(
      db.query(std::string(kColumns) + "WHERE volunteer_id = ? AND status = 'open'", params(v))));
}

std::vector<Session> of_volunteer(Connection& db, VolunteerId v) {
  return read_all(
      db.query(std::string(kColumns) + "WHERE volunteer_id = ? ORDER BY eff_in, id", params(v)));
}

std::vector<Session> in_range(Connection& db, TimeRange range, std::optional<StationId> st) {
  return read_all(db.query(std::string(kColumns) +
                               "WHERE eff_in >= ? AND eff_in < ? AND (? IS NULL OR station_id = ?) "
                               "ORDER BY eff_in, id",
                           params(range.begin, range.end, st, st)));
}

std::vector<Session> all(Connection& db) {
  return read_all(db.query(std::string(kColumns) + "ORDER BY eff_in, id"));
}

bool overlaps_existing(Connection& db, VolunteerId v, Instant in, std::optional<Instant> out) {
  // An open session occupies everything after its check-in; a closed one without a check-out
  // (auto-closed, awaiting review) only its check-in instant.
  std::int64_t end = out ? out->seconds : INT64_MAX;
  auto r = db.query(
      "SELECT 1 FROM sessions WHERE volunteer_id = ? AND status <> 'rejected' AND eff_in < ? "
      "AND (eff_out > ? OR (eff_out IS NULL AND (status = 'open' OR eff_in >= ?))) LIMIT 1",
      params(v, end, in, in));
  return r->next();
}

}  // namespace sessions

namespace audit {

AuditId append(Connection& db, const AuditEntry& e) {
  return AuditId{db.insert(
      "INSERT INTO audit (at, actor, entity, entity_id, action, reason, old_value, new_value) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      params(e.at, e.actor, e.entity, e.entity_id, e.action, e.reason, e.old_value, e.new_value))};
}

std::vector<AuditEntry> of(Connection& db, std::string_view entity, std::int64_t entity_id) {
  auto r = db.query(
      "SELECT id, at, actor, entity, entity_id, action, reason, old_value, new_value FROM audit "
      "WHERE entity = ? AND entity_id = ? ORDER BY id",
      params(entity, entity_id));
  std::vector<AuditEntry> out;
  while (r->next())
    out.push_back({r->id<AuditId>(0), r->instant(1), r->str(2), r->str(3), r->i64(4), r->str(5),
                   r->str(6), r->str(7), r->str(8)});
  return out;
}

}  // namespace audit
}  // namespace vstation::store
