#include "vstation/store/identity.hpp"

namespace vstation::store::identity {

void set_pin_hash(Connection& db, VolunteerId v, const std::optional<std::string>& hash) {
  db.execute("UPDATE volunteers SET pin_hash = ? WHERE id = ?", params(hash, v));
}

std::optional<std::string> pin_hash(Connection& db, VolunteerId v) {
  auto r = db.query("SELECT pin_hash FROM volunteers WHERE id = ?", params(v));
  if (!r->next() || r->is_null(0)) return std::nullopt;
  return r->str(0);
}

void set_badge_token(Connection& db, VolunteerId v, const std::optional<std::string>& token) {
  db.execute("UPDATE volunteers SET badge_token = ? WHERE id = ?", params(token, v));
}

std::optional<std::string> badge_token(Connection& db, VolunteerId v) {
  auto r = db.query("SELECT badge_token FROM volunteers WHERE id = ?", params(v));
  if (!r->next() || r->is_null(0)) return std::nullopt;
  return r->str(0);
}

std::vector<VolunteerId> by_phone_tail(Connection& db, std::string_view tail) {
  auto r = db.query("SELECT id FROM volunteers WHERE phone LIKE ? ORDER BY id",
                    params("%" + std::string(tail)));
  std::vector<VolunteerId> out;
  while (r->next()) out.push_back(r->id<VolunteerId>(0));
  return out;
}

Lockout lockout(Connection& db, VolunteerId v) {
  auto r = db.query("SELECT failures, locked_until FROM kiosk_lockouts WHERE volunteer_id = ?",
                    params(v));
  if (!r->next()) return {};
  return {int(r->i64(0)), r->opt_instant(1)};
}

void set_lockout(Connection& db, VolunteerId v, const Lockout& l) {
  db.execute(
      "INSERT INTO kiosk_lockouts (volunteer_id, failures, locked_until) VALUES (?, ?, ?) "
      "ON CONFLICT (volunteer_id) DO UPDATE SET failures = excluded.failures, "
      "locked_until = excluded.locked_until",
      params(v, l.failures, l.locked_until));
}

std::optional<std::string> setting(Connection& db, std::string_view key) {
  auto r = db.query("SELECT value FROM settings WHERE key = ?", params(key));
  if (!r->next()) return std::nullopt;
  return r->str(0);
}

void set_setting(Connection& db, std::string_view key, std::string_view value) {
  db.execute(
      "INSERT INTO settings (key, value) VALUES (?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      params(key, value));
}

}  // namespace vstation::store::identity
