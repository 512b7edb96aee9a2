// The report on a small hand-made district: two stations with different UTC offsets, rows
// near midnight and period edges, split sessions of one shift, walk-ins, a cancelled shift.

#include <doctest/doctest.h>

#include "report_oracle.hpp"
#include "store_fixture.hpp"
#include "vstation/report/model.hpp"

using namespace vstation;

namespace {

struct District {
  Station east, west;
  Project pe, pw;
  std::vector<Volunteer> v;
};

District build(store::Connection& db) {
  District d;
  d.east.code = "east";
  d.east.name = "东站";
  d.east.id = store::stations::insert(db, d.east);
  d.west.code = "west";
  d.west.name = "West";
  d.west.zone = UtcOffset{-300};
  d.west.id = store::stations::insert(db, d.west);
  auto project = [&](const char* code, StationId st, Category c, const char* published) {
    Project p;
    p.code = code;
    p.station = st;
    p.name = code;
    p.category = c;
    p.published = p.starts = parse_date(published);
    p.id = store::projects::insert(db, p);
    return p;
  };
  d.pe = project("PE", d.east.id, Category::emergency_aid, "2023-03-31");
  d.pw = project("PW", d.west.id, Category::traffic_persuasion, "2023-04-01");
  for (int i = 1; i <= 4; ++i) {
    Volunteer v;
    v.number = "V" + std::to_string(i);
    v.name = "志愿者" + std::to_string(i);
    v.join_date = parse_date("2023-01-01");
    v.id = store::volunteers::insert(db, v);
    d.v.push_back(v);
  }
  return d;
}

Shift shift(store::Connection& db, const Station& st, const Project& p, const char* start, const char* end,
            int slots, bool cancelled = false) {
  Shift s;
  s.station = st.id;
  s.project = p.id;
  s.time = {parse_instant(start, st.zone), parse_instant(end, st.zone)};
  s.slots = slots;
  s.cancelled = cancelled;
  s.id = store::shifts::insert(db, s);
  return s;
}

void session(store::Connection& db, const Volunteer& v, const Station& st, std::optional<Shift> sh,
             const char* in, int minutes, SessionStatus status = SessionStatus::closed) {
  Session s;
  s.volunteer = v.id;
  s.station = st.id;
  if (sh) {
    s.shift = sh->id;
    s.project = sh->project;
  }
  s.raw_in = s.effective_in = parse_instant(in, st.zone);
  s.raw_out = s.effective_out = s.raw_in.plus_minutes(minutes);
  s.status = status;
  s.credited_minutes = status == SessionStatus::auto_closed ? 0 : minutes;
  store::sessions::insert(db, s);
}

}  // namespace

TEST_CASE("two stations, local days by each station's offset") {
  TempDb t;
  auto& db = *t.db;
  District d = build(db);
  // East (+08:00): a shift late on the last day of Q1 local time (already Q1 in UTC too) and
  // one early on 1 April local (31 March in UTC).
  auto e1 = shift(db, d.east, d.pe, "2023-03-31T20:00", "2023-03-31T23:30", 2);
  auto e2 = shift(db, d.east, d.pe, "2023-04-01T06:00", "2023-04-01T09:00", 3);
  shift(db, d.east, d.pe, "2023-04-02T06:00", "2023-04-02T09:00", 2, true);  // cancelled
  // West (-05:00): late on 30 June local is 1 July in UTC.
  auto w1 = shift(db, d.west, d.pw, "2023-06-30T20:00", "2023-06-30T23:00", 1);
  session(db, d.v[0], d.east, e1, "2023-03-31T20:00", 200);
  session(db, d.v[0], d.east, e2, "2023-04-01T06:00", 60);   // split session of one shift:
  session(db, d.v[0], d.east, e2, "2023-04-01T07:30", 90);   // one person-time
  session(db, d.v[1], d.east, e2, "2023-04-01T06:10", 170);
  session(db, d.v[2], d.east, std::nullopt, "2023-04-01T00:30", 45);  // walk-in just after midnight
  session(db, d.v[2], d.east, std::nullopt, "2023-04-01T10:00", 30, SessionStatus::auto_closed);
  session(db, d.v[3], d.west, w1, "2023-06-30T20:00", 180);
  session(db, d.v[3], d.west, w1, "2023-06-30T21:00", 30);  // second session same shift
  session(db, d.v[1], d.west, w1, "2023-06-30T20:05", 170);  // over the single slot

  Date as_of = parse_date("2023-07-20");
  for (std::optional<StationId> scope : {std::optional<StationId>{}, std::optional<StationId>{d.east.id},
                                         std::optional<StationId>{d.west.id}}) {
    auto req = report::quarter_request(Quarter{2023, 2});
    req.station = scope;
    req.as_of = as_of;
    auto r = report::compute_report(db, req);
    auto c = oracle::count(db, req.days, scope, as_of);
    CHECK(r.current.service.person_times == c.person_times);
    CHECK(r.current.service.credited_minutes == c.minutes);
    CHECK(r.current.service.volunteers == c.volunteers);
    CHECK(r.current.new_volunteers == c.new_volunteers);
    CHECK(r.current.fill.slots_filled == c.filled);
    CHECK(r.current.fill.slots_demanded == c.slots);
    CHECK(r.current.review.awaiting == c.awaiting);
    CHECK(r.current.review.overdue == c.overdue);
    CHECK(r.current.projects_published == c.published);
    CHECK(r.current.projects_active == c.active);
  }
  // Hand-checked figures for the whole district in 2023Q2.
  auto req = report::quarter_request(Quarter{2023, 2});
  req.as_of = as_of;
  auto r = report::compute_report(db, req);
  CHECK(r.current.service.person_times == 5);  // V1/e2, V2/e2, V3 walk-in, V4/w1, V2/w1
  CHECK(r.current.service.walk_ins == 1);
  CHECK(r.current.service.volunteers == 4);
  CHECK(r.current.new_volunteers == 3);  // V1 served in Q1
  CHECK(r.current.service.credited_minutes == 60 + 90 + 170 + 45 + 180 + 30 + 170);
  CHECK(r.current.fill.shifts == 2);
  CHECK(r.current.fill.slots_demanded == 4);
  CHECK(r.current.fill.slots_filled == 3);  // e2: 2 of 3, w1: 1 of 1
  CHECK(r.current.review.awaiting == 2);  // the auto-closed one and the unconfirmed walk-in
  CHECK(r.current.review.overdue == 2);
  CHECK(r.current.projects_published == 1);
  CHECK(r.current.projects_active == 2);
  REQUIRE(r.previous);
  CHECK(r.previous->service.person_times == 1);
  CHECK(r.previous->service.credited_minutes == 200);
}
