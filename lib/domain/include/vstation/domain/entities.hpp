#pragma once
// The station's records as value types. Codes (station code, volunteer number, project code)
// are what people type; ids are what the store links by.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "vstation/domain/enums.hpp"
#include "vstation/domain/ids.hpp"
#include "vstation/domain/time.hpp"

namespace vstation {

// Station settings that the hours policy and the kiosk read.
struct StationSettings {
  int rounding_minutes = 0;            // 0 (none), 5, 10, 15 or 30; applied per session
  int max_session_minutes = 12 * 60;   // longer open sessions are auto-closed
  int early_allowance_minutes = 30;    // how early a check-in still matches a shift
  int overtime_allowance_minutes = 0;  // credited past a shift's end
  int min_rest_minutes = 0;            // between two shifts of one volunteer
  WalkInPolicy walk_ins = WalkInPolicy::allow;
  // How long past the end of its shift (or of the station's day) an open session may still be
  // checked out normally; later it is a forgotten check-out, credited after review.
  int checkout_grace_minutes = 60;
  KioskIdentification identification = KioskIdentification::pin_if_set;
  // How long before a rostered shift a roster's calendar (iCalendar) reminds; 0: no reminder.
  int reminder_minutes = 60;
  // How long before a shift starts a volunteer may still cancel their own sign-up on the web
  // (0 to 720 hours).
  int cancel_deadline_hours = 24;
};

struct Station {
  StationId id;
  std::string code;  // short, typed on the command line: "icity"
  std::string name;
  std::string location;
  TimeZone zone;
  TimeOfDay opens{8 * 60};
  // After `opens`, at most a day later: a closing time past midnight (opens 18:00, closes
  // 02:00) is kept as minutes past the opening day's midnight (26:00 is 1560).
  TimeOfDay closes{20 * 60};
  StationSettings settings;
  std::string person_in_charge;
  std::string contact;
  bool retired = false;
};

struct Volunteer {
  VolunteerId id;
  std::string number;  // volunteer number, e.g. V0001
  std::string name;
  std::string phone;
  IdDocType id_type = IdDocType::none;
  std::string id_number;
  std::optional<Date> birth_date;
  Date join_date;
  VolunteerStatus status = VolunteerStatus::active;
  bool guardian_consent = false;
  int max_shifts_per_week = 5;
  int max_minutes_per_week = 20 * 60;
  std::optional<StationId> home_station;
};

// An ID document number, well-formed for its type, or a ParseError saying what is wrong. The
// resident ID (居民身份证, GB 11643-1999): 17 digits and a check character (0-9 or X) that the
// weighted sum mod 11 gives, with a real birth date in characters 7-14; a passport 5-20 letters
// and digits; a Hong Kong/Macao permit H or M and 8-10 digits; a Taiwan permit 8 digits; any other
// document 1-30 letters, digits and dashes. Returns the number normalised (X in capitals).
std::string check_id_number(IdDocType type, std::string_view number);
// The birth date a resident ID carries.
std::optional<Date> resident_id_birth_date(std::string_view number);

// Minimum age that may be rostered without a guardian's consent.
constexpr int kConsentAge = 14;
int age_on(const Date& birth, const Date& on);
// Under-14s need guardian consent; retired and suspended volunteers are never rostered.
bool may_serve(const Volunteer& v, Date on);
// Why a volunteer may not be rostered in [first, last] (a day or a week), if they may not:
// the one place the rostering rules about the person live.
enum class ServeBar { retired, suspended, no_consent, not_joined };
std::optional<ServeBar> serve_bar(const Volunteer& v, Date first, Date last);

struct Skill {
  SkillId id;
  std::string code;  // first_aid
  std::string name_en;
  std::string name_zh;
};

// A skill held by a volunteer; valid from `granted` through `expires` (inclusive).
struct Certification {
  VolunteerId volunteer;
  SkillId skill;
  Date granted;
  std::optional<Date> expires;
  [[nodiscard]] bool valid_on(Date d) const { return granted <= d && (!expires || d <= *expires); }
};

struct Project {
  ProjectId id;
  std::string code;
  StationId station;
  std::string name;
  Category category = Category::other;
  Date published;
  Date starts;
  std::optional<Date> ends;
  std::string description;
  bool retired = false;
};

// Per-skill minimum head-count on a shift: skill id -> count.
using SkillMinimums = std::map<SkillId, int>;

struct ShiftTemplate {
  TemplateId id;
  std::string code;
  StationId station;
  ProjectId project;
  unsigned weekdays = 0;  // bit i set: Weekday(i)
  TimeOfDay start;
  TimeOfDay end;
  int slots = 1;
  int priority = 1;
  SkillMinimums minimums;
  Date valid_from;
  std::optional<Date> valid_to;
  bool retired = false;
  [[nodiscard]] bool runs_on(Date d) const {
    return (weekdays >> unsigned(d.weekday()) & 1u) && valid_from <= d &&
           (!valid_to || d <= *valid_to);
  }
};

// A date on which a template does not run (a public holiday, an exam day): one template's, or
// (no template) every template of the station. Shifts already made that day stay.
struct TemplateSkip {
  TemplateSkipId id;
  StationId station;
  std::optional<TemplateId> template_id;  // absent: every template of the station
  Date date;
  std::string reason;
};

struct Shift {
  ShiftId id;
  StationId station;
  ProjectId project;
  std::optional<TemplateId> from_template;
  TimeRange time;
  int slots = 1;
  int priority = 1;
  SkillMinimums minimums;
  bool cancelled = false;
  // Its start has passed: who is on it is then the record of who served (planning freezes it,
  // self-service closes it).
  [[nodiscard]] bool begun_by(Instant now) const { return time.begin <= now; }
};

// A weekly window a volunteer offers ("Sat 09:00–12:00").
struct AvailabilityWindow {
  AvailabilityId id;
  VolunteerId volunteer;
  Weekday day = Weekday::mon;
  TimeOfDay start;
  TimeOfDay end;
  Preference preference = Preference::ok;
};

// A dated exception: unavailable (or extra available) on one day, optionally for a time range.
struct AvailabilityException {
  AvailabilityId id;
  VolunteerId volunteer;
  Date date;
  std::optional<TimeOfDay> start;  // absent: the whole day
  std::optional<TimeOfDay> end;
  bool available = false;
};

struct Assignment {
  AssignmentId id;
  ShiftId shift;
  VolunteerId volunteer;
  AssignmentStatus status = AssignmentStatus::planned;
  AssignmentSource source = AssignmentSource::automatic;
  bool pinned = false;
};

// One check-in/check-out. Raw instants are never changed after they are written; a review
// sets the effective ones and leaves an audit row.
struct Session {
  SessionId id;
  VolunteerId volunteer;
  StationId station;
  std::optional<ShiftId> shift;      // absent: a walk-in
  std::optional<ProjectId> project;  // the shift's project, or the walk-in's
  Instant raw_in;
  std::optional<Instant> raw_out;
  Instant effective_in;
  std::optional<Instant> effective_out;
  SessionStatus status = SessionStatus::open;
  std::int64_t credited_minutes = 0;  // the current value under the hours policy
  // A forgotten check-out: when the volunteer says they left (the rostered end when they
  // agree with it), for the coordinator to accept or not.
  std::optional<Instant> proposed_out;
  std::string note;
  [[nodiscard]] bool walk_in() const { return !shift.has_value(); }
};

// "2023-05-01 09:00–12:00 closed 180 min": a session as one audit value. `vstation check`
// reads the last words back (status and minutes) to compare them with the row.
std::string describe(const Session& s, const TimeZone& zone);
// Whether an audit value written by describe() names this session's status and credit.
bool describes_state(std::string_view value, const Session& s);

struct Incident {
  IncidentId id;
  StationId station;
  std::optional<ProjectId> project;
  IncidentType type = IncidentType::other;
  Instant at;
  int people_served = 0;
  std::vector<VolunteerId> volunteers;
  std::string note;
};

struct Training {
  TrainingId id;
  StationId station;
  std::string topic;
  Instant starts;
  int minutes = 0;
  std::optional<SkillId> grants;
  int valid_months = 24;
  std::vector<VolunteerId> attendees;
};

}  // namespace vstation
