// Schema versions 2 to 10 (tokens and blocks: schema.hpp).

#include "schema/schema.hpp"

namespace vstation::store::schema {
namespace {

// Version 2: kiosk identification (PIN hash, badge token), PIN lockouts, station-wide settings
// such as the coordinator's PIN hash.
constexpr std::string_view kV2 = R"sql(
ALTER TABLE volunteers ADD COLUMN pin_hash {TEXT};
ALTER TABLE volunteers ADD COLUMN badge_token {TEXT};
CREATE UNIQUE INDEX volunteers_badge ON volunteers (badge_token) WHERE badge_token IS NOT NULL;

CREATE TABLE kiosk_lockouts (
  volunteer_id {INT} PRIMARY KEY REFERENCES volunteers (id),
  failures     {INT} NOT NULL DEFAULT 0,
  locked_until {INT}
);

CREATE TABLE settings (
  key   {TEXT} PRIMARY KEY,
  value {TEXT} NOT NULL
);
)sql";

// Version 3: issued service certificates (志愿服务证明). The digest is the SHA-256 of the
// certificate's canonical contents when issued; `certificate verify` recomputes it from the
// records.
constexpr std::string_view kV3 = R"sql(
CREATE TABLE certificates (
  id           {ID},
  serial       {TEXT} NOT NULL UNIQUE,
  station_id   {INT} NOT NULL REFERENCES stations (id),
  volunteer_id {INT} NOT NULL REFERENCES volunteers (id),
  year         {INT} NOT NULL,
  seq          {INT} NOT NULL CHECK (seq >= 1),
  period_from  {TEXT} NOT NULL,
  period_to    {TEXT} NOT NULL,
  issued_on    {TEXT} NOT NULL,
  issued_at    {INT} NOT NULL,
  minutes      {INT} NOT NULL CHECK (minutes >= 0),
  digest       {TEXT} NOT NULL,
  UNIQUE (station_id, year, seq),
  CHECK (period_to >= period_from)
);
CREATE INDEX certificates_by_volunteer ON certificates (volunteer_id);
)sql";

// Version 4: attendance history imported as per-shift aggregates from another rostering
// platform (no individual volunteers); reports add them to person-times, hours and fill rate.
constexpr std::string_view kV4 = R"sql(
CREATE TABLE attendance_aggregates (
  id          {ID},
  station_id  {INT} NOT NULL REFERENCES stations (id),
  project_id  {INT} REFERENCES projects (id),
  day         {TEXT} NOT NULL,
  shift_label {TEXT} NOT NULL DEFAULT '',
  event       {TEXT} NOT NULL DEFAULT '',
  category    {TEXT} NOT NULL DEFAULT 'other',
  attended    {INT} NOT NULL CHECK (attended >= 0),
  minutes     {INT} NOT NULL CHECK (minutes >= 0),
  demand      {INT} CHECK (demand IS NULL OR demand >= 0),
  source      {TEXT} NOT NULL DEFAULT '',
  UNIQUE (station_id, day, shift_label, event)
);
CREATE INDEX attendance_aggregates_by_day ON attendance_aggregates (day);
)sql";

// Version 5: tamper evidence. Each audit row carries the SHA-256 of its contents chained to
// the previous row's hash (computed by store::audit::append; rows written before version 5
// keep an empty hash). `vstation check` recomputes the chain and names a row edited or removed.
constexpr std::string_view kV5 = R"sql(
ALTER TABLE audit ADD COLUMN prev_hash {TEXT} NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN hash {TEXT} NOT NULL DEFAULT '';
)sql";

// Version 6: a weekly availability window can be preferred or rather avoided, which the
// roster builder's soft goals weigh.
constexpr std::string_view kV6 = R"sql(
ALTER TABLE availability ADD COLUMN preference {TEXT} NOT NULL DEFAULT 'ok'
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
//   that seals the existing rows ends the step), so `vstation check` notices a
//   row changed behind the tool's back.
constexpr std::string_view kV9 = R"sql(
ALTER TABLE stations ADD COLUMN time_zone {TEXT} NOT NULL DEFAULT 'Asia/Shanghai'
  CHECK (length(time_zone) BETWEEN 1 AND 64);
UPDATE stations SET time_zone = CASE
  WHEN utc_offset_min = 480 THEN 'Asia/Shanghai'
  WHEN utc_offset_min = 0 THEN 'UTC'
  WHEN utc_offset_min % 60 = 0 AND utc_offset_min >= -720
    THEN 'Etc/GMT' || CASE WHEN utc_offset_min > 0 THEN '-' ELSE '+' END || (abs(utc_offset_min) / 60)
{sqlite}
  ELSE printf('UTC%s%02d:%02d', CASE WHEN utc_offset_min < 0 THEN '-' ELSE '+' END,
              abs(utc_offset_min) / 60, abs(utc_offset_min) % 60) END;
{pg}
  ELSE format('UTC%s%s:%s', CASE WHEN utc_offset_min < 0 THEN '-' ELSE '+' END,
              lpad((abs(utc_offset_min) / 60)::text, 2, '0'), lpad((abs(utc_offset_min) % 60)::text, 2, '0')) END;
{both}
ALTER TABLE stations DROP COLUMN utc_offset_min;
ALTER TABLE stations ADD COLUMN checkout_grace_min {INT} NOT NULL DEFAULT 60
  CHECK (checkout_grace_min BETWEEN 0 AND 1440);
ALTER TABLE stations ADD COLUMN identification {TEXT} NOT NULL DEFAULT 'pin_if_set'
  CHECK (identification IN ('number', 'pin_if_set', 'number_pin', 'badge_pin'));
ALTER TABLE sessions ADD COLUMN proposed_out {INT};
ALTER TABLE sessions ADD COLUMN seal {INT} NOT NULL DEFAULT 0;
UPDATE sessions SET proposed_out = (SELECT ends_at FROM shifts WHERE shifts.id = sessions.shift_id)
WHERE status = 'auto_closed' AND EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'session'
  AND a.entity_id = sessions.id AND a.action = 'volunteer_answer' AND a.new_value = 'yes');
UPDATE sessions SET seal = {SESSION_SEAL};
)sql";

// Version 10: the coordinator's week without surprises.
// - A shift template can be told not to run on a date (a public holiday, an exam day), with a
//   reason: one template's date, or (template_id NULL) every template of the station that day.
//   A date is skipped at most once per template and once station-wide (the partial indexes: a
//   NULL never equals another in a UNIQUE constraint).
// - How long before a rostered shift the roster's calendar reminds (0: no reminder).
constexpr std::string_view kV10 = R"sql(
CREATE TABLE template_skips (
  id          {ID},
  station_id  {INT} NOT NULL REFERENCES stations (id),
  template_id {INT} REFERENCES shift_templates (id),
  day         {TEXT} NOT NULL,
  reason      {TEXT} NOT NULL DEFAULT '' CHECK (length(reason) <= 100)
);
CREATE UNIQUE INDEX template_skips_one_template ON template_skips (template_id, day)
  WHERE template_id IS NOT NULL;
CREATE UNIQUE INDEX template_skips_one_station ON template_skips (station_id, day)
  WHERE template_id IS NULL;
ALTER TABLE stations ADD COLUMN reminder_min {INT} NOT NULL DEFAULT 60
  CHECK (reminder_min BETWEEN 0 AND 10080);
)sql";

}  // namespace

std::vector<Migration> migrations_v2_v10() {
  return {Migration::shared(kV2), Migration::shared(kV3), Migration::shared(kV4),
          Migration::shared(kV5), Migration::shared(kV6), Migration::shared(kV7),
          Migration::shared(kV8), Migration::shared(kV9), Migration::shared(kV10)};
}

}  // namespace vstation::store::schema
