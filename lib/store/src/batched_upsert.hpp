#pragma once
// Rows written many to a statement (the maintained totals' catch-up and rebuild): one statement a
// row was most of a large import's catch-up (200,000 totals: 0.7 s against 0.3 s). 512, not 64:
// each statement saves the pages it changes for its own rollback (SQLite's statement journal, a
// temporary file past 128 KiB), the same last pages again statement after statement; a 1M-session
// import saved 128,000 pages that way at 64 a statement, 31,000 at 512.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vstation/store/db.hpp"

namespace vstation::store::batched {

inline constexpr std::size_t kRowsPerStatement = 512;

// The columns an INSERT's column list names ("a, b, c" or "INSERT INTO t (a, b) VALUES "): one
// more than its commas before any closing parenthesis.
constexpr std::size_t columns_of(std::string_view list) {
  list = list.substr(0, list.find(')'));
  return std::size_t(std::count(list.begin(), list.end(), ',')) + 1;
}

// The id the next row inserted into `table` gets, as SQLite would give it: one past the largest
// (an import's rows that wait to be written take theirs from here).
inline std::int64_t next_id(Connection& db, std::string_view table) {
  return db.scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM " + std::string(table)).value_or(1);
}

// "(?, ?, …)" for one row of `columns` values.
inline std::string placeholders(std::size_t columns) {
  std::string row = "(";
  for (std::size_t c = 0; c < columns; ++c) row += c ? ", ?" : "?";
  return row + ")";
}

// `head` VALUES (?, …) × rows `tail`.
inline std::string statement(std::string_view head, std::size_t columns, std::string_view tail,
                             std::size_t rows) {
  const std::string row = placeholders(columns);
  std::string sql(head);
  for (std::size_t i = 0; i < rows; ++i) sql += (i ? ", " : "") + row;
  return sql + std::string(tail);
}

// Runs `head` VALUES (?, …), … `tail` for rows 0..n-1, kRowsPerStatement at a time; `bind(i,
// args)` appends row i's `columns` values. Each statement is handed to the connection's writer
// once bound (Connection::write_behind): on an import's connection the next one is bound while it
// runs (a million sessions' catch-up binds 5,000,000 values); elsewhere it runs at once.
template <class Bind>
void write(Connection& db, std::string_view head, std::size_t columns, std::string_view tail,
           std::size_t n, Bind bind) {
  auto full =
      std::make_shared<const std::string>(statement(head, columns, tail, kRowsPerStatement));
  for (std::size_t at = 0; at < n; at += kRowsPerStatement) {
    const std::size_t rows = std::min(kRowsPerStatement, n - at);
    std::vector<Value> args;
    args.reserve(rows * columns);
    for (std::size_t i = at; i < at + rows; ++i) bind(i, args);
    auto sql = rows == kRowsPerStatement
                   ? full
                   : std::make_shared<const std::string>(statement(head, columns, tail, rows));
    db.write_behind([sql = std::move(sql), args = std::move(args)](Connection& c) mutable {
      c.execute(*sql, std::move(args));
    });
  }
}
// The same, with every row's values bound beforehand (`columns` values a row, in order): a
// writer thread then only runs the statements (Connection::write_behind).
template <class Bind>
std::vector<Value> bind_all(std::size_t n, std::size_t columns, Bind bind) {
  std::vector<Value> values;
  values.reserve(n * columns);
  for (std::size_t i = 0; i < n; ++i) bind(i, values);
  return values;
}

inline void write_bound(Connection& db, std::string_view head, std::size_t columns,
                        std::string_view tail, std::vector<Value> values) {
  const std::size_t n = values.size() / columns;
  const std::string full = statement(head, columns, tail, kRowsPerStatement);
  for (std::size_t at = 0; at < n; at += kRowsPerStatement) {
    const std::size_t rows = std::min(kRowsPerStatement, n - at);
    auto first = values.begin() + std::ptrdiff_t(at * columns);
    std::vector<Value> args(std::make_move_iterator(first),
                            std::make_move_iterator(first + std::ptrdiff_t(rows * columns)));
    db.execute(rows == kRowsPerStatement ? full : statement(head, columns, tail, rows),
               std::move(args));
  }
}

}  // namespace vstation::store::batched
