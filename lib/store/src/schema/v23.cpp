// Migration 23 (sessions 40-41): each volunteer's credited walk-ins and distinct shifts per
// station and quarter, kept by the sessions' triggers (store/quarter_service.hpp); on SQLite a
// credited insert counted through one small trigger and a view.

#include "schema/schema.hpp"

namespace vstation::store::schema {
namespace {

// Version 23 (issue 17 point 2, reports at district scale): a quarter report reads its previous
// quarter too, half of all the sessions it reads. Beside each volunteer's credited minutes per
// station and quarter (`credit_totals`, version 18), `quarter_service` keeps their credited
// walk-in sessions and the distinct shifts they have credited sessions on, checked in in that
// quarter at that station (the quarters of `credit_totals`: the UTC calendar 14 hours ahead).
// Those are the parts of person-times that can be summed over volunteers and stations: a pair
// (shift, volunteer) is one volunteer's, at the shift's station. The triggers add or take away
// a walk-in, and a shift when no other credited session of that volunteer on it in that quarter
// at that station remains (looked up through `sessions_by_shift`): a check-in (no credit yet)
// writes nothing, a check-out one row. On PostgreSQL the row is written (and so locked) first and
// the other sessions looked at in a statement of its own, so that two changes to one volunteer's
// quarter at a station count one after the other. `vstation check` compares the table with a
// recount, `vstation recount` rebuilds it.
// SQLite runs each AFTER INSERT trigger of a row as a sub-program with a frame of its own,
// allocated, zeroed and freed for every row before the trigger's WHEN is even looked at: the
// insert triggers of the credit totals (v18), the shift fill (v22) and this table would cost a
// kiosk's check-in, which credits nothing and so changes none of them, about 15,000 instructions
// (callgrind), a tenth of the whole check-in (issue 17 point 5). So on SQLite their three bodies
// run, unchanged and in one trigger, for an insert into the view `credited_arrivals` (no rows of
// its own; INSTEAD OF INSERT), and a session inserted with credited minutes passes itself on to
// it from the one small `sessions_credited_insert`. PostgreSQL checks a trigger's WHEN before
// calling its function, and has one trigger a count.
constexpr std::string_view kV23 = R"sql(
CREATE TABLE quarter_service (
  period       {INT} NOT NULL,
  station_id   {INT} NOT NULL,
  volunteer_id {INT} NOT NULL,
  walk_ins     {INT} NOT NULL,
  shifts       {INT} NOT NULL,
  PRIMARY KEY (period, station_id, volunteer_id)
{sqlite}
) WITHOUT ROWID;
DROP TRIGGER IF EXISTS sessions_credit_insert;
DROP TRIGGER IF EXISTS sessions_fill_insert;
CREATE VIEW credited_arrivals AS
  SELECT id, volunteer_id, station_id, shift_id, eff_in, credited_min FROM sessions WHERE false;
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
  INSERT INTO quarter_service (period, station_id, volunteer_id, walk_ins, shifts)
    SELECT CAST(strftime('%Y', NEW.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
      + (CAST(strftime('%m', NEW.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3, NEW.station_id, NEW.volunteer_id, (NEW.shift_id IS NULL),
      (NEW.shift_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions o
        WHERE o.shift_id = NEW.shift_id AND o.volunteer_id = NEW.volunteer_id
          AND o.credited_min > 0 AND o.station_id = NEW.station_id AND o.id <> NEW.id
          AND CAST(strftime('%Y', o.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
      + (CAST(strftime('%m', o.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3 = CAST(strftime('%Y', NEW.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
      + (CAST(strftime('%m', NEW.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3))
    WHERE true
  ON CONFLICT (period, station_id, volunteer_id) DO UPDATE
    SET walk_ins = walk_ins + excluded.walk_ins, shifts = shifts + excluded.shifts;
END;
CREATE TRIGGER sessions_credited_insert AFTER INSERT ON sessions WHEN NEW.credited_min > 0
BEGIN
  INSERT INTO credited_arrivals (id, volunteer_id, station_id, shift_id, eff_in, credited_min)
    VALUES (NEW.id, NEW.volunteer_id, NEW.station_id, NEW.shift_id, NEW.eff_in, NEW.credited_min);
END;
CREATE TRIGGER sessions_service_update AFTER UPDATE OF credited_min, eff_in, station_id,
  volunteer_id, shift_id ON sessions
WHEN (OLD.credited_min > 0 OR NEW.credited_min > 0)
  AND ((OLD.credited_min > 0) <> (NEW.credited_min > 0) OR OLD.eff_in <> NEW.eff_in
       OR OLD.station_id <> NEW.station_id OR OLD.volunteer_id <> NEW.volunteer_id
       OR OLD.shift_id IS NOT NEW.shift_id)
BEGIN
  INSERT INTO quarter_service (period, station_id, volunteer_id, walk_ins, shifts)
    SELECT CAST(strftime('%Y', OLD.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
      + (CAST(strftime('%m', OLD.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3, OLD.station_id, OLD.volunteer_id, -(OLD.shift_id IS NULL),
      -(OLD.shift_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions o
        WHERE o.shift_id = OLD.shift_id AND o.volunteer_id = OLD.volunteer_id
          AND o.credited_min > 0 AND o.station_id = OLD.station_id AND o.id <> OLD.id
          AND CAST(strftime('%Y', o.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
      + (CAST(strftime('%m', o.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3 = CAST(strftime('%Y', OLD.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
      + (CAST(strftime('%m', OLD.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3))
    WHERE OLD.credited_min > 0
  ON CONFLICT (period, station_id, volunteer_id) DO UPDATE
    SET walk_ins = walk_ins + excluded.walk_ins, shifts = shifts + excluded.shifts;
  INSERT INTO quarter_service (period, station_id, volunteer_id, walk_ins, shifts)
    SELECT CAST(strftime('%Y', NEW.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
      + (CAST(strftime('%m', NEW.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3, NEW.station_id, NEW.volunteer_id, (NEW.shift_id IS NULL),
      (NEW.shift_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions o
        WHERE o.shift_id = NEW.shift_id AND o.volunteer_id = NEW.volunteer_id
          AND o.credited_min > 0 AND o.station_id = NEW.station_id AND o.id <> NEW.id
          AND CAST(strftime('%Y', o.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
      + (CAST(strftime('%m', o.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3 = CAST(strftime('%Y', NEW.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
      + (CAST(strftime('%m', NEW.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3))
    WHERE NEW.credited_min > 0
  ON CONFLICT (period, station_id, volunteer_id) DO UPDATE
    SET walk_ins = walk_ins + excluded.walk_ins, shifts = shifts + excluded.shifts;
END;
CREATE TRIGGER sessions_service_delete AFTER DELETE ON sessions WHEN OLD.credited_min > 0
BEGIN
  INSERT INTO quarter_service (period, station_id, volunteer_id, walk_ins, shifts)
    SELECT CAST(strftime('%Y', OLD.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
      + (CAST(strftime('%m', OLD.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3, OLD.station_id, OLD.volunteer_id, -(OLD.shift_id IS NULL),
      -(OLD.shift_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions o
        WHERE o.shift_id = OLD.shift_id AND o.volunteer_id = OLD.volunteer_id
          AND o.credited_min > 0 AND o.station_id = OLD.station_id AND o.id <> OLD.id
          AND CAST(strftime('%Y', o.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
      + (CAST(strftime('%m', o.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3 = CAST(strftime('%Y', OLD.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
      + (CAST(strftime('%m', OLD.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3))
    WHERE true
  ON CONFLICT (period, station_id, volunteer_id) DO UPDATE
    SET walk_ins = walk_ins + excluded.walk_ins, shifts = shifts + excluded.shifts;
END;
INSERT INTO quarter_service (period, station_id, volunteer_id, walk_ins, shifts)
  SELECT CAST(strftime('%Y', s.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
      + (CAST(strftime('%m', s.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3 AS p,
    s.station_id, s.volunteer_id, SUM(s.shift_id IS NULL), COUNT(DISTINCT s.shift_id)
  FROM sessions s WHERE s.credited_min > 0 GROUP BY p, s.station_id, s.volunteer_id;
{pg}
);
CREATE FUNCTION service_add(p_id BIGINT, p_at BIGINT, p_station BIGINT, p_volunteer BIGINT,
  p_shift BIGINT, p_sign BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  shifted TIMESTAMP := to_timestamp(p_at + 50400) AT TIME ZONE 'UTC';
  q BIGINT := EXTRACT(YEAR FROM shifted)::BIGINT * 10 + EXTRACT(QUARTER FROM shifted)::BIGINT;
  lo BIGINT := EXTRACT(EPOCH FROM date_trunc('quarter', shifted))::BIGINT - 50400;
  hi BIGINT := EXTRACT(EPOCH FROM date_trunc('quarter', shifted) + INTERVAL '3 months')::BIGINT
    - 50400;
BEGIN
  INSERT INTO quarter_service AS c (period, station_id, volunteer_id, walk_ins, shifts) VALUES
    (q, p_station, p_volunteer, CASE WHEN p_shift IS NULL THEN p_sign ELSE 0 END, 0)
  ON CONFLICT (period, station_id, volunteer_id)
    DO UPDATE SET walk_ins = c.walk_ins + EXCLUDED.walk_ins;
  IF p_shift IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions o WHERE o.shift_id = p_shift
      AND o.volunteer_id = p_volunteer AND o.credited_min > 0 AND o.station_id = p_station
      AND o.id <> p_id AND o.eff_in >= lo AND o.eff_in < hi) THEN
    UPDATE quarter_service SET shifts = shifts + p_sign
      WHERE period = q AND station_id = p_station AND volunteer_id = p_volunteer;
  END IF;
END $$;
CREATE FUNCTION sessions_service() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.credited_min > 0 THEN
    PERFORM service_add(OLD.id, OLD.eff_in, OLD.station_id, OLD.volunteer_id, OLD.shift_id, -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.credited_min > 0 THEN
    PERFORM service_add(NEW.id, NEW.eff_in, NEW.station_id, NEW.volunteer_id, NEW.shift_id, 1);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER sessions_service_insert AFTER INSERT ON sessions
FOR EACH ROW WHEN (NEW.credited_min > 0) EXECUTE FUNCTION sessions_service();
CREATE TRIGGER sessions_service_update
AFTER UPDATE OF credited_min, eff_in, station_id, volunteer_id, shift_id ON sessions
FOR EACH ROW WHEN ((OLD.credited_min > 0 OR NEW.credited_min > 0)
  AND ((OLD.credited_min > 0) <> (NEW.credited_min > 0) OR OLD.eff_in <> NEW.eff_in
       OR OLD.station_id <> NEW.station_id OR OLD.volunteer_id <> NEW.volunteer_id
       OR OLD.shift_id IS DISTINCT FROM NEW.shift_id))
EXECUTE FUNCTION sessions_service();
CREATE TRIGGER sessions_service_delete AFTER DELETE ON sessions
FOR EACH ROW WHEN (OLD.credited_min > 0) EXECUTE FUNCTION sessions_service();
INSERT INTO quarter_service (period, station_id, volunteer_id, walk_ins, shifts)
  SELECT EXTRACT(YEAR FROM to_timestamp(s.eff_in + 50400) AT TIME ZONE 'UTC')::BIGINT * 10
      + EXTRACT(QUARTER FROM to_timestamp(s.eff_in + 50400) AT TIME ZONE 'UTC')::BIGINT AS p,
    s.station_id, s.volunteer_id, COUNT(*) - COUNT(s.shift_id), COUNT(DISTINCT s.shift_id)
  FROM sessions s WHERE s.credited_min > 0 GROUP BY p, s.station_id, s.volunteer_id;
{both}
)sql";

}  // namespace

std::vector<Migration> migrations_v23() {
  return {Migration::shared(kV23)};
}

}  // namespace vstation::store::schema
