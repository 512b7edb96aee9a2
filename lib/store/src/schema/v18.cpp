// Migration 18 (session 27): each volunteer's credited minutes per station and period, kept by
// the sessions' triggers (store/credit_totals.hpp).

#include "schema/schema.hpp"

namespace vstation::store::schema {
namespace {

// Version 18 (issue 17, reports at district scale): a report's star levels and "new volunteers"
// need every volunteer's credited minutes before the report's first day, over all history. The
// report reads them from `credit_totals` and streams only the sessions from the start of the
// period key its first day falls in (store/credit_totals.hpp says how a period is numbered: a
// year Y, or a quarter Y*10+q, of the UTC calendar 14 hours ahead, so that a period starts no
// later than its first local day anywhere). The triggers change a row only when a session's
// credit, check-in, station or volunteer changes and some credit is involved: a check-in (no
// credit yet) writes nothing, a check-out two rows. `vstation check` compares the table with a
// recount from the sessions, `vstation recount` rebuilds it.
constexpr std::string_view kV18 = R"sql(
CREATE TABLE credit_totals (
  period       {INT} NOT NULL,
  station_id   {INT} NOT NULL,
  volunteer_id {INT} NOT NULL,
  minutes      {INT} NOT NULL,
  PRIMARY KEY (period, station_id, volunteer_id)
{sqlite}
) WITHOUT ROWID;
CREATE TRIGGER sessions_credit_insert AFTER INSERT ON sessions WHEN NEW.credited_min > 0
BEGIN
  INSERT INTO credit_totals (period, station_id, volunteer_id, minutes) VALUES
    (CAST(strftime('%Y', NEW.eff_in + 50400, 'unixepoch') AS INTEGER),
     NEW.station_id, NEW.volunteer_id, NEW.credited_min),
    (CAST(strftime('%Y', NEW.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
       + (CAST(strftime('%m', NEW.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3,
     NEW.station_id, NEW.volunteer_id, NEW.credited_min)
  ON CONFLICT (period, station_id, volunteer_id) DO UPDATE SET minutes = minutes + excluded.minutes;
END;
CREATE TRIGGER sessions_credit_update AFTER UPDATE OF credited_min, eff_in, station_id, volunteer_id
ON sessions WHEN (OLD.credited_min > 0 OR NEW.credited_min > 0)
  AND (OLD.credited_min <> NEW.credited_min OR OLD.eff_in <> NEW.eff_in
       OR OLD.station_id <> NEW.station_id OR OLD.volunteer_id <> NEW.volunteer_id)
BEGIN
  INSERT INTO credit_totals (period, station_id, volunteer_id, minutes)
    SELECT CAST(strftime('%Y', OLD.eff_in + 50400, 'unixepoch') AS INTEGER),
      OLD.station_id, OLD.volunteer_id, -OLD.credited_min WHERE OLD.credited_min > 0
    UNION ALL
    SELECT CAST(strftime('%Y', OLD.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
        + (CAST(strftime('%m', OLD.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3,
      OLD.station_id, OLD.volunteer_id, -OLD.credited_min WHERE OLD.credited_min > 0
  ON CONFLICT (period, station_id, volunteer_id) DO UPDATE SET minutes = minutes + excluded.minutes;
  INSERT INTO credit_totals (period, station_id, volunteer_id, minutes)
    SELECT CAST(strftime('%Y', NEW.eff_in + 50400, 'unixepoch') AS INTEGER),
      NEW.station_id, NEW.volunteer_id, NEW.credited_min WHERE NEW.credited_min > 0
    UNION ALL
    SELECT CAST(strftime('%Y', NEW.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
        + (CAST(strftime('%m', NEW.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3,
      NEW.station_id, NEW.volunteer_id, NEW.credited_min WHERE NEW.credited_min > 0
  ON CONFLICT (period, station_id, volunteer_id) DO UPDATE SET minutes = minutes + excluded.minutes;
END;
CREATE TRIGGER sessions_credit_delete AFTER DELETE ON sessions WHEN OLD.credited_min > 0
BEGIN
  INSERT INTO credit_totals (period, station_id, volunteer_id, minutes) VALUES
    (CAST(strftime('%Y', OLD.eff_in + 50400, 'unixepoch') AS INTEGER),
     OLD.station_id, OLD.volunteer_id, -OLD.credited_min),
    (CAST(strftime('%Y', OLD.eff_in + 50400, 'unixepoch') AS INTEGER) * 10
       + (CAST(strftime('%m', OLD.eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3,
     OLD.station_id, OLD.volunteer_id, -OLD.credited_min)
  ON CONFLICT (period, station_id, volunteer_id) DO UPDATE SET minutes = minutes + excluded.minutes;
END;
INSERT INTO credit_totals (period, station_id, volunteer_id, minutes)
  SELECT p, station_id, volunteer_id, SUM(credited_min) FROM (
    SELECT CAST(strftime('%Y', eff_in + 50400, 'unixepoch') AS INTEGER) AS p,
      station_id, volunteer_id, credited_min FROM sessions WHERE credited_min > 0
    UNION ALL
    SELECT CAST(strftime('%Y', eff_in + 50400, 'unixepoch') AS INTEGER) * 10
        + (CAST(strftime('%m', eff_in + 50400, 'unixepoch') AS INTEGER) + 2) / 3,
      station_id, volunteer_id, credited_min FROM sessions WHERE credited_min > 0)
  GROUP BY p, station_id, volunteer_id;
{pg}
);
CREATE FUNCTION credit_add(p_at BIGINT, p_station BIGINT, p_volunteer BIGINT, p_minutes BIGINT)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  shifted TIMESTAMP := to_timestamp(p_at + 50400) AT TIME ZONE 'UTC';
  y BIGINT := EXTRACT(YEAR FROM shifted)::BIGINT;
BEGIN
  INSERT INTO credit_totals AS c (period, station_id, volunteer_id, minutes) VALUES
    (y, p_station, p_volunteer, p_minutes),
    (y * 10 + EXTRACT(QUARTER FROM shifted)::BIGINT, p_station, p_volunteer, p_minutes)
  ON CONFLICT (period, station_id, volunteer_id)
    DO UPDATE SET minutes = c.minutes + EXCLUDED.minutes;
END $$;
CREATE FUNCTION sessions_credit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.credited_min > 0 THEN
    PERFORM credit_add(OLD.eff_in, OLD.station_id, OLD.volunteer_id, -OLD.credited_min);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.credited_min > 0 THEN
    PERFORM credit_add(NEW.eff_in, NEW.station_id, NEW.volunteer_id, NEW.credited_min);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER sessions_credit_insert AFTER INSERT ON sessions
FOR EACH ROW WHEN (NEW.credited_min > 0) EXECUTE FUNCTION sessions_credit();
CREATE TRIGGER sessions_credit_update AFTER UPDATE OF credited_min, eff_in, station_id, volunteer_id
ON sessions FOR EACH ROW WHEN ((OLD.credited_min > 0 OR NEW.credited_min > 0)
  AND (OLD.credited_min <> NEW.credited_min OR OLD.eff_in <> NEW.eff_in
       OR OLD.station_id <> NEW.station_id OR OLD.volunteer_id <> NEW.volunteer_id))
EXECUTE FUNCTION sessions_credit();
CREATE TRIGGER sessions_credit_delete AFTER DELETE ON sessions
FOR EACH ROW WHEN (OLD.credited_min > 0) EXECUTE FUNCTION sessions_credit();
INSERT INTO credit_totals (period, station_id, volunteer_id, minutes)
  SELECT p, station_id, volunteer_id, SUM(credited_min) FROM (
    SELECT EXTRACT(YEAR FROM to_timestamp(eff_in + 50400) AT TIME ZONE 'UTC')::BIGINT AS p,
      station_id, volunteer_id, credited_min FROM sessions WHERE credited_min > 0
    UNION ALL
    SELECT EXTRACT(YEAR FROM to_timestamp(eff_in + 50400) AT TIME ZONE 'UTC')::BIGINT * 10
        + EXTRACT(QUARTER FROM to_timestamp(eff_in + 50400) AT TIME ZONE 'UTC')::BIGINT,
      station_id, volunteer_id, credited_min FROM sessions WHERE credited_min > 0) x
  GROUP BY p, station_id, volunteer_id;
{both}
)sql";

}  // namespace

std::vector<Migration> migrations_v18() {
  return {Migration::shared(kV18)};
}

}  // namespace vstation::store::schema
