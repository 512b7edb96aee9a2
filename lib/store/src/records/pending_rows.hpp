#pragma once
// An import's rows written many to a statement instead of one a row: each row takes its id here
// (one past the largest) and waits until kRows have come, the table is read again, the import
// ends, or a later row is refused (Lookup::write_waiting). Kept only while nothing of the import
// reads the table before it has them all (sessions: while the SessionIndex holds the table;
// incidents: a read by key writes what waits first). Should the database refuse a statement, its
// rows are written again one at a time, so that the first refused is named by its own line
// (RowRefused), as if each had been written on its turn, and the ones before it are kept.
// A full batch is bound here and handed to the import's writer thread (records/write_behind.hpp),
// so the rows are written while the next ones are checked.
//
// `Rows` says how a kind's rows are written (StoredRows, from the kind's store functions):
// `Row`, `Id`, `Bound` (their values, bound ahead),
//   static Id next_id(Connection&);              static void set_id(Row&, Id);
//   static Bound bind(std::span<const Row>);     static void write(Connection&, Bound);
// Kept as the import's Lookup::Scratch (a kind's `l.scratch<PendingRows<...>>()`), what waits is
// written whenever the import has the Lookup write what waits.

#include <cstdint>
#include <exception>
#include <span>
#include <utility>
#include <vector>

#include "batched_upsert.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::store {

// A row type's store functions as PendingRows' `Rows`: the id the next row gets, rows' values
// bound with their ids, and those values written (each row as its kind's insert writes it).
template <class R, auto kNextId, auto kBind, auto kWrite>
struct StoredRows {
  using Row = R;
  using Id = decltype(R::id);
  using Bound = decltype(kBind(std::span<const R>()));
  static Id next_id(Connection& db) { return kNextId(db); }
  static void set_id(Row& r, Id id) { r.id = id; }
  static Bound bind(std::span<const Row> rows) { return kBind(rows); }
  static void write(Connection& db, Bound b) { kWrite(db, std::move(b)); }
};

template <class Rows>
class PendingRows final : public Lookup::Scratch {
 public:
  using Row = typename Rows::Row;
  using Id = typename Rows::Id;

  [[nodiscard]] bool open() const { return open_on_ != nullptr; }
  // From now on rows wait (SQLite only: PostgreSQL gives ids itself).
  void start(Connection& db) {
    if (open() || db.backend() != "sqlite") return;
    next_ = Rows::next_id(db).value;
    open_on_ = &db;
  }
  // No more waiting: what waits is written, on the connection it started on.
  void stop() {
    if (open()) write_waiting(*std::exchange(open_on_, nullptr));
  }
  // `row` with the next id, waiting to be written; `line` is its line in the file.
  Id add(Connection& db, const Row& row, std::int64_t line) {
    rows_.push_back(row);
    Id id{next_++};
    Rows::set_id(rows_.back(), id);
    lines_.push_back(line);
    if (rows_.size() >= kRows) hand_over(db);
    return id;
  }
  // What waits, written now (RowRefused names the first row refused).
  void write_waiting(Connection& db) override {
    hand_over(db);
    db.wait_behind();
  }

  static constexpr std::size_t kRows = batched::kRowsPerStatement;  // one statement a hand-over

 private:
  // The waiting rows handed to the connection's writer (Connection::write_behind): written
  // while the import checks the next ones, where the import has one.
  void hand_over(Connection& db) {
    if (rows_.empty()) return;
    auto bound = Rows::bind(rows_);
    // Taken from here before anything is written: a refusal leaves nothing waiting.
    db.write_behind([bound = std::move(bound), rows = std::exchange(rows_, {}),
                     lines = std::exchange(lines_, {})](Connection& on) mutable {
      write(on, std::move(bound), rows, lines);
    });
    rows_.reserve(kRows);
    lines_.reserve(kRows);
  }

  static void write(Connection& db, typename Rows::Bound bound, const std::vector<Row>& rows,
                    const std::vector<std::int64_t>& lines) {
    try {
      Rows::write(db, std::move(bound));
      return;
    } catch (const StoreError& e) {
      // The statement is undone as a whole (SQLite's statement journal); a fault of the
      // database itself is no row's.
      if (e.fault() != StoreFault::unique && e.fault() != StoreFault::check &&
          e.fault() != StoreFault::foreign_key)
        throw;
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      try {
        Rows::write(db, Rows::bind(std::span<const Row>(&rows[i], 1)));
      } catch (...) {
        throw RowRefused(lines[i], std::current_exception());
      }
    }
  }

  Connection* open_on_ = nullptr;  // set while open
  std::int64_t next_ = 0;
  std::vector<Row> rows_;
  std::vector<std::int64_t> lines_;
};

// A kind's BulkTable::outgrown when its rows are written behind from there on (`Pending`, a
// PendingRows): every code the rows name found without waiting for the writer.
template <class Pending>
void write_behind_from_here(Connection& db, Lookup& l) {
  l.hold_codes();
  l.scratch<Pending>().start(db);
}

}  // namespace vstation::store
