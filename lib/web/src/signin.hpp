#pragma once
// Signing in with volunteer number and PIN: the one rule behind the /signin form and
// POST /api/v1/signin (the kiosk's hash and lockout, the per-address rate limit, who may serve).

#include <functional>
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
    incomplete,  // a field missing, empty, or not in its form (a PIN's digits): said, not counted
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
  std::optional<VolunteerId> volunteer;  // accepted: who (a volunteer)
  std::optional<StaffAccountId> staff;   // accepted: who (a staff account)
};

// A limit of failed attempts per client address, by the web face's own rate-limit table
// (store::web::record_attempt / count_attempts): sign-ins, public certificate checks. Only failures
// count: a station's phones may share one address (its Wi-Fi, a carrier's NAT). Every window is
// shorter than kAttemptHorizonSeconds.
struct AddressLimit {
  std::string_view bucket;  // store::web bucket name
  std::int64_t attempts;    // failures allowed in the window
  std::int64_t window_seconds;
};
inline constexpr AddressLimit kSignInLimit{"signin", 20, 600};
inline constexpr AddressLimit kCertificateCheckLimit{"certcheck", 20, 600};
static_assert(kSignInLimit.window_seconds < kAttemptHorizonSeconds &&
              kCertificateCheckLimit.window_seconds < kAttemptHorizonSeconds);
// Whether the request's address has used up its failures.
bool over_limit(const Ctx& c, const AddressLimit& limit);
// Counts one failure against the request's address (its own transaction).
void count_failure(Ctx& c, const AddressLimit& limit);
inline constexpr AddressLimit kStaffSignInLimit{"staff-signin", 20, 600};
static_assert(kStaffSignInLimit.window_seconds < kAttemptHorizonSeconds);
inline constexpr Msg kTooMany{"Too many sign-in attempts from this address: wait ten minutes.",
                              "此地址登录尝试过多：请十分钟后再试。"};

// Counts the attempt against the client's address, checks the number and PIN and, when they
// are right, starts a session (rotating the one the request carried) whose cookie goes into
// `out`. nullopt number or PIN: the request did not carry them (malformed).
// Whether the request comes from a paired kiosk tablet (its device session): no volunteer signs
// in there, and the volunteer pages send it back to /kiosk.
bool on_kiosk_tablet(const Ctx& c);

SignInResult sign_in_with_pin(Ctx& c, const std::optional<std::string>& number,
                              const std::optional<std::string>& pin, Response& out);

}  // namespace vstation::web::detail

namespace vstation::web::detail {

// Signing in with a staff login and password: the address's limit (bucket "staff-signin"), the
// PIN lockout's rule on the account (kiosk::check_staff_password), a session rotated at sign-in.
// An unknown login, a retired account and a wrong password get the same answer.
SignInResult sign_in_with_password(Ctx& c, const std::optional<std::string>& login,
                                   const std::optional<std::string>& password, Response& out);

// The JSON API's sign-in and sign-out for either kind of account (POST /api/v1/signin,
// /api/v1/staff/signin): the two credentials come as a JSON object or as form fields (`bad_body`
// names them when neither is there); `sign` is the account kind's rule, `principal` the JSON
// (dumped) of whoever it accepted, given the new session's CSRF token.
using SignInRule = SignInResult (*)(Ctx&, const std::optional<std::string>&,
                                    const std::optional<std::string>&, Response&);
Response api_sign_in(
    Ctx& c, const char* who_field, const char* secret_field, const Msg& bad_body, SignInRule sign,
    const std::function<std::string(const SignInResult&, const std::string&)>& principal);
// Ends the request's session and clears its cookie (204).
Response api_sign_out(Ctx& c);

}  // namespace vstation::web::detail
