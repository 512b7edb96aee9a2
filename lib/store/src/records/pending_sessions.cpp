#include "records/pending_sessions.hpp"

#include <utility>

#include "session_rows.hpp"

namespace vstation::store {

void PendingSessions::start(Connection& db) {
  if (open() || db.backend() != "sqlite") return;
  next_ = sessions::next_id(db).value;
  open_on_ = &db;
}

void PendingSessions::stop() {
  if (!open()) return;
  write_waiting(*std::exchange(open_on_, nullptr));
}

SessionId PendingSessions::add(Connection& db, const Session& s, std::int64_t line) {
  rows_.push_back(s);
  rows_.back().id = SessionId{next_++};
  lines_.push_back(line);
  SessionId id = rows_.back().id;
  if (rows_.size() >= kRows) hand_over(db);
  return id;
}

void PendingSessions::write_waiting(Connection& db) {
  hand_over(db);
  db.wait_behind();
}

void PendingSessions::hand_over(Connection& db) {
  if (rows_.empty()) return;
  // Taken from here before anything is written: a refusal leaves nothing waiting.
  db.write_behind([rows = std::exchange(rows_, {}), lines = std::exchange(lines_, {})](
                      Connection& on) { write(on, rows, lines); });
  rows_.reserve(kRows);
  lines_.reserve(kRows);
}

void PendingSessions::write(Connection& db, const std::vector<Session>& rows,
                            const std::vector<std::int64_t>& lines) {
  try {
    sessions::insert_with_ids(db, rows);
    return;
  } catch (const StoreError& e) {
    // The statement is undone as a whole (SQLite's statement journal); a fault of the database
    // itself is no row's.
    if (e.fault() != StoreFault::unique && e.fault() != StoreFault::check &&
        e.fault() != StoreFault::foreign_key)
      throw;
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    try {
      sessions::insert_with_ids(db, std::span<const Session>(&rows[i], 1));
    } catch (...) {
      throw RowRefused(lines[i], std::current_exception());
    }
  }
}

}  // namespace vstation::store
