// Migration 24 (session 42): the credited minutes, walk-ins and shift fill per station and day,
// kept by the sessions' and shifts' triggers (store/day_totals.hpp).

#include "schema/schema.hpp"

namespace vstation::store::schema {
namespace {

// Version 24 (issue 17 points 1 and 2, reports at district scale): a since-opening report's
// range is the whole history, and it read every session and every shift of it (20 million and
// 11 million rows on the PostgreSQL district) for a handful of sums by month. `day_totals` keeps,
// per station and day of the calendar 14 hours ahead of UTC (the day every zone's local day
// begins in or after: credit_totals' calendar), the credited minutes and walk-in sessions checked
// in that day, and of the shifts starting that day their credited volunteers (every shift: the
// distinct (shift, volunteer) pairs), and the uncancelled ones, their slots and slots filled
// (each shift's credited volunteers up to its slots). A local month is then its days' sums with
// the hours at either edge read from the records (design.md §3.8). The sessions' triggers add a
// session's credit to its day and take it away; the shifts' triggers add and take away a shift,
// whose credited volunteers the sessions' triggers keep (version 22), so a check-out on a shift
// reaches its day through the shift's row. On SQLite a credited insert counts through a second
// trigger on the view `credited_arrivals` (version 23), so that an uncredited check-in still
// runs one small trigger. `shifts_by_project` finds a range's active projects without reading
// every shift. `vstation check` compares the table with a recount, `vstation recount` rebuilds it.
constexpr std::string_view kV24 = R"sql(
CREATE TABLE day_totals (
  day        {INT} NOT NULL,
  station_id {INT} NOT NULL,
  minutes    {INT} NOT NULL,
  walk_ins   {INT} NOT NULL,
  pairs      {INT} NOT NULL,
  shifts     {INT} NOT NULL,
  slots      {INT} NOT NULL,
  filled     {INT} NOT NULL,
  PRIMARY KEY (day, station_id)
{sqlite}
) WITHOUT ROWID;
CREATE TRIGGER credited_arrivals_days INSTEAD OF INSERT ON credited_arrivals
BEGIN
  INSERT INTO day_totals (day, station_id, minutes, walk_ins, pairs, shifts, slots, filled)
    VALUES ((NEW.eff_in + 50400) / 86400, NEW.station_id, NEW.credited_min,
      NEW.shift_id IS NULL, 0, 0, 0, 0)
  ON CONFLICT (day, station_id) DO UPDATE
    SET minutes = minutes + excluded.minutes, walk_ins = walk_ins + excluded.walk_ins;
END;
CREATE TRIGGER sessions_day_update AFTER UPDATE OF credited_min, eff_in, station_id, shift_id
ON sessions WHEN (OLD.credited_min > 0 OR NEW.credited_min > 0)
  AND (OLD.credited_min <> NEW.credited_min OR OLD.eff_in <> NEW.eff_in
       OR OLD.station_id <> NEW.station_id OR (OLD.shift_id IS NULL) <> (NEW.shift_id IS NULL))
BEGIN
  INSERT INTO day_totals (day, station_id, minutes, walk_ins, pairs, shifts, slots, filled)
    SELECT (OLD.eff_in + 50400) / 86400, OLD.station_id, -OLD.credited_min,
      -(OLD.shift_id IS NULL), 0, 0, 0, 0 WHERE OLD.credited_min > 0
  ON CONFLICT (day, station_id) DO UPDATE
    SET minutes = minutes + excluded.minutes, walk_ins = walk_ins + excluded.walk_ins;
  INSERT INTO day_totals (day, station_id, minutes, walk_ins, pairs, shifts, slots, filled)
    SELECT (NEW.eff_in + 50400) / 86400, NEW.station_id, NEW.credited_min,
      NEW.shift_id IS NULL, 0, 0, 0, 0 WHERE NEW.credited_min > 0
  ON CONFLICT (day, station_id) DO UPDATE
    SET minutes = minutes + excluded.minutes, walk_ins = walk_ins + excluded.walk_ins;
END;
CREATE TRIGGER sessions_day_delete AFTER DELETE ON sessions WHEN OLD.credited_min > 0
BEGIN
  INSERT INTO day_totals (day, station_id, minutes, walk_ins, pairs, shifts, slots, filled)
    VALUES ((OLD.eff_in + 50400) / 86400, OLD.station_id, -OLD.credited_min,
      -(OLD.shift_id IS NULL), 0, 0, 0, 0)
  ON CONFLICT (day, station_id) DO UPDATE
    SET minutes = minutes + excluded.minutes, walk_ins = walk_ins + excluded.walk_ins;
END;
CREATE TRIGGER shifts_day_insert AFTER INSERT ON shifts
WHEN NEW.cancelled = 0 OR NEW.credited_volunteers > 0
BEGIN
  INSERT INTO day_totals (day, station_id, minutes, walk_ins, pairs, shifts, slots, filled)
    VALUES ((NEW.starts_at + 50400) / 86400, NEW.station_id, 0, 0, NEW.credited_volunteers,
      NEW.cancelled = 0, CASE WHEN NEW.cancelled = 0 THEN NEW.slots ELSE 0 END,
      CASE WHEN NEW.cancelled <> 0 THEN 0 WHEN NEW.credited_volunteers < NEW.slots
        THEN NEW.credited_volunteers ELSE NEW.slots END)
  ON CONFLICT (day, station_id) DO UPDATE
    SET pairs = pairs + excluded.pairs, shifts = shifts + excluded.shifts,
      slots = slots + excluded.slots, filled = filled + excluded.filled;
END;
CREATE TRIGGER shifts_day_update AFTER UPDATE OF starts_at, station_id, cancelled, slots,
  credited_volunteers ON shifts
WHEN OLD.starts_at <> NEW.starts_at OR OLD.station_id <> NEW.station_id
  OR OLD.cancelled <> NEW.cancelled OR OLD.slots <> NEW.slots
  OR OLD.credited_volunteers <> NEW.credited_volunteers
BEGIN
  INSERT INTO day_totals (day, station_id, minutes, walk_ins, pairs, shifts, slots, filled)
    SELECT (OLD.starts_at + 50400) / 86400, OLD.station_id, 0, 0, -OLD.credited_volunteers,
      -(OLD.cancelled = 0), CASE WHEN OLD.cancelled = 0 THEN -OLD.slots ELSE 0 END,
      CASE WHEN OLD.cancelled <> 0 THEN 0 WHEN OLD.credited_volunteers < OLD.slots
        THEN -OLD.credited_volunteers ELSE -OLD.slots END WHERE true
  ON CONFLICT (day, station_id) DO UPDATE
    SET pairs = pairs + excluded.pairs, shifts = shifts + excluded.shifts,
      slots = slots + excluded.slots, filled = filled + excluded.filled;
  INSERT INTO day_totals (day, station_id, minutes, walk_ins, pairs, shifts, slots, filled)
    SELECT (NEW.starts_at + 50400) / 86400, NEW.station_id, 0, 0, NEW.credited_volunteers,
      NEW.cancelled = 0, CASE WHEN NEW.cancelled = 0 THEN NEW.slots ELSE 0 END,
      CASE WHEN NEW.cancelled <> 0 THEN 0 WHEN NEW.credited_volunteers < NEW.slots
        THEN NEW.credited_volunteers ELSE NEW.slots END WHERE true
  ON CONFLICT (day, station_id) DO UPDATE
    SET pairs = pairs + excluded.pairs, shifts = shifts + excluded.shifts,
      slots = slots + excluded.slots, filled = filled + excluded.filled;
END;
CREATE TRIGGER shifts_day_delete AFTER DELETE ON shifts
WHEN OLD.cancelled = 0 OR OLD.credited_volunteers > 0
BEGIN
  INSERT INTO day_totals (day, station_id, minutes, walk_ins, pairs, shifts, slots, filled)
    VALUES ((OLD.starts_at + 50400) / 86400, OLD.station_id, 0, 0, -OLD.credited_volunteers,
      -(OLD.cancelled = 0), CASE WHEN OLD.cancelled = 0 THEN -OLD.slots ELSE 0 END,
      CASE WHEN OLD.cancelled <> 0 THEN 0 WHEN OLD.credited_volunteers < OLD.slots
        THEN -OLD.credited_volunteers ELSE -OLD.slots END)
  ON CONFLICT (day, station_id) DO UPDATE
    SET pairs = pairs + excluded.pairs, shifts = shifts + excluded.shifts,
      slots = slots + excluded.slots, filled = filled + excluded.filled;
END;
{pg}
);
CREATE FUNCTION day_add(p_at BIGINT, p_station BIGINT, p_minutes BIGINT, p_walk_ins BIGINT,
  p_pairs BIGINT, p_shifts BIGINT, p_slots BIGINT, p_filled BIGINT)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO day_totals AS d (day, station_id, minutes, walk_ins, pairs, shifts, slots, filled)
  VALUES ((p_at + 50400) / 86400, p_station, p_minutes, p_walk_ins, p_pairs, p_shifts, p_slots,
    p_filled)
  ON CONFLICT (day, station_id) DO UPDATE SET minutes = d.minutes + EXCLUDED.minutes,
    walk_ins = d.walk_ins + EXCLUDED.walk_ins, pairs = d.pairs + EXCLUDED.pairs,
    shifts = d.shifts + EXCLUDED.shifts, slots = d.slots + EXCLUDED.slots,
    filled = d.filled + EXCLUDED.filled;
$$;
CREATE FUNCTION sessions_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.credited_min > 0 THEN
    PERFORM day_add(OLD.eff_in, OLD.station_id, -OLD.credited_min,
      CASE WHEN OLD.shift_id IS NULL THEN -1 ELSE 0 END, 0, 0, 0, 0);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.credited_min > 0 THEN
    PERFORM day_add(NEW.eff_in, NEW.station_id, NEW.credited_min,
      CASE WHEN NEW.shift_id IS NULL THEN 1 ELSE 0 END, 0, 0, 0, 0);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER sessions_day_insert AFTER INSERT ON sessions
FOR EACH ROW WHEN (NEW.credited_min > 0) EXECUTE FUNCTION sessions_day();
CREATE TRIGGER sessions_day_update AFTER UPDATE OF credited_min, eff_in, station_id, shift_id
ON sessions FOR EACH ROW WHEN ((OLD.credited_min > 0 OR NEW.credited_min > 0)
  AND (OLD.credited_min <> NEW.credited_min OR OLD.eff_in <> NEW.eff_in
       OR OLD.station_id <> NEW.station_id OR (OLD.shift_id IS NULL) <> (NEW.shift_id IS NULL)))
EXECUTE FUNCTION sessions_day();
CREATE TRIGGER sessions_day_delete AFTER DELETE ON sessions
FOR EACH ROW WHEN (OLD.credited_min > 0) EXECUTE FUNCTION sessions_day();
CREATE FUNCTION shifts_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM day_add(OLD.starts_at, OLD.station_id, 0, 0, -OLD.credited_volunteers,
      CASE WHEN OLD.cancelled = 0 THEN -1 ELSE 0 END,
      CASE WHEN OLD.cancelled = 0 THEN -OLD.slots ELSE 0 END,
      CASE WHEN OLD.cancelled = 0 THEN -LEAST(OLD.credited_volunteers, OLD.slots) ELSE 0 END);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM day_add(NEW.starts_at, NEW.station_id, 0, 0, NEW.credited_volunteers,
      CASE WHEN NEW.cancelled = 0 THEN 1 ELSE 0 END,
      CASE WHEN NEW.cancelled = 0 THEN NEW.slots ELSE 0 END,
      CASE WHEN NEW.cancelled = 0 THEN LEAST(NEW.credited_volunteers, NEW.slots) ELSE 0 END);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER shifts_day_insert AFTER INSERT ON shifts
FOR EACH ROW WHEN (NEW.cancelled = 0 OR NEW.credited_volunteers > 0)
EXECUTE FUNCTION shifts_day();
CREATE TRIGGER shifts_day_update AFTER UPDATE OF starts_at, station_id, cancelled, slots,
  credited_volunteers ON shifts
FOR EACH ROW WHEN (OLD.starts_at <> NEW.starts_at OR OLD.station_id <> NEW.station_id
  OR OLD.cancelled <> NEW.cancelled OR OLD.slots <> NEW.slots
  OR OLD.credited_volunteers <> NEW.credited_volunteers)
EXECUTE FUNCTION shifts_day();
CREATE TRIGGER shifts_day_delete AFTER DELETE ON shifts
FOR EACH ROW WHEN (OLD.cancelled = 0 OR OLD.credited_volunteers > 0)
EXECUTE FUNCTION shifts_day();
{both}
INSERT INTO day_totals (day, station_id, minutes, walk_ins, pairs, shifts, slots, filled)
  SELECT x.day, x.station_id, SUM(x.minutes), SUM(x.walk_ins), SUM(x.pairs), SUM(x.shifts),
    SUM(x.slots), SUM(x.filled) FROM (
    SELECT (s.eff_in + 50400) / 86400 AS day, s.station_id, s.credited_min AS minutes,
      CASE WHEN s.shift_id IS NULL THEN 1 ELSE 0 END AS walk_ins, 0 AS pairs, 0 AS shifts,
      0 AS slots, 0 AS filled
    FROM sessions s WHERE s.credited_min > 0
    UNION ALL
    SELECT (sh.starts_at + 50400) / 86400, sh.station_id, 0, 0, sh.credited_volunteers,
      CASE WHEN sh.cancelled = 0 THEN 1 ELSE 0 END, CASE WHEN sh.cancelled = 0 THEN sh.slots
      ELSE 0 END, CASE WHEN sh.cancelled <> 0 THEN 0 WHEN sh.credited_volunteers < sh.slots
      THEN sh.credited_volunteers ELSE sh.slots END
    FROM shifts sh) x
  GROUP BY x.day, x.station_id;
CREATE INDEX shifts_by_project ON shifts (project_id, starts_at) WHERE cancelled = 0;
)sql";

}  // namespace

std::vector<Migration> migrations_v24() {
  return {Migration::shared(kV24)};
}

}  // namespace vstation::store::schema
