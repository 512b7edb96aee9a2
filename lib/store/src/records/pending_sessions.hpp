#pragma once
// An import's sessions written many to a statement (session_rows.hpp) instead of one a row:
// each row takes its id here (one past the largest) and waits until kRows have come, the table
// is read again, the import ends, or a later row is refused (Lookup::write_waiting). Kept by the
// SessionIndex, only while it holds every session of the table in memory (hold_all): then
// nothing of the import reads the table before it has them all. Should the database refuse a
// statement, its rows are written again one at a time, so that the first refused is named by its
// own line (RowRefused), as if each had been written on its turn, and the ones before it are kept.
// A full batch is handed to the import's writer thread (records/write_behind.hpp), so the rows
// are written while the next ones are checked.

#include <cstdint>
#include <vector>

#include "vstation/store/lookup.hpp"

namespace vstation::store {

class PendingSessions {
 public:
  [[nodiscard]] bool open() const { return open_on_ != nullptr; }
  // From now on rows wait (SQLite only: PostgreSQL gives ids itself).
  void start(Connection& db);
  // No more waiting: what waits is written, on the connection it started on.
  void stop();
  // `s` with the next id, waiting to be written; its line is the Lookup's.
  SessionId add(Connection& db, const Session& s, std::int64_t line);
  // What waits, written now (RowRefused names the first row refused).
  void write_waiting(Connection& db);

  static constexpr std::size_t kRows = 256;

 private:
  // The waiting rows handed to the connection's writer (Connection::write_behind): written
  // while the import checks the next ones, where the import has one.
  void hand_over(Connection& db);
  static void write(Connection& db, const std::vector<Session>& rows,
                    const std::vector<std::int64_t>& lines);

  Connection* open_on_ = nullptr;  // set while open
  std::int64_t next_ = 0;
  std::vector<Session> rows_;
  std::vector<std::int64_t> lines_;
};

}  // namespace vstation::store
