// Migration 22 (session 38): each shift's distinct credited volunteers kept on its row by the
// sessions' triggers (store/shift_fill.hpp).

#include "schema/schema.hpp"

namespace vstation::store::schema {
namespace {

// Version 22 (issue 17, reports at district scale): a report's slots filled are, per shift, its
// distinct volunteers with credited time, whenever they checked in (design.md §3.6). The report
// read every credited session of the span's shifts to count them (4.7 million rows for a quarter
// report on the 20-million-session district, half its server's work on PostgreSQL). Now
// `shifts.credited_volunteers` holds that count, recounted from `sessions_by_shift` by the
// sessions' triggers whenever a session's credit starts or ends, or its shift or volunteer
// changes: a check-in (no credit yet) writes nothing more, a check-out on a shift one shift row.
// `shifts_by_time` covers it (and `id`, so that PostgreSQL reads the span's shifts from the
// index alone). And `projects_by_published`: a report's projects published in its period read
// every project (658,000 on the district) for want of it. `vstation check` compares the column with a recount, `vstation recount` rebuilds
// it. On PostgreSQL the shift row is locked before it is counted, in a statement of its own: two
// check-outs on one shift under READ COMMITTED then count one after the other, the second seeing
// the first's session, instead of both counting what was there before either.
constexpr std::string_view kV22 = R"sql(
ALTER TABLE shifts ADD COLUMN credited_volunteers {INT} NOT NULL DEFAULT 0;
UPDATE shifts SET credited_volunteers = f.n FROM (
  SELECT shift_id, COUNT(DISTINCT volunteer_id) AS n FROM sessions
  WHERE shift_id IS NOT NULL AND credited_min > 0 GROUP BY shift_id) AS f
WHERE shifts.id = f.shift_id;
DROP INDEX shifts_by_time;
CREATE INDEX shifts_by_time ON shifts (starts_at, station_id, cancelled, project_id, slots,
  credited_volunteers, id);
CREATE INDEX projects_by_published ON projects (published, station_id);
{sqlite}
CREATE TRIGGER sessions_fill_insert AFTER INSERT ON sessions
WHEN NEW.shift_id IS NOT NULL AND NEW.credited_min > 0
BEGIN
  UPDATE shifts SET credited_volunteers = (SELECT COUNT(DISTINCT s.volunteer_id) FROM sessions s
    WHERE s.shift_id = NEW.shift_id AND s.credited_min > 0) WHERE id = NEW.shift_id;
END;
CREATE TRIGGER sessions_fill_update AFTER UPDATE OF credited_min, shift_id, volunteer_id
ON sessions WHEN (OLD.shift_id IS NOT NULL AND OLD.credited_min > 0
    OR NEW.shift_id IS NOT NULL AND NEW.credited_min > 0)
  AND ((OLD.credited_min > 0) <> (NEW.credited_min > 0) OR OLD.shift_id IS NOT NEW.shift_id
    OR OLD.volunteer_id <> NEW.volunteer_id)
BEGIN
  UPDATE shifts SET credited_volunteers = (SELECT COUNT(DISTINCT s.volunteer_id) FROM sessions s
    WHERE s.shift_id = shifts.id AND s.credited_min > 0) WHERE id IN (OLD.shift_id, NEW.shift_id);
END;
CREATE TRIGGER sessions_fill_delete AFTER DELETE ON sessions
WHEN OLD.shift_id IS NOT NULL AND OLD.credited_min > 0
BEGIN
  UPDATE shifts SET credited_volunteers = (SELECT COUNT(DISTINCT s.volunteer_id) FROM sessions s
    WHERE s.shift_id = OLD.shift_id AND s.credited_min > 0) WHERE id = OLD.shift_id;
END;
{pg}
CREATE FUNCTION shift_fill_recount(p_shift BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  n BIGINT;
BEGIN
  PERFORM 1 FROM shifts WHERE id = p_shift FOR NO KEY UPDATE;
  SELECT COUNT(DISTINCT s.volunteer_id) INTO n FROM sessions s
    WHERE s.shift_id = p_shift AND s.credited_min > 0;
  UPDATE shifts SET credited_volunteers = n WHERE id = p_shift AND credited_volunteers <> n;
END $$;
CREATE FUNCTION sessions_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.shift_id IS NOT NULL THEN
    PERFORM shift_fill_recount(OLD.shift_id);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.shift_id IS NOT NULL
     AND (TG_OP = 'INSERT' OR NEW.shift_id IS DISTINCT FROM OLD.shift_id) THEN
    PERFORM shift_fill_recount(NEW.shift_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER sessions_fill_insert AFTER INSERT ON sessions
FOR EACH ROW WHEN (NEW.shift_id IS NOT NULL AND NEW.credited_min > 0)
EXECUTE FUNCTION sessions_fill();
CREATE TRIGGER sessions_fill_update AFTER UPDATE OF credited_min, shift_id, volunteer_id
ON sessions FOR EACH ROW WHEN ((OLD.shift_id IS NOT NULL AND OLD.credited_min > 0
    OR NEW.shift_id IS NOT NULL AND NEW.credited_min > 0)
  AND ((OLD.credited_min > 0) <> (NEW.credited_min > 0)
    OR OLD.shift_id IS DISTINCT FROM NEW.shift_id OR OLD.volunteer_id <> NEW.volunteer_id))
EXECUTE FUNCTION sessions_fill();
CREATE TRIGGER sessions_fill_delete AFTER DELETE ON sessions
FOR EACH ROW WHEN (OLD.shift_id IS NOT NULL AND OLD.credited_min > 0)
EXECUTE FUNCTION sessions_fill();
{both}
)sql";

}  // namespace

std::vector<Migration> migrations_v22() {
  return {Migration::shared(kV22)};
}

}  // namespace vstation::store::schema
