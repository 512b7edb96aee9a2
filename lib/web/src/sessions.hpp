#pragma once
// Who is asking: the session cookie, checked against the database on every request (any server
// process can answer), and the CSRF token every state-changing form carries.

#include <optional>
#include <string>

#include "vstation/store/web_state.hpp"
#include "vstation/web/http.hpp"

namespace vstation::web::detail {

inline constexpr std::string_view kSessionCookie = "vs_session";
// Where a stranger was going when sent to sign in (a path on this site, URL-encoded).
inline constexpr std::string_view kBackCookie = "vs_back";
// The same for a staff page (its own, so a volunteer's sign-in never leads to a staff page).
inline constexpr std::string_view kStaffBackCookie = "vs_staff_back";

struct SignedIn {
  store::web::WebSession session;
  std::string token;  // the cookie's value
  [[nodiscard]] std::optional<VolunteerId> volunteer() const;
  [[nodiscard]] std::optional<StaffAccountId> staff() const;
  [[nodiscard]] bool device() const;
  // The form token for this session (derived from the cookie; its hash is stored).
  [[nodiscard]] std::string csrf() const;
};

std::string sha256_hex(std::string_view s);
std::string csrf_for(std::string_view token);

// The live session the cookie names, touched (written at most once a minute); none if absent,
// expired or revoked.
std::optional<SignedIn> current_session(store::Connection& db, const Request& r, Instant now);
// A fresh session for `v` replacing the one the request carried (rotation at sign-in); the
// response gets its cookie. Returns the new cookie's value (its CSRF token is csrf_for(it)).
std::string start_session(store::Connection& db, const Request& r, VolunteerId v, Instant now,
                          Response& out);
// A fresh session for a staff account (as a volunteer's: twelve hours, half an hour idle),
// replacing the one the request carried; the response gets its cookie. Returns the cookie's value.
std::string start_staff_session(store::Connection& db, const Request& r, StaffAccountId a,
                                Instant now, Response& out);
// A long-lived session for a paired kiosk device (a year; a month idle), replacing the one the
// request carried; the response gets its cookie.
void start_device_session(store::Connection& db, const Request& r, PairedDeviceId device,
                          Instant now, Response& out);
// The site's own address as the browser reached it ("https://host"), for links in QR codes.
std::string site_url(const Request& r);
// Whether the form's csrf field matches the session.
bool csrf_ok(const SignedIn& s, const Request& r);

}  // namespace vstation::web::detail
