// Migration 20 (session 33): incidents counted per station, type and month, kept by the
// incidents' triggers (store/incident_totals.hpp).

#include "schema/schema.hpp"

namespace vstation::store::schema {
namespace {

// Version 20 (issue 17, reports at district scale): a report's incidents by type summed the
// period's service log row by row (7.85 million rows for a district's since-opening report).
// `incident_totals` holds each station's incidents and people served per type and per month of
// the UTC calendar 14 hours ahead (key Y*100+m; store/incident_totals.hpp says why that
// calendar): a report sums the months that hold its span and reads only the rows near its two
// ends, where the months and the stations' local days part. The triggers change one row for an
// added or erased incident, two for a moved one. `vstation check` compares the table with a
// recount from the incidents, `vstation recount` rebuilds it.
constexpr std::string_view kV20 = R"sql(
CREATE TABLE incident_totals (
  period        {INT} NOT NULL,
  station_id    {INT} NOT NULL,
  type          {TEXT} NOT NULL,
  incidents     {INT} NOT NULL,
  people_served {INT} NOT NULL,
  PRIMARY KEY (period, station_id, type)
{sqlite}
) WITHOUT ROWID;
CREATE TRIGGER incident_totals_insert AFTER INSERT ON incidents
BEGIN
  INSERT INTO incident_totals (period, station_id, type, incidents, people_served) VALUES
    (CAST(strftime('%Y%m', NEW.at + 50400, 'unixepoch') AS INTEGER), NEW.station_id, NEW.type, 1,
     NEW.people_served)
  ON CONFLICT (period, station_id, type) DO UPDATE SET incidents = incidents + excluded.incidents,
    people_served = people_served + excluded.people_served;
END;
CREATE TRIGGER incident_totals_update AFTER UPDATE OF at, station_id, type, people_served
ON incidents WHEN OLD.at <> NEW.at OR OLD.station_id <> NEW.station_id OR OLD.type <> NEW.type
  OR OLD.people_served <> NEW.people_served
BEGIN
  INSERT INTO incident_totals (period, station_id, type, incidents, people_served) VALUES
    (CAST(strftime('%Y%m', OLD.at + 50400, 'unixepoch') AS INTEGER), OLD.station_id, OLD.type, -1,
     -OLD.people_served)
  ON CONFLICT (period, station_id, type) DO UPDATE SET incidents = incidents + excluded.incidents,
    people_served = people_served + excluded.people_served;
  INSERT INTO incident_totals (period, station_id, type, incidents, people_served) VALUES
    (CAST(strftime('%Y%m', NEW.at + 50400, 'unixepoch') AS INTEGER), NEW.station_id, NEW.type, 1,
     NEW.people_served)
  ON CONFLICT (period, station_id, type) DO UPDATE SET incidents = incidents + excluded.incidents,
    people_served = people_served + excluded.people_served;
END;
CREATE TRIGGER incident_totals_delete AFTER DELETE ON incidents
BEGIN
  INSERT INTO incident_totals (period, station_id, type, incidents, people_served) VALUES
    (CAST(strftime('%Y%m', OLD.at + 50400, 'unixepoch') AS INTEGER), OLD.station_id, OLD.type, -1,
     -OLD.people_served)
  ON CONFLICT (period, station_id, type) DO UPDATE SET incidents = incidents + excluded.incidents,
    people_served = people_served + excluded.people_served;
END;
INSERT INTO incident_totals (period, station_id, type, incidents, people_served)
  SELECT CAST(strftime('%Y%m', at + 50400, 'unixepoch') AS INTEGER), station_id, type, COUNT(*),
    SUM(people_served)
  FROM incidents GROUP BY 1, 2, 3;
{pg}
);
CREATE FUNCTION incident_totals_add(p_at BIGINT, p_station BIGINT, p_type TEXT, p_incidents BIGINT,
  p_people BIGINT)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  shifted TIMESTAMP := to_timestamp(p_at + 50400) AT TIME ZONE 'UTC';
BEGIN
  INSERT INTO incident_totals AS t (period, station_id, type, incidents, people_served) VALUES
    (EXTRACT(YEAR FROM shifted)::BIGINT * 100 + EXTRACT(MONTH FROM shifted)::BIGINT, p_station,
     p_type, p_incidents, p_people)
  ON CONFLICT (period, station_id, type) DO UPDATE SET incidents = t.incidents + EXCLUDED.incidents,
    people_served = t.people_served + EXCLUDED.people_served;
END $$;
CREATE FUNCTION incident_totals_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM incident_totals_add(OLD.at, OLD.station_id, OLD.type, -1, -OLD.people_served);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM incident_totals_add(NEW.at, NEW.station_id, NEW.type, 1, NEW.people_served);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER incident_totals_insert AFTER INSERT ON incidents
FOR EACH ROW EXECUTE FUNCTION incident_totals_row();
CREATE TRIGGER incident_totals_update AFTER UPDATE OF at, station_id, type, people_served
ON incidents FOR EACH ROW WHEN (OLD.at <> NEW.at OR OLD.station_id <> NEW.station_id
  OR OLD.type <> NEW.type OR OLD.people_served <> NEW.people_served)
EXECUTE FUNCTION incident_totals_row();
CREATE TRIGGER incident_totals_delete AFTER DELETE ON incidents
FOR EACH ROW EXECUTE FUNCTION incident_totals_row();
INSERT INTO incident_totals (period, station_id, type, incidents, people_served)
  SELECT EXTRACT(YEAR FROM to_timestamp(at + 50400) AT TIME ZONE 'UTC')::BIGINT * 100
      + EXTRACT(MONTH FROM to_timestamp(at + 50400) AT TIME ZONE 'UTC')::BIGINT,
    station_id, type, COUNT(*), SUM(people_served)
  FROM incidents GROUP BY 1, 2, 3;
{both}
)sql";

}  // namespace

std::vector<Migration> migrations_v20() {
  return {Migration::shared(kV20)};
}

}  // namespace vstation::store::schema
