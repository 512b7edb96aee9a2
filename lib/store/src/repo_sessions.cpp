#include <algorithm>
#include <stdexcept>
#include <utility>

#include "batched_upsert.hpp"
#include "bulk_rows.hpp"
#include "session_order.hpp"
#include "vstation/store/audit_chain.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/seal.hpp"

namespace vstation::store {
namespace {

constexpr std::string_view kColumns =
    "SELECT id, volunteer_id, station_id, shift_id, project_id, raw_in, raw_out, eff_in, "
    "eff_out, status, credited_min, note, proposed_out FROM sessions ";

Session read_session(const Rows& r) {
  Session s;
  s.id = r.id<SessionId>(0);
  s.volunteer = r.id<VolunteerId>(1);
  s.station = r.id<StationId>(2);
  s.shift = r.opt_id<ShiftId>(3);
  s.project = r.opt_id<ProjectId>(4);
  s.raw_in = r.instant(5);
  s.raw_out = r.opt_instant(6);
  s.effective_in = r.instant(7);
  s.effective_out = r.opt_instant(8);
  s.status = parse_enum<SessionStatus>(r.str(9));
  s.credited_minutes = r.i64(10);
  s.note = r.str(11);
  s.proposed_out = r.opt_instant(12);
  return s;
}

std::vector<Session> read_all(std::unique_ptr<Rows> r) {
  std::vector<Session> out;
  while (r->next()) out.push_back(read_session(*r));
  return out;
}

std::optional<Session> first(std::vector<Session> v) {
  if (v.empty()) return std::nullopt;
  return std::move(v.front());
}

// The columns a new session is written with, and its values in their order.
constexpr std::string_view kWritten =
    "volunteer_id, station_id, shift_id, project_id, raw_in, raw_out, eff_in, eff_out, status, "
    "credited_min, note, proposed_out, seal";
constexpr std::size_t kWrittenCount = batched::columns_of(kWritten);
void append_written(std::vector<Value>& args, const Session& s) {
  args.insert(args.end(),
              {to_value(s.volunteer), to_value(s.station), to_value(s.shift), to_value(s.project),
               to_value(s.raw_in), to_value(s.raw_out), to_value(s.effective_in),
               to_value(s.effective_out), to_value(code_of(s.status)),
               to_value(s.credited_minutes), to_value(s.note), to_value(s.proposed_out),
               to_value(seal::of(s))});
}

}  // namespace

namespace sessions {

SessionId insert(Connection& db, const Session& s) {
  static const std::string sql = "INSERT INTO sessions (" + std::string(kWritten) + ") VALUES " +
                                 batched::placeholders(kWrittenCount);
  std::vector<Value> args;
  args.reserve(kWrittenCount);
  append_written(args, s);
  return SessionId{db.insert(sql, std::move(args))};
}

SessionId next_id(Connection& db) {
  return SessionId{batched::next_id(db, "sessions")};
}

std::vector<Value> values_with_ids(std::span<const Session> rows) {
  return batched::bind_all(rows.size(), kWrittenCount + 1,
                           [&](std::size_t i, std::vector<Value>& args) {
                             args.push_back(to_value(rows[i].id));
                             append_written(args, rows[i]);
                           });
}

void insert_values(Connection& db, std::vector<Value> values) {
  static const std::string head = "INSERT INTO sessions (id, " + std::string(kWritten) + ") VALUES ";
  batched::write_bound(db, head, kWrittenCount + 1, "", std::move(values));
}

void update(Connection& db, const Session& s) {
  if (auto stored = get(db, s.id)) update(db, *stored, s);
}

// Only the columns whose values change are SET: SQLite rewrites every index over a SET column
// even when the value stays, and a check-out would otherwise write four index pages for nothing.
void update(Connection& db, const Session& before, const Session& s) {
  std::string set;
  std::vector<Value> args;
  auto column = [&](std::string_view name, Value now, const Value& was) {
    if (now == was) return;
    set += set.empty() ? "" : ", ";
    set += name;
    set += " = ?";
    args.push_back(std::move(now));
  };
  column("shift_id", to_value(s.shift), to_value(before.shift));
  column("project_id", to_value(s.project), to_value(before.project));
  column("raw_out", to_value(s.raw_out), to_value(before.raw_out));
  column("eff_in", to_value(s.effective_in), to_value(before.effective_in));
  column("eff_out", to_value(s.effective_out), to_value(before.effective_out));
  column("status", to_value(code_of(s.status)), to_value(code_of(before.status)));
  column("credited_min", to_value(s.credited_minutes), to_value(before.credited_minutes));
  column("note", to_value(s.note), to_value(before.note));
  column("proposed_out", to_value(s.proposed_out), to_value(before.proposed_out));
  if (set.empty()) return;
  column("seal", to_value(seal::of(s)), to_value(seal::of(before)));
  args.push_back(to_value(s.id));
  db.execute("UPDATE sessions SET " + set + " WHERE id = ?", std::move(args));
}

std::optional<Session> get(Connection& db, SessionId id) {
  return first(read_all(db.query(std::string(kColumns) + "WHERE id = ?", params(id))));
}

std::optional<Session> open_of(Connection& db, VolunteerId v) {
  return first(read_all(
      db.query(std::string(kColumns) + "WHERE volunteer_id = ? AND status = 'open'", params(v))));
}

std::vector<Session> open(Connection& db, std::optional<StationId> station,
                          std::optional<VolunteerId> volunteer) {
  return read_all(db.query(std::string(kColumns) +
                               "WHERE status = 'open' AND ((? IS NULL AND ? IS NULL) OR "
                               "station_id = ? OR volunteer_id = ?)",
                           params(station, volunteer, station, volunteer)));
}

namespace {

constexpr std::string_view kOpenWithShifts =
    "SELECT s.id, s.volunteer_id, s.station_id, s.shift_id, s.project_id, s.raw_in, s.raw_out, "
    "s.eff_in, s.eff_out, s.status, s.credited_min, s.note, s.proposed_out, sh.starts_at, "
    "sh.ends_at FROM sessions s LEFT JOIN shifts sh ON sh.id = s.shift_id "
    "WHERE s.status = 'open' AND ((? IS NULL AND ? IS NULL) OR s.station_id = ? OR "
    "s.volunteer_id = ?)";

OpenSession read_open(const Rows& r) {
  OpenSession o{read_session(r), std::nullopt};
  if (!r.is_null(13)) o.shift = TimeRange{r.instant(13), r.instant(14)};
  return o;
}

}  // namespace

std::vector<OpenSession> open_with_shifts(Connection& db, std::optional<StationId> station,
                                         std::optional<VolunteerId> volunteer) {
  auto r = db.query(std::string(kOpenWithShifts), params(station, volunteer, station, volunteer));
  std::vector<OpenSession> out;
  while (r->next()) out.push_back(read_open(*r));
  return out;
}

// One statement: a kiosk's scan runs it in every turn (issue 17 point 5).
Arrivals at_arrival(Connection& db, StationId station, VolunteerId volunteer) {
  static const std::string sql =
      std::string(kOpenWithShifts) +
      " UNION ALL SELECT id, volunteer_id, station_id, shift_id, project_id, raw_in, raw_out, "
      "eff_in, eff_out, status, credited_min, note, proposed_out, NULL, NULL FROM sessions "
      "WHERE volunteer_id = ? AND status = 'auto_closed' AND proposed_out IS NULL";
  auto r = db.query(sql, params(station, volunteer, station, volunteer, volunteer));
  Arrivals out;
  while (r->next()) {
    OpenSession o = read_open(*r);
    if (o.session.status == SessionStatus::open)
      out.open.push_back(std::move(o));
    else
      out.awaiting.push_back(std::move(o.session));
  }
  std::sort(out.open.begin(), out.open.end(),
            [](const auto& a, const auto& b) { return earlier(a.session, b.session); });
  std::sort(out.awaiting.begin(), out.awaiting.end(), earlier);
  return out;
}

std::vector<Session> of_volunteer(Connection& db, VolunteerId v) {
  return read_all(
      db.query(std::string(kColumns) + "WHERE volunteer_id = ? ORDER BY eff_in, id", params(v)));
}

std::vector<Session> of_shift(Connection& db, ShiftId shift) {
  return read_all(
      db.query(std::string(kColumns) + "WHERE shift_id = ? ORDER BY eff_in, id", params(shift)));
}

std::vector<Session> in_range(Connection& db, TimeRange range, std::optional<StationId> st) {
  // Each part of kClosedByTime by the index that holds it in time order, then the few open ones,
  // read whole through sessions_one_open (open()), never bounded by an index on eff_in: SQLite
  // would walk the range through one to find the open sessions among it. Merged as they come.
  std::vector<Session> out;
  auto merge = [&out](const std::vector<Session>& more) {
    auto middle = out.insert(out.end(), more.begin(), more.end());
    std::inplace_merge(out.begin(), middle, out.end(), earlier);
  };
  for (const char* closed : kClosedByTime)
    merge(read_all(db.query(std::string(kColumns) + "WHERE " + closed +
                                " AND eff_in >= ? AND eff_in < ? "
                                "AND (? IS NULL OR station_id = ?) ORDER BY eff_in, id",
                            params(range.begin, range.end, st, st))));
  auto open_now = open(db, st, std::nullopt);
  std::erase_if(open_now, [&](const Session& s) { return !range.contains(s.effective_in); });
  std::sort(open_now.begin(), open_now.end(), earlier);
  merge(open_now);
  return out;
}

std::vector<Session> all(Connection& db) {
  return read_all(db.query(std::string(kColumns) + "ORDER BY eff_in, id"));
}

bool overlaps_existing(Connection& db, VolunteerId v, Instant in, std::optional<Instant> out) {
  // An open session occupies everything after its check-in; any other at least its check-in
  // instant (one without a check-out, awaiting review, or of no length: that second), as
  // `vstation check` judges them.
  std::int64_t end = out ? occupied_by(in, *out).end.seconds : INT64_MAX;
  auto r = db.query(
      "SELECT 1 FROM sessions WHERE volunteer_id = ? AND status <> 'rejected' AND eff_in < ? "
      "AND (status = 'open' OR CASE WHEN eff_out IS NULL OR eff_out <= eff_in THEN eff_in + 1 "
      "ELSE eff_out END > ?) LIMIT 1",
      params(v, end, in));
  return r->next();
}

namespace {
// eff_in, eff_out and status, read from column `at` on.
Occupied occupied_at(Rows& r, int at) {
  return {r.instant(at), r.opt_instant(at + 1), r.str(at + 2) == "open"};
}
}  // namespace

std::vector<Occupied> occupying(Connection& db, VolunteerId v) {
  auto r = db.query(
      "SELECT eff_in, eff_out, status FROM sessions WHERE volunteer_id = ? AND status <> 'rejected'",
      params(v));
  std::vector<Occupied> out;
  while (r->next()) out.push_back(occupied_at(*r, 0));
  return out;
}

bool all_occupying(Connection& db, std::int64_t limit,
                   const std::function<void(VolunteerId, const Occupied&)>& each) {
  // The table in rowid order, without an index; LIMIT stops a table too large to hold early.
  auto r = db.query(
      "SELECT volunteer_id, eff_in, eff_out, status FROM sessions WHERE status <> 'rejected' "
      "LIMIT ?",
      params(limit + 1));
  for (std::int64_t n = 0; r->next(); ++n) {
    if (n == limit) return false;
    each(r->id<VolunteerId>(0), occupied_at(*r, 1));
  }
  return true;
}

}  // namespace sessions

namespace audit {
namespace {

// The chain's last row, by the primary key's index: the next id and the hash it chains to.
LastRow last_row(Connection& db) {
  auto r = db.query("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
  if (!r->next()) return {};
  return {r->id<AuditId>(0), r->str(1)};
}

// `e` as the row after `prev` (its id set), and its hash.
std::pair<AuditEntry, std::string> chained_after(const AuditEntry& e, const LastRow& prev) {
  AuditEntry row = e;
  row.id = AuditId{prev.id.value + 1};
  std::string hash = chain::row_hash(row, prev.hash);
  return {std::move(row), std::move(hash)};
}

constexpr std::string_view kAuditInsert =
    "INSERT INTO audit (id, at, actor, entity, entity_id, action, reason, old_value, new_value, "
    "prev_hash, hash) VALUES ";
constexpr std::size_t kAuditColumns = batched::columns_of(kAuditInsert);
void append_audit_row(std::vector<Value>& args, const AuditEntry& row, const std::string& prev_hash,
                      const std::string& hash) {
  args.insert(args.end(), {to_value(row.id), to_value(row.at), to_value(row.actor),
                           to_value(row.entity), to_value(row.entity_id), to_value(row.action),
                           to_value(row.reason), to_value(row.old_value), to_value(row.new_value),
                           to_value(prev_hash), to_value(hash)});
}

// Writes `e` as the row after `prev`, returning it as the chain's new last row.
LastRow insert_after(Connection& db, const AuditEntry& e, const LastRow& prev) {
  auto [row, hash] = chained_after(e, prev);
  std::vector<Value> args;
  append_audit_row(args, row, prev.hash, hash);
  db.execute(std::string(kAuditInsert) + batched::placeholders(kAuditColumns), std::move(args));
  return {row.id, std::move(hash)};
}

void write_head(Connection& db, const LastRow& last) {
  identity::set_setting(db, chain::kHeadKey, std::to_string(last.id.value) + " " + last.hash);
}

}  // namespace

// Runs inside the caller's write transaction, so rows are chained one after another: each
// row's hash covers its contents and the previous row's hash, and the settings keep the head
// (so removing the last rows is noticed too).
AuditId append(Connection& db, const AuditEntry& e) {
  // Touch the head first: on a server backend this row lock makes concurrent appends wait
  // for each other. SQLite's write transaction already does, so it is spared the statement.
  if (db.backend() != "sqlite")
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, '') "
        "ON CONFLICT (key) DO UPDATE SET value = settings.value",
        params(chain::kHeadKey));
  LastRow last = insert_after(db, e, last_row(db));
  write_head(db, last);
  return last.id;
}

static_assert(Batch::kRows == batched::kRowsPerStatement, "a batch is written as one statement");

LastRow Batch::last() const {
  return chained_.empty() ? *written_ : LastRow{chained_.back().id, hashes_.back()};
}

AuditId Batch::append(const AuditEntry& e) {
  if (db_.backend() != "sqlite") return audit::append(db_, e);
  if (!written_) written_ = last_row(db_);
  auto [row, hash] = chained_after(e, last());
  AuditId id = row.id;
  chained_.push_back(std::move(row));
  hashes_.push_back(std::move(hash));
  unwritten_ = true;
  if (chained_.size() >= kRows) write_chained();
  return id;
}

void Batch::write_chained() {
  if (chained_.empty()) return;
  LastRow after = *written_;
  // Bound here; written on the import's writer thread where it has one (Connection::write_behind).
  auto values = batched::bind_all(chained_.size(), kAuditColumns,
                                  [&](std::size_t i, std::vector<Value>& args) {
                                    append_audit_row(args, chained_[i],
                                                     i ? hashes_[i - 1] : after.hash, hashes_[i]);
                                  });
  written_ = LastRow{chained_.back().id, hashes_.back()};
  chained_.clear();
  hashes_.clear();
  db_.write_behind([after, values = std::move(values)](Connection& on) mutable {
    // A row appended beside the batch would take the id of the next chained one, and the chain
    // would fork: a programming error.
    if (last_row(on).id != after.id)
      throw std::logic_error("audit rows were appended beside an open audit::Batch");
    batched::write_bound(on, kAuditInsert, kAuditColumns, "", std::move(values));
  });
}

void Batch::finish() {
  if (!unwritten_) return;
  write_chained();
  if (last_row(db_).id != written_->id)
    throw std::logic_error("audit rows were appended beside an open audit::Batch");
  write_head(db_, *written_);
  unwritten_ = false;
}

std::vector<AuditEntry> of(Connection& db, std::string_view entity, std::int64_t entity_id) {
  auto r = db.query(
      "SELECT id, at, actor, entity, entity_id, action, reason, old_value, new_value FROM audit "
      "WHERE entity = ? AND entity_id = ? ORDER BY id",
      params(entity, entity_id));
  std::vector<AuditEntry> out;
  while (r->next())
    out.push_back({r->id<AuditId>(0), r->instant(1), r->str(2), r->str(3), r->i64(4), r->str(5),
                   r->str(6), r->str(7), r->str(8)});
  return out;
}

}  // namespace audit
}  // namespace vstation::store
