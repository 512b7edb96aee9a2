// The SQLite schema, as forward-only migrations keyed by PRAGMA user_version.
// Instants are INTEGER UTC seconds; calendar dates are TEXT 'YYYY-MM-DD'; times of day are
// INTEGER minutes after local midnight; flags are INTEGER 0/1.

#include "sqlite/sqlite_connection.hpp"
#include "vstation/store/seal.hpp"

#include <cctype>
#include <map>

namespace vstation::store::sqlite {
namespace {

constexpr std::string_view kV1 = R"sql(
CREATE TABLE stations (
  id                     INTEGER PRIMARY KEY,
  code                   TEXT NOT NULL UNIQUE CHECK (length(code) > 0),
  name                   TEXT NOT NULL CHECK (length(name) > 0),
  location               TEXT NOT NULL DEFAULT '',
  utc_offset_min         INTEGER NOT NULL DEFAULT 480 CHECK (utc_offset_min BETWEEN -840 AND 840),
  opens_min              INTEGER NOT NULL DEFAULT 480,
  closes_min             INTEGER NOT NULL DEFAULT 1200,
  rounding_min           INTEGER NOT NULL DEFAULT 0 CHECK (rounding_min IN (0, 5, 10, 15, 30)),
  max_session_min        INTEGER NOT NULL DEFAULT 720 CHECK (max_session_min > 0),
  early_allowance_min    INTEGER NOT NULL DEFAULT 30 CHECK (early_allowance_min >= 0),
  overtime_allowance_min INTEGER NOT NULL DEFAULT 0 CHECK (overtime_allowance_min >= 0),
  min_rest_min           INTEGER NOT NULL DEFAULT 0 CHECK (min_rest_min >= 0),
  walk_ins               TEXT NOT NULL DEFAULT 'allow' CHECK (walk_ins IN ('allow', 'refuse')),
  person_in_charge       TEXT NOT NULL DEFAULT '',
  contact                TEXT NOT NULL DEFAULT '',
  retired                INTEGER NOT NULL DEFAULT 0,
  CHECK (closes_min > opens_min)
);

CREATE TABLE volunteers (
  id               INTEGER PRIMARY KEY,
  number           TEXT NOT NULL UNIQUE CHECK (length(number) > 0),
  name             TEXT NOT NULL CHECK (length(name) > 0),
  phone            TEXT NOT NULL DEFAULT '',
  id_type          TEXT NOT NULL DEFAULT 'none',
  id_number        TEXT NOT NULL DEFAULT '',
  birth_date       TEXT,
  join_date        TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'retired')),
  guardian_consent INTEGER NOT NULL DEFAULT 0,
  max_shifts_week  INTEGER NOT NULL DEFAULT 5 CHECK (max_shifts_week >= 0),
  max_minutes_week INTEGER NOT NULL DEFAULT 1200 CHECK (max_minutes_week >= 0),
  home_station_id  INTEGER REFERENCES stations (id)
);

CREATE TABLE skills (
  id      INTEGER PRIMARY KEY,
  code    TEXT NOT NULL UNIQUE CHECK (length(code) > 0),
  name_en TEXT NOT NULL DEFAULT '',
  name_zh TEXT NOT NULL DEFAULT ''
);

CREATE TABLE trainings (
  id           INTEGER PRIMARY KEY,
  station_id   INTEGER NOT NULL REFERENCES stations (id),
  topic        TEXT NOT NULL CHECK (length(topic) > 0),
  starts_at    INTEGER NOT NULL,
  minutes      INTEGER NOT NULL CHECK (minutes > 0),
  skill_id     INTEGER REFERENCES skills (id),
  valid_months INTEGER NOT NULL DEFAULT 24 CHECK (valid_months >= 0)
);
CREATE INDEX trainings_by_time ON trainings (starts_at);

CREATE TABLE training_attendees (
  training_id  INTEGER NOT NULL REFERENCES trainings (id),
  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id),
  PRIMARY KEY (training_id, volunteer_id)
);

CREATE TABLE certifications (
  id           INTEGER PRIMARY KEY,
  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id),
  skill_id     INTEGER NOT NULL REFERENCES skills (id),
  granted      TEXT NOT NULL,
  expires      TEXT,
  training_id  INTEGER REFERENCES trainings (id),
  UNIQUE (volunteer_id, skill_id, granted),
  CHECK (expires IS NULL OR expires >= granted)
);

CREATE TABLE projects (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE CHECK (length(code) > 0),
  station_id  INTEGER NOT NULL REFERENCES stations (id),
  name        TEXT NOT NULL CHECK (length(name) > 0),
  category    TEXT NOT NULL,
  published   TEXT NOT NULL,
  starts      TEXT NOT NULL,
  ends        TEXT,
  description TEXT NOT NULL DEFAULT '',
  retired     INTEGER NOT NULL DEFAULT 0,
  CHECK (ends IS NULL OR ends >= starts)
);

CREATE TABLE shift_templates (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE CHECK (length(code) > 0),
  station_id INTEGER NOT NULL REFERENCES stations (id),
  project_id INTEGER NOT NULL REFERENCES projects (id),
  weekdays   INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
  start_min  INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
  end_min    INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),
  slots      INTEGER NOT NULL CHECK (slots >= 1),
  priority   INTEGER NOT NULL DEFAULT 1 CHECK (priority >= 1),
  valid_from TEXT NOT NULL,
  valid_to   TEXT,
  retired    INTEGER NOT NULL DEFAULT 0,
  CHECK (end_min > start_min)
);

CREATE TABLE template_minimums (
  template_id INTEGER NOT NULL REFERENCES shift_templates (id),
  skill_id    INTEGER NOT NULL REFERENCES skills (id),
  min_count   INTEGER NOT NULL CHECK (min_count >= 1),
  PRIMARY KEY (template_id, skill_id)
);

CREATE TABLE shifts (
  id          INTEGER PRIMARY KEY,
  station_id  INTEGER NOT NULL REFERENCES stations (id),
  project_id  INTEGER NOT NULL REFERENCES projects (id),
  template_id INTEGER REFERENCES shift_templates (id),
  starts_at   INTEGER NOT NULL,
  ends_at     INTEGER NOT NULL,
  slots       INTEGER NOT NULL CHECK (slots >= 1),
  priority    INTEGER NOT NULL DEFAULT 1 CHECK (priority >= 1),
  cancelled   INTEGER NOT NULL DEFAULT 0,
  CHECK (ends_at > starts_at),
  UNIQUE (station_id, project_id, starts_at)
);
CREATE INDEX shifts_by_time ON shifts (starts_at);

CREATE TABLE shift_minimums (
  shift_id  INTEGER NOT NULL REFERENCES shifts (id),
  skill_id  INTEGER NOT NULL REFERENCES skills (id),
  min_count INTEGER NOT NULL CHECK (min_count >= 1),
  PRIMARY KEY (shift_id, skill_id)
);

CREATE TABLE availability (
  id           INTEGER PRIMARY KEY,
  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id),
  weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  start_min    INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
  end_min      INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),
  CHECK (end_min > start_min)
);
CREATE INDEX availability_by_volunteer ON availability (volunteer_id);

CREATE TABLE availability_exceptions (
  id           INTEGER PRIMARY KEY,
  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id),
  day          TEXT NOT NULL,
  start_min    INTEGER,
  end_min      INTEGER,
  available    INTEGER NOT NULL DEFAULT 0,
  CHECK ((start_min IS NULL) = (end_min IS NULL)),
  CHECK (end_min IS NULL OR end_min > start_min)
);
CREATE INDEX availability_exceptions_by_volunteer ON availability_exceptions (volunteer_id, day);

CREATE TABLE assignments (
  id           INTEGER PRIMARY KEY,
  shift_id     INTEGER NOT NULL REFERENCES shifts (id),
  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id),
  status       TEXT NOT NULL DEFAULT 'planned'
               CHECK (status IN ('planned', 'confirmed', 'cancelled', 'no_show')),
  source       TEXT NOT NULL DEFAULT 'auto' CHECK (source IN ('auto', 'manual')),
  pinned       INTEGER NOT NULL DEFAULT 0,
  UNIQUE (shift_id, volunteer_id)
);
CREATE INDEX assignments_by_volunteer ON assignments (volunteer_id);

CREATE TABLE sessions (
  id            INTEGER PRIMARY KEY,
  volunteer_id  INTEGER NOT NULL REFERENCES volunteers (id),
  station_id    INTEGER NOT NULL REFERENCES stations (id),
  shift_id      INTEGER REFERENCES shifts (id),
  project_id    INTEGER REFERENCES projects (id),
  raw_in        INTEGER NOT NULL,
  raw_out       INTEGER,
  eff_in        INTEGER NOT NULL,
  eff_out       INTEGER,
  status        TEXT NOT NULL CHECK (status IN
                ('open', 'closed', 'auto_closed', 'confirmed', 'corrected', 'rejected')),
  credited_min  INTEGER NOT NULL DEFAULT 0 CHECK (credited_min >= 0),
  note          TEXT NOT NULL DEFAULT '',
  CHECK (raw_out IS NULL OR raw_out >= raw_in),
  CHECK (eff_out IS NULL OR eff_out >= eff_in)
);
CREATE INDEX sessions_by_time ON sessions (eff_in);
CREATE INDEX sessions_by_volunteer ON sessions (volunteer_id, eff_in);
CREATE INDEX sessions_by_shift ON sessions (shift_id);
-- At most one open session per volunteer, whatever the station.
CREATE UNIQUE INDEX sessions_one_open ON sessions (volunteer_id) WHERE status = 'open';

-- Raw instants are written once and never changed (docs/design.md §3).
CREATE TRIGGER sessions_raw_in_fixed BEFORE UPDATE OF raw_in ON sessions
WHEN NEW.raw_in IS NOT OLD.raw_in
BEGIN SELECT RAISE(ABORT, 'raw check-in instants are never changed'); END;
CREATE TRIGGER sessions_raw_out_fixed BEFORE UPDATE OF raw_out ON sessions
WHEN OLD.raw_out IS NOT NULL AND NEW.raw_out IS NOT OLD.raw_out
BEGIN SELECT RAISE(ABORT, 'raw check-out instants are never changed'); END;

CREATE TABLE audit (
  id        INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  actor     TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  action    TEXT NOT NULL,
  reason    TEXT NOT NULL DEFAULT '',
  old_value TEXT NOT NULL DEFAULT '',
  new_value TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_entity ON audit (entity, entity_id);
-- The audit trail is append-only.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

CREATE TABLE incidents (
  id            INTEGER PRIMARY KEY,
  station_id    INTEGER NOT NULL REFERENCES stations (id),
  project_id    INTEGER REFERENCES projects (id),
  type          TEXT NOT NULL,
  at            INTEGER NOT NULL,
  people_served INTEGER NOT NULL DEFAULT 0 CHECK (people_served >= 0),
  note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX incidents_by_time ON incidents (at);

CREATE TABLE incident_volunteers (
  incident_id  INTEGER NOT NULL REFERENCES incidents (id),
  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id),
  PRIMARY KEY (incident_id, volunteer_id)
);
)sql";

// Version 2: kiosk identification (PIN hash, badge token), PIN lockouts, station-wide settings
// such as the coordinator's PIN hash.
constexpr std::string_view kV2 = R"sql(
ALTER TABLE volunteers ADD COLUMN pin_hash TEXT;
ALTER TABLE volunteers ADD COLUMN badge_token TEXT;
CREATE UNIQUE INDEX volunteers_badge ON volunteers (badge_token) WHERE badge_token IS NOT NULL;

CREATE TABLE kiosk_lockouts (
  volunteer_id INTEGER PRIMARY KEY REFERENCES volunteers (id),
  failures     INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";

// Version 3: issued service certificates (志愿服务证明). The digest is the SHA-256 of the
// certificate's canonical contents when issued; `certificate verify` recomputes it from the records.
constexpr std::string_view kV3 = R"sql(
CREATE TABLE certificates (
  id           INTEGER PRIMARY KEY,
  serial       TEXT NOT NULL UNIQUE,
  station_id   INTEGER NOT NULL REFERENCES stations (id),
  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id),
  year         INTEGER NOT NULL,
  seq          INTEGER NOT NULL CHECK (seq >= 1),
  period_from  TEXT NOT NULL,
  period_to    TEXT NOT NULL,
  issued_on    TEXT NOT NULL,
  issued_at    INTEGER NOT NULL,
  minutes      INTEGER NOT NULL CHECK (minutes >= 0),
  digest       TEXT NOT NULL,
  UNIQUE (station_id, year, seq),
  CHECK (period_to >= period_from)
);
CREATE INDEX certificates_by_volunteer ON certificates (volunteer_id);
)sql";

// Version 4: attendance history imported as per-shift aggregates from another rostering
// platform (no individual volunteers); reports add them to person-times, hours and fill rate.
constexpr std::string_view kV4 = R"sql(
CREATE TABLE attendance_aggregates (
  id          INTEGER PRIMARY KEY,
  station_id  INTEGER NOT NULL REFERENCES stations (id),
  project_id  INTEGER REFERENCES projects (id),
  day         TEXT NOT NULL,
  shift_label TEXT NOT NULL DEFAULT '',
  event       TEXT NOT NULL DEFAULT '',
  category    TEXT NOT NULL DEFAULT 'other',
  attended    INTEGER NOT NULL CHECK (attended >= 0),
  minutes     INTEGER NOT NULL CHECK (minutes >= 0),
  demand      INTEGER CHECK (demand IS NULL OR demand >= 0),
  source      TEXT NOT NULL DEFAULT '',
  UNIQUE (station_id, day, shift_label, event)
);
CREATE INDEX attendance_aggregates_by_day ON attendance_aggregates (day);
)sql";

// Version 5: tamper evidence. Each audit row carries the SHA-256 of its contents chained to
// the previous row's hash (computed by store::audit::append; rows written before version 5
// keep an empty hash). `vstation check` recomputes the chain and names a row edited or removed.
constexpr std::string_view kV5 = R"sql(
ALTER TABLE audit ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';
)sql";

// Version 6: a weekly availability window can be preferred or rather avoided, which the
// roster builder's soft goals weigh.
constexpr std::string_view kV6 = R"sql(
ALTER TABLE availability ADD COLUMN preference TEXT NOT NULL DEFAULT 'ok'
  CHECK (preference IN ('ok', 'prefer', 'avoid'));
)sql";

// Version 7: every kiosk identification looks for sessions left open past their deadline;
// this index finds the open ones without walking the whole service history.
constexpr std::string_view kV7 = R"sql(
CREATE INDEX sessions_open_by_time ON sessions (eff_in) WHERE status = 'open';
)sql";

// Version 8: a check-in writes fewer index pages, and the kiosk's look-ups read a few pages
// however long the station's history.
// - Version 7's index was one more page to write at every check-in and check-out: the
//   one-open-session index (sessions_one_open) already lists exactly the open sessions.
// - Walk-ins (no shift) need no entry in the index of sessions by shift.
// - Forgotten check-outs of one volunteer: auto-closed sessions only (rarely written).
// - The shift a check-in falls in: the station's shifts around that time, not every shift the
//   volunteer was ever assigned; the index alone tells which of them hold the time.
constexpr std::string_view kV8 = R"sql(
DROP INDEX sessions_open_by_time;
DROP INDEX sessions_by_shift;
CREATE INDEX sessions_by_shift ON sessions (shift_id) WHERE shift_id IS NOT NULL;
CREATE INDEX sessions_auto_closed ON sessions (volunteer_id) WHERE status = 'auto_closed';
CREATE INDEX shifts_by_station_time ON shifts (station_id, starts_at, ends_at) WHERE cancelled = 0;
)sql";

// Version 9: the ordinary day (issue 12).
// - A station has an IANA time zone instead of a fixed offset. Offsets become the zone that
//   keeps every stored instant on the same local day: +08:00 Asia/Shanghai (no daylight saving
//   since 1991), whole hours the fixed Etc/GMT-N zones, anything else a fixed "UTC+HH:MM"
//   (TimeZone::for_offset does the same in C++).
// - The grace period past a shift's (or the station day's) end before an open session is a
//   forgotten check-out, and how volunteers identify at the kiosk.
// - A forgotten check-out carries the time the volunteer says they left; a 'yes' given before
//   this version is the rostered end.
// - Each session carries a seal over its times, status and credit (store::seal; the step
//   that seals the existing rows is appended in migrations()), so `vstation check` notices a
//   row changed behind the tool's back.
constexpr std::string_view kV9 = R"sql(
ALTER TABLE stations ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Asia/Shanghai'
  CHECK (length(time_zone) BETWEEN 1 AND 64);
UPDATE stations SET time_zone = CASE
  WHEN utc_offset_min = 480 THEN 'Asia/Shanghai'
  WHEN utc_offset_min = 0 THEN 'UTC'
  WHEN utc_offset_min % 60 = 0 AND utc_offset_min >= -720
    THEN 'Etc/GMT' || CASE WHEN utc_offset_min > 0 THEN '-' ELSE '+' END || (abs(utc_offset_min) / 60)
  ELSE printf('UTC%s%02d:%02d', CASE WHEN utc_offset_min < 0 THEN '-' ELSE '+' END,
              abs(utc_offset_min) / 60, abs(utc_offset_min) % 60) END;
ALTER TABLE stations DROP COLUMN utc_offset_min;
ALTER TABLE stations ADD COLUMN checkout_grace_min INTEGER NOT NULL DEFAULT 60
  CHECK (checkout_grace_min BETWEEN 0 AND 1440);
ALTER TABLE stations ADD COLUMN identification TEXT NOT NULL DEFAULT 'pin_if_set'
  CHECK (identification IN ('number', 'pin_if_set', 'number_pin', 'badge_pin'));
ALTER TABLE sessions ADD COLUMN proposed_out INTEGER;
ALTER TABLE sessions ADD COLUMN seal INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET proposed_out = (SELECT ends_at FROM shifts WHERE shifts.id = sessions.shift_id)
WHERE status = 'auto_closed' AND EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'session'
  AND a.entity_id = sessions.id AND a.action = 'volunteer_answer' AND a.new_value = 'yes');
)sql";

// Version 10: the coordinator's week without surprises.
// - A shift template can be told not to run on a date (a public holiday, an exam day), with a
//   reason: one template's date, or (template_id NULL) every template of the station that day.
//   A date is skipped at most once per template and once station-wide (the partial indexes: a
//   NULL never equals another in a UNIQUE constraint).
// - How long before a rostered shift the roster's calendar reminds (0: no reminder).
constexpr std::string_view kV10 = R"sql(
CREATE TABLE template_skips (
  id          INTEGER PRIMARY KEY,
  station_id  INTEGER NOT NULL REFERENCES stations (id),
  template_id INTEGER REFERENCES shift_templates (id),
  day         TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 100)
);
CREATE UNIQUE INDEX template_skips_one_template ON template_skips (template_id, day)
  WHERE template_id IS NOT NULL;
CREATE UNIQUE INDEX template_skips_one_station ON template_skips (station_id, day)
  WHERE template_id IS NULL;
ALTER TABLE stations ADD COLUMN reminder_min INTEGER NOT NULL DEFAULT 60
  CHECK (reminder_min BETWEEN 0 AND 10080);
)sql";

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
ALTER TABLE stations ADD COLUMN cancel_deadline_hours INTEGER NOT NULL DEFAULT 24
  CHECK (cancel_deadline_hours BETWEEN 0 AND 720);

CREATE TABLE paired_devices (
  id         INTEGER PRIMARY KEY,
  station_id INTEGER NOT NULL REFERENCES stations (id),
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  created_at INTEGER NOT NULL,
  revoked    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX paired_devices_by_station ON paired_devices (station_id);

CREATE TABLE web_sessions (
  id              INTEGER PRIMARY KEY,
  token_hash      TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  csrf_hash       TEXT NOT NULL CHECK (length(csrf_hash) = 64),
  volunteer_id    INTEGER REFERENCES volunteers (id),
  device_id       INTEGER REFERENCES paired_devices (id),
  created_at      INTEGER NOT NULL,
  last_seen_at    INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,
  idle_seconds    INTEGER NOT NULL,
  idle_expires_at INTEGER NOT NULL,
  revoked         INTEGER NOT NULL DEFAULT 0,
  CHECK ((volunteer_id IS NULL) <> (device_id IS NULL))
);
CREATE INDEX web_sessions_by_volunteer ON web_sessions (volunteer_id) WHERE volunteer_id IS NOT NULL;
CREATE INDEX web_sessions_by_device ON web_sessions (device_id) WHERE device_id IS NOT NULL;
CREATE INDEX web_sessions_by_expiry ON web_sessions (expires_at);

CREATE TABLE calendar_feeds (
  id           INTEGER PRIMARY KEY,
  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id),
  token_hash   TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  created_at   INTEGER NOT NULL,
  revoked      INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX calendar_feeds_one_active ON calendar_feeds (volunteer_id) WHERE revoked = 0;

CREATE TABLE signin_codes (
  id           INTEGER PRIMARY KEY,
  code_hash    TEXT NOT NULL UNIQUE CHECK (length(code_hash) = 64),
  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id),
  station_id   INTEGER NOT NULL REFERENCES stations (id),
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  used_at      INTEGER,
  CHECK (expires_at > created_at)
);
CREATE INDEX signin_codes_by_volunteer ON signin_codes (volunteer_id);
CREATE INDEX signin_codes_by_expiry ON signin_codes (expires_at);

CREATE TABLE station_secrets (
  station_id INTEGER PRIMARY KEY REFERENCES stations (id),
  secret     TEXT NOT NULL CHECK (length(secret) = 64),
  created_at INTEGER NOT NULL
);

CREATE TABLE rate_attempts (
  id      INTEGER PRIMARY KEY,
  bucket  TEXT NOT NULL CHECK (length(bucket) BETWEEN 1 AND 32),
  address TEXT NOT NULL CHECK (length(address) BETWEEN 1 AND 64),
  at      INTEGER NOT NULL
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
  id         INTEGER PRIMARY KEY,
  device_id  INTEGER NOT NULL REFERENCES paired_devices (id),
  code_hash  TEXT NOT NULL UNIQUE CHECK (length(code_hash) = 64),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER,
  CHECK (expires_at > created_at)
);
CREATE INDEX device_pair_codes_by_device ON device_pair_codes (device_id);

CREATE TABLE kiosk_conversations (
  session_id   INTEGER PRIMARY KEY REFERENCES web_sessions (id),
  volunteer_id INTEGER REFERENCES volunteers (id),
  state        TEXT NOT NULL,
  updated_at   INTEGER NOT NULL
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
//   which refers to it, around it; children dropped first, so no foreign key is ever broken).
constexpr std::string_view kV13 = R"sql(
CREATE TABLE staff_accounts (
  id            INTEGER PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 32),
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  role          TEXT NOT NULL CHECK (role IN ('coordinator', 'secretary', 'district')),
  station_id    INTEGER REFERENCES stations (id),
  password_hash TEXT NOT NULL,
  failures      INTEGER NOT NULL DEFAULT 0,
  locked_until  INTEGER,
  created_at    INTEGER NOT NULL,
  retired_at    INTEGER,
  CHECK ((role = 'district') = (station_id IS NULL))
);

CREATE TABLE web_sessions_v12 AS SELECT * FROM web_sessions;
CREATE TABLE kiosk_conversations_v12 AS SELECT * FROM kiosk_conversations;
DROP TABLE kiosk_conversations;
DROP TABLE web_sessions;
CREATE TABLE web_sessions (
  id              INTEGER PRIMARY KEY,
  token_hash      TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  csrf_hash       TEXT NOT NULL CHECK (length(csrf_hash) = 64),
  volunteer_id    INTEGER REFERENCES volunteers (id),
  device_id       INTEGER REFERENCES paired_devices (id),
  staff_id        INTEGER REFERENCES staff_accounts (id),
  created_at      INTEGER NOT NULL,
  last_seen_at    INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,
  idle_seconds    INTEGER NOT NULL,
  idle_expires_at INTEGER NOT NULL,
  revoked         INTEGER NOT NULL DEFAULT 0,
  CHECK ((volunteer_id IS NOT NULL) + (device_id IS NOT NULL) + (staff_id IS NOT NULL) = 1)
);
INSERT INTO web_sessions (id, token_hash, csrf_hash, volunteer_id, device_id, created_at,
  last_seen_at, expires_at, idle_seconds, idle_expires_at, revoked)
  SELECT id, token_hash, csrf_hash, volunteer_id, device_id, created_at, last_seen_at,
  expires_at, idle_seconds, idle_expires_at, revoked FROM web_sessions_v12;
CREATE INDEX web_sessions_by_volunteer ON web_sessions (volunteer_id) WHERE volunteer_id IS NOT NULL;
CREATE INDEX web_sessions_by_device ON web_sessions (device_id) WHERE device_id IS NOT NULL;
CREATE INDEX web_sessions_by_staff ON web_sessions (staff_id) WHERE staff_id IS NOT NULL;
CREATE INDEX web_sessions_by_expiry ON web_sessions (expires_at);

CREATE TABLE kiosk_conversations (
  session_id   INTEGER PRIMARY KEY REFERENCES web_sessions (id),
  volunteer_id INTEGER REFERENCES volunteers (id),
  state        TEXT NOT NULL,
  updated_at   INTEGER NOT NULL
);
INSERT INTO kiosk_conversations (session_id, volunteer_id, state, updated_at)
  SELECT session_id, volunteer_id, state, updated_at FROM kiosk_conversations_v12;
CREATE INDEX kiosk_conversations_by_volunteer ON kiosk_conversations (volunteer_id);
DROP TABLE kiosk_conversations_v12;
DROP TABLE web_sessions_v12;
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

// Versions 15 and 16 belong to other branches of session 23 (reserved here so this one is 17;
// replaced by theirs when merged).
constexpr std::string_view kV15 = "SELECT 1;";
constexpr std::string_view kV16 = "SELECT 1;";

// Version 17 (issue 17, imports at bulk speed): the status CHECKs of sessions and assignments
// are written without a list after IN. SQLite (3.40) tests `x IN ('a', 'b', 'c', …)` by building
// and freeing a temporary b-tree of the constants on every row it inserts or updates (about
// half an imported session's cost, and the kiosk's check-in pays it too); `x = 'a' OR x = 'b' OR
// …` is the same rule tested by comparisons. SQLite cannot change a CHECK in place, so both
// tables are rebuilt with their rows, indexes and triggers (nothing refers to either table).
// The triggers are appended in migrations() from version 1's text, which missing_triggers()
// compares them with.
constexpr std::string_view kV17 = R"sql(
CREATE TABLE sessions_v16 AS SELECT * FROM sessions;
DROP TABLE sessions;
CREATE TABLE sessions (
  id            INTEGER PRIMARY KEY,
  volunteer_id  INTEGER NOT NULL REFERENCES volunteers (id),
  station_id    INTEGER NOT NULL REFERENCES stations (id),
  shift_id      INTEGER REFERENCES shifts (id),
  project_id    INTEGER REFERENCES projects (id),
  raw_in        INTEGER NOT NULL,
  raw_out       INTEGER,
  eff_in        INTEGER NOT NULL,
  eff_out       INTEGER,
  status        TEXT NOT NULL CHECK (status = 'open' OR status = 'closed' OR status = 'auto_closed'
                OR status = 'confirmed' OR status = 'corrected' OR status = 'rejected'),
  credited_min  INTEGER NOT NULL DEFAULT 0 CHECK (credited_min >= 0),
  note          TEXT NOT NULL DEFAULT '',
  proposed_out  INTEGER,
  seal          INTEGER NOT NULL DEFAULT 0,
  CHECK (raw_out IS NULL OR raw_out >= raw_in),
  CHECK (eff_out IS NULL OR eff_out >= eff_in)
);
INSERT INTO sessions (id, volunteer_id, station_id, shift_id, project_id, raw_in, raw_out, eff_in,
  eff_out, status, credited_min, note, proposed_out, seal)
  SELECT id, volunteer_id, station_id, shift_id, project_id, raw_in, raw_out, eff_in, eff_out,
  status, credited_min, note, proposed_out, seal FROM sessions_v16;
DROP TABLE sessions_v16;
CREATE INDEX sessions_by_time ON sessions (eff_in);
CREATE INDEX sessions_by_volunteer ON sessions (volunteer_id, eff_in);
CREATE UNIQUE INDEX sessions_one_open ON sessions (volunteer_id) WHERE status = 'open';
CREATE INDEX sessions_auto_closed ON sessions (volunteer_id) WHERE status = 'auto_closed';
CREATE INDEX sessions_by_shift ON sessions (shift_id, volunteer_id, credited_min) WHERE shift_id IS NOT NULL;
CREATE INDEX sessions_credited ON sessions (eff_in, station_id, volunteer_id, shift_id, project_id, credited_min)
  WHERE credited_min > 0;
CREATE INDEX sessions_awaiting ON sessions (eff_in, station_id)
  WHERE status = 'auto_closed' OR (status = 'closed' AND shift_id IS NULL);

CREATE TABLE assignments_v16 AS SELECT * FROM assignments;
DROP TABLE assignments;
CREATE TABLE assignments (
  id           INTEGER PRIMARY KEY,
  shift_id     INTEGER NOT NULL REFERENCES shifts (id),
  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id),
  status       TEXT NOT NULL DEFAULT 'planned' CHECK (status = 'planned' OR status = 'confirmed'
               OR status = 'cancelled' OR status = 'no_show'),
  source       TEXT NOT NULL DEFAULT 'auto' CHECK (source = 'auto' OR source = 'manual'),
  pinned       INTEGER NOT NULL DEFAULT 0,
  UNIQUE (shift_id, volunteer_id)
);
INSERT INTO assignments (id, shift_id, volunteer_id, status, source, pinned)
  SELECT id, shift_id, volunteer_id, status, source, pinned FROM assignments_v16;
DROP TABLE assignments_v16;
CREATE INDEX assignments_by_volunteer ON assignments (volunteer_id);
)sql";

// A trigger of version 1, as written there.
std::string v1_trigger(std::string_view name) {
  std::string_view v1 = kV1;
  auto start = v1.find(std::string("CREATE TRIGGER ") + std::string(name) + " ");
  auto end = v1.find("END;", start);
  return std::string(v1.substr(start, end + 4 - start)) + "\n";
}

}  // namespace

const std::vector<std::string_view>& migrations() {
  // Version 9 ends by sealing every session (store::seal's SQL form, the one definition).
  static const std::string v9 =
      std::string(kV9) + "UPDATE sessions SET seal = " + seal::sql("sessions") + ";\n";
  static const std::string v17 = std::string(kV17) + v1_trigger("sessions_raw_in_fixed") +
                                 v1_trigger("sessions_raw_out_fixed");
  static const std::vector<std::string_view> steps{kV1,  kV2,  kV3,  kV4,  kV5,  kV6,
                                                   kV7,  kV8,  v9,   kV10, kV11, kV12,
                                                   kV13, kV14, kV15, kV16, v17};
  return steps;
}

// Each protective trigger as the schema wrote it: SQLite keeps the CREATE statement's text, so
// a trigger dropped, moved to another table or rewritten no longer matches.
std::vector<std::string> missing_triggers(Connection& db) {
  auto normal = [](std::string_view sql) {
    std::string out;
    for (char c : sql)
      if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    return out;
  };
  std::map<std::string, std::string> present;
  auto r = db.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'");
  while (r->next()) present[r->str(0)] = normal(r->str(1));
  std::vector<std::string> missing;
  for (const char* name :
       {"sessions_raw_in_fixed", "sessions_raw_out_fixed", "audit_no_update", "audit_no_delete"}) {
    std::string_view v1 = kV1;
    auto start = v1.find(std::string("CREATE TRIGGER ") + name + " ");
    auto end = v1.find("END;", start);
    auto it = present.find(name);
    if (it == present.end() || it->second != normal(v1.substr(start, end + 3 - start)))
      missing.emplace_back(name);
  }
  return missing;
}

}  // namespace vstation::store::sqlite
