#include "sessions.hpp"

#include "vstation/kiosk/retry.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/report/certificate.hpp"

namespace vstation::web::detail {
namespace {
constexpr std::int64_t kLifetimeSeconds = 12 * 3600;
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

void start_session(store::Connection& db, const Request& r, VolunteerId v, Instant now,
                   Response& out) {
  std::string token = kiosk::new_secret_token();
  kiosk::retry_transaction(db, [&] {
    std::optional<WebSessionId> old;
    if (auto t = r.cookie(kSessionCookie); t && t->size() == 64)
      if (auto s = store::web::find_session(db, sha256_hex(*t), now)) old = s->id;
    store::web::NewWebSession fresh{sha256_hex(token), sha256_hex(csrf_for(token)), v, now};
    fresh.lifetime_seconds = kLifetimeSeconds;
    return store::web::rotate_session(db, old, fresh);
  });
  out.headers.emplace_back("Set-Cookie",
                           session_cookie(kSessionCookie, token, r.tls, kLifetimeSeconds));
}

bool csrf_ok(const SignedIn& s, const Request& r) {
  auto given = r.form("csrf");
  return given && sha256_hex(*given) == s.session.csrf_hash;
}

}  // namespace vstation::web::detail
