#include "vstation/store/db.hpp"

#include <filesystem>

#include "heap_growth.hpp"
#include "pg/pg_connection.hpp"
#include "sqlite/sqlite_connection.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/store/busy.hpp"

namespace vstation::store {

Date Rows::date(int col) const { return parse_date(str(col)); }

std::optional<std::int64_t> Connection::scalar(std::string_view sql, std::vector<Value> args) {
  auto rows = query(sql, std::move(args));
  if (!rows->next() || rows->is_null(0)) return std::nullopt;
  return rows->i64(0);
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.rollback();
    } catch (...) {  // NOLINT(bugprone-empty-catch): nothing better to do in a destructor
    }
  }
}

ReadTransaction::~ReadTransaction() {
  try {
    db_.end_read();
  } catch (...) {  // NOLINT(bugprone-empty-catch): ending a read changes nothing to lose
  }
}

SharedRead::~SharedRead() {
  helpers_.clear();  // their read transactions end first
  try {
    db_.end_read();
  } catch (...) {  // NOLINT(bugprone-empty-catch): ending a read changes nothing to lose
  }
}

BulkWrite::BulkWrite(Connection& db) : db_(db) {
  db_.set_bulk_write(true);
  heap::hold();
}

BulkWrite::~BulkWrite() {
  heap::release();
  try {
    db_.set_bulk_write(false);
  } catch (...) {  // NOLINT(bugprone-empty-catch): only a cache size; the connection goes on
  }
}

AllOrNothing::~AllOrNothing() {
  try {
    db_.set_all_or_nothing(was_);
  } catch (...) {  // NOLINT(bugprone-empty-catch): a write still waiting failed: so has the import
  }
}

void Transaction::commit() {
  db_.commit();
  done_ = true;
}

std::string shown_database(const std::string& spec) {
  std::string url = spec;
  auto scheme = url.find("://");
  if (scheme != std::string::npos) {
    // postgresql://user:secret@host/db -> postgresql://user@host/db
    auto at = url.find('@', scheme + 3);
    auto slash = url.find('/', scheme + 3);
    auto colon = url.find(':', scheme + 3);
    if (at != std::string::npos && (slash == std::string::npos || at < slash) && colon < at)
      url.erase(colon, at - colon);
    // ...?sslmode=require&password=secret -> ...?sslmode=require
    if (auto q = url.find('?'); q != std::string::npos) {
      std::string kept;
      std::size_t i = q + 1;
      while (i <= url.size()) {
        auto amp = std::min(url.find('&', i), url.size());
        std::string param = url.substr(i, amp - i);
        if (!param.empty() && !ascii_lower(param).starts_with("password="))
          kept += (kept.empty() ? "" : "&") + param;
        i = amp + 1;
      }
      url = url.substr(0, q) + (kept.empty() ? "" : "?" + kept);
    }
  }
  return escape_controls(url);
}

bool is_server_url(const std::string& spec) {
  return spec.starts_with("postgresql://") || spec.starts_with("postgres://");
}

std::optional<NewDatabase> about_to_create(const std::string& spec) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (is_server_url(spec) || fs::symlink_status(spec, ec).type() != fs::file_type::not_found)
    return std::nullopt;
  NewDatabase created{spec, ""};
  for (fs::path folder = fs::path(spec).parent_path(); !folder.empty() && folder != folder.root_path();
       folder = folder.parent_path()) {
    if (fs::symlink_status(folder, ec).type() != fs::file_type::not_found) break;
    created.first_new_folder = folder.string();
  }
  return created;
}

void discard_if_empty(const NewDatabase& created) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_regular_file(created.path, ec) || !sqlite::holds_no_records(created.path)) return;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(created.path + suffix, ec);
  if (created.first_new_folder.empty()) return;
  // Only folders still empty, innermost first: anything another program put there stays.
  for (fs::path folder = fs::path(created.path).parent_path(); !folder.empty();
       folder = folder.parent_path()) {
    if (!fs::remove(folder, ec)) return;
    if (folder == fs::path(created.first_new_folder)) return;
  }
}

std::unique_ptr<Connection> open_database(const std::string& spec, const OpenOptions& options) {
  if (is_server_url(spec)) return pg::open(spec, options);
  return sqlite::open(spec, options);
}

namespace {
thread_local std::uint64_t busy_count = 0;
}  // namespace

void note_busy() {
  ++busy_count;
}
std::uint64_t busy_seen() {
  return busy_count;
}

}  // namespace vstation::store
