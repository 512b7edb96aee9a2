#pragma once
// An import that adds many rows to a table, relative to what the table held, writes them without
// the table's plain indexes and builds those again, sorted, before its transaction commits
// (SQLite: CREATE INDEX sorts once; an index whose key the file is not ordered by is otherwise
// written at a random place for every row, which at a million rows is most of the import's time).
//
// Only indexes that decide nothing are deferred: not UNIQUE ones (constraints, each row is still
// refused at its own line), not those the import's own checks read by (`kept`: a look-up would
// scan the table instead) or that cost less kept, nor the primary key. Every row is checked as
// before and every answer the import reads is the same; only the order in which index pages are
// written changes.
//
// SQLite only. On PostgreSQL DROP INDEX takes an ACCESS EXCLUSIVE lock on the table to the end of
// the transaction: every kiosk check-in and report reading it would wait for the whole import
// (SQLite's import already holds the one write lock, and WAL readers keep reading the snapshot
// with its indexes). The DDL is part of the caller's transaction: a refused import rolls it back
// with the rows, leaving the database as it was; outside a transaction nothing is deferred.
//
// The table's derived-figure triggers (BulkTable::triggers) are dropped with the indexes when the
// import only adds rows (`adds_only`: an update's edits would go uncounted) and made again from
// their stored SQL at the end, after BulkTable::catch_up has added what they would have for the
// rows written meanwhile (a row's trigger is a few random b-tree writes; the catch-up sums in
// memory and writes each total once, in key order). The indexes are built meanwhile on the
// import's writer thread, once the catch-up has read the rows it counts.
//
// When the kind finds every row's references itself (BulkTable::references_found) and the import
// only adds rows, the database's own check of them (SQLite's foreign keys) is set aside for the
// same rows, and back on before the catch-up; also when the import fails, so that the
// connection goes on checking whatever it writes next.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "vstation/store/db.hpp"
#include "vstation/store/records.hpp"

namespace vstation::store {

class DeferredIndexes {
 public:
  // Below this many added rows the indexes are kept: rebuilding them costs little either way.
  // Above it, each further row into a table with every index costs about twice a row without
  // (a million sessions into an empty table: 50,000 here cost 0.6-1 s more than 5,000).
  static constexpr std::int64_t kMinRows = 5'000;

  // `lookup`: the import's, told when the indexes are set aside (BulkTable::outgrown); none, not
  // told.
  DeferredIndexes(Connection& db, const BulkTable& table, bool adds_only,
                  std::int64_t min_rows = kMinRows, Lookup* lookup = nullptr);
  DeferredIndexes(const DeferredIndexes&) = delete;
  DeferredIndexes& operator=(const DeferredIndexes&) = delete;
  // Left with indexes still dropped (an import that threw), it builds them again, so a caller
  // that goes on and commits still has every index; errors then are left to the transaction.
  ~DeferredIndexes();

  // One row added. Once the import has added as many rows as the table held when it began (and
  // at least min_rows), the deferrable indexes are dropped: building them at the end then sorts
  // at most twice the rows the import adds.
  void added() {
    if (++rows_ == threshold_) drop();
  }
  // The import will add about `rows` rows: enough, and the indexes are dropped now, before any.
  void expect(std::int64_t rows) {
    if (rows_ == 0 && threshold_ > 0 && rows >= threshold_) {
      threshold_ = -1;
      drop();
    }
  }
  // Builds the dropped indexes again, from their stored SQL, in their order, and brings the
  // derived figures up to date; before commit.
  void restore();

 private:
  void drop();
  // SQLite's reference checks back on, if drop() set them aside; the second swallows errors.
  void check_references();
  void check_references_again() noexcept;
  // The dropped indexes built on the import's writer thread (Connection::write_behind).
  void build_indexes_behind();

  Connection& db_;
  BulkTable table_;
  Lookup* lookup_;
  std::int64_t rows_ = 0;
  std::int64_t threshold_ = -1;  // never, unless the constructor says otherwise
  struct Index {
    std::string name, sql;
  };
  std::vector<Index> dropped_;
  std::vector<Index> dropped_triggers_;
  std::vector<Index> unbuilt_;  // by build_indexes_behind(), on the writer; read after it

  bool adds_only_ = false;
  bool references_unchecked_ = false;  // set aside by drop(), until restore()
  std::int64_t caught_up_to_ = 0;  // rowid of the last row the triggers saw
};

}  // namespace vstation::store
