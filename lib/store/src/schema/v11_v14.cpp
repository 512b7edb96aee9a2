// Schema versions 11 to 14 (tokens and blocks: schema.hpp).

#include "schema/schema.hpp"

namespace vstation::store::schema {
namespace {

// Version 11: the web face's state (`vstation serve`; docs/design.md §2, §5), in the database so
// several server processes can share one PostgreSQL. Credentials are stored only as the SHA-256
// (hex) of the random token the browser holds; store::web checks each value before it gets here.
// - A station's paired kiosk devices (a tablet given a long-lived token at pairing).
// - Web sessions: a signed-in volunteer or a paired device (exactly one), with the hash of its
//   CSRF token, absolute and idle expiry; revoked rather than deleted until purged.
// - A volunteer's private calendar feed: at most one active (the partial unique index).
// - One-time sign-in codes (the kiosk's "sign in on your phone"): used once, before expiry.
// - A per-station secret from which the web layer derives rotating check-in codes
//   (HMAC over the 30-second window); the codes themselves are never stored.
// - Attempts by client address per bucket ("signin"), for rate limiting; purged when old.
// - How long before a shift starts a volunteer may still cancel their own sign-up on the web.
constexpr std::string_view kV11 = R"sql(
ALTER TABLE stations ADD COLUMN cancel_deadline_hours {INT} NOT NULL DEFAULT 24
  CHECK (cancel_deadline_hours BETWEEN 0 AND 720);

CREATE TABLE paired_devices (
  id         {ID},
  station_id {INT} NOT NULL REFERENCES stations (id),
  name       {TEXT} NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash {TEXT} NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  created_at {INT} NOT NULL,
  revoked    {INT} NOT NULL DEFAULT 0
);
CREATE INDEX paired_devices_by_station ON paired_devices (station_id);

CREATE TABLE web_sessions (
  id              {ID},
  token_hash      {TEXT} NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  csrf_hash       {TEXT} NOT NULL CHECK (length(csrf_hash) = 64),
  volunteer_id    {INT} REFERENCES volunteers (id),
  device_id       {INT} REFERENCES paired_devices (id),
  created_at      {INT} NOT NULL,
  last_seen_at    {INT} NOT NULL,
  expires_at      {INT} NOT NULL,
  idle_seconds    {INT} NOT NULL,
  idle_expires_at {INT} NOT NULL,
  revoked         {INT} NOT NULL DEFAULT 0,
  CHECK ((volunteer_id IS NULL) <> (device_id IS NULL))
);
CREATE INDEX web_sessions_by_volunteer ON web_sessions (volunteer_id) WHERE volunteer_id IS NOT NULL;
CREATE INDEX web_sessions_by_device ON web_sessions (device_id) WHERE device_id IS NOT NULL;
CREATE INDEX web_sessions_by_expiry ON web_sessions (expires_at);

CREATE TABLE calendar_feeds (
  id           {ID},
  volunteer_id {INT} NOT NULL REFERENCES volunteers (id),
  token_hash   {TEXT} NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  created_at   {INT} NOT NULL,
  revoked      {INT} NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX calendar_feeds_one_active ON calendar_feeds (volunteer_id) WHERE revoked = 0;

CREATE TABLE signin_codes (
  id           {ID},
  code_hash    {TEXT} NOT NULL UNIQUE CHECK (length(code_hash) = 64),
  volunteer_id {INT} NOT NULL REFERENCES volunteers (id),
  station_id   {INT} NOT NULL REFERENCES stations (id),
  created_at   {INT} NOT NULL,
  expires_at   {INT} NOT NULL,
  used_at      {INT},
  CHECK (expires_at > created_at)
);
CREATE INDEX signin_codes_by_volunteer ON signin_codes (volunteer_id);
CREATE INDEX signin_codes_by_expiry ON signin_codes (expires_at);

CREATE TABLE station_secrets (
  station_id {INT} PRIMARY KEY REFERENCES stations (id),
  secret     {TEXT} NOT NULL CHECK (length(secret) = 64),
  created_at {INT} NOT NULL
);

CREATE TABLE rate_attempts (
  id      {ID},
  bucket  {TEXT} NOT NULL CHECK (length(bucket) BETWEEN 1 AND 32),
  address {TEXT} NOT NULL CHECK (length(address) BETWEEN 1 AND 64),
  at      {INT} NOT NULL
);
CREATE INDEX rate_attempts_by_key ON rate_attempts (bucket, address, at);
CREATE INDEX rate_attempts_by_time ON rate_attempts (at);
)sql";

// Version 12: the web kiosk (`vstation device pair`, /kiosk).
// - One-time pairing codes: the link `vstation device pair` prints opens a device session on the
//   tablet once, before its expiry; only the code's SHA-256 is stored.
// - A kiosk conversation per device session: kiosk::Conversation's text (the state machine's
//   memory between two inputs, since each input may reach another server process) and the
//   volunteer it is about, for erasure. Kept a few minutes; purged with its session.
constexpr std::string_view kV12 = R"sql(
CREATE TABLE device_pair_codes (
  id         {ID},
  device_id  {INT} NOT NULL REFERENCES paired_devices (id),
  code_hash  {TEXT} NOT NULL UNIQUE CHECK (length(code_hash) = 64),
  created_at {INT} NOT NULL,
  expires_at {INT} NOT NULL,
  used_at    {INT},
  CHECK (expires_at > created_at)
);
CREATE INDEX device_pair_codes_by_device ON device_pair_codes (device_id);

CREATE TABLE kiosk_conversations (
  session_id   {INT} PRIMARY KEY REFERENCES web_sessions (id),
  volunteer_id {INT} REFERENCES volunteers (id),
  state        {TEXT} NOT NULL,
  updated_at   {INT} NOT NULL
);
CREATE INDEX kiosk_conversations_by_volunteer ON kiosk_conversations (volunteer_id);
)sql";

// Version 13: staff accounts (issue 16; docs/design.md §2 "staff account", §5).
// - A coordinator, secretary or district account: a unique login name, a display name, the role,
//   the station (required for a coordinator or secretary, absent for the district), the
//   password's Argon2id hash (kiosk::hash_password, the PINs' hashing), the failed-attempt count
//   and lockout (the PIN lockout's rule, kiosk::after_failure) and when it was made and retired.
// - A web session may belong to a staff account: web_sessions gains staff_id, and the rule
//   "exactly one of volunteer, device" becomes "exactly one of volunteer, device, staff". SQLite
//   cannot change a CHECK in place, so the table is rebuilt with its rows (and kiosk_conversations,
//   which refers to it, around it; children dropped first, so no foreign key is ever broken);
//   PostgreSQL adds the column and replaces the constraint (so its column comes last).
constexpr std::string_view kV13 = R"sql(
CREATE TABLE staff_accounts (
  id            {ID},
  login         {TEXT} NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 32),
  name          {TEXT} NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  role          {TEXT} NOT NULL CHECK (role IN ('coordinator', 'secretary', 'district')),
  station_id    {INT} REFERENCES stations (id),
  password_hash {TEXT} NOT NULL,
  failures      {INT} NOT NULL DEFAULT 0,
  locked_until  {INT},
  created_at    {INT} NOT NULL,
  retired_at    {INT},
  CHECK ((role = 'district') = (station_id IS NULL))
);

{sqlite}
CREATE TABLE web_sessions_v12 AS SELECT * FROM web_sessions;
CREATE TABLE kiosk_conversations_v12 AS SELECT * FROM kiosk_conversations;
DROP TABLE kiosk_conversations;
DROP TABLE web_sessions;
CREATE TABLE web_sessions (
  id              {ID},
  token_hash      {TEXT} NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  csrf_hash       {TEXT} NOT NULL CHECK (length(csrf_hash) = 64),
  volunteer_id    {INT} REFERENCES volunteers (id),
  device_id       {INT} REFERENCES paired_devices (id),
  staff_id        {INT} REFERENCES staff_accounts (id),
  created_at      {INT} NOT NULL,
  last_seen_at    {INT} NOT NULL,
  expires_at      {INT} NOT NULL,
  idle_seconds    {INT} NOT NULL,
  idle_expires_at {INT} NOT NULL,
  revoked         {INT} NOT NULL DEFAULT 0,
  CHECK ((volunteer_id IS NOT NULL) + (device_id IS NOT NULL) + (staff_id IS NOT NULL) = 1)
);
INSERT INTO web_sessions (id, token_hash, csrf_hash, volunteer_id, device_id, created_at,
  last_seen_at, expires_at, idle_seconds, idle_expires_at, revoked)
  SELECT id, token_hash, csrf_hash, volunteer_id, device_id, created_at, last_seen_at,
  expires_at, idle_seconds, idle_expires_at, revoked FROM web_sessions_v12;
CREATE INDEX web_sessions_by_volunteer ON web_sessions (volunteer_id) WHERE volunteer_id IS NOT NULL;
CREATE INDEX web_sessions_by_device ON web_sessions (device_id) WHERE device_id IS NOT NULL;
{pg}
ALTER TABLE web_sessions ADD COLUMN staff_id {INT} REFERENCES staff_accounts (id);
ALTER TABLE web_sessions DROP CONSTRAINT web_sessions_check;
ALTER TABLE web_sessions ADD CONSTRAINT web_sessions_check
  CHECK (num_nonnulls(volunteer_id, device_id, staff_id) = 1);
{both}
CREATE INDEX web_sessions_by_staff ON web_sessions (staff_id) WHERE staff_id IS NOT NULL;
{sqlite}
CREATE INDEX web_sessions_by_expiry ON web_sessions (expires_at);

CREATE TABLE kiosk_conversations (
  session_id   {INT} PRIMARY KEY REFERENCES web_sessions (id),
  volunteer_id {INT} REFERENCES volunteers (id),
  state        {TEXT} NOT NULL,
  updated_at   {INT} NOT NULL
);
INSERT INTO kiosk_conversations (session_id, volunteer_id, state, updated_at)
  SELECT session_id, volunteer_id, state, updated_at FROM kiosk_conversations_v12;
CREATE INDEX kiosk_conversations_by_volunteer ON kiosk_conversations (volunteer_id);
DROP TABLE kiosk_conversations_v12;
DROP TABLE web_sessions_v12;
{both}
)sql";

// Version 14 (issue 17): the report's indexes. `sessions_credited` covers the one streamed pass
// over credited sessions (store::stats::CreditedSessions: check-in, station, volunteer, shift,
// project, minutes), so a report never reads the sessions table itself; being partial, it
// holds no open, auto-closed or rejected session (a check-in writes no entry in it). Three
// indexes are widened to cover what the report reads beside their key, instead of adding
// more: sessions by shift (the distinct volunteers filling each shift's slots), shifts by time
// (projects active, shifts, slots) and incidents by time (the service log). `sessions_awaiting`
// holds only the sessions awaiting review.
constexpr std::string_view kV14 = R"sql(
CREATE INDEX sessions_credited ON sessions (eff_in, station_id, volunteer_id, shift_id, project_id, credited_min)
  WHERE credited_min > 0;
DROP INDEX sessions_by_shift;
CREATE INDEX sessions_by_shift ON sessions (shift_id, volunteer_id, credited_min) WHERE shift_id IS NOT NULL;
CREATE INDEX sessions_awaiting ON sessions (eff_in, station_id)
  WHERE status = 'auto_closed' OR (status = 'closed' AND shift_id IS NULL);
DROP INDEX shifts_by_time;
CREATE INDEX shifts_by_time ON shifts (starts_at, station_id, cancelled, project_id, slots);
DROP INDEX incidents_by_time;
CREATE INDEX incidents_by_time ON incidents (at, station_id, type, people_served);
)sql";

}  // namespace

std::vector<Migration> migrations_v11_v14() {
  return {Migration::shared(kV11), Migration::shared(kV12), Migration::shared(kV13),
          Migration::shared(kV14)};
}

}  // namespace vstation::store::schema
