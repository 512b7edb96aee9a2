// A PostgreSQL error as the store's StoreError: its fault from the SQLSTATE, its message in
// both languages, a CHECK named by its column as on SQLite.

#include "pg/pg_errors.hpp"

#include "check_rules.hpp"
#include "pg/pg_connection.hpp"
#include "vstation/store/busy.hpp"

namespace vstation::store::pg {
namespace {

constexpr Msg kBusy{"the database is busy: another vstation program is writing to it; try again",
                    "数据库正忙：另一个 vstation 程序正在写入，请稍后重试"};
constexpr Msg kReadOnly{"the database '{}' is read-only; nothing was changed",
                        "数据库“{}”是只读的，未做任何更改"};
constexpr Msg kFull{"the disk is full; nothing was changed", "磁盘已满，未做任何更改"};
constexpr Msg kLost{"the connection to the database server '{}' was lost: {}",
                    "与数据库服务器“{}”的连接已断开：{}"};
constexpr Msg kOther{"database error: {}", "数据库错误：{}"};
constexpr Msg kDuplicate{"the same record is already there ({})", "已有相同的记录（{}）"};
constexpr Msg kConstraint{"the change breaks a rule of the database: {}",
                          "更改违反了数据库规则：{}"};

}  // namespace

std::string first_line(const char* s) {
  std::string m = s ? s : "";
  if (m.starts_with("ERROR:  ")) m.erase(0, 8);
  auto nl = m.find('\n');
  return nl == std::string::npos ? m : m.substr(0, nl);
}

namespace {

// "Key (volunteer_id, skill_id, granted)=(1, 2, 2023-01-01) already exists." and table
// "certifications" -> "certifications: volunteer_id, skill_id, granted", as SQLite says it.
std::string unique_columns(const PGresult* res) {
  const char* table = PQresultErrorField(res, PG_DIAG_TABLE_NAME);
  const char* detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
  std::string d = detail ? detail : "";
  std::string cols;
  if (d.starts_with("Key (")) {
    auto end = d.find(")=(");
    if (end != std::string::npos) cols = d.substr(5, end - 5);
  }
  // Expression indexes (e.g. partial unique indexes) fall back to the constraint's name.
  if (cols.empty()) {
    const char* c = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    cols = c ? c : first_line(PQresultErrorMessage(res));
  }
  return table ? std::string(table) + ": " + cols : cols;
}

}  // namespace

StoreError translate(const PGresult* res, PGconn* conn, const std::string& where) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string code = state ? state : "";
  std::string message = first_line(res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
  if (code == "40001" || code == "40P01" || code == "55P03") {
    note_busy();
    return {StoreFault::busy, Text(kBusy)};
  }
  if (code == "23505") return {StoreFault::unique, Text::of(kDuplicate, unique_columns(res))};
  if (code == "23503") return {StoreFault::foreign_key, Text::of(kConstraint, message)};
  if (code == "23514") {  // a CHECK names its column, never its generated name
    const char* table = PQresultErrorField(res, PG_DIAG_TABLE_NAME);
    const char* name = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    return check_rules::error(
        check_rules::pg_column(table ? table : "", name ? name : "", migrations()));
  }
  if (code.starts_with("23") || code == "P0001")
    return {StoreFault::check, Text::of(kConstraint, message)};
  if (code == "25006" || code == "42501")
    return {StoreFault::read_only, Text::of(kReadOnly, where)};
  if (code == "53100") return {StoreFault::full, Text(kFull)};
  if (code.starts_with("08") || code.starts_with("57P") || PQstatus(conn) != CONNECTION_OK)
    return {StoreFault::io, Text::of(kLost, where, message)};
  return {StoreFault::other, Text::of(kOther, message)};
}

}  // namespace vstation::store::pg
