// Migration 26 (session 44): the quarter totals of version 23 kept per project too, with their
// credited minutes (store/quarter_service.hpp).

#include "schema/schema.hpp"

namespace vstation::store::schema {
namespace {

// Version 26 (issue 17 point 2, reports at district scale): a quarter report by project read
// every credited session of the quarter (2.85 million rows on the PostgreSQL district) to place
// each in its project and count each project's distinct volunteers. `quarter_service` now keys
// its rows by project as well (0: a walk-in that names none) and keeps their credited minutes,
// so a project's figures over a quarter are its rows' sums (a volunteer's row there is one of
// the project's distinct volunteers) and a station's or a volunteer's the sums of theirs: a
// (shift, volunteer) pair is one volunteer's, at the shift's station, on the shift's project (a
// session's project is its shift's). Its shifts are counted per project: the other credited
// sessions looked at are those of the same project. The table is rebuilt from the sessions.
// On SQLite the one change to the table, a session's credit added or taken away, is written
// once, as the trigger of the view `service_moves` (no rows; INSTEAD OF INSERT) that the
// sessions' triggers insert into with a sign, as PostgreSQL's service_add is called; the view
// `credited_arrivals` passes the project on too. The update triggers also fire for a change of
// credited minutes (now counted) or of project (a shift's project corrected). What it replaces is
// dropped only if there (IF EXISTS): a database whose trigger someone dropped is upgraded, with
// the trigger written again, rather than refused.
constexpr std::string_view kV26 = R"sql(
{sqlite}
DROP TRIGGER IF EXISTS sessions_service_update;
DROP TRIGGER IF EXISTS sessions_service_delete;
DROP TRIGGER IF EXISTS sessions_credited_insert;
DROP TRIGGER IF EXISTS credited_arrivals_count;
DROP TRIGGER IF EXISTS credited_arrivals_days;
DROP VIEW IF EXISTS credited_arrivals;
{pg}
DROP TRIGGER IF EXISTS sessions_service_insert ON sessions;
DROP TRIGGER IF EXISTS sessions_service_update ON sessions;
DROP TRIGGER IF EXISTS sessions_service_delete ON sessions;
DROP FUNCTION IF EXISTS sessions_service();
DROP FUNCTION IF EXISTS service_add(BIGINT, BIGINT, BIGINT, BIGINT, BIGINT, BIGINT);
{both}
DROP TABLE IF EXISTS quarter_service;
CREATE TABLE quarter_service (
  period       {INT} NOT NULL,
  station_id   {INT} NOT NULL,
  volunteer_id {INT} NOT NULL,
  project_id   {INT} NOT NULL,
  minutes      {INT} NOT NULL,
  walk_ins     {INT} NOT NULL,
  shifts       {INT} NOT NULL,
  PRIMARY KEY (period, station_id, volunteer_id, project_id)
{sqlite}
) WITHOUT ROWID;
CREATE VIEW service_moves AS SELECT id, eff_in, station_id, volunteer_id, shift_id, project_id,
  credited_min, 0 AS sign FROM sessions WHERE false;
CREATE TRIGGER service_moves_count INSTEAD OF INSERT ON service_moves
BEGIN
  INSERT INTO quarter_service (period, station_id, volunteer_id, project_id, minutes, walk_ins,
    shifts)
    SELECT q.period, NEW.station_id, NEW.volunteer_id, COALESCE(NEW.project_id, 0),
      NEW.sign * NEW.credited_min, NEW.sign * (NEW.shift_id IS NULL),
      NEW.sign * (NEW.shift_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions o
        WHERE o.shift_id = NEW.shift_id AND o.volunteer_id = NEW.volunteer_id
          AND o.credited_min > 0 AND o.station_id = NEW.station_id AND o.id <> NEW.id
          AND o.project_id IS NEW.project_id AND o.eff_in >= q.lo AND o.eff_in < q.hi))
    FROM (SELECT y * 10 + (m + 2) / 3 AS period,
        CAST(strftime('%s', printf('%04d-%02d-01', y, m - (m - 1) % 3)) AS INTEGER) - 50400 AS lo,
        CAST(strftime('%s', printf('%04d-%02d-01', y, m - (m - 1) % 3), '+3 months') AS INTEGER)
          - 50400 AS hi
      FROM (SELECT CAST(strftime('%Y', NEW.eff_in + 50400, 'unixepoch') AS INTEGER) AS y,
        CAST(strftime('%m', NEW.eff_in + 50400, 'unixepoch') AS INTEGER) AS m)) q
    WHERE true
  ON CONFLICT (period, station_id, volunteer_id, project_id) DO UPDATE
    SET minutes = minutes + excluded.minutes, walk_ins = walk_ins + excluded.walk_ins,
      shifts = shifts + excluded.shifts;
END;
CREATE VIEW credited_arrivals AS SELECT id, volunteer_id, station_id, shift_id, project_id,
  eff_in, credited_min FROM sessions WHERE false;
CREATE TRIGGER credited_arrivals_count INSTEAD OF INSERT ON credited_arrivals
BEGIN
  INSERT INTO credit_totals (period, station_id, volunteer_id, minutes) VALUES
    (CAST(strftime('%Y', NEW.eff_in + 50400, 'unixepoch') AS INTEGER),
     NEW.station_id, NEW.volunteer_id, NEW.credited_min),
    (CAST(strftime('%Y', NEW.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
       + (CAST(strftime('%m', NEW.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3,
     NEW.station_id, NEW.volunteer_id, NEW.credited_min)
  ON CONFLICT (period, station_id, volunteer_id) DO UPDATE SET minutes = minutes + excluded.minutes;
  UPDATE shifts SET credited_volunteers = (SELECT COUNT(DISTINCT s.volunteer_id) FROM sessions s
    WHERE s.shift_id = NEW.shift_id AND s.credited_min > 0) WHERE id = NEW.shift_id;
  INSERT INTO service_moves (id, eff_in, station_id, volunteer_id, shift_id, project_id,
    credited_min, sign) VALUES (NEW.id, NEW.eff_in, NEW.station_id, NEW.volunteer_id,
    NEW.shift_id, NEW.project_id, NEW.credited_min, 1);
END;
CREATE TRIGGER credited_arrivals_days INSTEAD OF INSERT ON credited_arrivals
BEGIN
  INSERT INTO day_totals (day, station_id, minutes, walk_ins, pairs, shifts, slots, filled)
    VALUES ((NEW.eff_in + 50400) / 86400, NEW.station_id, NEW.credited_min,
      NEW.shift_id IS NULL, 0, 0, 0, 0)
  ON CONFLICT (day, station_id) DO UPDATE
    SET minutes = minutes + excluded.minutes, walk_ins = walk_ins + excluded.walk_ins;
END;
CREATE TRIGGER sessions_credited_insert AFTER INSERT ON sessions WHEN NEW.credited_min > 0
BEGIN
  INSERT INTO credited_arrivals (id, volunteer_id, station_id, shift_id, project_id, eff_in,
    credited_min) VALUES (NEW.id, NEW.volunteer_id, NEW.station_id, NEW.shift_id,
    NEW.project_id, NEW.eff_in, NEW.credited_min);
END;
CREATE TRIGGER sessions_service_update AFTER UPDATE OF credited_min, eff_in, station_id,
  volunteer_id, shift_id, project_id ON sessions
WHEN (OLD.credited_min > 0 OR NEW.credited_min > 0)
  AND (OLD.credited_min <> NEW.credited_min OR OLD.eff_in <> NEW.eff_in
       OR OLD.station_id <> NEW.station_id OR OLD.volunteer_id <> NEW.volunteer_id
       OR OLD.shift_id IS NOT NEW.shift_id OR OLD.project_id IS NOT NEW.project_id)
BEGIN
  INSERT INTO service_moves (id, eff_in, station_id, volunteer_id, shift_id, project_id,
    credited_min, sign) SELECT OLD.id, OLD.eff_in, OLD.station_id, OLD.volunteer_id,
    OLD.shift_id, OLD.project_id, OLD.credited_min, -1 WHERE OLD.credited_min > 0;
  INSERT INTO service_moves (id, eff_in, station_id, volunteer_id, shift_id, project_id,
    credited_min, sign) SELECT NEW.id, NEW.eff_in, NEW.station_id, NEW.volunteer_id,
    NEW.shift_id, NEW.project_id, NEW.credited_min, 1 WHERE NEW.credited_min > 0;
END;
CREATE TRIGGER sessions_service_delete AFTER DELETE ON sessions WHEN OLD.credited_min > 0
BEGIN
  INSERT INTO service_moves (id, eff_in, station_id, volunteer_id, shift_id, project_id,
    credited_min, sign) VALUES (OLD.id, OLD.eff_in, OLD.station_id, OLD.volunteer_id,
    OLD.shift_id, OLD.project_id, OLD.credited_min, -1);
END;
INSERT INTO quarter_service (period, station_id, volunteer_id, project_id, minutes, walk_ins,
  shifts)
  SELECT CAST(strftime('%Y', s.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
      + (CAST(strftime('%m', s.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3 AS p,
    s.station_id, s.volunteer_id, COALESCE(s.project_id, 0) AS pr, SUM(s.credited_min),
    SUM(s.shift_id IS NULL), COUNT(DISTINCT s.shift_id)
  FROM sessions s WHERE s.credited_min > 0 GROUP BY p, s.station_id, s.volunteer_id, pr;
{pg}
);
CREATE FUNCTION service_add(p_id BIGINT, p_at BIGINT, p_station BIGINT, p_volunteer BIGINT,
  p_shift BIGINT, p_project BIGINT, p_minutes BIGINT, p_sign BIGINT) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  shifted TIMESTAMP := to_timestamp(p_at + 50400) AT TIME ZONE 'UTC';
  q BIGINT := EXTRACT(YEAR FROM shifted)::BIGINT * 10 + EXTRACT(QUARTER FROM shifted)::BIGINT;
  lo BIGINT := EXTRACT(EPOCH FROM date_trunc('quarter', shifted))::BIGINT - 50400;
  hi BIGINT := EXTRACT(EPOCH FROM date_trunc('quarter', shifted) + INTERVAL '3 months')::BIGINT
    - 50400;
BEGIN
  INSERT INTO quarter_service AS c (period, station_id, volunteer_id, project_id, minutes,
    walk_ins, shifts) VALUES (q, p_station, p_volunteer, COALESCE(p_project, 0),
    p_sign * p_minutes, CASE WHEN p_shift IS NULL THEN p_sign ELSE 0 END, 0)
  ON CONFLICT (period, station_id, volunteer_id, project_id)
    DO UPDATE SET minutes = c.minutes + EXCLUDED.minutes, walk_ins = c.walk_ins + EXCLUDED.walk_ins;
  IF p_shift IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions o WHERE o.shift_id = p_shift
      AND o.volunteer_id = p_volunteer AND o.credited_min > 0 AND o.station_id = p_station
      AND o.id <> p_id AND o.project_id IS NOT DISTINCT FROM p_project AND o.eff_in >= lo
      AND o.eff_in < hi) THEN
    UPDATE quarter_service SET shifts = shifts + p_sign
      WHERE period = q AND station_id = p_station AND volunteer_id = p_volunteer
        AND project_id = COALESCE(p_project, 0);
  END IF;
END $$;
CREATE FUNCTION sessions_service() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.credited_min > 0 THEN
    PERFORM service_add(OLD.id, OLD.eff_in, OLD.station_id, OLD.volunteer_id, OLD.shift_id,
      OLD.project_id, OLD.credited_min, -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.credited_min > 0 THEN
    PERFORM service_add(NEW.id, NEW.eff_in, NEW.station_id, NEW.volunteer_id, NEW.shift_id,
      NEW.project_id, NEW.credited_min, 1);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER sessions_service_insert AFTER INSERT ON sessions
FOR EACH ROW WHEN (NEW.credited_min > 0) EXECUTE FUNCTION sessions_service();
CREATE TRIGGER sessions_service_update
AFTER UPDATE OF credited_min, eff_in, station_id, volunteer_id, shift_id, project_id ON sessions
FOR EACH ROW WHEN ((OLD.credited_min > 0 OR NEW.credited_min > 0)
  AND (OLD.credited_min <> NEW.credited_min OR OLD.eff_in <> NEW.eff_in
       OR OLD.station_id <> NEW.station_id OR OLD.volunteer_id <> NEW.volunteer_id
       OR OLD.shift_id IS DISTINCT FROM NEW.shift_id
       OR OLD.project_id IS DISTINCT FROM NEW.project_id))
EXECUTE FUNCTION sessions_service();
CREATE TRIGGER sessions_service_delete AFTER DELETE ON sessions
FOR EACH ROW WHEN (OLD.credited_min > 0) EXECUTE FUNCTION sessions_service();
INSERT INTO quarter_service (period, station_id, volunteer_id, project_id, minutes, walk_ins,
  shifts)
  SELECT EXTRACT(YEAR FROM to_timestamp(s.eff_in + 50400) AT TIME ZONE 'UTC')::BIGINT * 10
      + EXTRACT(QUARTER FROM to_timestamp(s.eff_in + 50400) AT TIME ZONE 'UTC')::BIGINT AS p,
    s.station_id, s.volunteer_id, COALESCE(s.project_id, 0) AS pr, SUM(s.credited_min),
    COUNT(*) - COUNT(s.shift_id), COUNT(DISTINCT s.shift_id)
  FROM sessions s WHERE s.credited_min > 0 GROUP BY p, s.station_id, s.volunteer_id, pr;
{both}
)sql";

}  // namespace

std::vector<Migration> migrations_v26() {
  return {Migration::shared(kV26)};
}

}  // namespace vstation::store::schema
