#pragma once
// A station with a project, one shift and a few volunteers, for ledger and kiosk tests.

#include "store_fixture.hpp"
#include "vstation/store/repos.hpp"

// A `now` before any test's week: no shift has begun, so planning may change every one.
inline constexpr vstation::Instant kLongBefore{0};
inline vstation::Instant long_before() {
  return kLongBefore;
}  // as a clock

struct KioskWorld : TempDb {
  vstation::Station station;
  vstation::ProjectId project;
  vstation::Shift shift;
  std::vector<vstation::VolunteerId> volunteers;

  vstation::Instant at(const char* local) const {
    return vstation::parse_instant(local, station.zone);
  }

  explicit KioskWorld(int n_volunteers = 3) {
    using namespace vstation;
    auto& d = *db;
    station.code = "icity";
    station.name = "I城";
    station.id = store::stations::insert(d, station);
    Project p;
    p.code = "P1";
    p.station = station.id;
    p.name = "交通劝导";
    p.published = p.starts = parse_date("2023-03-01");
    project = p.id = store::projects::insert(d, p);
    shift.station = station.id;
    shift.project = project;
    shift.time = {at("2023-05-01T09:00"), at("2023-05-01T12:00")};
    shift.slots = 3;
    shift.id = store::shifts::insert(d, shift);
    for (int i = 1; i <= n_volunteers; ++i) {
      Volunteer v;
      v.number = "V" + std::to_string(i);
      v.name = "张三" + std::to_string(i);
      v.phone = "1380000000" + std::to_string(i % 10);
      v.join_date = parse_date("2023-03-01");
      volunteers.push_back(store::volunteers::insert(d, v));
    }
  }

  void roster(vstation::VolunteerId v) {
    vstation::Assignment a;
    a.shift = shift.id;
    a.volunteer = v;
    vstation::store::assignments::insert(*db, a);
  }
};
