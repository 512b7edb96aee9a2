#include "records/deferred_indexes.hpp"

#include <algorithm>

namespace vstation::store {
namespace {

std::string quoted(std::string_view name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Runs each index's or trigger's stored SQL in order, taking it from `made` once made: should one
// fail, it and those after it are still there.
template <class Index>
void make_again(Connection& db, std::vector<Index>& made) {
  while (!made.empty()) {
    db.execute(made.front().sql);
    made.erase(made.begin());
  }
}

}  // namespace

DeferredIndexes::DeferredIndexes(Connection& db, const BulkTable& table, bool adds_only,
                                 std::int64_t min_rows, Lookup* lookup)
    : db_(db), table_(table), lookup_(lookup), adds_only_(adds_only) {
  if (table_.table.empty() || db_.backend() != "sqlite" || !db_.in_transaction()) return;
  // The largest rowid: what the table holds (or more, where rows were deleted) without counting.
  auto held = db_.scalar("SELECT max(rowid) FROM " + quoted(table_.table)).value_or(0);
  threshold_ = std::max(min_rows, held);
}

DeferredIndexes::~DeferredIndexes() {
  check_references_again();
  try {
    db_.wait_behind();  // an index build still running, or its error
  } catch (...) {  // NOLINT(bugprone-empty-catch): the import's own error is already on its way
  }
  if (dropped_.empty() && unbuilt_.empty() && dropped_triggers_.empty()) return;
  try {
    restore();
  } catch (...) {
    // The transaction failed under it: rolling it back brings the indexes back.
  }
}

void DeferredIndexes::drop() {
  // Plain indexes made by CREATE INDEX (origin 'c'), not UNIQUE, in the order they were made.
  auto r = db_.query(
      "SELECT m.name, m.sql FROM sqlite_master m JOIN pragma_index_list(?) p ON p.name = m.name "
      "WHERE m.type = 'index' AND p.\"unique\" = 0 AND p.origin = 'c' AND m.sql IS NOT NULL "
      "ORDER BY m.rowid",
      params(table_.table));
  std::vector<Index> found;
  while (r->next()) {
    std::string name = r->str(0);
    if (std::find(table_.kept.begin(), table_.kept.end(), name) == table_.kept.end())
      found.push_back({std::move(name), r->str(1)});
  }
  r.reset();
  for (auto& index : found) {
    db_.execute("DROP INDEX " + quoted(index.name));
    dropped_.push_back(std::move(index));
  }
  if (lookup_ && table_.outgrown) table_.outgrown(db_, *lookup_);
  if (adds_only_ && table_.references_found) {
    db_.set_reference_checks(false);
    references_unchecked_ = true;
  }
  if (!adds_only_ || table_.catch_up == nullptr) return;
  caught_up_to_ = db_.scalar("SELECT max(rowid) FROM " + quoted(table_.table)).value_or(0);
  for (std::string_view name : table_.triggers) {
    auto t = db_.query(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ? AND tbl_name = ?",
        params(std::string(name), std::string(table_.table)));
    if (!t->next()) continue;  // dropped by someone: `vstation check` says so
    Index trigger{std::string(name), t->str(0)};
    t.reset();
    db_.execute("DROP TRIGGER " + quoted(trigger.name));
    dropped_triggers_.push_back(std::move(trigger));
  }
}

void DeferredIndexes::check_references() {
  if (!references_unchecked_) return;
  db_.set_reference_checks(true);
  references_unchecked_ = false;
}

void DeferredIndexes::check_references_again() noexcept {
  // A write still waiting may throw its error first (once); then the setting changes.
  for (int attempt = 0; references_unchecked_ && attempt < 2; ++attempt) {
    try {
      check_references();
    } catch (...) {  // NOLINT(bugprone-empty-catch): the import's own error is already on its way
    }
  }
}

// One job for them all: the writer's queue is short, and the import's thread is not to wait for
// room in it. Those it could not build are left in unbuilt_, read once the job is over
// (wait_behind), for restore() to build again.
void DeferredIndexes::build_indexes_behind() {
  std::vector<Index> building;
  building.swap(dropped_);
  db_.write_behind([this, building = std::move(building)](Connection& c) mutable {
    try {
      make_again(c, building);
    } catch (...) {
      for (auto& index : building) unbuilt_.push_back(std::move(index));
      throw;
    }
  });
}

void DeferredIndexes::restore() {
  check_references();
  if (!dropped_triggers_.empty()) {
    table_.catch_up(db_, lookup_, caught_up_to_, [&] { build_indexes_behind(); });
    db_.wait_behind();
  }
  for (auto& index : unbuilt_) dropped_.push_back(std::move(index));
  unbuilt_.clear();
  make_again(db_, dropped_);
  make_again(db_, dropped_triggers_);
}

}  // namespace vstation::store
