// Migration 27 (session 52): SQLite counts the changes to what a kiosk's check-in looks up
// (store/setup_changes.hpp).

#include "schema/schema.hpp"

namespace vstation::store::schema {
namespace {

// Version 27 (issue 17 point 5, the kiosk's check-in): when another process has written to an
// SQLite file (another kiosk's check-in, a phone's), SQLite empties every connection's page
// cache, and a kiosk read its station, the station's roster and the matched project again from
// the file on its next check-in, though another check-in changes none of them. `setup_changes`
// holds one number that every change to stations, projects, assignments and a shift's place,
// time, project or cancellation adds one to, by trigger (so any process's change counts, the
// sqlite3 shell's too). A kiosk keeps its station and the roster around it while the number
// stays, and reads one row to know. SQLite's bookkeeping alone: PostgreSQL keeps no page cache
// per connection to spare (a kiosk there reads the station and its match every turn), and one
// row updated by every roster change would make concurrent planners wait on each other.
constexpr std::string_view kV27 = R"sql(
{sqlite}
CREATE TABLE setup_changes (n INTEGER NOT NULL);
INSERT INTO setup_changes (n) VALUES (0);
CREATE TRIGGER stations_setup_insert AFTER INSERT ON stations
BEGIN UPDATE setup_changes SET n = n + 1; END;
CREATE TRIGGER stations_setup_update AFTER UPDATE ON stations
BEGIN UPDATE setup_changes SET n = n + 1; END;
CREATE TRIGGER stations_setup_delete AFTER DELETE ON stations
BEGIN UPDATE setup_changes SET n = n + 1; END;
CREATE TRIGGER projects_setup_insert AFTER INSERT ON projects
BEGIN UPDATE setup_changes SET n = n + 1; END;
CREATE TRIGGER projects_setup_update AFTER UPDATE ON projects
BEGIN UPDATE setup_changes SET n = n + 1; END;
CREATE TRIGGER projects_setup_delete AFTER DELETE ON projects
BEGIN UPDATE setup_changes SET n = n + 1; END;
CREATE TRIGGER shifts_setup_insert AFTER INSERT ON shifts
BEGIN UPDATE setup_changes SET n = n + 1; END;
CREATE TRIGGER shifts_setup_update AFTER UPDATE OF station_id, project_id, starts_at, ends_at,
cancelled ON shifts
BEGIN UPDATE setup_changes SET n = n + 1; END;
CREATE TRIGGER shifts_setup_delete AFTER DELETE ON shifts
BEGIN UPDATE setup_changes SET n = n + 1; END;
CREATE TRIGGER assignments_setup_insert AFTER INSERT ON assignments
BEGIN UPDATE setup_changes SET n = n + 1; END;
CREATE TRIGGER assignments_setup_update AFTER UPDATE ON assignments
BEGIN UPDATE setup_changes SET n = n + 1; END;
CREATE TRIGGER assignments_setup_delete AFTER DELETE ON assignments
BEGIN UPDATE setup_changes SET n = n + 1; END;
{both}
)sql";

}  // namespace

std::vector<Migration> migrations_v27() {
  return {Migration::shared(kV27)};
}

}  // namespace vstation::store::schema
