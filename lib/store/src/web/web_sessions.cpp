// Web sessions, paired kiosk devices and calendar feeds (schema version 11; web_state.hpp).

#include <stdexcept>

#include "vstation/store/web_state.hpp"
#include "web/web_values.hpp"

namespace vstation::store::web {
namespace {

// A session is live while not revoked, before both expiries, (a device's) while its device is
// not revoked, (a volunteer's) while the volunteer is active and (a staff account's) while the
// account is not retired: retiring or suspending someone ends their sessions on the spot.
constexpr std::string_view kLive =
    "s.revoked = 0 AND s.expires_at > ? AND s.idle_expires_at > ? "
    "AND (s.device_id IS NULL OR EXISTS (SELECT 1 FROM paired_devices d "
    "WHERE d.id = s.device_id AND d.revoked = 0)) "
    "AND (s.volunteer_id IS NULL OR EXISTS (SELECT 1 FROM volunteers v "
    "WHERE v.id = s.volunteer_id AND v.status = 'active')) "
    "AND (s.staff_id IS NULL OR EXISTS (SELECT 1 FROM staff_accounts a "
    "WHERE a.id = s.staff_id AND a.retired_at IS NULL))";

WebSession read_session(const Rows& r) {
  WebSession s;
  s.id = r.id<WebSessionId>(0);
  if (!r.is_null(1))
    s.principal = r.id<VolunteerId>(1);
  else if (!r.is_null(2))
    s.principal = r.id<PairedDeviceId>(2);
  else
    s.principal = r.id<StaffAccountId>(9);
  s.csrf_hash = r.str(3);
  s.created = r.instant(4);
  s.last_seen = r.instant(5);
  s.expires = r.instant(6);
  s.idle_expires = r.instant(7);
  s.revoked = r.flag(8);
  return s;
}

PairedDevice read_device(const Rows& r) {
  return PairedDevice{r.id<PairedDeviceId>(0), r.id<StationId>(1), r.str(2), r.instant(3),
                      r.flag(4)};
}

}  // namespace

WebSessionId create_session(Connection& db, const NewWebSession& s) {
  values::check_hash("token_hash", s.token_hash);
  values::check_hash("csrf_hash", s.csrf_hash);
  if (s.lifetime_seconds <= 0 || s.idle_seconds <= 0)
    throw std::invalid_argument("web session lifetime and idle time must be positive");
  std::optional<VolunteerId> volunteer;
  std::optional<PairedDeviceId> device;
  std::optional<StaffAccountId> staff;
  if (const auto* v = std::get_if<VolunteerId>(&s.principal))
    volunteer = *v;
  else if (const auto* d = std::get_if<PairedDeviceId>(&s.principal))
    device = *d;
  else
    staff = std::get<StaffAccountId>(s.principal);
  Instant expires{s.now.seconds + s.lifetime_seconds};
  Instant idle{std::min(s.now.seconds + s.idle_seconds, expires.seconds)};
  return WebSessionId{db.insert(
      "INSERT INTO web_sessions (token_hash, csrf_hash, volunteer_id, device_id, staff_id, "
      "created_at, last_seen_at, expires_at, idle_seconds, idle_expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      params(s.token_hash, s.csrf_hash, volunteer, device, staff, s.now, s.now, expires,
             s.idle_seconds, idle))};
}

std::optional<WebSession> find_session(Connection& db, std::string_view token_hash, Instant now) {
  auto r = db.query(
      "SELECT s.id, s.volunteer_id, s.device_id, s.csrf_hash, s.created_at, s.last_seen_at, "
      "s.expires_at, s.idle_expires_at, s.revoked, s.staff_id, n.number FROM web_sessions s "
      "LEFT JOIN volunteers n ON n.id = s.volunteer_id "
      "WHERE s.token_hash = ? AND " +
          std::string(kLive),
      params(token_hash, now, now));
  if (!r->next()) return std::nullopt;
  WebSession s = read_session(*r);
  if (!r->is_null(10)) s.volunteer_number = r->str(10);
  return s;
}

bool touch_session(Connection& db, WebSessionId id, Instant now) {
  return db.execute(
             "UPDATE web_sessions SET last_seen_at = ?, idle_expires_at = CASE "
             "WHEN ? + idle_seconds < expires_at THEN ? + idle_seconds ELSE expires_at END "
             "WHERE id = ? AND id IN (SELECT s.id FROM web_sessions s WHERE s.id = ? AND " +
                 std::string(kLive) + ")",
             params(now, now, now, id, id, now, now)) == 1;
}

bool revoke_session(Connection& db, WebSessionId id) {
  return db.execute("UPDATE web_sessions SET revoked = 1 WHERE id = ? AND revoked = 0",
                    params(id)) == 1;
}

std::int64_t revoke_sessions_of(Connection& db, VolunteerId v) {
  return db.execute("UPDATE web_sessions SET revoked = 1 WHERE volunteer_id = ? AND revoked = 0",
                    params(v));
}

std::int64_t revoke_sessions_of(Connection& db, StaffAccountId a) {
  return db.execute("UPDATE web_sessions SET revoked = 1 WHERE staff_id = ? AND revoked = 0",
                    params(a));
}

WebSessionId rotate_session(Connection& db, std::optional<WebSessionId> old,
                            const NewWebSession& fresh) {
  if (old) revoke_session(db, *old);
  return create_session(db, fresh);
}

std::int64_t purge_expired(Connection& db, Instant now) {
  db.execute(
      "DELETE FROM kiosk_conversations WHERE session_id IN (SELECT id FROM web_sessions "
      "WHERE revoked = 1 OR expires_at <= ? OR idle_expires_at <= ?)",
      params(now, now));
  std::int64_t n = db.execute(
      "DELETE FROM web_sessions WHERE revoked = 1 OR expires_at <= ? OR idle_expires_at <= ?",
      params(now, now));
  n += db.execute("DELETE FROM signin_codes WHERE used_at IS NOT NULL OR expires_at <= ?",
                  params(now));
  // A used pairing code stays: it says when its device was paired (device_paired_at).
  n += db.execute("DELETE FROM device_pair_codes WHERE used_at IS NULL AND expires_at <= ?",
                  params(now));
  return n;
}

PairedDeviceId pair_device(Connection& db, StationId station, std::string_view name,
                           std::string_view token_hash, Instant now) {
  std::string shown = values::device_name(name);
  values::check_hash("token_hash", token_hash);
  return PairedDeviceId{
      db.insert("INSERT INTO paired_devices (station_id, name, token_hash, created_at) "
                "VALUES (?, ?, ?, ?)",
                params(station, shown, token_hash, now))};
}

std::optional<PairedDevice> find_device(Connection& db, std::string_view token_hash) {
  auto r = db.query(
      "SELECT id, station_id, name, created_at, revoked FROM paired_devices "
      "WHERE token_hash = ? AND revoked = 0",
      params(token_hash));
  if (!r->next()) return std::nullopt;
  return read_device(*r);
}

std::vector<PairedDevice> devices_of(Connection& db, StationId station) {
  auto r = db.query(
      "SELECT id, station_id, name, created_at, revoked FROM paired_devices "
      "WHERE station_id = ? ORDER BY id",
      params(station));
  std::vector<PairedDevice> out;
  while (r->next()) out.push_back(read_device(*r));
  return out;
}

bool revoke_device(Connection& db, PairedDeviceId id) {
  db.execute("UPDATE web_sessions SET revoked = 1 WHERE device_id = ? AND revoked = 0", params(id));
  return db.execute("UPDATE paired_devices SET revoked = 1 WHERE id = ? AND revoked = 0",
                    params(id)) == 1;
}

CalendarFeedId create_feed(Connection& db, VolunteerId v, std::string_view token_hash,
                           Instant now) {
  values::check_hash("token_hash", token_hash);
  db.lock(LockSpace::volunteer, v.value);
  revoke_feed(db, v);
  return CalendarFeedId{db.insert(
      "INSERT INTO calendar_feeds (volunteer_id, token_hash, created_at) VALUES (?, ?, ?)",
      params(v, token_hash, now))};
}

std::optional<CalendarFeed> find_feed(Connection& db, std::string_view token_hash) {
  auto r = db.query(
      "SELECT id, volunteer_id, created_at, revoked FROM calendar_feeds "
      "WHERE token_hash = ? AND revoked = 0",
      params(token_hash));
  if (!r->next()) return std::nullopt;
  return CalendarFeed{r->id<CalendarFeedId>(0), r->id<VolunteerId>(1), r->instant(2), r->flag(3)};
}

std::optional<CalendarFeed> feed_of(Connection& db, VolunteerId v) {
  auto r = db.query(
      "SELECT id, volunteer_id, created_at, revoked FROM calendar_feeds "
      "WHERE volunteer_id = ? AND revoked = 0",
      params(v));
  if (!r->next()) return std::nullopt;
  return CalendarFeed{r->id<CalendarFeedId>(0), r->id<VolunteerId>(1), r->instant(2), r->flag(3)};
}

bool revoke_feed(Connection& db, VolunteerId v) {
  return db.execute("UPDATE calendar_feeds SET revoked = 1 WHERE volunteer_id = ? AND revoked = 0",
                    params(v)) > 0;
}

}  // namespace vstation::store::web
