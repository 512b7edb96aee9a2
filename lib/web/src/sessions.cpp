#include "sessions.hpp"

#include "vstation/kiosk/retry.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/report/certificate.hpp"

namespace vstation::web::detail {
namespace {
constexpr std::int64_t kLifetimeSeconds = 12 * 3600;
// A kiosk tablet stays paired for a year, and signed in while used at least once a month.
constexpr std::int64_t kDeviceLifetimeSeconds = 365 * 24 * 3600;
constexpr std::int64_t kDeviceIdleSeconds = 31 * 24 * 3600;
// A touch (last seen, idle expiry) is a write: made when the last one is a minute old or more, so
// that a page view is only a read (the idle expiry is then at most a minute early).
constexpr std::int64_t kTouchEverySeconds = 60;
}  // namespace

std::string sha256_hex(std::string_view s) {
  return report::sha256_hex(s);
}

std::string csrf_for(std::string_view token) {
  return sha256_hex(std::string(token) + ":csrf");
}

std::optional<VolunteerId> SignedIn::volunteer() const {
  if (auto v = std::get_if<VolunteerId>(&session.principal)) return *v;
  return std::nullopt;
}

std::optional<StaffAccountId> SignedIn::staff() const {
  if (auto a = std::get_if<StaffAccountId>(&session.principal)) return *a;
  return std::nullopt;
}

bool SignedIn::device() const {
  return std::holds_alternative<PairedDeviceId>(session.principal);
}

std::string SignedIn::csrf() const {
  return csrf_for(token);
}

std::optional<SignedIn> current_session(store::Connection& db, const Request& r, Instant now) {
  auto token = r.cookie(kSessionCookie);
  if (!token || token->size() != 64) return std::nullopt;
  auto s = store::web::find_session(db, sha256_hex(*token), now);
  if (!s) return std::nullopt;
  if (now.seconds - s->last_seen.seconds >= kTouchEverySeconds &&
      !kiosk::retry_transaction(db, [&] { return store::web::touch_session(db, s->id, now); }))
    return std::nullopt;  // revoked or expired since it was found
  return SignedIn{*s, *token};
}

namespace {
std::string start(store::Connection& db, const Request& r, store::web::Principal who, Instant now,
                  std::int64_t lifetime, std::int64_t idle, Response& out) {
  std::string token = kiosk::new_secret_token();
  kiosk::retry_transaction(db, [&] {
    std::optional<WebSessionId> old;
    if (auto t = r.cookie(kSessionCookie); t && t->size() == 64)
      if (auto s = store::web::find_session(db, sha256_hex(*t), now)) old = s->id;
    store::web::NewWebSession fresh{sha256_hex(token), sha256_hex(csrf_for(token)), who, now};
    fresh.lifetime_seconds = lifetime;
    fresh.idle_seconds = idle;
    return store::web::rotate_session(db, old, fresh);
  });
  out.headers.emplace_back("Set-Cookie", session_cookie(kSessionCookie, token, r.tls, lifetime));
  return token;
}
}  // namespace

std::string start_session(store::Connection& db, const Request& r, VolunteerId v, Instant now,
                          Response& out) {
  return start(db, r, v, now, kLifetimeSeconds, store::web::NewWebSession{}.idle_seconds, out);
}

std::string start_staff_session(store::Connection& db, const Request& r, StaffAccountId a,
                                Instant now, Response& out) {
  return start(db, r, a, now, kLifetimeSeconds, store::web::NewWebSession{}.idle_seconds, out);
}

void start_device_session(store::Connection& db, const Request& r, PairedDeviceId device,
                          Instant now, Response& out) {
  start(db, r, device, now, kDeviceLifetimeSeconds, kDeviceIdleSeconds, out);
}

std::string site_url(const Request& r) {
  if (!r.public_url.empty()) return r.public_url;
  // r.tls is the scheme a trusted proxy saw (web::behind_proxy): no other header is believed.
  bool https = r.tls;
  std::string host = r.header("host").value_or("localhost");
  // A host name, an IPv4 or [IPv6] address and a port: nothing else reaches a link.
  if (host.empty() || host.size() > 255 ||
      host.find_first_not_of(
          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") !=
          std::string::npos)
    host = "localhost";
  return std::string(https ? "https://" : "http://") + host;
}

bool csrf_ok(const SignedIn& s, const Request& r) {
  auto given = r.form("csrf");
  return given && sha256_hex(*given) == s.session.csrf_hash;
}

}  // namespace vstation::web::detail
