// Materialising a week from templates around special weeks: hand-made shifts of the project in
// the way, projects withdrawn or ended, dates skipped for one template or a whole station; the
// skip and unskip rules; and the roster calendar's reminders and names.

#include <doctest/doctest.h>
#include <libical/ical.h>

#include "kiosk_fixture.hpp"
#include "vstation/planning/roster_view.hpp"
#include "vstation/planning/template_skips.hpp"
#include "vstation/planning/week.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;

namespace {

// icity with projects P1 and P2 and templates T1 (P1 daily 09:00-12:00) and T2 (P2 Mon-Fri
// 14:00-16:00); ny with TN (daily). Week 2026-W40 runs Mon 09-28 to Sun 10-04.
struct World : TempDb {
  Station icity, ny;
  Project p1, p2, pn;
  ShiftTemplate t1, t2, tn;
  const IsoWeek week = IsoWeek::parse("2026-W40");

  Project project(const char* code, const Station& st) {
    Project p;
    p.code = code;
    p.station = st.id;
    p.name = std::string("project ") + code;
    p.published = p.starts = parse_date("2026-01-01");
    p.id = store::projects::insert(*db, p);
    return p;
  }
  ShiftTemplate templ(const char* code, const Station& st, const Project& p, unsigned days,
                      int from, int to) {
    ShiftTemplate t;
    t.code = code;
    t.station = st.id;
    t.project = p.id;
    t.weekdays = days;
    t.start = TimeOfDay{from * 60};
    t.end = TimeOfDay{to * 60};
    t.slots = 2;
    t.valid_from = parse_date("2026-01-01");
    t.id = store::shifts::insert_template(*db, t);
    return t;
  }
  World() {
    icity.code = "icity";
    icity.name = "I城";
    icity.id = store::stations::insert(*db, icity);
    ny.code = "ny";
    ny.name = "NY";
    ny.zone = TimeZone::named("America/New_York");
    ny.id = store::stations::insert(*db, ny);
    p1 = project("P1", icity);
    p2 = project("P2", icity);
    pn = project("PN", ny);
    t1 = templ("T1", icity, p1, 0x7F, 9, 12);
    t2 = templ("T2", icity, p2, 0x1F, 14, 16);
    tn = templ("TN", ny, pn, 0x7F, 9, 12);
  }
  Date day(const char* d) const { return parse_date(d); }
  // A shift by hand at icity.
  ShiftId hand_made(const Project& p, const char* date, int from, int to, bool cancelled = false) {
    Shift s;
    s.station = icity.id;
    s.project = p.id;
    s.time = {at_local(day(date), TimeOfDay{from * 60}, icity.zone),
              at_local(day(date), TimeOfDay{to * 60}, icity.zone)};
    s.cancelled = cancelled;
    return store::shifts::insert(*db, s);
  }
  std::size_t made_by(const ShiftTemplate& t) {
    std::size_t n = 0;
    for (const auto& s : store::shifts::all(*db))
      if (s.from_template == t.id) ++n;
    return n;
  }
  std::int64_t rows(const char* table) {
    return db->scalar(std::string("SELECT COUNT(*) FROM ") + table).value_or(-1);
  }
};

}  // namespace

TEST_CASE("a template adds no shift where a hand-made shift of its project overlaps") {
  World w;
  ShiftId event = w.hand_made(w.p1, "2026-10-01", 10, 16);            // overlaps T1's 09-12
  w.hand_made(w.p1, "2026-10-02", 12, 14);                            // touches only: no overlap
  w.hand_made(w.p2, "2026-09-29", 8, 18);                             // another project's
  w.hand_made(w.p1, "2026-09-30", 10, 11, /*cancelled=*/true);        // cancelled: not in the way
  ShiftId same_start = w.hand_made(w.p1, "2026-10-03", 9, 10, true);  // cancelled, same start
  auto m = planning::materialise_week(*w.db, {w.week, w.icity.id}, kLongBefore);
  // T1: 7 days less 10-01 (the event) and 10-03 (a cancelled shift already starts then); T2:
  // Mon-Fri less 09-29 (P2's shift 08:00-18:00).
  CHECK(w.made_by(w.t1) == 5);
  CHECK(w.made_by(w.t2) == 4);
  CHECK(m.created == 9);
  REQUIRE(m.skipped.size() == 3);
  std::map<std::string, planning::SkippedShift> by;
  for (const auto& s : m.skipped) by[s.template_code + " " + s.date.iso()] = s;
  CHECK(by.at("T1 2026-10-01").reason == planning::SkipReason::overlap);
  CHECK(by.at("T1 2026-10-01").shift == event);
  CHECK(by.at("T1 2026-10-03").shift == same_start);
  CHECK(by.at("T2 2026-09-29").reason == planning::SkipReason::overlap);
  CHECK(planning::skipped_text(by.at("T1 2026-10-01")).render(Lang::en) ==
        "T1 Thu 2026-10-01: shift " + std::to_string(event.value) +
            " of the same project is there then");
  CHECK(planning::skipped_text(by.at("T1 2026-10-01")).render(Lang::zh).find("重叠") !=
        std::string::npos);
  // Built again: nothing new, the same shifts stay skipped, the template's own shifts are not.
  auto again = planning::materialise_week(*w.db, {w.week, w.icity.id}, kLongBefore);
  CHECK(again.created == 0);
  CHECK(again.skipped.size() == 3);
  CHECK(planning::materialise_shifts(*w.db, {w.week, std::nullopt}, kLongBefore) ==
        7);  // ny's week
}

TEST_CASE("a template's shift is there already: edited or cancelled, it is not made again") {
  World w;
  CHECK(planning::materialise_shifts(*w.db, {w.week, w.icity.id}, kLongBefore) == 12);
  auto shifts = store::shifts::all(*w.db);
  shifts.front().cancelled = true;
  store::shifts::update(*w.db, shifts.front());
  w.t1.start = TimeOfDay{10 * 60};  // its shifts now start an hour later: the old ones overlap
  store::shifts::update_template(*w.db, w.t1);
  auto m = planning::materialise_week(*w.db, {w.week, w.icity.id}, kLongBefore);
  CHECK(m.created == 0);
  CHECK(m.skipped.empty());
}

TEST_CASE("a withdrawn or ended project's templates make no shifts") {
  World w;
  w.p1.ends = w.day("2026-09-30");
  store::projects::update(*w.db, w.p1);
  w.p2.retired = true;
  store::projects::update(*w.db, w.p2);
  auto m = planning::materialise_week(*w.db, {w.week, w.icity.id}, kLongBefore);
  CHECK(m.created == 3);  // T1 Mon to Wed, its project's last day
  CHECK(w.made_by(w.t2) == 0);
  int ended = 0, withdrawn = 0;
  for (const auto& s : m.skipped) {
    if (s.reason == planning::SkipReason::project_ended) {
      ++ended;
      CHECK(s.date > *w.p1.ends);
      CHECK(s.project_ended == w.p1.ends);
    }
    if (s.reason == planning::SkipReason::project_retired) ++withdrawn;
  }
  CHECK(ended == 4);
  CHECK(withdrawn == 5);
  for (const auto& s : m.skipped) {
    std::string text = planning::skipped_text(s).render(Lang::en);
    if (s.reason == planning::SkipReason::project_ended)
      CHECK(text == "T1 " + Text(weekday_label(s.date.weekday())).render(Lang::en) + " " +
                        s.date.iso() + ": the project ended on 2026-09-30");
    else
      CHECK(text.ends_with(": the project is withdrawn"));
  }
}

TEST_CASE("skipped dates: one template's, or every template of a station") {
  World w;
  auto t1 = planning::skip_scope(*w.db, std::string("T1"), std::nullopt);
  CHECK(t1.station == w.icity.id);
  CHECK(t1.template_id == w.t1.id);
  auto icity = planning::skip_scope(*w.db, std::nullopt, std::string("icity"));
  CHECK(!icity.template_id);
  planning::skip_date(*w.db, t1, w.day("2026-09-28"), "exam day");
  planning::skip_date(*w.db, icity, w.day("2026-10-01"), "National Day");
  auto m = planning::materialise_week(*w.db, {w.week, std::nullopt}, kLongBefore);
  CHECK(w.made_by(w.t1) == 5);  // not Mon (its own skip) nor Thu (the station's)
  CHECK(w.made_by(w.t2) == 4);  // not Thu
  CHECK(w.made_by(w.tn) == 7);  // another station
  REQUIRE(m.skipped.size() == 3);
  for (const auto& s : m.skipped) CHECK(s.reason == planning::SkipReason::skipped_date);
  CHECK(planning::skipped_text(m.skipped.front()).render(Lang::en) ==
        "T1 Mon 2026-09-28: the date is skipped (exam day)");
  CHECK(planning::skipped_text(m.skipped.front()).render(Lang::zh) ==
        "T1 周一 2026-09-28：该日停开（exam day）");
  // Listed by date, the station-wide skip for every template.
  auto listed = planning::skips(*w.db, w.icity.id, w.t2.id, w.week.days());
  REQUIRE(listed.size() == 1);
  CHECK(!listed.front().template_id);
  CHECK(planning::skips(*w.db, std::nullopt, std::nullopt, w.week.days()).size() == 2);
  // Unskipped, the next build makes the shifts.
  planning::unskip_date(*w.db, icity, w.day("2026-10-01"));
  planning::unskip_date(*w.db, t1, w.day("2026-09-28"));
  CHECK(planning::materialise_week(*w.db, {w.week, std::nullopt}, kLongBefore).created == 3);
  CHECK(w.rows("template_skips") == 0);
}

TEST_CASE("skip and unskip refuse what makes no sense and change nothing") {
  World w;
  auto t1 = planning::skip_scope(*w.db, std::string("T1"), std::nullopt);
  auto t2 = planning::skip_scope(*w.db, std::string("T2"), std::nullopt);
  auto icity = planning::skip_scope(*w.db, std::nullopt, std::string("icity"));
  CHECK_THROWS_AS(planning::skip_scope(*w.db, std::string("T9"), std::nullopt), DataError);
  CHECK_THROWS_AS(planning::skip_scope(*w.db, std::nullopt, std::string("nowhere")), DataError);
  planning::skip_date(*w.db, t1, w.day("2026-10-01"), "");
  planning::skip_date(*w.db, icity, w.day("2026-10-02"), "holiday");
  auto refused = [&](auto f) -> std::string {
    auto before = w.rows("template_skips");
    store::Transaction tx(*w.db);
    try {
      f();
    } catch (const DataError& e) {
      CHECK(w.rows("template_skips") == before);
      CHECK(!e.text().render(Lang::zh).empty());
      return e.text().render(Lang::en);
    }
    return "(accepted)";
  };
  CHECK(refused([&] { planning::skip_date(*w.db, t1, w.day("2026-10-01"), "again"); }) ==
        "template T1 is already skipped on 2026-10-01");
  CHECK(refused([&] { planning::skip_date(*w.db, t1, w.day("2026-10-02"), ""); }) ==
        "every template of station icity is already skipped on 2026-10-02");
  CHECK(refused([&] { planning::skip_date(*w.db, icity, w.day("2026-10-02"), ""); }) ==
        "every template of station icity is already skipped on 2026-10-02");
  CHECK(refused([&] { planning::skip_date(*w.db, t2, w.day("2026-10-03"), ""); }) ==
        "template T2 does not run on 2026-10-03 (Sat): nothing to skip");
  CHECK(refused([&] { planning::skip_date(*w.db, t1, w.day("2025-12-31"), ""); }) ==
        "template T1 does not run on 2025-12-31 (Wed): nothing to skip");
  CHECK(refused([&] { planning::unskip_date(*w.db, t1, w.day("2026-10-05")); }) ==
        "template T1 is not skipped on 2026-10-05");
  CHECK(refused([&] { planning::unskip_date(*w.db, icity, w.day("2026-10-01")); }) ==
        "station icity has no skip of every template on 2026-10-01");
  CHECK(refused([&] { planning::unskip_date(*w.db, t1, w.day("2026-10-02")); }) ==
        "template T1 is not skipped on 2026-10-02 by itself but with every template of station "
        "icity: undo that with --station icity");
  CHECK_THROWS_AS(planning::skip_date(*w.db, t1, w.day("2026-10-03"), std::string(101, 'x')),
                  store::FieldError);
  CHECK(w.rows("template_skips") == 2);
}

TEST_CASE("a skip leaves the shifts already made that day, and names them") {
  World w;
  planning::materialise_shifts(*w.db, {w.week, w.icity.id}, kLongBefore);
  auto t1 = planning::skip_scope(*w.db, std::string("T1"), std::nullopt);
  auto r = planning::skip_date(*w.db, t1, w.day("2026-10-01"), "");
  REQUIRE(r.existing.size() == 1);
  CHECK(r.existing.front().from_template == w.t1.id);
  auto all =
      planning::skip_date(*w.db, planning::skip_scope(*w.db, std::nullopt, std::string("icity")),
                          w.day("2026-09-30"), "");
  CHECK(all.existing.size() == 2);  // T1's and T2's
  CHECK(w.made_by(w.t1) == 7);      // nothing deleted
}

TEST_CASE("the roster calendar reminds before each shift, and names its volunteer to them only") {
  KioskWorld w;
  w.roster(w.volunteers[0]);
  w.roster(w.volunteers[1]);
  planning::WeekScope scope{IsoWeek::parse("2023-W18"), std::nullopt};
  auto view = [&] { return planning::build_view(*w.db, planning::build_problem(*w.db, scope)); };
  std::string all = planning::roster_ics(view(), std::nullopt, Instant{1700000000});
  icalcomponent* cal = icalparser_parse_string(all.c_str());
  REQUIRE(cal != nullptr);
  CHECK(icalcomponent_count_errors(cal) == 0);
  int alarms = 0;
  for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
       ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    icalcomponent* alarm = icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT);
    REQUIRE(alarm != nullptr);
    ++alarms;
    icalproperty* trigger = icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY);
    REQUIRE(trigger != nullptr);
    CHECK(icaldurationtype_as_int(icalproperty_get_trigger(trigger).duration) == -60 * 60);
    icalproperty* action = icalcomponent_get_first_property(alarm, ICAL_ACTION_PROPERTY);
    CHECK(icalproperty_get_action(action) == ICAL_ACTION_DISPLAY);
    CHECK(icalcomponent_get_first_property(alarm, ICAL_DESCRIPTION_PROPERTY) != nullptr);
  }
  CHECK(alarms == 2);
  icalcomponent_free(cal);
  // Everyone's calendar masks names; one volunteer's shows their own.
  CHECK(all.find("张三1") == std::string::npos);
  CHECK(all.find("张*1") != std::string::npos);
  std::string mine = planning::roster_ics(view(), w.volunteers[1], Instant{1700000000});
  CHECK(mine.find("SUMMARY:交通劝导 · V2 张三2") != std::string::npos);
  CHECK(mine.find("张三1") == std::string::npos);
  CHECK(mine.find("张*1") == std::string::npos);
  // 0 minutes: no reminder; other lead times as given.
  w.station.settings.reminder_minutes = 0;
  store::stations::update(*w.db, w.station);
  CHECK(planning::roster_ics(view(), std::nullopt, Instant{0}).find("VALARM") == std::string::npos);
  w.station.settings.reminder_minutes = 1440;
  store::stations::update(*w.db, w.station);
  CHECK(planning::roster_ics(view(), std::nullopt, Instant{0}).find("TRIGGER:-PT1440M\r\n") !=
        std::string::npos);
}

TEST_CASE(
    "a long name in one volunteer's calendar is folded at 75 octets, never inside a "
    "character") {
  KioskWorld w;
  Volunteer v = *store::volunteers::get(*w.db, w.volunteers[0]);
  v.name = std::string("欧阳") + std::string(60, 'x') + "娜娜;,\\";
  store::volunteers::update(*w.db, v);
  w.roster(v.id);
  planning::WeekScope scope{IsoWeek::parse("2023-W18"), std::nullopt};
  auto ics =
      planning::roster_ics(planning::build_view(*w.db, planning::build_problem(*w.db, scope)), v.id,
                           Instant{1700000000});
  std::size_t start_of_line = 0;
  for (std::size_t i = 0; i + 1 < ics.size(); ++i)
    if (ics[i] == '\r' && ics[i + 1] == '\n') {
      CHECK(i - start_of_line <= 75);
      start_of_line = i + 2;
    }
  icalcomponent* cal = icalparser_parse_string(ics.c_str());
  REQUIRE(cal != nullptr);
  icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
  CHECK(std::string(icalcomponent_get_summary(ev)).ends_with("娜娜;,\\"));
  icalcomponent_free(cal);
}

TEST_CASE("templates make no shift whose start has passed, and saying what is due saves nothing") {
  World w;
  const Instant now = at_local(w.day("2026-09-30"), TimeOfDay{10 * 60}, w.icity.zone);  // Wed
  auto due = planning::templates_due(*w.db, {w.week, w.icity.id}, now);
  CHECK(w.rows("shifts") == 0);
  CHECK(due.shifts.size() == 7);  // of 12: T1 Mon-Wed and T2 Mon-Tue have begun
  int begun = 0;
  for (const auto& s : due.skipped) {
    CHECK(s.reason == planning::SkipReason::begun);
    CHECK(s.date <= w.day("2026-09-30"));
    ++begun;
  }
  CHECK(begun == 5);
  for (const auto& s : due.shifts) CHECK(s.time.begin > now);
  auto made = planning::materialise_week(*w.db, {w.week, w.icity.id}, now);
  CHECK(made.created == 7);
  CHECK(w.rows("shifts") == 7);
  CHECK(planning::skipped_text(due.skipped.front()).render(Lang::en) ==
        "T1 Mon 2026-09-28: its start has passed");
}
