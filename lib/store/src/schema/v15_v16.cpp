// Migrations 15 and 16 (session 23): the published week, and CHECKs an import can afford.

#include "schema/schema.hpp"

namespace vstation::store::schema {
namespace {

// Version 15 (issue 16): a week's roster published by its station's coordinator
// (planning::publish_week): when, by whom, and the week's digest then (planning::basis_of), so
// the board can say whether the week changed since. Publishing again replaces the row.
constexpr std::string_view kV15 = R"sql(
CREATE TABLE roster_publications (
  station_id   {INT} NOT NULL REFERENCES stations (id),
  week         {TEXT} NOT NULL,
  published_at {INT} NOT NULL,
  published_by {TEXT} NOT NULL,
  basis        {TEXT} NOT NULL,
  PRIMARY KEY (station_id, week)
);
)sql";

// Version 16 (issue 17, imports at bulk speed): SQLite's status CHECKs of sessions and
// assignments without a list after IN. SQLite (3.40) tests `x IN ('a', 'b', …)` by building and
// freeing a temporary b-tree of the constants on every row it inserts or updates (about half an
// imported session's cost; the kiosk's check-in pays it too); `x = 'a' OR x = 'b' OR …` is the
// same rule tested by comparisons. SQLite cannot change a CHECK in place, so both tables are
// rebuilt with their rows, indexes and version 1's triggers (word for word: missing_triggers()
// compares them); nothing refers to either table. PostgreSQL tests `x IN (…)` as
// `x = ANY (ARRAY[…])`, with nothing built per row: its schema stays as it is.
constexpr std::string_view kV16 = R"sql(
{sqlite}
CREATE TABLE sessions_v15 AS SELECT * FROM sessions;
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
  status, credited_min, note, proposed_out, seal FROM sessions_v15;
DROP TABLE sessions_v15;
CREATE INDEX sessions_by_time ON sessions (eff_in);
CREATE INDEX sessions_by_volunteer ON sessions (volunteer_id, eff_in);
CREATE UNIQUE INDEX sessions_one_open ON sessions (volunteer_id) WHERE status = 'open';
CREATE INDEX sessions_auto_closed ON sessions (volunteer_id) WHERE status = 'auto_closed';
CREATE INDEX sessions_by_shift ON sessions (shift_id, volunteer_id, credited_min) WHERE shift_id IS NOT NULL;
CREATE INDEX sessions_credited ON sessions (eff_in, station_id, volunteer_id, shift_id, project_id, credited_min)
  WHERE credited_min > 0;
CREATE INDEX sessions_awaiting ON sessions (eff_in, station_id)
  WHERE status = 'auto_closed' OR (status = 'closed' AND shift_id IS NULL);
CREATE TRIGGER sessions_raw_in_fixed BEFORE UPDATE OF raw_in ON sessions
WHEN NEW.raw_in IS NOT OLD.raw_in
BEGIN SELECT RAISE(ABORT, 'raw check-in instants are never changed'); END;
CREATE TRIGGER sessions_raw_out_fixed BEFORE UPDATE OF raw_out ON sessions
WHEN OLD.raw_out IS NOT NULL AND NEW.raw_out IS NOT OLD.raw_out
BEGIN SELECT RAISE(ABORT, 'raw check-out instants are never changed'); END;

CREATE TABLE assignments_v15 AS SELECT * FROM assignments;
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
  SELECT id, shift_id, volunteer_id, status, source, pinned FROM assignments_v15;
DROP TABLE assignments_v15;
CREATE INDEX assignments_by_volunteer ON assignments (volunteer_id);
{pg}
SELECT 1;
{both}
)sql";

}  // namespace

std::vector<Migration> migrations_v15_v16() {
  return {Migration::shared(kV15), Migration::shared(kV16)};
}

}  // namespace vstation::store::schema
