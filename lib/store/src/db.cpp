#include "vstation/store/db.hpp"

#include "pg/pg_connection.hpp"
#include "sqlite/sqlite_connection.hpp"

namespace vstation::store {

Date Rows::date(int col) const { return parse_date(str(col)); }

std::optional<std::int64_t> Connection::scalar(std::string_view sql, std::vector<Value> args) {
  auto rows = query(sql, std::move(args));
  if (!rows->next() || rows->is_null(0)) return std::nullopt;
  return rows->i64(0);
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.rollback();
    } catch (...) {  // NOLINT(bugprone-empty-catch): nothing better to do in a destructor
    }
  }
}

ReadTransaction::~ReadTransaction() {
  try {
    db_.end_read();
  } catch (...) {  // NOLINT(bugprone-empty-catch): ending a read changes nothing to lose
  }
}

void Transaction::commit() {
  db_.commit();
  done_ = true;
}

std::unique_ptr<Connection> open_database(const std::string& spec, const OpenOptions& options) {
  if (spec.starts_with("postgresql://") || spec.starts_with("postgres://"))
    return pg::open(spec, options);
  return sqlite::open(spec, options);
}

}  // namespace vstation::store
