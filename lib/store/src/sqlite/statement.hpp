#pragma once
// A prepared statement on SQLite's C API. SQLiteCpp's Statement hands out each value through a
// Column that holds a counted reference to the statement (two atomic operations and an index
// check per value): over the millions of rows of a district report that was a fifth of the
// pass. Here a value is one call into SQLite. Errors become StoreErrors as everywhere in this
// backend (error_from).

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sqlite/sqlite_connection.hpp"

namespace vstation::store::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql, const std::string& path) : db_(db), path_(path) {
    if (int rc = sqlite3_prepare_v2(db, sql.data(), int(sql.size()), &stmt_, nullptr); rc != SQLITE_OK)
      fail(rc);
    columns_ = sqlite3_column_count(stmt_);
    parameters_ = sqlite3_bind_parameter_count(stmt_);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Ready to run again with its first `rebound` parameters bound anew: the last run ended, the
  // bindings past them cleared. Those bound anew are not cleared first: a 512-row statement's
  // 7,168 parameters, cleared at every run, cost more than binding them.
  void reset(std::size_t rebound) {
    sqlite3_reset(stmt_);
    if (rebound < std::size_t(parameters_)) sqlite3_clear_bindings(stmt_);
    row_ = false;
  }
  // Ends the current run; its error, if any, was reported by step().
  void end() {
    sqlite3_reset(stmt_);
    row_ = false;
  }

  void bind_null(int i) { check(sqlite3_bind_null(stmt_, i)); }
  void bind(int i, std::int64_t v) { check(sqlite3_bind_int64(stmt_, i, v)); }
  void bind(int i, double v) { check(sqlite3_bind_double(stmt_, i, v)); }
  // `kept`: the text lasts to the end of the run (execute ends it before its arguments go), and
  // SQLite reads it where it is rather than copying it (a million sessions' import: three texts
  // a row, each a copy on the writer's thread). Between runs SQLite reads no binding, and the
  // next run binds every parameter anew or has those past its own cleared (reset).
  void bind(int i, const std::string& v, bool kept) {
    check(sqlite3_bind_text(stmt_, i, v.data(), int(v.size()),
                            kept ? SQLITE_STATIC : SQLITE_TRANSIENT));
  }

  // True while there is a row to read.
  bool step() {
    int rc = sqlite3_step(stmt_);
    row_ = rc == SQLITE_ROW;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
      StoreError e = error(rc);  // before the reset, which may replace the message
      sqlite3_reset(stmt_);
      throw e;
    }
    return row_;
  }

  [[nodiscard]] bool is_null(int col) const { return sqlite3_column_type(at(col), col) == SQLITE_NULL; }
  [[nodiscard]] std::int64_t i64(int col) const { return sqlite3_column_int64(at(col), col); }
  [[nodiscard]] double f64(int col) const { return sqlite3_column_double(at(col), col); }
  // NULL reads as the empty string, as SQLiteCpp's getString did.
  [[nodiscard]] std::string_view text(int col) const {
    sqlite3_stmt* s = at(col);
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, col));
    return text ? std::string_view(text, std::size_t(sqlite3_column_bytes(s, col)))
                : std::string_view();
  }

 private:
  sqlite3_stmt* at(int col) const {
    if (!row_ || col < 0 || col >= columns_)
      throw std::out_of_range("no column " + std::to_string(col) + " in a current row");
    return stmt_;
  }
  void check(int rc) const {
    if (rc != SQLITE_OK) fail(rc);
  }
  [[nodiscard]] StoreError error(int rc) const {
    return error_from(rc & 0xff, sqlite3_extended_errcode(db_), sqlite3_errmsg(db_), path_);
  }
  [[noreturn]] void fail(int rc) const { throw error(rc); }

  sqlite3* db_;
  std::string path_;
  sqlite3_stmt* stmt_ = nullptr;
  int columns_ = 0;
  int parameters_ = 0;
  bool row_ = false;
};

}  // namespace vstation::store::sqlite
