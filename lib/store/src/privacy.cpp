#include "vstation/store/privacy.hpp"

#include "vstation/store/repos.hpp"

namespace vstation::store::privacy {
namespace {

struct Source {
  const char* table;
  const char* columns;
  const char* where;  // one `?` for the volunteer id
};

// Every table that holds something about one volunteer.
constexpr Source kSources[] = {
    {"volunteers",
     "id, number, name, phone, id_type, id_number, birth_date, join_date, status, guardian_consent, "
     "max_shifts_week, max_minutes_week, home_station_id, pin_hash IS NOT NULL AS has_pin, "
     "badge_token IS NOT NULL AS has_badge",
     "id = ?"},
    {"certifications", "id, skill_id, granted, expires, training_id", "volunteer_id = ?"},
    {"availability", "id, weekday, start_min, end_min, preference", "volunteer_id = ?"},
    {"availability_exceptions", "id, day, start_min, end_min, available", "volunteer_id = ?"},
    {"assignments", "id, shift_id, status, source, pinned", "volunteer_id = ?"},
    {"sessions",
     "id, station_id, shift_id, project_id, raw_in, raw_out, eff_in, eff_out, status, credited_min, note",
     "volunteer_id = ?"},
    {"training_attendees", "training_id", "volunteer_id = ?"},
    {"incident_volunteers", "incident_id", "volunteer_id = ?"},
    {"kiosk_lockouts", "failures, locked_until", "volunteer_id = ?"},
    {"certificates", "id, serial, station_id, period_from, period_to, issued_on, minutes",
     "volunteer_id = ?"},
    // The web face (schema version 11): when and until when they were signed in, their calendar
    // feed and sign-in codes; never the token hashes, which are credentials, not data about them.
    {"web_sessions", "id, created_at, last_seen_at, expires_at, idle_expires_at, revoked",
     "volunteer_id = ?"},
    {"calendar_feeds", "id, created_at, revoked", "volunteer_id = ?"},
    {"signin_codes", "id, station_id, created_at, expires_at, used_at", "volunteer_id = ?"},
    {"audit", "id, at, actor, entity, entity_id, action, reason, old_value, new_value",
     "(entity = 'volunteer' AND entity_id = ?1) OR (entity = 'session' AND entity_id IN "
     "(SELECT id FROM sessions WHERE volunteer_id = ?1))"},
};

std::vector<std::string> split_columns(std::string_view cols) {
  std::vector<std::string> out;
  while (!cols.empty()) {
    auto comma = cols.find(", ");
    auto item = cols.substr(0, comma);
    auto as = item.rfind(" AS ");
    if (as != std::string_view::npos) item = item.substr(as + 4);
    out.emplace_back(item);
    cols = comma == std::string_view::npos ? std::string_view{} : cols.substr(comma + 2);
  }
  return out;
}

}  // namespace

std::vector<Table> personal_data(Connection& db, VolunteerId v) {
  std::vector<Table> out;
  for (const auto& src : kSources) {
    Table t{src.table, split_columns(src.columns), {}};
    std::string where(src.where);
    std::vector<Value> args;
    // Each `?1` becomes a plain `?` (portable), bound once per occurrence.
    for (auto p = where.find("?1"); p != std::string::npos; p = where.find("?1")) where.replace(p, 2, "?");
    for (char c : where)
      if (c == '?') args.push_back(to_value(v));
    auto r = db.query(std::string("SELECT ") + src.columns + " FROM " + src.table + " WHERE " +
                          where + " ORDER BY 1",
                      std::move(args));
    while (r->next()) {
      std::vector<std::optional<std::string>> row;
      for (int i = 0; i < int(t.columns.size()); ++i)
        row.push_back(r->is_null(i) ? std::nullopt : std::optional<std::string>(r->str(i)));
      t.rows.push_back(std::move(row));
    }
    out.push_back(std::move(t));
  }
  return out;
}

bool erase(Connection& db, VolunteerId v, Instant now, const std::string& actor, const std::string& reason) {
  auto before = volunteers::get(db, v);
  if (!before || before->name == kErasedName) return false;
  db.execute(
      "UPDATE volunteers SET name = ?, phone = '', id_type = 'none', id_number = '', "
      "birth_date = NULL, pin_hash = NULL, badge_token = NULL, status = 'retired' WHERE id = ?",
      params(kErasedName, v));
  db.execute("DELETE FROM kiosk_lockouts WHERE volunteer_id = ?", params(v));
  db.execute("DELETE FROM availability WHERE volunteer_id = ?", params(v));
  db.execute("DELETE FROM availability_exceptions WHERE volunteer_id = ?", params(v));
  // Signed out everywhere, their calendar feed and sign-in codes gone (web_state.hpp).
  db.execute("DELETE FROM web_sessions WHERE volunteer_id = ?", params(v));
  db.execute("DELETE FROM calendar_feeds WHERE volunteer_id = ?", params(v));
  db.execute("DELETE FROM signin_codes WHERE volunteer_id = ?", params(v));
  // A kiosk conversation is a tablet's memory of the last few minutes; its PIN candidates may
  // name anyone, so every tablet goes back to its welcome.
  db.execute("DELETE FROM kiosk_conversations");
  db.execute("UPDATE sessions SET note = '' WHERE volunteer_id = ? AND note <> ''", params(v));
  AuditEntry e;
  e.at = now;
  e.actor = actor;
  e.entity = "volunteer";
  e.entity_id = v.value;
  e.action = "erase";
  e.reason = reason;
  e.old_value = before->number;  // the pseudonym the hours stay under; no personal data
  e.new_value = std::string(kErasedName);
  audit::append(db, e);
  return true;
}

std::vector<VolunteerId> inactive_since(Connection& db, Instant since, Date since_day) {
  auto r = db.query(
      "SELECT v.id FROM volunteers v WHERE v.name <> ? AND v.join_date < ? "
      "AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.volunteer_id = v.id AND s.eff_in >= ?) "
      "AND NOT EXISTS (SELECT 1 FROM assignments a JOIN shifts sh ON sh.id = a.shift_id "
      "                WHERE a.volunteer_id = v.id AND sh.starts_at >= ?) "
      "AND NOT EXISTS (SELECT 1 FROM training_attendees ta JOIN trainings t ON t.id = ta.training_id "
      "                WHERE ta.volunteer_id = v.id AND t.starts_at >= ?) "
      "AND NOT EXISTS (SELECT 1 FROM incident_volunteers iv JOIN incidents i ON i.id = iv.incident_id "
      "                WHERE iv.volunteer_id = v.id AND i.at >= ?) "
      "ORDER BY v.id",
      params(kErasedName, since_day, since, since, since, since));
  std::vector<VolunteerId> out;
  while (r->next()) out.push_back(r->id<VolunteerId>(0));
  return out;
}

}  // namespace vstation::store::privacy
