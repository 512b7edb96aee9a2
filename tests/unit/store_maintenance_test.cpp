// Backup while another connection keeps writing, restore into a database others have open,
// and the audit trail's hash chain.

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <atomic>
#include <thread>

#include "store_fixture.hpp"
#include "vstation/store/audit_chain.hpp"
#include "vstation/store/maintenance.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;
using namespace vstation::store;

namespace {
AuditEntry entry(int i) {
  AuditEntry e;
  e.at = Instant{1'700'000'000 + i};
  e.actor = "test";
  e.entity = "session";
  e.entity_id = i;
  e.action = "fix";
  e.reason = "row " + std::to_string(i);
  return e;
}
void append_rows(Connection& db, int from, int to) {
  for (int i = from; i < to; ++i) {
    Transaction tx(db);
    audit::append(db, entry(i));
    tx.commit();
  }
}
}  // namespace

TEST_CASE("a backup taken while another connection writes is complete, consistent and private") {
  TempDb t;
  append_rows(*t.db, 0, 50);
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    auto db = open_database(t.path);
    int i = 1000;
    while (!stop) append_rows(*db, i, i + 1), ++i;
  });
  std::string dest = (t.dir / "backup.db").string();
  backup_database(t.path, dest);
  stop = true;
  writer.join();
  struct stat st {};
  REQUIRE(::stat(dest.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  auto copy = open_database(dest, {.create = false, .migrate = false});
  CHECK(storage_problems(*copy).empty());
  auto v = chain::verify(*copy);
  CHECK(v.problems.empty());
  CHECK(v.rows >= 50);
  CHECK_THROWS_AS(backup_database(t.path, dest), StoreError);  // never overwritten
}

TEST_CASE("restore replaces the contents seen by a connection that stays open") {
  TempDb t;
  append_rows(*t.db, 0, 3);
  std::string saved = (t.dir / "saved.db").string();
  backup_database(t.path, saved);
  append_rows(*t.db, 3, 10);
  CHECK(*t.db->scalar("SELECT COUNT(*) FROM audit") == 10);
  restore_database(t.path, saved);
  CHECK(*t.db->scalar("SELECT COUNT(*) FROM audit") == 3);  // the open connection sees it
  CHECK(chain::verify(*t.db).problems.empty());
}

TEST_CASE("the audit chain names a row edited or removed behind the tool's back") {
  TempDb t;
  auto& db = *t.db;
  append_rows(db, 0, 6);
  CHECK(chain::verify(db).problems.empty());
  CHECK(chain::verify(db).rows == 6);
  // The append-only triggers stop the tool; a tamperer drops them first.
  CHECK_THROWS(db.execute("UPDATE audit SET reason = 'x' WHERE id = 2"));
  db.execute(t.pg ? "DROP TRIGGER audit_no_update ON audit" : "DROP TRIGGER audit_no_update");
  db.execute(t.pg ? "DROP TRIGGER audit_no_delete ON audit" : "DROP TRIGGER audit_no_delete");
  db.execute("UPDATE audit SET reason = 'x' WHERE id = 2");
  auto v = chain::verify(db);
  REQUIRE(v.problems.size() == 1);
  CHECK(v.problems[0].render(Lang::en).find("audit row 2 was changed") != std::string::npos);
  db.execute("DELETE FROM audit WHERE id = 4");
  db.execute("DELETE FROM audit WHERE id = 6");
  v = chain::verify(db);
  REQUIRE(v.problems.size() == 3);
  CHECK(v.problems[1].render(Lang::en) == "audit rows 4 to 4 were removed (row 5 does not follow row 3)");
  CHECK(v.problems[2].render(Lang::en) == "audit rows after row 5 up to row 6 were removed");
}

TEST_CASE("an import's audit batch chains its rows as append does and writes the head once") {
  TempDb t;
  auto& db = *t.db;
  append_rows(db, 0, 2);
  {
    Transaction tx(db);
    audit::Batch batch(db);
    for (int i = 2; i < 7; ++i) CHECK(batch.append(entry(i)).value == i + 1);
    batch.finish();
    tx.commit();
  }
  append_rows(db, 7, 8);  // and the chain goes on from where the batch left it
  auto v = chain::verify(db);
  CHECK(v.problems.empty());
  CHECK(v.rows == 8);
  // A row appended beside an open batch would chain to a stale head: said, not written.
  if (db.backend() == "sqlite") {
    Transaction tx(db);
    audit::Batch batch(db);
    batch.append(entry(8));
    audit::append(db, entry(9));
    CHECK_THROWS_AS(batch.finish(), std::logic_error);
  }
  CHECK(chain::verify(db).problems.empty());
  CHECK(chain::verify(db).rows == 8);
  {
    // More rows than are written at once: written many to a statement as they fill, and the
    // rest by finish(); the chain is unbroken across the statements.
    Transaction tx(db);
    audit::Batch batch(db);
    const int more = int(2 * audit::Batch::kRows + 3);
    for (int i = 8; i < 8 + more; ++i) CHECK(batch.append(entry(i)).value == i + 1);
    batch.finish();
    tx.commit();
    v = chain::verify(db);
    CHECK(v.problems.empty());
    CHECK(v.rows == 8 + more);
  }
}

TEST_CASE("rows written before the chain existed are counted, not blamed") {
  TempDb t;
  auto& db = *t.db;
  db.execute("INSERT INTO audit (at, actor, entity, entity_id, action) VALUES (1, 'old', 'session', 1, 'fix')");
  append_rows(db, 1, 3);
  auto v = chain::verify(db);
  CHECK(v.problems.empty());
  CHECK(v.legacy == 1);
}

TEST_CASE("a full database (PRAGMA max_page_count) says so plainly and keeps nothing half-written") {
  TempDb t;
  auto& db = *t.db;
  auto pages = *db.scalar("PRAGMA page_count");
  (void)db.scalar("PRAGMA max_page_count = " + std::to_string(pages + 2));
  try {
    Transaction tx(db);
    for (int i = 0; i < 5000; ++i) audit::append(db, entry(i));
    tx.commit();
    FAIL("the database did not fill up");
  } catch (const StoreError& e) {
    CHECK(e.fault() == StoreFault::full);
    CHECK(e.text().render(Lang::en) == "the disk is full; nothing was changed");
  }
  CHECK(*db.scalar("SELECT COUNT(*) FROM audit") == 0);
  CHECK(storage_problems(db).empty());
}
