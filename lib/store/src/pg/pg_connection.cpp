// The PostgreSQL connection over libpq: `?` placeholders become $n, parameters travel as text
// (the server infers their types from the statement, as SQLite's loose typing does), results
// are read as text (a stream's as binary: pg_rows.cpp). Transactions are SERIALIZABLE unless
// the caller takes explicit locks (Isolation::explicit_locks: READ COMMITTED); serialization
// failures and deadlocks are reported as StoreFault::busy so callers retry them as they retry a
// busy SQLite file.

#include "pg/pg_connection.hpp"

#include <libpq-fe.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <map>
#include <optional>
#include <stdexcept>
#include <utility>

#include "pg/pg_errors.hpp"
#include "pg/pg_rows.hpp"

namespace vstation::store::pg {
namespace {

constexpr Msg kCantConnect{"cannot connect to the database server '{}': {}",
                           "无法连接数据库服务器“{}”：{}"};

std::string text_of(const Value& v) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) return {};
        else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(x);
        else if constexpr (std::is_same_v<T, double>) {
          char buf[32];
          auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
          return ec == std::errc() ? std::string(buf, end) : std::string("NaN");
        } else return x;
      },
      v);
}

// Parameters as libpq takes them: text, NULL as a null pointer.
struct TextParams {
  std::vector<std::string> texts;
  std::vector<const char*> values;
  explicit TextParams(const std::vector<Value>& args) {
    texts.reserve(args.size());
    for (const auto& a : args) texts.push_back(text_of(a));
    for (std::size_t i = 0; i < args.size(); ++i)
      values.push_back(std::holds_alternative<std::monostate>(args[i]) ? nullptr : texts[i].c_str());
  }
};

// Rows a stream fetches at a time: 10,000 of the report's six numbers are about 0.5 MB.
constexpr int kStreamBatch = 10000;

bool is_write(std::string_view sql) {
  while (!sql.empty() && std::isspace(static_cast<unsigned char>(sql.front()))) sql.remove_prefix(1);
  auto word = sql.substr(0, 6);
  std::string w;
  for (char c : word) w += char(std::toupper(static_cast<unsigned char>(c)));
  return w == "INSERT" || w == "UPDATE" || w == "DELETE";
}

// `sql` with each `?` outside quotes replaced by name(i), i counting from 0.
template <class Name>
std::string with_placeholders(std::string_view sql, Name name) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c != '?') {
      out += c;
      continue;
    }
    out += name(std::size_t(n++));
    // "? IS NULL" gives the server nothing to infer the parameter's type from.
    std::size_t j = i + 1;
    while (j < sql.size() && std::isspace(static_cast<unsigned char>(sql[j]))) ++j;
    auto rest = sql.substr(j, 3);
    if (rest.size() == 3 && std::toupper(static_cast<unsigned char>(rest[0])) == 'I' &&
        std::toupper(static_cast<unsigned char>(rest[1])) == 'S' &&
        std::isspace(static_cast<unsigned char>(rest[2])))
      out += "::text";
  }
  return out;
}

class PgStream;
class PgCopy;

// One CopyData message, as libpq allocated it.
struct CopyMessage {
  std::unique_ptr<char, decltype(&PQfreemem)> bytes{nullptr, &PQfreemem};
  int size = 0;
};

class PgConnection final : public Connection {
 public:
  PgConnection(PGconn* conn, std::string url, std::string where)
      : conn_(conn), url_(std::move(url)), where_(std::move(where)) {}
  ~PgConnection() override { PQfinish(conn_); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  std::unique_ptr<Rows> query(std::string_view sql, std::vector<Value> args) override {
    return std::make_unique<PgRows>(run(sql, args));
  }

  std::unique_ptr<Rows> stream(std::string_view sql, std::vector<Value> args) override;
  std::unique_ptr<Rows> stream_whole(std::string_view sql, std::vector<Value> args) override;
  // The running COPY's next message; nothing at its end (its statement's failure thrown).
  std::optional<CopyMessage> copy_message();
  bool copying(const PgCopy* rows) const { return copying_ == rows; }
  // Asks for a stream's next batch without waiting for it (the server reads it while the
  // client counts the last one); the answer is taken by settle() or by the stream itself.
  void send_fetch(PgStream& stream);
  // The batch in flight, if any, taken into its stream: before anything else is sent.
  void settle();
  StoreError failure(const PGresult* res) const { return translate(res, conn_, where_); }
  // A stream read to its end, failed or destroyed: its cursor closed; the streams' own
  // transaction (`own`: the stream runs in it) ends with the last of them, or at a failure.
  void end_stream(const std::string& cursor, bool own, bool failed);

  std::int64_t insert(std::string_view sql, std::vector<Value> args) override {
    auto rows = query(std::string(sql) + " RETURNING id", std::move(args));
    rows->next();
    return rows->i64(0);
  }

  std::int64_t execute(std::string_view sql, std::vector<Value> args) override {
    auto res = run(sql, args);
    const char* n = PQcmdTuples(res.get());
    return (n && *n) ? std::atoll(n) : 0;
  }

  void begin(Isolation isolation) override {
    if (stream_tx_) throw std::logic_error("a transaction begun while a stream reads in its own");
    exec_plain(isolation == Isolation::serializable ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
                                                     : "BEGIN ISOLATION LEVEL READ COMMITTED");
    in_tx_ = true;
  }
  void lock(LockSpace space, std::int64_t key) override {
    // The two-int4 form keeps our keys apart from the migration lock's single bigint key; a
    // folded key that collides only makes two unrelated transactions wait for each other.
    run("SELECT pg_advisory_xact_lock(?, ?)",
        {Value(std::int64_t(space)), Value(std::int64_t(key % 2147483647))});
  }
  void commit() override {
    in_tx_ = false;
    exec_plain("COMMIT");
  }
  void rollback() override {
    in_tx_ = false;
    exec_plain("ROLLBACK");
  }
  bool in_transaction() const override { return in_tx_; }
  void begin_read() override {}
  void end_read() override {}
  // Each look-up here has its own snapshot anyway (begin_read adds nothing): helpers are
  // plain connections; none inside a transaction, whose writes they would not see.
  // A connection that works beside helpers, and its helpers, plan without parallel workers: the
  // work is already spread over the connections, and on the cores they share the workers of a
  // small aggregate only add their start and coordination (a quarter report on the 20-million-
  // session district 1.74 s -> 1.60 s on two cores; docs/benchmarks.md). For the session: the
  // helpers end with the report, and this connection's later statements are a report's too.
  std::vector<std::unique_ptr<Connection>> begin_read_beside(std::size_t helpers) override {
    std::vector<std::unique_ptr<Connection>> out;
    begin_read();
    if (in_transaction()) return out;
    constexpr const char* kSerialPlans = "SET max_parallel_workers_per_gather = 0";
    try {
      while (out.size() < helpers) {
        auto helper = connect(url_);
        static_cast<PgConnection&>(*helper).exec_plain(kSerialPlans);
        out.push_back(std::move(helper));
      }
    } catch (const StoreError&) {  // fewer helpers (the server's connection limit)
    }
    if (!out.empty()) exec_plain(kSerialPlans);
    return out;
  }
  void set_durability(Durability d) override {
    exec_plain(d == Durability::full ? "SET synchronous_commit = on" : "SET synchronous_commit = off");
  }
  void set_bulk_write(bool) override {}
  void set_reference_checks(bool) override {}
  bool set_all_or_nothing(bool on) override { return std::exchange(all_or_nothing_, on); }
  std::string_view backend() const override { return "postgresql"; }
  std::string location() const override { return where_; }

  // The results of the command sent last, its first kept (an error result if none came).
  Result take_results();

  void exec_plain(const std::string& sql) {
    settle();
    Result res(PQexec(conn_, sql.c_str()), &PQclear);
    auto st = PQresultStatus(res.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw translate(res.get(), conn_, where_);
  }

 private:
  // A failed statement aborts a PostgreSQL transaction, where SQLite lets the transaction go
  // on (an import skips a duplicate grant and continues); a savepoint around each write inside
  // a transaction keeps SQLite's behaviour, unless the caller gives up the whole transaction at
  // a failed write anyway (set_all_or_nothing).
  Result run(std::string_view sql, const std::vector<Value>& args) {
    bool guard = in_tx_ && !all_or_nothing_ && is_write(sql);
    if (guard) exec_plain("SAVEPOINT vstation_stmt");
    Result res = run_unguarded(sql, args);
    auto st = PQresultStatus(res.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      auto error = translate(res.get(), conn_, where_);
      if (guard && error.fault() != StoreFault::busy) exec_plain("ROLLBACK TO SAVEPOINT vstation_stmt");
      throw error;
    }
    if (guard) exec_plain("RELEASE SAVEPOINT vstation_stmt");
    return res;
  }

  // Statements are prepared once per connection and reused.
  Result run_unguarded(std::string_view sql, const std::vector<Value>& args) {
    settle();
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
      std::string name = "s" + std::to_string(prepared_.size() + 1);
      std::string text = translate_placeholders(sql);
      Result res(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr), &PQclear);
      if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) return res;
      it = prepared_.emplace(std::string(sql), name).first;
    }
    TextParams p(args);
    return {PQexecPrepared(conn_, it->second.c_str(), int(p.values.size()), p.values.data(), nullptr,
                           nullptr, 0),
            &PQclear};
  }

  PGconn* conn_;
  std::string url_;    // as given, for helpers (begin_read_beside)
  std::string where_;
  bool in_tx_ = false;
  bool all_or_nothing_ = false;  // set_all_or_nothing
  int own_streams_ = 0;     // open streams in the streams' own transaction
  bool stream_tx_ = false;  // whether that transaction is open
  PgStream* in_flight_ = nullptr;  // the stream whose FETCH has been sent and not yet taken
  PgCopy* copying_ = nullptr;      // the stream whose COPY is running
  std::int64_t cursors_ = 0;
  std::map<std::string, std::string, std::less<>> prepared_;
};

// A server-side binary cursor read kStreamBatch rows at a time; the rows of one batch are held,
// and the next batch is asked for before they are read (PgConnection::send_fetch).
class PgStream final : public Rows {
 public:
  PgStream(PgConnection& db, std::string cursor, bool own) : db_(db), cursor_(std::move(cursor)), own_(own) {}
  PgStream(const PgStream&) = delete;
  PgStream& operator=(const PgStream&) = delete;
  ~PgStream() override {
    if (!open_) return;
    try {
      db_.settle();
      db_.end_stream(cursor_, own_, false);
    } catch (...) {  // NOLINT(bugprone-empty-catch): a lost connection says so at its next use
    }
  }
  bool next() override {
    if (batch_ && batch_->next()) return true;
    if (!open_) return false;
    if (last_batch_) return finish();
    db_.settle();  // this stream's batch in flight, if any, taken
    if (!arrived_) db_.send_fetch(*this), db_.settle();  // none asked for: a send had failed
    Result res = std::move(*arrived_);
    arrived_.reset();
    if (PQresultStatus(res.get()) != PGRES_TUPLES_OK) {
      open_ = false;
      batch_.reset();
      auto error = db_.failure(res.get());
      db_.end_stream(cursor_, own_, true);
      throw error;
    }
    int n = PQntuples(res.get());
    last_batch_ = n < kStreamBatch;
    if (!last_batch_) db_.send_fetch(*this);
    batch_ = std::make_unique<PgRows>(std::move(res));
    if (n == 0) return finish();
    return batch_->next();
  }
  bool is_null(int col) const override { return batch_->is_null(col); }
  std::int64_t i64(int col) const override { return batch_->i64(col); }
  double f64(int col) const override { return batch_->f64(col); }
  std::string_view text(int col) const override { return batch_->text(col); }

  const std::string& cursor() const { return cursor_; }
  void arrive(Result res) { arrived_ = std::move(res); }

 private:
  bool finish() {
    open_ = false;
    db_.end_stream(cursor_, own_, false);
    return false;
  }

  PgConnection& db_;
  std::string cursor_;
  bool own_;
  std::unique_ptr<PgRows> batch_;
  std::optional<Result> arrived_;  // the next batch, taken from the server, not yet read
  bool open_ = true;
  bool last_batch_ = false;
};

// A COPY (SELECT ...) TO STDOUT in binary read a row at a time (Connection::stream_whole): libpq
// reads its rows at a fraction of a cursor's cost, as it builds no result for them. The
// connection sends nothing else while it runs: anything else first takes the rest of its rows
// into `held_` (PgConnection::settle), and a failure met then is thrown by next().
class PgCopy final : public Rows {
 public:
  PgCopy(PgConnection& db, std::vector<Oid> types)
      : db_(db), types_(std::move(types)), shown_(types_.size()) {}
  PgCopy(const PgCopy&) = delete;
  PgCopy& operator=(const PgCopy&) = delete;
  ~PgCopy() override {
    try {
      while (db_.copying(this) && db_.copy_message()) {
      }
    } catch (...) {  // NOLINT(bugprone-empty-catch): a lost connection says so at its next use
    }
  }
  bool next() override {
    for (;;) {
      if (!held_.empty()) {
        current_ = std::move(held_.front());
        held_.pop_front();
      } else if (failure_) {
        auto error = std::move(*failure_);
        failure_.reset();
        throw error;
      } else if (auto m = db_.copying(this) ? db_.copy_message() : std::nullopt) {
        current_ = std::move(*m);
      } else {
        return false;
      }
      if (row_.read({current_.bytes.get(), std::size_t(current_.size)}, types_.size()) ==
          CopyRow::Got::row)
        return true;
    }
  }
  bool is_null(int col) const override { return row_.is_null(col); }
  std::int64_t i64(int col) const override { return binary_i64(row_.bytes(col), type(col)); }
  double f64(int col) const override { return binary_f64(row_.bytes(col), type(col)); }
  std::string_view text(int col) const override {
    return binary_text(row_.bytes(col), type(col), shown_[std::size_t(col)]);
  }

  // The rest of the rows taken from the connection, which another statement needs.
  void hold_rest() {
    try {
      while (auto m = db_.copy_message()) held_.push_back(std::move(*m));
    } catch (const StoreError& e) {
      failure_ = e;
    }
  }

 private:
  Oid type(int col) const { return types_[std::size_t(col)]; }

  PgConnection& db_;
  std::vector<Oid> types_;
  mutable std::vector<std::string> shown_;
  std::deque<CopyMessage> held_;
  CopyMessage current_;
  CopyRow row_;
  std::optional<StoreError> failure_;
};

std::unique_ptr<Rows> PgConnection::stream(std::string_view sql, std::vector<Value> args) {
  settle();
  // A cursor lives in a transaction: the caller's, or one for the streams.
  bool own = !in_tx_;
  if (own && !stream_tx_) {
    exec_plain("BEGIN ISOLATION LEVEL READ COMMITTED");
    stream_tx_ = true;
  }
  if (own) ++own_streams_;
  std::string cursor = "vstation_stream_" + std::to_string(++cursors_);
  // Unnamed (not prepared): each cursor's name makes a new statement text. Binary: numbers
  // travel as their bytes, neither printed by the server nor parsed here.
  std::string text =
      "DECLARE " + cursor + " BINARY NO SCROLL CURSOR FOR " + translate_placeholders(sql);
  TextParams p(args);
  Result res(PQexecParams(conn_, text.c_str(), int(p.values.size()), nullptr, p.values.data(), nullptr,
                          nullptr, 0),
             &PQclear);
  if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
    auto error = translate(res.get(), conn_, where_);
    end_stream(cursor, own, true);
    throw error;
  }
  auto stream = std::make_unique<PgStream>(*this, std::move(cursor), own);
  send_fetch(*stream);
  return stream;
}

void PgConnection::send_fetch(PgStream& stream) {
  settle();  // another stream's batch in flight: one command at a time on a connection
  std::string text = "FETCH " + std::to_string(kStreamBatch) + " FROM " + stream.cursor();
  if (!PQsendQuery(conn_, text.c_str())) throw translate(nullptr, conn_, where_);
  in_flight_ = &stream;
}

Result PgConnection::take_results() {
  Result first(nullptr, &PQclear);
  while (PGresult* r = PQgetResult(conn_))
    if (!first)
      first.reset(r);
    else
      PQclear(r);
  // No result at all: the connection broke; an empty error result carries that.
  if (!first) first.reset(PQmakeEmptyPGresult(conn_, PGRES_FATAL_ERROR));
  return first;
}

void PgConnection::settle() {
  if (copying_) copying_->hold_rest();
  if (!in_flight_) return;
  std::exchange(in_flight_, nullptr)->arrive(take_results());
}

std::unique_ptr<Rows> PgConnection::stream_whole(std::string_view sql, std::vector<Value> args) {
  settle();
  // COPY takes no parameters: the values go into its text as quoted literals, which the server
  // types from the statement as it types parameters sent as text.
  const std::string select = with_placeholders(sql, [&](std::size_t i) {
    const Value& v = args.at(i);
    if (std::holds_alternative<std::monostate>(v)) return std::string("NULL");
    const std::string t = text_of(v);
    std::unique_ptr<char, decltype(&PQfreemem)> quoted(PQescapeLiteral(conn_, t.data(), t.size()),
                                                       &PQfreemem);
    if (!quoted) throw translate(nullptr, conn_, where_);
    return std::string(quoted.get());
  });
  // The columns' types, to read the binary values by: the statement described, not run.
  Result prepared(PQprepare(conn_, "", select.c_str(), 0, nullptr), &PQclear);
  if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK)
    throw translate(prepared.get(), conn_, where_);
  Result described(PQdescribePrepared(conn_, ""), &PQclear);
  if (PQresultStatus(described.get()) != PGRES_COMMAND_OK)
    throw translate(described.get(), conn_, where_);
  std::vector<Oid> types;
  for (int c = 0; c < PQnfields(described.get()); ++c) types.push_back(PQftype(described.get(), c));
  const std::string copy = "COPY (" + select + ") TO STDOUT (FORMAT binary)";
  if (!PQsendQuery(conn_, copy.c_str())) throw translate(nullptr, conn_, where_);
  Result started(PQgetResult(conn_), &PQclear);
  if (PQresultStatus(started.get()) != PGRES_COPY_OUT) {
    if (!started) started.reset(PQmakeEmptyPGresult(conn_, PGRES_FATAL_ERROR));
    auto error = translate(started.get(), conn_, where_);
    take_results();
    throw error;
  }
  auto rows = std::make_unique<PgCopy>(*this, std::move(types));
  copying_ = rows.get();
  return rows;
}

std::optional<CopyMessage> PgConnection::copy_message() {
  char* bytes = nullptr;
  const int n = PQgetCopyData(conn_, &bytes, 0);
  if (n > 0) return CopyMessage{{bytes, &PQfreemem}, n};
  copying_ = nullptr;
  Result end = take_results();  // the COPY's own: whether it ran to its end
  if (n == -2 || PQresultStatus(end.get()) != PGRES_COMMAND_OK)
    throw translate(end.get(), conn_, where_);
  return std::nullopt;
}

void PgConnection::end_stream(const std::string& cursor, bool own, bool failed) {
  if (own) {
    --own_streams_;
    if (!stream_tx_) return;  // ended already by another stream's failure
    // A failure aborted the streams' transaction: it ends now, whatever else streams in it.
    if (failed || own_streams_ == 0) {
      stream_tx_ = false;
      exec_plain(failed ? "ROLLBACK" : "COMMIT");
      return;
    }
  } else if (failed) {
    return;  // the caller's transaction is aborted; its rollback closes the cursor
  }
  exec_plain("CLOSE " + cursor);
}

}  // namespace

std::string translate_placeholders(std::string_view sql) {
  return with_placeholders(sql, [](std::size_t i) { return '$' + std::to_string(i + 1); });
}

std::unique_ptr<Connection> connect(const std::string& url) {
  std::string where = shown_database(url);
  PGconn* conn = PQconnectdb(url.c_str());
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    std::string why = first_line(conn ? PQerrorMessage(conn) : "out of memory");
    if (why.starts_with("connection to server")) {
      auto colon = why.find("failed: ");
      if (colon != std::string::npos) why = why.substr(colon + 8);
    }
    if (conn) PQfinish(conn);
    throw StoreError(StoreFault::io, Text::of(kCantConnect, where, why));
  }
  // Notices ("there is no transaction in progress" after a failed COMMIT) are not for the user.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  auto db = std::make_unique<PgConnection>(conn, url, where);
  db->exec_plain("SET client_min_messages = error");
  db->exec_plain("SET client_encoding = 'UTF8'");
  return db;
}

void exec_script(Connection& db, std::string_view sql) {
  static_cast<PgConnection&>(db).exec_plain(std::string(sql));
}

}  // namespace vstation::store::pg
