// Backend-neutral entry points for whole-database operations; each backend implements them.

#include "vstation/store/maintenance.hpp"

#include "pg/pg_connection.hpp"
#include "sqlite/sqlite_connection.hpp"

namespace vstation::store {
namespace {
constexpr Msg kServer{
    "'{}' is a server database: back it up and restore it with the server's own tools "
    "(pg_dump, pg_restore); nothing was changed",
    "“{}”是服务器数据库：请用服务器自带的工具（pg_dump、pg_restore）备份和恢复；未作任何更改"};

bool is_server(const std::string& spec) {
  return spec.starts_with("postgresql://") || spec.starts_with("postgres://");
}
}  // namespace

void backup_database(const std::string& spec, const std::string& dest) {
  if (is_server(spec)) throw StoreError(StoreFault::other, Text::of(kServer, spec));
  sqlite::backup(spec, dest);
}

void restore_database(const std::string& spec, const std::string& file) {
  if (is_server(spec)) throw StoreError(StoreFault::other, Text::of(kServer, spec));
  sqlite::restore(spec, file);
}

std::vector<Text> storage_problems(Connection& db) {
  if (db.backend() == "sqlite") return sqlite::check_storage(db);
  return {};
}

RecordCounts record_counts(Connection& db) {
  auto count = [&](const char* table) {
    return db.scalar(std::string("SELECT COUNT(*) FROM ") + table).value_or(0);
  };
  return {count("stations"),    count("volunteers"),  count("projects"),  count("shifts"),
          count("assignments"), count("sessions"),    count("incidents"), count("trainings"),
          count("audit"),       count("certificates")};
}

std::vector<std::string> missing_triggers(Connection& db) {
  return db.backend() == "sqlite" ? sqlite::missing_triggers(db) : pg::missing_triggers(db);
}

std::vector<std::string> missing_derived(Connection& db) {
  const bool sqlite = db.backend() == "sqlite";
  auto there = [&](const std::string& table, const std::string& column) {
    if (sqlite)
      return column.empty() ? db.scalar(
                                    "SELECT COUNT(*) FROM sqlite_master WHERE name = ? AND type IN "
                                    "('table', 'view')",
                                    params(table))
                                      .value_or(0) > 0
                            : db.scalar("SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = ?",
                                        params(table, column))
                                      .value_or(0) > 0;
    return db.scalar(
                 "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = "
                 "current_schema() AND table_name = ? AND (? = '' OR column_name = ?)",
                 params(table, column, column))
               .value_or(0) > 0;
  };
  std::vector<std::string> missing;
  for (std::string table :
       {"credit_totals", "quarter_service", "day_totals", "project_shifts", "incident_totals"})
    if (!there(table, "")) missing.push_back(table);
  if (!there("shifts", "credited_volunteers")) missing.emplace_back("shifts.credited_volunteers");
  // SQLite alone: the views its triggers count through, and the count a kiosk keeps its roster by.
  for (std::string name : {"credited_arrivals", "service_moves", "setup_changes"})
    if (sqlite && !there(name, "")) missing.push_back(name);
  return missing;
}

}  // namespace vstation::store
