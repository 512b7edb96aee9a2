#pragma once
// The connection an import works through (issue 17 point 4): writes handed to write_behind()
// (PendingSessions' rows and audit::Batch's, many to a statement) run on a thread of its own,
// in the order handed over, while the import checks the next rows; every other use of the
// connection first waits for them and throws the first one's error, so the two threads never
// use the underlying connection at once, and an earlier row's refusal still comes first. After
// an error the writes still waiting are dropped (the import ends there and is rolled back).
// While a result of this connection is being read on the import's thread, a write runs at once
// instead (nothing reads the connection beside a write).

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "vstation/store/db.hpp"

namespace vstation::store {

class WriteBehind final : public Connection {
 public:
  explicit WriteBehind(Connection& inner);
  WriteBehind(const WriteBehind&) = delete;
  WriteBehind& operator=(const WriteBehind&) = delete;
  // Waits for the writes handed over (their error is dropped: an import ending without waiting
  // for them has failed, and is rolled back), then stops the thread.
  ~WriteBehind() override;

  void write_behind(std::function<void(Connection&)> job) override;
  void wait_behind() override { settle(); }

  std::unique_ptr<Rows> query(std::string_view sql, std::vector<Value> args = {}) override;
  std::unique_ptr<Rows> stream(std::string_view sql, std::vector<Value> args = {}) override;
  std::unique_ptr<Rows> stream_whole(std::string_view sql, std::vector<Value> args = {}) override;
  std::int64_t execute(std::string_view sql, std::vector<Value> args = {}) override;
  std::int64_t insert(std::string_view sql, std::vector<Value> args = {}) override;
  void begin(Isolation isolation) override;
  void commit() override;
  void rollback() override;
  [[nodiscard]] bool in_transaction() const override;
  void begin_read() override;
  void end_read() override;
  std::vector<std::unique_ptr<Connection>> begin_read_beside(std::size_t helpers) override;
  void set_durability(Durability d) override;
  void set_bulk_write(bool on) override;
  void set_reference_checks(bool on) override;
  bool set_all_or_nothing(bool on) override;
  void lock(LockSpace space, std::int64_t key) override;
  [[nodiscard]] std::string_view backend() const override { return inner_.backend(); }
  [[nodiscard]] std::string location() const override { return inner_.location(); }
  [[nodiscard]] std::optional<ChangeToken> change_token() override;

 private:
  class CountedRows;
  void settle() const;  // waits for the writes handed over, if any; throws the first error
  void run();           // the writer thread

  // Writes handed over and not yet started, at most: bounds the rows held in memory.
  static constexpr std::size_t kWaiting = 4;

  Connection& inner_;
  int open_results_ = 0;         // results of this connection not yet destroyed (this thread's)
  mutable bool handed_ = false;  // writes were handed over and not yet waited for (this thread's)
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  // Under mutex_: the writes waiting, whether the thread runs one, the first error, stop.
  std::deque<std::function<void(Connection&)>> jobs_;
  mutable bool busy_ = false;
  mutable std::exception_ptr error_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace vstation::store
