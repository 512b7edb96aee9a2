// Migration 25 (session 43): each project's uncancelled shifts, kept by the shifts' triggers
// (store/project_shifts.hpp).

#include "schema/schema.hpp"

namespace vstation::store::schema {
namespace {

// Version 25 (issue 17 point 2, reports at district scale): a since-opening report counts the
// projects with an uncancelled shift, and found them with a look-up in `shifts_by_project` for
// each project (1.3 million of them on the PostgreSQL district: 1.7 s of its 3.5). When every
// uncancelled shift lies in the report's range, they are the projects whose row here holds a
// count above 0. The shifts' triggers add a shift to its project's row and take it away (on
// insert, delete, cancel and a change of project); `vstation check` compares the table with a
// recount, `vstation recount` rebuilds it. A bulk import of shifts sets the insert trigger aside
// and counts the new shifts once at the end.
constexpr std::string_view kV25 = R"sql(
CREATE TABLE project_shifts (
  project_id  {INT} PRIMARY KEY,
  uncancelled {INT} NOT NULL
{sqlite}
) WITHOUT ROWID;
CREATE TRIGGER shifts_project_insert AFTER INSERT ON shifts WHEN NEW.cancelled = 0
BEGIN
  INSERT INTO project_shifts (project_id, uncancelled) VALUES (NEW.project_id, 1)
  ON CONFLICT (project_id) DO UPDATE SET uncancelled = uncancelled + 1;
END;
CREATE TRIGGER shifts_project_update AFTER UPDATE OF cancelled, project_id ON shifts
WHEN (OLD.cancelled = 0) <> (NEW.cancelled = 0)
  OR (NEW.cancelled = 0 AND OLD.project_id <> NEW.project_id)
BEGIN
  UPDATE project_shifts SET uncancelled = uncancelled - 1
  WHERE OLD.cancelled = 0 AND project_id = OLD.project_id;
  INSERT INTO project_shifts (project_id, uncancelled) SELECT NEW.project_id, 1
  WHERE NEW.cancelled = 0
  ON CONFLICT (project_id) DO UPDATE SET uncancelled = uncancelled + 1;
END;
CREATE TRIGGER shifts_project_delete AFTER DELETE ON shifts WHEN OLD.cancelled = 0
BEGIN
  UPDATE project_shifts SET uncancelled = uncancelled - 1 WHERE project_id = OLD.project_id;
END;
{pg}
);
CREATE FUNCTION shifts_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.cancelled = 0 THEN
    UPDATE project_shifts SET uncancelled = uncancelled - 1 WHERE project_id = OLD.project_id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.cancelled = 0 THEN
    INSERT INTO project_shifts AS p (project_id, uncancelled) VALUES (NEW.project_id, 1)
    ON CONFLICT (project_id) DO UPDATE SET uncancelled = p.uncancelled + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER shifts_project_insert AFTER INSERT ON shifts
FOR EACH ROW WHEN (NEW.cancelled = 0) EXECUTE FUNCTION shifts_project();
CREATE TRIGGER shifts_project_update AFTER UPDATE OF cancelled, project_id ON shifts
FOR EACH ROW WHEN ((OLD.cancelled = 0) <> (NEW.cancelled = 0)
  OR (NEW.cancelled = 0 AND OLD.project_id <> NEW.project_id))
EXECUTE FUNCTION shifts_project();
CREATE TRIGGER shifts_project_delete AFTER DELETE ON shifts
FOR EACH ROW WHEN (OLD.cancelled = 0) EXECUTE FUNCTION shifts_project();
{both}
INSERT INTO project_shifts (project_id, uncancelled)
  SELECT project_id, COUNT(*) FROM shifts WHERE cancelled = 0 GROUP BY project_id;
)sql";

}  // namespace

std::vector<Migration> migrations_v25() {
  return {Migration::shared(kV25)};
}

}  // namespace vstation::store::schema
