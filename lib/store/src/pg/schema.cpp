// The PostgreSQL schema: the shared migrations (lib/store/src/schema/, written once) rendered in
// PostgreSQL's dialect (BIGINT integers, identity ids, text in the "C" collation, PL/pgSQL
// triggers), recorded in a schema_version table, and the check that its protective triggers
// are intact.

#include "schema/schema.hpp"

#include "pg/pg_connection.hpp"

namespace vstation::store::pg {

const std::vector<std::string_view>& migrations() {
  return schema::steps(schema::Dialect::pg);
}

// Each protective trigger present on its table, enabled, firing on the schema's events, and
// calling a function that still raises (or, for the maintained totals, still adds).
std::vector<std::string> missing_triggers(Connection& db) {
  struct Expected {
    const char* name;
    const char* table;
    const char* events;  // as pg_get_triggerdef words them
    const char* does;    // in the function's source
  };
  static constexpr const char* kRaises = "RAISE EXCEPTION";
  static constexpr const char* kCredits = "PERFORM credit_add(NEW.eff_in";
  static constexpr const char* kIncidents = "PERFORM incident_totals_add(NEW.at";
  static constexpr const char* kFill = "PERFORM shift_fill_recount(NEW.shift_id)";
  static constexpr const char* kService = "PERFORM service_add(NEW.id, NEW.eff_in";
  static constexpr const char* kSessionDays = "PERFORM day_add(NEW.eff_in";
  static constexpr const char* kShiftDays = "PERFORM day_add(NEW.starts_at";
  static constexpr const char* kProjectShifts = "SET uncancelled = p.uncancelled + 1";
  static constexpr Expected kTriggers[] = {
      {"sessions_raw_fixed", "sessions", "BEFORE UPDATE OF raw_in, raw_out ON ", kRaises},
      {"audit_no_update", "audit", "BEFORE UPDATE ON ", kRaises},
      {"audit_no_delete", "audit", "BEFORE DELETE ON ", kRaises},
      {"audit_no_truncate", "audit", "BEFORE TRUNCATE ON ", kRaises},
      {"sessions_credit_insert", "sessions", "AFTER INSERT ON ", kCredits},
      {"sessions_credit_update", "sessions",
       "AFTER UPDATE OF credited_min, eff_in, station_id, volunteer_id ON ", kCredits},
      {"sessions_credit_delete", "sessions", "AFTER DELETE ON ", kCredits},
      {"incident_totals_insert", "incidents", "AFTER INSERT ON ", kIncidents},
      {"incident_totals_update", "incidents",
       "AFTER UPDATE OF at, station_id, type, people_served ON ", kIncidents},
      {"incident_totals_delete", "incidents", "AFTER DELETE ON ", kIncidents},
      {"sessions_fill_insert", "sessions", "AFTER INSERT ON ", kFill},
      {"sessions_fill_update", "sessions",
       "AFTER UPDATE OF credited_min, shift_id, volunteer_id ON ", kFill},
      {"sessions_fill_delete", "sessions", "AFTER DELETE ON ", kFill},
      {"sessions_service_insert", "sessions", "AFTER INSERT ON ", kService},
      {"sessions_service_update", "sessions",
       "AFTER UPDATE OF credited_min, eff_in, station_id, volunteer_id, shift_id, project_id ON ",
       kService},
      {"sessions_service_delete", "sessions", "AFTER DELETE ON ", kService},
      {"sessions_day_insert", "sessions", "AFTER INSERT ON ", kSessionDays},
      {"sessions_day_update", "sessions",
       "AFTER UPDATE OF credited_min, eff_in, station_id, shift_id ON ", kSessionDays},
      {"sessions_day_delete", "sessions", "AFTER DELETE ON ", kSessionDays},
      {"shifts_day_insert", "shifts", "AFTER INSERT ON ", kShiftDays},
      {"shifts_day_update", "shifts",
       "AFTER UPDATE OF starts_at, station_id, cancelled, slots, credited_volunteers ON ",
       kShiftDays},
      {"shifts_day_delete", "shifts", "AFTER DELETE ON ", kShiftDays},
      {"shifts_project_insert", "shifts", "AFTER INSERT ON ", kProjectShifts},
      {"shifts_project_update", "shifts", "AFTER UPDATE OF cancelled, project_id ON ",
       kProjectShifts},
      {"shifts_project_delete", "shifts", "AFTER DELETE ON ", kProjectShifts},
  };
  std::vector<std::string> missing;
  for (const auto& t : kTriggers) {
    auto r = db.query(
        "SELECT pg_get_triggerdef(t.oid), t.tgenabled, p.prosrc FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid "
        "WHERE NOT t.tgisinternal AND t.tgname = ? AND c.relname = ? "
        "AND c.relnamespace = current_schema()::regnamespace",
        params(t.name, t.table));
    bool intact = r->next() && r->str(0).find(t.events) != std::string::npos && r->str(1) != "D" &&
                  r->str(2).find(t.does) != std::string::npos;
    if (!intact) missing.emplace_back(t.name);
  }
  return missing;
}

}  // namespace vstation::store::pg
