#pragma once
// Signing in with volunteer number and PIN: the one rule behind the /signin form and
// POST /api/v1/signin (the kiosk's hash and lockout, the per-address rate limit, who may serve).

#include <optional>
#include <string>

#include "routes.hpp"

namespace vstation::web::detail {

struct SignInResult {
  enum class Kind {
    accepted,
    rate_limited,
    kiosk_tablet,
    malformed,
    unknown,
    may_not_serve,
    locked,
    no_pin,
    wrong
  };
  Kind kind = Kind::wrong;
  int status = 200;                      // the refusal's HTTP status (accepted: 200)
  std::string code;                      // the refusal's API error code
  Text text;                             // the refusal in words
  std::string token;                     // accepted: the new session's cookie value
  std::optional<VolunteerId> volunteer;  // accepted: who
};

// Counts the attempt against the client's address, checks the number and PIN and, when they
// are right, starts a session (rotating the one the request carried) whose cookie goes into
// `out`. nullopt number or PIN: the request did not carry them (malformed).
// Whether the request comes from a paired kiosk tablet (its device session): no volunteer signs
// in there, and the volunteer pages send it back to /kiosk.
bool on_kiosk_tablet(const Ctx& c);

SignInResult sign_in_with_pin(Ctx& c, const std::optional<std::string>& number,
                              const std::optional<std::string>& pin, Response& out);

}  // namespace vstation::web::detail
