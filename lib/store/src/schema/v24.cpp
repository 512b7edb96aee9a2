// Migration 24 (session 41): a session inserted with nothing credited (every check-in) fires one
// small trigger on SQLite instead of three large ones.

#include "schema/schema.hpp"

namespace vstation::store::schema {
namespace {

// Version 24 (issue 17 point 5, the kiosk's check-in against a bare insert-and-commit): SQLite
// runs each AFTER INSERT trigger of a row as a sub-program with a frame of its own, allocated,
// zeroed and freed for every row before the trigger's WHEN is even looked at: the three that
// keep the credit totals (v18), the shift fill (v22) and the quarter's service (v23) cost a
// check-in, which credits nothing and so changes none of them, about 15,000 instructions
// (callgrind), a tenth of the whole check-in. Their three bodies now run, unchanged and in one
// trigger, for an insert into the view `credited_arrivals` (no rows of its own; INSTEAD OF
// INSERT), and a session inserted with credited minutes passes itself on to it from the one
// small `sessions_credited_insert`. PostgreSQL checks a trigger's WHEN before calling its
// function, and keeps its three triggers.
constexpr std::string_view kV24 = R"sql(
{sqlite}
DROP TRIGGER IF EXISTS sessions_credit_insert;
DROP TRIGGER IF EXISTS sessions_fill_insert;
DROP TRIGGER IF EXISTS sessions_service_insert;
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
{both}
)sql";

}  // namespace

std::vector<Migration> migrations_v24() {
  return {Migration::shared(kV24)};
}

}  // namespace vstation::store::schema
