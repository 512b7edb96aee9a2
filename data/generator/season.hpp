#pragma once
// Internal to the generator: one station's season, split over season.cpp (set-up and the day
// loop), shifts.cpp (planning, rostering, check-ins, walk-ins) and service_log.cpp (incidents).

#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"

namespace gen::detail {

// Tuning knobs (the demo's totals are calibrated with these).
constexpr double kFill = 0.81;      // chance an open slot beyond the skill minimum is filled
constexpr double kWalkIn = 0.25;    // chance of a walk-in on a given day
constexpr int kRescueBlock = 15;    // one rescue assist per this many shifts
constexpr int kTrainingEvery = 28;  // days between first-aid trainings

// Standing project indices (order of catalog standing_projects()).
enum : int {
  kEmergency = 0,
  kTraffic = 1,
  kConvenience = 2,
  kLegal = 3,
  kListen = 4,
  kRescue = 5,
  kTraining = 6
};

struct Plan {
  int project;
  int slots;
  Skill minimum;
};

inline Skill minimum_of(Cat c) {
  switch (c) {
    case Cat::emergency_aid:
      return Skill::first_aid;
    case Cat::legal_consultation:
      return Skill::legal;
    case Cat::psychological_support:
      return Skill::counseling;
    default:
      return Skill::none;
  }
}

inline Plan base_plan(int weekday, int slot) {
  const bool weekend = weekday >= 6;
  if (slot == 0) return {kEmergency, weekend ? 3 : 2, Skill::first_aid};
  if (slot == 2) return {kTraffic, 3, Skill::none};
  if (weekday == 3) return {kListen, 2, Skill::counseling};
  if (weekday == 6) return {kLegal, 2, Skill::legal};
  return {kConvenience, weekday == 7 ? 3 : 2, Skill::none};
}

struct Presence {
  int vol;
  int in, out;  // minutes after midnight, credited part
};

struct Incident {
  int time;
  int project;
  const char* type;
  int people;
  std::string volunteers, note;
};

class Season {
 public:
  Season(const StationSpec& spec, int from, int to, Outputs& out)
      : spec_(spec), from_(from), to_(to), out_(out), rng_(spec.seed) {}
  StationTotals run();

 private:
  void write_station();
  void make_projects();
  void write_templates();
  void training(int day, int nth);
  void apply_exceptions(int day);
  std::vector<Plan> plan_day(int day, int weekday);
  bool eligible(const Volunteer& v, int day, int weekday, int slot, Skill skill) const;
  int pick(int day, int weekday, int slot, Skill skill);
  void run_shift(int day, int slot, const Plan& plan, std::vector<Incident>& log);
  void walk_in(int day, const std::vector<Plan>& plans);
  void service_log(int day, int slot, const Plan& plan, const std::vector<Presence>& present,
                   std::vector<Incident>& log);
  void session(const Volunteer& v, const Project& p, int day, int in, int out, const char* status,
               std::string_view note, bool walk = false);

  const StationSpec& spec_;
  int from_, to_;
  Outputs& out_;
  Rng rng_;
  std::vector<Volunteer> vols_;
  std::vector<Exception> exc_;
  std::size_t exc_pos_ = 0;
  std::vector<Project> projects_;
  std::vector<int> active_;  // themed projects in their span
  std::size_t next_theme_ = 0;
  std::vector<double> weights_;
  std::vector<int> cands_;
  long long shift_no_ = 0, rescue_target_ = -1;
  bool rescue_pending_ = false;
  StationTotals t_;
};

}  // namespace gen::detail
