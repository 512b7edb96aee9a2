// The SQLite schema: the shared migrations (lib/store/src/schema/, written once) rendered in
// SQLite's dialect, keyed by PRAGMA user_version, and the check that its protective triggers
// are as the schema wrote them.

#include "schema/schema.hpp"

#include <cctype>
#include <map>

#include "sqlite/sqlite_connection.hpp"

namespace vstation::store::sqlite {

const std::vector<std::string_view>& migrations() {
  return schema::steps(schema::Dialect::sqlite);
}

// Each protective trigger as the schema wrote it: SQLite keeps the CREATE statement's text, so
// a trigger dropped, moved to another table or rewritten no longer matches.
std::vector<std::string> missing_triggers(Connection& db) {
  auto normal = [](std::string_view sql) {
    std::string out;
    for (char c : sql)
      if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    return out;
  };
  std::map<std::string, std::string> present;
  auto r = db.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'");
  while (r->next()) present[r->str(0)] = normal(r->str(1));
  std::vector<std::string> missing;
  for (const char* name :
       {"sessions_raw_in_fixed",   "sessions_raw_out_fixed",   "audit_no_update",
        "audit_no_delete",         "sessions_credit_update",   "sessions_credit_delete",
        "incident_totals_insert",  "incident_totals_update",   "incident_totals_delete",
        "sessions_fill_update",    "sessions_fill_delete",     "sessions_service_update",
        "sessions_service_delete", "sessions_credited_insert", "credited_arrivals_count",
        "credited_arrivals_days",  "sessions_day_update",      "sessions_day_delete",
        "shifts_day_insert",       "shifts_day_update",        "shifts_day_delete",
        "shifts_project_insert",   "shifts_project_update",    "shifts_project_delete",
        "service_moves_count",     "stations_setup_insert",    "stations_setup_update",
        "stations_setup_delete",   "projects_setup_insert",    "projects_setup_update",
        "projects_setup_delete",   "shifts_setup_insert",      "shifts_setup_update",
        "shifts_setup_delete",     "assignments_setup_insert", "assignments_setup_update",
        "assignments_setup_delete"}) {
    // As the newest step that wrote it.
    const std::string create = std::string("CREATE TRIGGER ") + name + " ";
    std::string_view step;
    std::size_t start = std::string_view::npos;
    for (auto it = migrations().rbegin(); it != migrations().rend() && start == step.npos; ++it)
      start = (step = *it).find(create);
    auto end = step.find("END;", start);
    auto it = present.find(name);
    if (it == present.end() || it->second != normal(step.substr(start, end + 3 - start)))
      missing.emplace_back(name);
  }
  return missing;
}

}  // namespace vstation::store::sqlite
