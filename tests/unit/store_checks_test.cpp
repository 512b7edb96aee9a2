// A database constraint is never the message: every CHECK in the schema has a field-level
// check in front of it. Each case feeds a value breaking one CHECK through the records' add or
// edit (what `vstation KIND add/edit` and `import` call) and expects a FieldError naming the
// column, never a StoreError of fault `check`. A guard lists the schema's CHECKs so a new one
// needs its case here. (The store's own wording of a CHECK failure, the backstop for a path
// nobody foresaw: store_check_rules_test.cpp.)

#include <doctest/doctest.h>

#include <cctype>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "check_rules.hpp"
#include "store_fixture.hpp"
#include "vstation/store/aggregates.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/staff.hpp"
#include "vstation/store/web_state.hpp"

using namespace vstation;
using namespace vstation::store;

namespace {

using vstation::test::import;
using vstation::test::kind;

// icity (Asia/Shanghai) and ny (America/New_York: 2023-03-12 02:00-03:00 does not happen), a
// skill, a volunteer, a project at each, shift 1 (2023-05-06 09:00-12:00), template T1 and
// service log entry 1.
void seed(Connection& db) {
  import(db, "stations", "code,name,time_zone\nicity,I城,Asia/Shanghai\nny,NY,America/New_York\n");
  import(db, "skills", "code\nfirst_aid\n");
  import(db, "volunteers", "number,name,join_date\nV0001,张三,2023-03-04\n");
  import(
      db, "projects",
      "code,station,name,category,published,starts\nP001,icity,交通,other,2023-03-01,2023-03-01\n"
      "PN,ny,Traffic,other,2023-03-01,2023-03-01\n");
  import(db, "shifts",
         "station,project,date,start,end,slots\nicity,P001,2023-05-06,09:00,12:00,2\n");
  import(
      db, "templates",
      "code,station,project,weekdays,start,end,slots,valid_from\nT1,icity,P001,Sat,09:00,12:00,2,"
      "2023-03-04\n");
  import(db, "incidents", "station,type,time\nicity,other,2023-05-06 10:00\n");
}

using Values = std::map<std::string, std::string>;

RecordKind::Cells cells_of(const RecordKind& k, const Values& values) {
  RecordKind::Cells cells(k.columns().size());
  for (const auto& [column, value] : values) {
    auto i = k.column_index(column);
    REQUIRE_MESSAGE(i, "no column " << column);
    cells[*i] = value;
  }
  return cells;
}

// The column the records name when refusing `values` (added, or with `key` an edit of that
// record); nothing is kept. "(accepted)" or "(database: …)" when they were not refused so.
std::string refused_column(Connection& db, std::string_view kind_name, const Values& values,
                           std::string_view key = {}) {
  const RecordKind& k = kind(kind_name);
  Transaction tx(db);  // never committed
  Lookup lookup(db);
  lookup.set_author(kTextClock, Lookup::Via::command);
  try {
    if (key.empty())
      k.add(db, lookup, cells_of(k, values));
    else
      k.edit(db, lookup, key, cells_of(k, values));
  } catch (const FieldError& e) {
    CHECK(!e.text().render(Lang::en).empty());
    CHECK(!e.text().render(Lang::zh).empty());
    return e.column();
  } catch (const StoreError& e) {
    return "(database: " + e.text().render(Lang::en) + ")";
  }
  return "(accepted)";
}

struct Case {
  std::string rule;  // "table: CHECK expression" as the schema writes it
  std::string kind;
  Values values;
  std::string column;    // the column the FieldError names
  std::string key = "";  // an edit of this record instead of an add
};

const Values kStation{{"code", "s2"}, {"name", "S2"}};
const Values kVolunteer{{"number", "V0009"}, {"name", "李四"}, {"join_date", "2023-03-04"}};
const Values kTraining{
    {"station", "icity"}, {"topic", "急救"}, {"start", "2023-05-06 14:00"}, {"minutes", "60"}};
const Values kProject{{"code", "P002"},      {"station", "icity"},        {"name", "X"},
                      {"category", "other"}, {"published", "2023-03-01"}, {"starts", "2023-03-01"}};
const Values kTemplate{{"code", "T2"},      {"station", "icity"},        {"project", "P001"},
                       {"weekdays", "Mon"}, {"start", "09:00"},          {"end", "12:00"},
                       {"slots", "1"},      {"valid_from", "2023-03-04"}};
const Values kShift{{"station", "icity"}, {"project", "P001"}, {"date", "2023-05-07"},
                    {"start", "09:00"},   {"end", "12:00"},    {"slots", "1"}};
const Values kWindow{{"volunteer", "V0001"}, {"day", "Mon"}, {"start", "09:00"}, {"end", "12:00"}};
const Values kException{{"volunteer", "V0001"}, {"day", "2023-05-08"}};
const Values kSession{{"volunteer", "V0001"},
                      {"station", "icity"},
                      {"check_in", "2023-05-06 09:00"},
                      {"check_out", "2023-05-06 11:00"}};
const Values kIncident{{"station", "icity"}, {"type", "other"}, {"time", "2023-05-06 11:00"}};

Values with(Values base, const Values& changes) {
  for (const auto& [k, v] : changes) base[k] = v;
  return base;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"stations: length(code) > 0", "stations", with(kStation, {{"code", " "}}), "code"},
      {"stations: length(name) > 0", "stations", with(kStation, {{"name", " "}}), "name"},
      {"stations: rounding_min IN (0, 5, 10, 15, 30)", "stations",
       with(kStation, {{"rounding", "7"}}), "rounding"},
      {"stations: max_session_min > 0", "stations", with(kStation, {{"max_session_minutes", "0"}}),
       "max_session_minutes"},
      {"stations: early_allowance_min >= 0", "stations", with(kStation, {{"early_minutes", "-1"}}),
       "early_minutes"},
      {"stations: overtime_allowance_min >= 0", "stations",
       with(kStation, {{"overtime_minutes", "-1"}}), "overtime_minutes"},
      {"stations: min_rest_min >= 0", "stations", with(kStation, {{"min_rest_minutes", "-1"}}),
       "min_rest_minutes"},
      {"stations: walk_ins IN ('allow', 'refuse')", "stations",
       with(kStation, {{"walk_ins", "maybe"}}), "walk_ins"},
      {"stations: length(time_zone) BETWEEN 1 AND 64", "stations",
       with(kStation, {{"time_zone", std::string(70, 'A')}}), "time_zone"},
      {"stations: checkout_grace_min BETWEEN 0 AND 1440", "stations",
       with(kStation, {{"grace_minutes", "1441"}}), "grace_minutes"},
      {"stations: identification IN ('number', 'pin_if_set', 'number_pin', 'badge_pin')",
       "stations", with(kStation, {{"identification", "face"}}), "identification"},
      {"stations: reminder_min BETWEEN 0 AND 10080", "stations",
       with(kStation, {{"reminder_minutes", "10081"}}), "reminder_minutes"},
      {"stations: reminder_min BETWEEN 0 AND 10080",
       "stations",
       {{"reminder_minutes", "-1"}},
       "reminder_minutes",
       "icity"},
      {"stations: cancel_deadline_hours BETWEEN 0 AND 720", "stations",
       with(kStation, {{"cancel_deadline_hours", "721"}}), "cancel_deadline_hours"},
      {"stations: cancel_deadline_hours BETWEEN 0 AND 720",
       "stations",
       {{"cancel_deadline_hours", "-1"}},
       "cancel_deadline_hours",
       "icity"},
      // A closing time at or before the opening is the next day's; only 24:00 cannot open.
      {"stations: closes_min > opens_min", "stations", with(kStation, {{"opens", "24:00"}}),
       "opens"},
      {"volunteers: length(number) > 0", "volunteers", with(kVolunteer, {{"number", " "}}),
       "number"},
      {"volunteers: length(name) > 0", "volunteers", with(kVolunteer, {{"name", " "}}), "name"},
      {"volunteers: status IN ('active', 'suspended', 'retired')", "volunteers",
       with(kVolunteer, {{"status", "gone"}}), "status"},
      {"volunteers: max_shifts_week >= 0", "volunteers",
       with(kVolunteer, {{"max_shifts_week", "-1"}}), "max_shifts_week"},
      {"volunteers: max_minutes_week >= 0", "volunteers",
       with(kVolunteer, {{"max_hours_week", "-99999999999"}}), "max_hours_week"},
      {"skills: length(code) > 0", "skills", {{"code", " "}}, "code"},
      {"trainings: length(topic) > 0", "trainings", with(kTraining, {{"topic", " "}}), "topic"},
      {"trainings: minutes > 0", "trainings", with(kTraining, {{"minutes", "0"}}), "minutes"},
      {"trainings: valid_months >= 0", "trainings", with(kTraining, {{"valid_months", "-1"}}),
       "valid_months"},
      {"certifications: expires IS NULL OR expires >= granted",
       "certifications",
       {{"volunteer", "V0001"},
        {"skill", "first_aid"},
        {"granted", "2023-05-01"},
        {"expires", "2023-04-30"}},
       "expires"},
      {"projects: length(code) > 0", "projects", with(kProject, {{"code", " "}}), "code"},
      {"projects: length(name) > 0", "projects", with(kProject, {{"name", " "}}), "name"},
      {"projects: ends IS NULL OR ends >= starts",
       "projects",
       {{"ends", "2023-02-28"}},
       "ends",
       "P001"},
      {"shift_templates: length(code) > 0", "templates", with(kTemplate, {{"code", " "}}), "code"},
      {"shift_templates: weekdays BETWEEN 1 AND 127", "templates",
       with(kTemplate, {{"weekdays", "128"}}), "weekdays"},
      {"shift_templates: start_min BETWEEN 0 AND 1440", "templates",
       with(kTemplate, {{"start", "-01:00"}}), "start"},
      {"shift_templates: end_min BETWEEN 0 AND 1440", "templates",
       with(kTemplate, {{"end", "24:01"}}), "end"},
      {"shift_templates: slots >= 1", "templates", with(kTemplate, {{"slots", "0"}}), "slots"},
      {"shift_templates: priority >= 1", "templates", with(kTemplate, {{"priority", "0"}}),
       "priority"},
      {"shift_templates: end_min > start_min", "templates", {{"end", "08:00"}}, "end", "T1"},
      {"template_minimums: min_count >= 1", "templates",
       with(kTemplate, {{"minimums", "first_aid:0"}}), "minimums"},
      {"shifts: slots >= 1", "shifts", with(kShift, {{"slots", "0"}}), "slots"},
      {"shifts: priority >= 1", "shifts", with(kShift, {{"priority", "0"}}), "priority"},
      {"shifts: ends_at > starts_at", "shifts", with(kShift, {{"end", "09:00"}}), "end"},
      {"shift_minimums: min_count >= 1", "shifts", with(kShift, {{"minimums", "first_aid:-1"}}),
       "minimums"},
      {"availability: weekday BETWEEN 0 AND 6", "availability", with(kWindow, {{"day", "8"}}),
       "day"},
      {"availability: start_min BETWEEN 0 AND 1440", "availability",
       with(kWindow, {{"start", "25:00"}}), "start"},
      {"availability: end_min BETWEEN 0 AND 1440", "availability",
       with(kWindow, {{"end", "24:30"}}), "end"},
      {"availability: preference IN ('ok', 'prefer', 'avoid')", "availability",
       with(kWindow, {{"preference", "love"}}), "preference"},
      {"availability: end_min > start_min", "availability", with(kWindow, {{"end", "09:00"}}),
       "end"},
      {"availability_exceptions: (start_min IS NULL) = (end_min IS NULL)", "availability",
       with(kException, {{"start", "09:00"}}), "end"},
      {"availability_exceptions: end_min IS NULL OR end_min > start_min", "availability",
       with(kException, {{"start", "09:00"}, {"end", "08:59"}}), "end"},
      {"assignments: status = 'planned' OR status = 'confirmed' OR status = 'cancelled' OR status "
       "= 'no_show'",
       "roster",
       {{"volunteer", "V0001"},
        {"station", "icity"},
        {"project", "P001"},
        {"date", "2023-05-06"},
        {"start", "09:00"},
        {"status", "maybe"}},
       "status"},
      {"sessions: status = 'open' OR status = 'closed' OR status = 'auto_closed' OR status = "
       "'confirmed' OR status = 'corrected' OR status = 'rejected'",
       "sessions", with(kSession, {{"status", "corrected"}}), "status"},
      {"sessions: raw_out IS NULL OR raw_out >= raw_in", "sessions",
       with(kSession, {{"check_out", "2023-05-06 08:59"}}), "check_out"},
      // Confirmed to the end of a shift that ended before the check-in (was a raw CHECK failure).
      {"sessions: eff_out IS NULL OR eff_out >= eff_in",
       "sessions",
       {{"volunteer", "V0001"},
        {"station", "icity"},
        {"shift", "1"},
        {"check_in", "2023-05-06 13:00"},
        {"status", "confirmed"}},
       "shift"},
      {"incidents: people_served >= 0", "incidents", with(kIncident, {{"people_served", "-1"}}),
       "people_served"},
      {"incidents: people_served >= 0",
       "incidents",
       {{"people_served", "-1"}},
       "people_served",
       "1"},
  };
  return all;
}

// CHECKs whose values no input gives: computed by vstation, or set by code.
const std::set<std::string> kComputed = {
    "assignments: source = 'auto' OR source = 'manual'",  // manual: the records; auto: the builder
    "sessions: credited_min >= 0",                        // the hours policy (a clamped range)
    "certificates: seq >= 1",                             // the next number of the year
    "certificates: minutes >= 0",                         // a sum of credited minutes
    "certificates: period_to >= period_from",             // refused by `certificate` before
    "attendance_aggregates: attended >= 0",               // aggregates::import_csv (its own test)
    "attendance_aggregates: minutes >= 0",                // ditto
    "attendance_aggregates: demand IS NULL OR demand >= 0",  // ditto
    "template_skips: length(reason) <= 100",  // template_skips::insert (its own test below)
    // store::web: who a session is for is a std::variant, one or the other by construction
    "web_sessions: (volunteer_id IS NOT NULL) + (device_id IS NOT NULL) + (staff_id IS NOT NULL) "
    "= 1",
    // store::staff: the role is a StaffRole, written as its code
    "staff_accounts: role IN ('coordinator', 'secretary', 'district')",
    "station_secrets: length(secret) = 64",  // web::station_secret makes it (32 random bytes)
};

// The web face's values (store::web, web_state.hpp) reach the database only through its
// functions, not the records: each case calls one with a value breaking one CHECK.
struct WebCase {
  std::string rule;
  std::function<void(Connection&, StationId, VolunteerId)> call;
  std::string column;
};

const std::string kHash(64, 'a');
constexpr Instant kAt{1688349600};

web::NewWebSession web_session(std::string token, std::string csrf, VolunteerId v) {
  web::NewWebSession s;
  s.token_hash = std::move(token);
  s.csrf_hash = std::move(csrf);
  s.principal = v;
  s.now = kAt;
  return s;
}

staff::NewStaffAccount staff_account(std::string login, std::optional<StationId> st) {
  return {std::move(login), "", StaffRole::coordinator, st, "$argon2id$x", kAt};
}

const std::vector<WebCase>& web_cases() {
  using C = Connection;
  static const std::vector<WebCase> all = {
      {"paired_devices: length(name) BETWEEN 1 AND 100",
       [](C& db, StationId st, VolunteerId) { web::pair_device(db, st, " ", kHash, kAt); }, "name"},
      {"paired_devices: length(name) BETWEEN 1 AND 100",
       [](C& db, StationId st, VolunteerId) {
         web::pair_device(db, st, std::string(101, 'x'), kHash, kAt);
       },
       "name"},
      {"paired_devices: length(token_hash) = 64",
       [](C& db, StationId st, VolunteerId) { web::pair_device(db, st, "desk", "raw", kAt); },
       "token_hash"},
      {"web_sessions: length(token_hash) = 64",
       [](C& db, StationId, VolunteerId v) {
         web::create_session(db, web_session(kHash + "0", kHash, v));
       },
       "token_hash"},
      {"web_sessions: length(csrf_hash) = 64",
       [](C& db, StationId, VolunteerId v) { web::create_session(db, web_session(kHash, "", v)); },
       "csrf_hash"},
      {"calendar_feeds: length(token_hash) = 64",
       [](C& db, StationId, VolunteerId v) { web::create_feed(db, v, kHash.substr(1), kAt); },
       "token_hash"},
      {"signin_codes: length(code_hash) = 64",
       [](C& db, StationId st, VolunteerId v) {
         web::create_signin_code(db, "123456", v, st, kAt, Instant{kAt.seconds + 60});
       },
       "code_hash"},
      {"signin_codes: expires_at > created_at",
       [](C& db, StationId st, VolunteerId v) {
         web::create_signin_code(db, kHash, v, st, kAt, kAt);
       },
       "expires_at"},
      {"device_pair_codes: length(code_hash) = 64",
       [](C& db, StationId st, VolunteerId) {
         auto d = web::pair_device(db, st, "desk", kHash, kAt);
         web::create_pair_code(db, d, "123456", kAt, Instant{kAt.seconds + 600});
       },
       "code_hash"},
      {"device_pair_codes: expires_at > created_at",
       [](C& db, StationId st, VolunteerId) {
         auto d = web::pair_device(db, st, "desk", kHash, kAt);
         web::create_pair_code(db, d, kHash, kAt, kAt);
       },
       "expires_at"},
      {"rate_attempts: length(bucket) BETWEEN 1 AND 32",
       [](C& db, StationId, VolunteerId) { web::record_attempt(db, "", "203.0.113.7", kAt); },
       "bucket"},
      {"rate_attempts: length(bucket) BETWEEN 1 AND 32",
       [](C& db, StationId, VolunteerId) {
         web::record_attempt(db, std::string(33, 'a'), "203.0.113.7", kAt);
       },
       "bucket"},
      {"rate_attempts: length(address) BETWEEN 1 AND 64",
       [](C& db, StationId, VolunteerId) { web::record_attempt(db, "signin", "", kAt); },
       "address"},
      {"rate_attempts: length(address) BETWEEN 1 AND 64",
       [](C& db, StationId, VolunteerId) {
         web::record_attempt(db, "signin", std::string(65, '1'), kAt);
       },
       "address"},
      {"staff_accounts: length(login) BETWEEN 1 AND 32",
       [](C& db, StationId st, VolunteerId) { staff::add(db, staff_account("", st)); }, "login"},
      {"staff_accounts: length(login) BETWEEN 1 AND 32",
       [](C& db, StationId st, VolunteerId) {
         staff::add(db, staff_account(std::string(33, 'a'), st));
       },
       "login"},
      {"staff_accounts: length(name) BETWEEN 1 AND 100",
       [](C& db, StationId st, VolunteerId) {
         auto a = staff_account("alice", st);
         a.name = std::string(101, 'x');
         staff::add(db, a);
       },
       "name"},
      {"staff_accounts: (role = 'district') = (station_id IS NULL)",
       [](C& db, StationId st, VolunteerId) {
         auto a = staff_account("dora", st);
         a.role = StaffRole::district;
         staff::add(db, a);
       },
       "station"},
      {"staff_accounts: (role = 'district') = (station_id IS NULL)",
       [](C& db, StationId, VolunteerId) {
         auto a = staff_account("alice", std::nullopt);
         staff::add(db, a);
       },
       "station"},
  };
  return all;
}

// Every CHECK of the SQLite schema as "table: expression", whitespace collapsed.
std::set<std::string> schema_checks(Connection& db) {
  std::set<std::string> out;
  auto r = db.query("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL");
  while (r->next()) {
    std::string table = r->str(0);
    std::string sql = r->str(1);
    for (auto at = sql.find("CHECK ("); at != std::string::npos; at = sql.find("CHECK (", at + 1)) {
      std::size_t open = at + 6;
      std::size_t close = open;
      for (int depth = 0; close < sql.size(); ++close) {
        depth += sql[close] == '(' ? 1 : sql[close] == ')' ? -1 : 0;
        if (depth == 0) break;
      }
      std::string expr;
      for (char c : sql.substr(open + 1, close - open - 1))
        if (!std::isspace(static_cast<unsigned char>(c)))
          expr += c;
        else if (!expr.empty() && expr.back() != ' ')
          expr += ' ';
      while (!expr.empty() && expr.back() == ' ') expr.pop_back();
      out.insert(table + ": " + expr);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every CHECK of the schema has a case here, or no input reaches it") {
  // The list comes from a fresh SQLite file whatever the backend under test.
  TempDb t;
  auto db = open_database((t.dir / "schema.db").string());
  std::set<std::string> covered(kComputed);
  for (const auto& c : cases()) covered.insert(c.rule);
  for (const auto& c : web_cases()) covered.insert(c.rule);
  for (const auto& check : schema_checks(*db)) {
    CAPTURE(check);
    CHECK(covered.count(check) == 1);
    // Were one reached anyway, the store's message would name this column.
    std::string column = check_rules::first_column(check.substr(check.find(": ") + 2));
    CHECK(!column.empty());
    CHECK(check.find(column, check.find(": ")) != std::string::npos);
  }
  CHECK(schema_checks(*db).size() == covered.size());
}

TEST_CASE("a value breaking a CHECK is refused by its column, before the database sees it") {
  TempDb t;
  seed(*t.db);
  for (const auto& c : cases()) {
    CAPTURE(c.rule);
    CAPTURE(c.key);
    CHECK(refused_column(*t.db, c.kind, c.values, c.key) == c.column);
  }
}

TEST_CASE("an import names file, line and column for a value breaking a CHECK") {
  TempDb t;
  seed(*t.db);
  auto error = [&](std::string_view kind_name, std::string_view csv) -> std::string {
    Transaction tx(*t.db);
    try {
      import_csv(*t.db, kind(kind_name), csv, "f.csv");
    } catch (const StoreError& e) {
      return "(database: " + e.text().render(Lang::en) + ")";
    } catch (const DataError& e) {
      return e.text().render(Lang::en);
    }
    return "(accepted)";
  };
  CHECK(error("sessions",
              "volunteer,station,shift,check_in,status\n"
              "V0001,icity,1,2023-05-06 13:00,confirmed\n")
            .starts_with("f.csv:2: shift: shift 1 ended at 2023-05-06 12:00, before the check-in"));
  CHECK(error("shifts", "station,project,date,start,end,slots\nny,PN,2023-03-12,02:30,03:00,1\n") ==
        "f.csv:2: start: 2023-03-12 02:30–03:00 does not happen at this station: its clocks skip "
        "that "
        "time (daylight saving time)");
  CHECK(error("templates",
              "code,station,project,weekdays,start,end,slots,valid_from\n"
              "T9,icity,P001,0,09:00,10:00,1,2023-03-04\n")
            .starts_with("f.csv:2: weekdays: "));
}

TEST_CASE(
    "a shift in the hour a daylight-saving change skips is refused as a value, not malformed") {
  TempDb t;
  seed(*t.db);
  const RecordKind& shifts = kind("shifts");
  Lookup lookup(*t.db);
  for (std::string start : {"02:00", "02:30"}) {
    CAPTURE(start);
    Transaction tx(*t.db);
    try {
      shifts.add(*t.db, lookup,
                 cells_of(shifts, with(kShift, {{"station", "ny"},
                                                {"project", "PN"},
                                                {"date", "2023-03-12"},
                                                {"start", start},
                                                {"end", "03:00"}})));
      FAIL("accepted");
    } catch (const FieldError& e) {
      CHECK(e.column() == "start");
      CHECK(!e.malformed());  // exit 1: the value parses, the records refuse it
      CHECK(e.text().render(Lang::zh).find("夏令时") != std::string::npos);
    }
  }
  // The same times on a day the clocks do not change are an ordinary shift.
  CHECK(refused_column(*t.db, "shifts",
                       with(kShift, {{"station", "ny"},
                                     {"project", "PN"},
                                     {"date", "2023-03-19"},
                                     {"start", "02:30"},
                                     {"end", "03:00"}})) == "(accepted)");
}

TEST_CASE("aggregates: negative and enormous counts name their column, never the database") {
  TempDb t;
  seed(*t.db);
  Lookup lookup(*t.db);
  StationId icity = lookup.station("icity");
  auto error = [&](std::string_view csv) -> std::string {
    Transaction tx(*t.db);
    try {
      aggregates::import_csv(*t.db, icity, csv, "h.csv", {});
    } catch (const StoreError& e) {
      return "(database: " + e.text().render(Lang::en) + ")";
    } catch (const DataError& e) {
      return e.text().render(Lang::en);
    }
    return "(accepted)";
  };
  CHECK(error("date,attended,hours\n2023-05-01,-3,1\n").starts_with("h.csv:2: attended: "));
  CHECK(error("date,attended,hours\n2023-05-01,3,-1\n").starts_with("h.csv:2: hours: "));
  CHECK(error("date,attended,hours,demand\n2023-05-01,3,1,-2\n").starts_with("h.csv:2: demand: "));
  // 2^63 - 1 attendees: refused as too many, not by an overflowing product.
  CHECK(error("date,attended,hours\n2023-05-01,9223372036854775807,1\n") ==
        "h.csv:2: attended: 9223372036854775807 is more people than one shift holds (at most "
        "10000000)");
  CHECK(error("date,attended,hours\n2023-05-01,10000000,1\n") == "(accepted)");
}

TEST_CASE("template skips: a reason too long or with control characters names its field") {
  TempDb t;
  seed(*t.db);
  Lookup lookup(*t.db);
  TemplateSkip skip;
  skip.station = lookup.station("icity");
  skip.date = parse_date("2023-05-13");
  for (std::string reason : {std::string(101, 'x'), std::string("a\x1b[2Jb")}) {
    CAPTURE(reason);
    skip.reason = reason;
    Transaction tx(*t.db);
    try {
      template_skips::insert(*t.db, skip);
      FAIL("accepted");
    } catch (const FieldError& e) {
      CHECK(e.column() == "reason");
    }
  }
  skip.reason = std::string(100, 'x');
  Transaction tx(*t.db);
  CHECK(template_skips::insert(*t.db, skip).valid());
}

TEST_CASE("web state: a value breaking a CHECK names its field, before the database sees it") {
  TempDb t;
  seed(*t.db);
  Lookup lookup(*t.db);
  StationId icity = lookup.station("icity");
  VolunteerId v = lookup.volunteer("V0001");
  for (const auto& c : web_cases()) {
    CAPTURE(c.rule);
    Transaction tx(*t.db);  // never committed
    try {
      c.call(*t.db, icity, v);
      FAIL("accepted");
    } catch (const FieldError& e) {
      CHECK(e.column() == c.column);
      CHECK(!e.text().render(Lang::en).empty());
      CHECK(!e.text().render(Lang::zh).empty());
    }
  }
}
