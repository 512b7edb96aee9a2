#pragma once
// The web face's state (`vstation serve`; docs/design.md §2 "web session", "paired device",
// "calendar feed"; §5): sign-ins, paired kiosk tablets, private calendar feeds, one-time
// sign-in codes, per-station secrets for rotating check-in codes and rate-limit attempts. All of
// it lives in the database (schema version 11) so several server processes can share one
// PostgreSQL; nothing here is kept in memory between calls.
//
// Tokens. The web layer makes every token (random, at least 128 bits) and passes only the
// SHA-256 of it as 64 lowercase hexadecimal digits (a "hash" below); the raw token never reaches
// the database. A value that is not such a hash is refused with a FieldError naming the column,
// so a raw token passed by mistake is never stored. Look-ups by hash are exact (indexed) matches.
//
// Transactions. Like the other repositories these run in the caller's transaction, or on their
// own (each statement then commits by itself). The race-safe ones say so: consume_signin_code and
// station_secret are single statements (or an insert-then-read) meant to be called outside a
// transaction or in one begun with Isolation::explicit_locks (READ COMMITTED on PostgreSQL); in a
// SERIALIZABLE transaction PostgreSQL may instead refuse the loser with StoreFault::busy (retry).
// Either way a code is never used twice and a station never gets two secrets.
//
// Instants are UTC seconds; `now` always comes from the caller (pinned in tests).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "vstation/domain/ids.hpp"
#include "vstation/domain/time.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store::web {

// Who a web session is for: a signed-in volunteer, a paired kiosk device or a signed-in staff
// account (schema version 13), exactly one.
using Principal = std::variant<VolunteerId, PairedDeviceId, StaffAccountId>;

// ---------------------------------------------------------------------------------------------
// Web sessions

struct NewWebSession {
  std::string token_hash;  // SHA-256 hex of the session cookie's token
  std::string csrf_hash;   // SHA-256 hex of the session's CSRF token
  Principal principal;
  Instant now;
  std::int64_t lifetime_seconds = 12 * 3600;  // absolute: expires at now + lifetime
  std::int64_t idle_seconds = 30 * 60;        // idle: expires this long after the last touch
};

struct WebSession {
  WebSessionId id;
  Principal principal;
  std::string csrf_hash;
  Instant created;
  Instant last_seen;
  Instant expires;       // absolute expiry
  Instant idle_expires;  // last_seen + idle seconds, never past `expires`
  bool revoked = false;
  // A volunteer's number (find_session reads it with the session: the web names the volunteer
  // in audit rows without another query); empty for a device or staff session.
  std::string volunteer_number;
};

// A new session. Lifetime and idle time must be positive (else std::invalid_argument).
WebSessionId create_session(Connection& db, const NewWebSession& s);

// The live session with this token hash at `now`: nullopt when unknown, revoked, past its
// absolute or idle expiry, held by a device since revoked, by a volunteer who is no longer
// active (retired or suspended; made active again, their unexpired sessions count again), or by
// a retired staff account.
std::optional<WebSession> find_session(Connection& db, std::string_view token_hash, Instant now);

// Records activity: last seen = now, idle expiry = now + idle seconds (capped at the absolute
// expiry). False, and nothing changed, when the session is no longer live at `now`. Each touch
// is a write: the web layer may skip it while the last one is recent (say, under a minute).
bool touch_session(Connection& db, WebSessionId id, Instant now);

// Revokes one session (sign-out); false if it was already revoked or does not exist.
bool revoke_session(Connection& db, WebSessionId id);
// Revokes every session of a volunteer ("sign out everywhere", a changed PIN); how many.
std::int64_t revoke_sessions_of(Connection& db, VolunteerId v);
// Revokes every session of a staff account (retired, password reset); how many.
std::int64_t revoke_sessions_of(Connection& db, StaffAccountId a);

// Rotation at sign-in (no session fixation): the session the browser came with, if any, is
// revoked and a new one made under a fresh token, in the caller's transaction. A volunteer who
// signs in on a device session's browser gets a new session; the device's stays revoked.
WebSessionId rotate_session(Connection& db, std::optional<WebSessionId> old,
                            const NewWebSession& fresh);

// Deletes sessions that are revoked or past either expiry (with their kiosk conversations),
// sign-in codes used or past expiry and pairing codes unused past expiry; returns how many rows
// went. Paired devices and calendar feeds are kept (revoked ones too, for their station's list);
// rate-limit attempts have purge_attempts.
std::int64_t purge_expired(Connection& db, Instant now);

// ---------------------------------------------------------------------------------------------
// Paired kiosk devices

struct PairedDevice {
  PairedDeviceId id;
  StationId station;
  std::string name;  // as the coordinator named it: "desk tablet"
  Instant created;
  bool revoked = false;
};

// A device paired with the station under a long-lived token. The name is checked like a record's
// name (not blank, at most 100 characters, no control characters; FieldError "name").
PairedDeviceId pair_device(Connection& db, StationId station, std::string_view name,
                           std::string_view token_hash, Instant now);
// The device holding this token, unless revoked.
std::optional<PairedDevice> find_device(Connection& db, std::string_view token_hash);
// The device by its id, revoked or not.
std::optional<PairedDevice> get_device(Connection& db, PairedDeviceId id);
// The station's devices, revoked ones too, in the order they were paired.
std::vector<PairedDevice> devices_of(Connection& db, StationId station);
// Revokes the device and every web session it holds; false if already revoked or unknown.
bool revoke_device(Connection& db, PairedDeviceId id);

// A one-time pairing code for a device (the link `vstation device pair` prints), valid from `now`
// until `expires` (later, else FieldError "expires_at").
void create_pair_code(Connection& db, PairedDeviceId device, std::string_view code_hash,
                      Instant now, Instant expires);
// Uses the pairing code: once, before its expiry, for a device not revoked (one UPDATE decides,
// as consume_signin_code). The device, or nullopt.
std::optional<PairedDevice> consume_pair_code(Connection& db, std::string_view code_hash,
                                              Instant now);
// When the device's pairing link was first used; nullopt while it was not.
std::optional<Instant> device_paired_at(Connection& db, PairedDeviceId device);
// When the device's last pairing link expires (expired, if before now); nullopt if it has none.
std::optional<Instant> device_link_expires(Connection& db, PairedDeviceId device);

// ---------------------------------------------------------------------------------------------
// Kiosk conversations (the web kiosk's memory between two inputs, per device session)

struct KioskConversation {
  std::string state;  // kiosk::Conversation::encode()
  std::optional<VolunteerId> volunteer;
  Instant updated;
};

// Saves (replaces) the conversation of a device session.
void save_conversation(Connection& db, WebSessionId session, std::string_view state,
                       std::optional<VolunteerId> volunteer, Instant now);
std::optional<KioskConversation> load_conversation(Connection& db, WebSessionId session);

// ---------------------------------------------------------------------------------------------
// Calendar feeds (a volunteer's private iCalendar subscription URL)

struct CalendarFeed {
  CalendarFeedId id;
  VolunteerId volunteer;
  Instant created;
  bool revoked = false;
};

// A new feed for the volunteer; their previous one, if any, is revoked (at most one is active:
// the schema's partial unique index). It takes the volunteer's lock (LockSpace::volunteer): in a
// transaction begun with Isolation::explicit_locks two servers making a feed for one volunteer
// take turns; otherwise the loser of such a race may be refused (StoreFault::busy or unique),
// never leaving two feeds active.
CalendarFeedId create_feed(Connection& db, VolunteerId v, std::string_view token_hash, Instant now);
// The active feed with this token hash.
std::optional<CalendarFeed> find_feed(Connection& db, std::string_view token_hash);
// The volunteer's active feed, if any (their page says whether a link exists; never the token).
std::optional<CalendarFeed> feed_of(Connection& db, VolunteerId v);
// Revokes the volunteer's active feed; false if they had none.
bool revoke_feed(Connection& db, VolunteerId v);

// ---------------------------------------------------------------------------------------------
// One-time sign-in codes (the kiosk's "sign in on your phone" after a volunteer identified there)

struct SignInCode {
  SignInCodeId id;
  VolunteerId volunteer;
  StationId station;
  Instant created;
  Instant expires;
  std::optional<Instant> used;
};

// A code valid from `now` until `expires` (later than now, else FieldError "expires_at"). The code
// must be random enough that its hash is unique (the column is UNIQUE): 128 bits, as every token.
SignInCodeId create_signin_code(Connection& db, std::string_view code_hash, VolunteerId v,
                                StationId station, Instant now, Instant expires);
// Uses the code: valid only once and only before its expiry. One UPDATE … WHERE used_at IS NULL
// AND expires_at > now decides, so of two server processes racing for one code exactly one gets
// it. The code as used, or nullopt (unknown, expired or used already).
std::optional<SignInCode> consume_signin_code(Connection& db, std::string_view code_hash,
                                              Instant now);

// ---------------------------------------------------------------------------------------------
// Rotating station check-in codes

// The station's secret (32 random bytes as 64 hex digits), made on first use. The web layer
// derives each code as HMAC(secret, window) over 30-second windows; no code is stored. Race-safe:
// INSERT … ON CONFLICT DO NOTHING, then read back whichever secret won.
std::string station_secret(Connection& db, StationId station, Instant now);
// Replaces the station's secret (every code derived from the old one stops matching); the new one.
std::string rotate_station_secret(Connection& db, StationId station, Instant now);

// The address the station's web face is reached at from outside ("https://vs.example.org", no
// trailing slash): what an issued certificate's QR code opens (SITE/verify?…) and what
// `vstation serve` uses for its links unless --public-url says otherwise. Kept in the settings
// table under "public_url:<station id>" (no schema change); nullopt when none is set.
std::optional<std::string> public_url(Connection& db, StationId station);
// Sets it (the caller has checked the form: http:// or https:// and a host) or, with nullopt,
// removes it. A value not starting with http:// or https://, or with spaces or control
// characters, is FieldError "public_url".
void set_public_url(Connection& db, StationId station, const std::optional<std::string>& url);

// ---------------------------------------------------------------------------------------------
// Rate limiting by client address

// Records one attempt. The bucket is a short name ("signin": lowercase letters, digits, '_',
// '-', '.', at most 32); the address is the client's as text (an IP address: printable ASCII, at
// most 64). Else FieldError "bucket" / "address".
void record_attempt(Connection& db, std::string_view bucket, std::string_view address, Instant at);
// Attempts in the bucket from the address in the last `window_seconds` before `now`
// (at > now - window).
std::int64_t count_attempts(Connection& db, std::string_view bucket, std::string_view address,
                            Instant now, std::int64_t window_seconds);
// When the address's count in the bucket falls below `limit` again (its `limit`-th newest attempt
// in the window leaves it, `window_seconds` after it was made); nullopt while under the limit.
std::optional<Instant> attempts_below_limit_at(Connection& db, std::string_view bucket,
                                               std::string_view address, Instant now,
                                               std::int64_t window_seconds, std::int64_t limit);
// Deletes attempts at or before `before` (now minus the longest window in use); how many.
std::int64_t purge_attempts(Connection& db, Instant before);

}  // namespace vstation::store::web
