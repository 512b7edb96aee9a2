// One-time sign-in codes, station secrets for rotating check-in codes, rate-limit attempts
// (schema version 11; web_state.hpp).

#include <stdexcept>

#include "vstation/store/identity.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/web_state.hpp"
#include "web/web_values.hpp"

namespace vstation::store::web {

SignInCodeId create_signin_code(Connection& db, std::string_view code_hash, VolunteerId v,
                                StationId station, Instant now, Instant expires) {
  values::check_hash("code_hash", code_hash);
  values::check_expiry(now, expires);
  return SignInCodeId{db.insert(
      "INSERT INTO signin_codes (code_hash, volunteer_id, station_id, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?)",
      params(code_hash, v, station, now, expires))};
}

std::optional<SignInCode> consume_signin_code(Connection& db, std::string_view code_hash,
                                              Instant now) {
  // The one statement that decides: of two processes racing, the second finds used_at set (on
  // PostgreSQL it waits for the first to commit, then re-checks the row) and changes nothing.
  if (db.execute("UPDATE signin_codes SET used_at = ? "
                 "WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?",
                 params(now, code_hash, now)) != 1)
    return std::nullopt;
  auto r = db.query(
      "SELECT id, volunteer_id, station_id, created_at, expires_at, used_at FROM signin_codes "
      "WHERE code_hash = ?",
      params(code_hash));
  if (!r->next()) return std::nullopt;
  return SignInCode{r->id<SignInCodeId>(0), r->id<VolunteerId>(1), r->id<StationId>(2),
                    r->instant(3),          r->instant(4),         r->opt_instant(5)};
}

std::string station_secret(Connection& db, StationId station, Instant now) {
  // Read first: every check-in asks, and the secret exists after the station's first one.
  if (auto known =
          db.query("SELECT secret FROM station_secrets WHERE station_id = ?", params(station));
      known->next())
    return known->str(0);
  // Whoever inserts first wins; everyone reads the winner's secret back.
  db.execute(
      "INSERT INTO station_secrets (station_id, secret, created_at) VALUES (?, ?, ?) "
      "ON CONFLICT DO NOTHING",
      params(station, values::random_secret(), now));
  auto r = db.query("SELECT secret FROM station_secrets WHERE station_id = ?", params(station));
  if (!r->next()) throw std::logic_error("station secret vanished after its insert");
  return r->str(0);
}

std::string rotate_station_secret(Connection& db, StationId station, Instant now) {
  std::string secret = values::random_secret();
  db.execute(
      "INSERT INTO station_secrets (station_id, secret, created_at) VALUES (?, ?, ?) "
      "ON CONFLICT (station_id) DO UPDATE SET secret = excluded.secret, "
      "created_at = excluded.created_at",
      params(station, secret, now));
  return secret;
}

namespace {
constexpr Msg kBadPublicUrl{"not an http:// or https:// address", "不是 http:// 或 https:// 地址"};
std::string public_url_key(StationId station) {
  return "public_url:" + std::to_string(station.value);
}
}  // namespace

std::optional<std::string> public_url(Connection& db, StationId station) {
  auto v = identity::setting(db, public_url_key(station));
  if (v && v->empty()) return std::nullopt;
  return v;
}

void set_public_url(Connection& db, StationId station, const std::optional<std::string>& url) {
  if (!url) {
    db.execute("DELETE FROM settings WHERE key = ?", params(public_url_key(station)));
    return;
  }
  bool ok = (url->starts_with("http://") || url->starts_with("https://")) && url->size() > 8 &&
            url->size() <= 200;
  for (char c : *url) ok = ok && c > ' ' && c < 0x7f;
  if (!ok) throw FieldError("public_url", Text(kBadPublicUrl));
  identity::set_setting(db, public_url_key(station), *url);
}

void record_attempt(Connection& db, std::string_view bucket, std::string_view address, Instant at) {
  values::check_bucket(bucket);
  values::check_address(address);
  db.execute("INSERT INTO rate_attempts (bucket, address, at) VALUES (?, ?, ?)",
             params(bucket, address, at));
}

std::int64_t count_attempts(Connection& db, std::string_view bucket, std::string_view address,
                            Instant now, std::int64_t window_seconds) {
  return db
      .scalar("SELECT COUNT(*) FROM rate_attempts WHERE bucket = ? AND address = ? AND at > ?",
              params(bucket, address, now.seconds - window_seconds))
      .value_or(0);
}

std::optional<Instant> attempts_below_limit_at(Connection& db, std::string_view bucket,
                                               std::string_view address, Instant now,
                                               std::int64_t window_seconds, std::int64_t limit) {
  if (limit < 1) return now;
  auto r = db.query(
      "SELECT at FROM rate_attempts WHERE bucket = ? AND address = ? AND at > ? "
      "ORDER BY at DESC LIMIT 1 OFFSET ?",
      params(bucket, address, now.seconds - window_seconds, limit - 1));
  if (!r->next()) return std::nullopt;
  return Instant{r->i64(0) + window_seconds};
}

std::int64_t purge_attempts(Connection& db, Instant before) {
  return db.execute("DELETE FROM rate_attempts WHERE at <= ?", params(before));
}

}  // namespace vstation::store::web
