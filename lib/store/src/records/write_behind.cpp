#include "records/write_behind.hpp"

#include <system_error>
#include <utility>

namespace vstation::store {

// A result of the inner connection, counted while it lives: no write starts beside it.
class WriteBehind::CountedRows final : public Rows {
 public:
  CountedRows(std::unique_ptr<Rows> rows, int& open) : rows_(std::move(rows)), open_(open) { ++open_; }
  CountedRows(const CountedRows&) = delete;
  CountedRows& operator=(const CountedRows&) = delete;
  ~CountedRows() override { --open_; }
  bool next() override { return rows_->next(); }
  [[nodiscard]] bool is_null(int col) const override { return rows_->is_null(col); }
  [[nodiscard]] std::int64_t i64(int col) const override { return rows_->i64(col); }
  [[nodiscard]] double f64(int col) const override { return rows_->f64(col); }
  [[nodiscard]] std::string_view text(int col) const override { return rows_->text(col); }

 private:
  std::unique_ptr<Rows> rows_;
  int& open_;
};

WriteBehind::WriteBehind(Connection& inner) : inner_(inner) {
  set_busy_patience(inner.busy_patience());
}

WriteBehind::~WriteBehind() {
  try {
    settle();
  } catch (...) {  // NOLINT(bugprone-empty-catch): see the header
  }
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void WriteBehind::write_behind(std::function<void(Connection&)> job) {
  if (open_results_ > 0) {  // a result is being read here: the connection is not to share
    settle();
    job(inner_);
    return;
  }
  if (!thread_.joinable()) {
    try {
      thread_ = std::thread([this] { run(); });
    } catch (const std::system_error&) {  // no thread to be had: written here, at once
      settle();
      job(inner_);
      return;
    }
  }
  bool failed = false;
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return jobs_.size() < kWaiting || error_; });
    failed = error_ != nullptr;
    if (!failed) jobs_.push_back(std::move(job));
  }
  handed_ = true;
  changed_.notify_all();
  if (failed) settle();  // a write before this one failed: said now, this one dropped
}

void WriteBehind::settle() const {
  if (!handed_) return;
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return jobs_.empty() && !busy_; });
  handed_ = false;
  if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
}

void WriteBehind::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return !jobs_.empty() || stopping_; });
    if (jobs_.empty()) return;
    auto job = std::move(jobs_.front());
    jobs_.pop_front();
    busy_ = true;
    lock.unlock();
    std::exception_ptr error;
    try {
      job(inner_);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    busy_ = false;
    if (error) {
      error_ = std::move(error);
      jobs_.clear();  // written after a refused row they would not have been
    }
    changed_.notify_all();
  }
}

std::unique_ptr<Rows> WriteBehind::query(std::string_view sql, std::vector<Value> args) {
  settle();
  return std::make_unique<CountedRows>(inner_.query(sql, std::move(args)), open_results_);
}

std::unique_ptr<Rows> WriteBehind::stream(std::string_view sql, std::vector<Value> args) {
  settle();
  return std::make_unique<CountedRows>(inner_.stream(sql, std::move(args)), open_results_);
}

std::unique_ptr<Rows> WriteBehind::stream_whole(std::string_view sql, std::vector<Value> args) {
  settle();
  return std::make_unique<CountedRows>(inner_.stream_whole(sql, std::move(args)), open_results_);
}

std::int64_t WriteBehind::execute(std::string_view sql, std::vector<Value> args) {
  settle();
  return inner_.execute(sql, std::move(args));
}

std::int64_t WriteBehind::insert(std::string_view sql, std::vector<Value> args) {
  settle();
  return inner_.insert(sql, std::move(args));
}

void WriteBehind::begin(Isolation isolation) {
  settle();
  inner_.begin(isolation);
}

void WriteBehind::commit() {
  settle();
  inner_.commit();
}

void WriteBehind::rollback() {
  settle();
  inner_.rollback();
}

bool WriteBehind::in_transaction() const {
  settle();
  return inner_.in_transaction();
}

void WriteBehind::begin_read() {
  settle();
  inner_.begin_read();
}

void WriteBehind::end_read() {
  settle();
  inner_.end_read();
}

std::vector<std::unique_ptr<Connection>> WriteBehind::begin_read_beside(std::size_t helpers) {
  settle();
  return inner_.begin_read_beside(helpers);
}

void WriteBehind::set_durability(Durability d) {
  settle();
  inner_.set_durability(d);
}

void WriteBehind::set_bulk_write(bool on) {
  settle();
  inner_.set_bulk_write(on);
}

void WriteBehind::set_reference_checks(bool on) {
  settle();
  inner_.set_reference_checks(on);
}

bool WriteBehind::set_all_or_nothing(bool on) {
  settle();  // the writes handed over run as the setting was when they were
  return inner_.set_all_or_nothing(on);
}

void WriteBehind::lock(LockSpace space, std::int64_t key) {
  settle();
  inner_.lock(space, key);
}

std::optional<ChangeToken> WriteBehind::change_token() {
  settle();
  return inner_.change_token();
}

}  // namespace vstation::store
