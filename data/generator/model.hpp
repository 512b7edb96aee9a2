#pragma once
// The generator's in-memory model of one station. Only one station is held at a time; the
// season's shifts, roster rows, sessions and incidents are written day by day as they are made.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "catalog.hpp"
#include "common.hpp"

namespace gen {

constexpr int kSlotStart[3] = {8 * 60, 12 * 60, 16 * 60};
constexpr int kShiftMinutes = 240;

enum class Skill : std::uint8_t { none, first_aid, legal, counseling, traffic };
const char* code_of(Skill s);

struct Outputs {
  explicit Outputs(const std::string& dir);
  CsvOut stations, skills, volunteers, certifications, projects, templates, shifts, availability,
      roster, sessions, incidents, trainings;
};

struct StationSpec {
  std::string code, name, location, person_in_charge, contact;
  std::string code_prefix;  // prefix of project and template codes ("" or "s001-")
  int volunteer_count = 100;
  long long first_volunteer = 1;  // district-wide index of the station's first volunteer
  int number_width = 4;           // digits of volunteer numbers (V0001)
  std::uint64_t seed = 0;
};

enum class Profile : std::uint8_t { worker, student, minor, retiree, lawyer, counselor, idle };

struct Exception {
  int day;
  int vol;
  bool available;
  std::uint8_t mask;  // slots affected (7 = the whole day)
};

struct Volunteer {
  std::string number;
  Profile profile = Profile::worker;
  int join = 0;
  int max_shifts = 2, max_hours = 8;
  double weight = 1;
  std::uint8_t weekly[8] = {};  // [iso weekday] → mask of shifts covered by availability
  int first_aid_granted = -1, first_aid_expires = -1;  // -1: none / never expires
  bool legal = false, counseling = false;
  // Running state of the season.
  int week_shifts = 0, week_minutes = 0;
  int booked_day = -1;   // a day the volunteer already serves (one shift or walk-in a day)
  int blocked_day = -1;  // a training day
  int exc_day = -1;      // day the two masks below refer to
  std::uint8_t away = 0, extra = 0;

  [[nodiscard]] bool first_aid_on(int day) const {
    return first_aid_granted >= 0 && first_aid_granted <= day &&
           (first_aid_expires < 0 || day <= first_aid_expires);
  }
  [[nodiscard]] bool has(Skill s, int day) const {
    switch (s) {
      case Skill::none:
        return true;
      case Skill::first_aid:
        return first_aid_on(day);
      case Skill::legal:
        return legal;
      case Skill::counseling:
        return counseling;
      case Skill::traffic:
        return false;
    }
    return false;
  }
};

struct Project {
  std::string code, name, description;
  Cat cat = Cat::other;
  int published = 0, starts = 0, ends = -1;  // ends -1: open-ended
  int slot = 1;
  double p = 1;
  bool themed = false;
  int shifts = 0;
};

// People: builds the volunteers of a station and writes volunteers, certifications and
// availability rows. Returns the dated availability exceptions, sorted by day.
std::vector<Exception> make_volunteers(const StationSpec& spec, int from, int to, Rng& rng,
                                       std::vector<Volunteer>& vols, Outputs& out);

struct StationTotals {
  long long shifts = 0, roster = 0, sessions = 0, incidents = 0, trainings = 0;
  long long person_times = 0, credited_minutes = 0, people_served = 0, rescues = 0;
  long long projects = 0;
};

// Writes one station and its whole season.
StationTotals generate_station(const StationSpec& spec, int from, int to, Outputs& out);

}  // namespace gen
