// Pairing codes for kiosk devices and the web kiosk's conversations (schema version 12;
// web_state.hpp).

#include "vstation/store/web_state.hpp"
#include "web/web_values.hpp"

namespace vstation::store::web {

void create_pair_code(Connection& db, PairedDeviceId device, std::string_view code_hash,
                      Instant now, Instant expires) {
  values::check_hash("code_hash", code_hash);
  values::check_expiry(now, expires);
  db.insert(
      "INSERT INTO device_pair_codes (device_id, code_hash, created_at, expires_at) "
      "VALUES (?, ?, ?, ?)",
      params(device, code_hash, now, expires));
}

std::optional<PairedDevice> consume_pair_code(Connection& db, std::string_view code_hash,
                                              Instant now) {
  // One statement decides, as for sign-in codes: of two tablets racing, one gets the device.
  if (db.execute("UPDATE device_pair_codes SET used_at = ? "
                 "WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? AND device_id IN "
                 "(SELECT id FROM paired_devices WHERE revoked = 0)",
                 params(now, code_hash, now)) != 1)
    return std::nullopt;
  auto r = db.query(
      "SELECT d.id, d.station_id, d.name, d.created_at, d.revoked FROM paired_devices d "
      "JOIN device_pair_codes c ON c.device_id = d.id WHERE c.code_hash = ?",
      params(code_hash));
  if (!r->next()) return std::nullopt;
  return PairedDevice{r->id<PairedDeviceId>(0), r->id<StationId>(1), r->str(2), r->instant(3),
                      r->flag(4)};
}

std::optional<PairedDevice> get_device(Connection& db, PairedDeviceId id) {
  auto r =
      db.query("SELECT id, station_id, name, created_at, revoked FROM paired_devices WHERE id = ?",
               params(id));
  if (!r->next()) return std::nullopt;
  return PairedDevice{r->id<PairedDeviceId>(0), r->id<StationId>(1), r->str(2), r->instant(3),
                      r->flag(4)};
}

std::optional<Instant> device_paired_at(Connection& db, PairedDeviceId device) {
  auto at =
      db.scalar("SELECT MIN(used_at) FROM device_pair_codes WHERE device_id = ?", params(device));
  if (!at) return std::nullopt;
  return Instant{*at};
}

std::optional<Instant> device_link_expires(Connection& db, PairedDeviceId device) {
  auto at =
      db.scalar("SELECT MAX(expires_at) FROM device_pair_codes WHERE device_id = ?", params(device));
  if (!at) return std::nullopt;
  return Instant{*at};
}

void save_conversation(Connection& db, WebSessionId session, std::string_view state,
                       std::optional<VolunteerId> volunteer, Instant now) {
  db.execute(
      "INSERT INTO kiosk_conversations (session_id, volunteer_id, state, updated_at) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET "
      "volunteer_id = excluded.volunteer_id, state = excluded.state, "
      "updated_at = excluded.updated_at",
      params(session, volunteer, state, now));
}

std::optional<KioskConversation> load_conversation(Connection& db, WebSessionId session) {
  auto r = db.query(
      "SELECT state, volunteer_id, updated_at FROM kiosk_conversations WHERE session_id = ?",
      params(session));
  if (!r->next()) return std::nullopt;
  KioskConversation c{r->str(0), std::nullopt, r->instant(2)};
  if (!r->is_null(1)) c.volunteer = r->id<VolunteerId>(1);
  return c;
}

}  // namespace vstation::store::web
