// Backend-neutral entry points for whole-database operations; each backend implements them.

#include "vstation/store/maintenance.hpp"

#include "sqlite/sqlite_connection.hpp"

namespace vstation::store {
namespace {
constexpr Msg kServer{
    "backup and restore of a server database are done with the server's own tools ('{}')",
    "服务器数据库的备份与恢复请使用服务器自带的工具（“{}”）"};

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

std::vector<std::string> storage_problems(Connection& db) {
  if (db.backend() == "sqlite") return sqlite::check_storage(db);
  return {};
}

}  // namespace vstation::store
