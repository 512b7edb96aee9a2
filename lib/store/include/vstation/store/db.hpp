#pragma once
// The store's connection interface. Repositories speak to a database only through this,
// with portable SQL and `?` placeholders; the SQLite backend (and later PostgreSQL) sit
// behind it, so no SQLite type or dialect leaks into the repositories.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "vstation/domain/error.hpp"
#include "vstation/domain/ids.hpp"
#include "vstation/domain/time.hpp"

namespace vstation::store {

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

// Conversions from the types repositories bind.
inline Value to_value(std::int64_t v) {
  return v;
}
inline Value to_value(int v) {
  return std::int64_t(v);
}
inline Value to_value(bool v) {
  return std::int64_t(v ? 1 : 0);
}
inline Value to_value(double v) {
  return v;
}
inline Value to_value(std::string v) {
  return v;
}
inline Value to_value(std::string_view v) {
  return std::string(v);
}
inline Value to_value(const char* v) {
  return std::string(v);
}
inline Value to_value(Instant v) {
  return v.seconds;
}
inline Value to_value(Date v) {
  return v.iso();
}
inline Value to_value(std::nullopt_t) {
  return {};
}
template <class Tag>
Value to_value(Id<Tag> id) {
  return id.value;
}
template <class T>
Value to_value(const std::optional<T>& v) {
  return v ? to_value(*v) : Value{};
}

template <class... A>
std::vector<Value> params(const A&... a) {
  return {to_value(a)...};
}

// A result cursor: call next() before reading the first row.
class Rows {
 public:
  virtual ~Rows() = default;
  virtual bool next() = 0;
  [[nodiscard]] virtual bool is_null(int col) const = 0;
  [[nodiscard]] virtual std::int64_t i64(int col) const = 0;
  [[nodiscard]] virtual double f64(int col) const = 0;
  // The text of a column, valid until the next call of next(); NULL reads as "".
  [[nodiscard]] virtual std::string_view text(int col) const = 0;
  [[nodiscard]] std::string str(int col) const { return std::string(text(col)); }

  // Typed helpers shared by all backends.
  template <class IdT>
  [[nodiscard]] IdT id(int col) const {
    return IdT{i64(col)};
  }
  template <class IdT>
  [[nodiscard]] std::optional<IdT> opt_id(int col) const {
    return is_null(col) ? std::nullopt : std::optional<IdT>(IdT{i64(col)});
  }
  [[nodiscard]] Instant instant(int col) const { return Instant{i64(col)}; }
  [[nodiscard]] std::optional<Instant> opt_instant(int col) const {
    return is_null(col) ? std::nullopt : std::optional<Instant>(instant(col));
  }
  [[nodiscard]] Date date(int col) const;
  [[nodiscard]] std::optional<Date> opt_date(int col) const {
    return is_null(col) ? std::nullopt : std::optional<Date>(date(col));
  }
  [[nodiscard]] bool flag(int col) const { return i64(col) != 0; }
};

// What went wrong in the database, so callers can react to the kind and not the wording.
// `missing`: no database there yet (a file not made, a server database without the schema).
enum class StoreFault {
  busy,
  read_only,
  full,
  corrupt,
  unique,
  foreign_key,
  check,
  newer_schema,
  io,
  missing,
  other
};

class StoreError : public DataError {
 public:
  StoreError(StoreFault fault, Text text) : DataError(std::move(text)), fault_(fault) {}
  [[nodiscard]] StoreFault fault() const { return fault_; }

 private:
  StoreFault fault_;
};

enum class Durability { normal, full };

// How a transaction keeps concurrent ones out.
// - serializable: the database guarantees the outcome of some serial order (PostgreSQL
//   SERIALIZABLE; SQLite has one writer at a time anyway).
// - explicit_locks: the transaction takes lock() on everything it decides by, before reading
//   it. PostgreSQL then runs it READ COMMITTED, so kiosk transactions about different
//   volunteers never abort each other on the server's coarse predicate locks.
enum class Isolation { serializable, explicit_locks };

// What a lock() names; held to the end of the transaction.
enum class LockSpace { volunteer = 1, certificate_serials = 2 };

// Where the database stood for one connection: the commits of others it has seen and the rows it
// changed itself. Two equal tokens mean nothing was written in between, by anyone.
struct ChangeToken {
  std::int64_t others = 0;
  std::int64_t own = 0;
  bool operator==(const ChangeToken&) const = default;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual std::unique_ptr<Rows> query(std::string_view sql, std::vector<Value> args = {}) = 0;
  // A SELECT whose result may be too large to hold: read in bounded memory, in order. SQLite:
  // query() (it steps row by row anyway). PostgreSQL (libpq holds a whole result): a server-side
  // cursor fetched in batches, inside the open transaction, or else one of the stream's own
  // (READ COMMITTED, a snapshot for the whole stream) that ends when the last open stream is
  // read to its end or destroyed; begin() while it is open is a logic error. A stream inside a
  // transaction must end before it: the commit closes its cursor. Other statements may run on
  // the connection between next() calls. An error met part way is thrown by next().
  virtual std::unique_ptr<Rows> stream(std::string_view sql, std::vector<Value> args = {}) = 0;
  // A stream read to its end with nothing else run on the connection meanwhile (a report's
  // pass over a quarter's sessions). PostgreSQL: COPY's protocol, which libpq reads without
  // building a result (2.44 million rows of four numbers: 0.76 s against a cursor's 2.0 s, and a
  // fifth of the client's CPU; docs/benchmarks.md); its own snapshot, or the open transaction's.
  // Anything else run on the connection first takes the rest of its rows into memory, and
  // destroying it early reads the rest. Elsewhere the same as stream().
  virtual std::unique_ptr<Rows> stream_whole(std::string_view sql, std::vector<Value> args = {}) {
    return stream(sql, std::move(args));
  }
  // Runs a statement; returns the number of rows it changed.
  virtual std::int64_t execute(std::string_view sql, std::vector<Value> args = {}) = 0;
  // Runs an INSERT of one row and returns its id (SQLite: the new rowid; PostgreSQL: RETURNING
  // id is added, so the SQL stays portable).
  virtual std::int64_t insert(std::string_view sql, std::vector<Value> args = {}) = 0;
  void begin() { begin(Isolation::serializable); }
  virtual void begin(Isolation isolation) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // Whether a (write) transaction begun by begin() is open.
  [[nodiscard]] virtual bool in_transaction() const = 0;
  // Groups the look-ups that follow into one read transaction, to end_read(); see ReadTransaction.
  virtual void begin_read() = 0;
  virtual void end_read() = 0;
  // begin_read(), and up to `helpers` more connections to the same database, each in a read
  // transaction of the same snapshot, for look-ups on other threads beside this one's (a
  // report's figures that do not depend on each other). Fewer, or none, when they cannot be
  // had: already inside a transaction, an in-memory database, SQLite's write lock not to be had
  // within a second (it is held for the moments the snapshots take, so that no commit falls
  // between them; SQLite here has no snapshot API). A helper's transaction ends with it.
  virtual std::vector<std::unique_ptr<Connection>> begin_read_beside(std::size_t helpers) = 0;
  // Kiosk writes ask for `full` so an acknowledged check-in is on disk.
  virtual void set_durability(Durability d) = 0;
  // A write of many rows (an import) asks for room: on SQLite a page cache of 256 MiB (the
  // default is 2 MiB; it may change inside a transaction), and for a transaction begun while it
  // is on, its statements' journals in memory (temp_store, which may not change inside one: an
  // import's command begins its bulk write first); off gives back the defaults. Nothing on
  // PostgreSQL.
  virtual void set_bulk_write(bool on) = 0;
  // Off: rows written from here on are not checked against the rows their foreign keys name,
  // for an import whose every reference was found in this same transaction (its look-ups); on
  // again before it ends. SQLite's enforcement may change inside a transaction this way
  // (sqlite3_db_config), not by its pragma. Nothing on PostgreSQL, which always checks.
  virtual void set_reference_checks(bool on) = 0;
  // On: the caller gives the whole transaction up when a write in it fails (an import: all or
  // nothing), so a failed write need not leave the transaction usable. PostgreSQL then writes
  // without the savepoint it otherwise puts around each write in a transaction: one round trip
  // a row instead of three, and no subtransaction a row, whose versions of one row (a
  // project's count of shifts) make each later update of that row slower, so that an import's
  // time grew with the square of its rows (6,000 shifts of one project, in psql: 10.7 s against
  // 0.7 s). Nothing on SQLite, where a failed statement never ends the transaction. Returns the
  // setting before.
  virtual bool set_all_or_nothing(bool on) = 0;
  // Waits for and holds (to the end of the transaction) the lock on `key` in `space`: a
  // PostgreSQL advisory lock; nothing on SQLite, whose write transactions exclude each other.
  virtual void lock(LockSpace space, std::int64_t key) = 0;
  [[nodiscard]] virtual std::string_view backend() const = 0;
  [[nodiscard]] virtual std::string location() const = 0;
  // Where the database stands now (SQLite: PRAGMA data_version and the connection's count of
  // changed rows), so that a long-lived reader may keep what it read while the token stays;
  // taken at the end of a write transaction, it covers that transaction's own writes. nullopt
  // where the backend cannot tell (PostgreSQL): read again.
  [[nodiscard]] virtual std::optional<ChangeToken> change_token() { return std::nullopt; }

  // A write that need not be done when this returns (an import's rows, written while it checks
  // the next ones). On the connection an import makes for that (records/write_behind.hpp) it
  // runs on a thread of its own, one at a time, and every other use of the connection first
  // waits for it and throws its error; anywhere else it runs at once, on this connection.
  virtual void write_behind(std::function<void(Connection&)> job) { job(*this); }
  // Waits for a write_behind() job still running, and throws its error.
  virtual void wait_behind() {}

  // Single-value helpers.
  std::optional<std::int64_t> scalar(std::string_view sql, std::vector<Value> args = {});

  // How long retry_transaction keeps trying while another process holds the database: 30 s by
  // default (a kiosk volunteer never sees "busy"); a web server's worker thread gives up sooner
  // and answers 503, so that one held lock does not stall every request behind it.
  void set_busy_patience(std::chrono::seconds s) { busy_patience_ = s; }
  [[nodiscard]] std::chrono::seconds busy_patience() const { return busy_patience_; }

 private:
  std::chrono::seconds busy_patience_{30};
};

// Begins on construction; rolls back unless commit() was called. Every mutating command
// runs inside exactly one of these.
class Transaction {
 public:
  explicit Transaction(Connection& db, Isolation isolation = Isolation::serializable) : db_(db) {
    db_.begin(isolation);
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Connection& db_;
  bool done_ = false;
};

// set_bulk_write(true) for its lifetime, and the process's heap kept as it grows
// (heap_growth.hpp).
class BulkWrite {
 public:
  explicit BulkWrite(Connection& db);
  BulkWrite(const BulkWrite&) = delete;
  BulkWrite& operator=(const BulkWrite&) = delete;
  ~BulkWrite();

 private:
  Connection& db_;
};

// set_all_or_nothing(on) for its lifetime, then back as it was: an import's rows (on), or a
// write in one whose failure the import gets past (off).
class AllOrNothing {
 public:
  AllOrNothing(Connection& db, bool on) : db_(db), was_(db.set_all_or_nothing(on)) {}
  AllOrNothing(const AllOrNothing&) = delete;
  AllOrNothing& operator=(const AllOrNothing&) = delete;
  ~AllOrNothing();

 private:
  Connection& db_;
  bool was_;
};

// Several look-ups as one read transaction. On SQLite that is one WAL read lock and one
// check of the page cache instead of one per statement, and one snapshot. PostgreSQL runs
// each look-up on its own (a round trip either way): callers never rely on the snapshot,
// as the write that follows re-checks what it decides by. Inside a write transaction, or
// inside another of these, it adds nothing.
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection& db) : db_(db) { db_.begin_read(); }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  ~ReadTransaction();

 private:
  Connection& db_;
};

// A ReadTransaction with helper connections on its snapshot (begin_read_beside).
class SharedRead {
 public:
  SharedRead(Connection& db, std::size_t helpers) : db_(db), helpers_(db.begin_read_beside(helpers)) {}
  SharedRead(const SharedRead&) = delete;
  SharedRead& operator=(const SharedRead&) = delete;
  ~SharedRead();
  // Helper i, or nullptr when there are fewer: the caller then does that work on `db` itself.
  [[nodiscard]] Connection* helper(std::size_t i) const {
    return i < helpers_.size() ? helpers_[i].get() : nullptr;
  }

 private:
  Connection& db_;
  std::vector<std::unique_ptr<Connection>> helpers_;
};

struct OpenOptions {
  bool create = true;   // create the file (mode 0600) and schema when missing
  bool migrate = true;  // bring an older schema up to date
};

// A SQLite file that opening is about to create, so that a command that fails leaves no trace.
struct NewDatabase {
  std::string path;
  std::string first_new_folder;  // the outermost folder that will be made for it, "" if none
};
// Nothing for a server URL or a path where something already is.
std::optional<NewDatabase> about_to_create(const std::string& spec);
// Removes the file (with its -wal, -shm, -journal) and the folders made for it, if it still holds
// no records: a second process that wrote to it meanwhile keeps what it wrote.
void discard_if_empty(const NewDatabase& created);

// Whether the spec names a PostgreSQL server ("postgresql://" or "postgres://").
bool is_server_url(const std::string& spec);

// The database as messages may show it: a server URL without its password (in the user part or
// a password= parameter), control characters escaped.
std::string shown_database(const std::string& spec);

// "postgresql://..." selects the server backend; anything else is a SQLite file path.
std::unique_ptr<Connection> open_database(const std::string& spec, const OpenOptions& options = {});

// The schema version this build writes, and the version of an open database.
int current_schema_version();
int schema_version(Connection& db);

}  // namespace vstation::store
