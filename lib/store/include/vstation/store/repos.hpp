#pragma once
// Repositories: the domain's records in and out of the database. All SQL of the program lives
// in lib/store; these functions speak domain types only.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vstation/domain/calendar.hpp"
#include "vstation/domain/entities.hpp"
#include "vstation/store/db.hpp"
#include "vstation/store/list_filter.hpp"

namespace vstation::store {

namespace stations {
StationId insert(Connection& db, const Station& s);
void update(Connection& db, const Station& s);
std::optional<Station> find(Connection& db, std::string_view code);
std::optional<Station> get(Connection& db, StationId id);
std::vector<Station> all(Connection& db);
// Whether the station holds records whose times were read in its zone: shifts, sessions,
// service log entries or trainings.
bool holds_local_times(Connection& db, StationId id);
}  // namespace stations

namespace volunteers {
VolunteerId insert(Connection& db, const Volunteer& v);
void update(Connection& db, const Volunteer& v);
std::optional<Volunteer> find(Connection& db, std::string_view number);
std::optional<Volunteer> get(Connection& db, VolunteerId id);
// By number; the filter's station is the home station, its status a volunteer status.
std::vector<Volunteer> all(Connection& db, const ListFilter& f = {});
// Every volunteer's number and id, streamed, up to `limit` of them; false if there were more.
bool numbers(Connection& db, std::int64_t limit,
             const std::function<void(std::string_view, VolunteerId)>& each);
}  // namespace volunteers

namespace skills {
SkillId insert(Connection& db, const Skill& s);
void update(Connection& db, const Skill& s);
std::optional<Skill> find(Connection& db, std::string_view code);
std::optional<Skill> get(Connection& db, SkillId id);
std::vector<Skill> all(Connection& db);
void add_certification(Connection& db, const Certification& c,
                       std::optional<TrainingId> from_training = std::nullopt);
// The filter's volunteer only.
std::vector<Certification> certifications(Connection& db, const ListFilter& f = {});
std::vector<Certification> certifications_of(Connection& db, VolunteerId v);
}  // namespace skills

namespace projects {
ProjectId insert(Connection& db, const Project& p);
void update(Connection& db, const Project& p);
std::optional<Project> find(Connection& db, std::string_view code);
std::optional<Project> get(Connection& db, ProjectId id);
// The filter's station only.
std::vector<Project> all(Connection& db, const ListFilter& f = {});
// Every project's code and id, streamed, up to `limit` of them; false if there were more.
bool codes(Connection& db, std::int64_t limit,
           const std::function<void(std::string_view, ProjectId)>& each);
}  // namespace projects

namespace shifts {
TemplateId insert_template(Connection& db, const ShiftTemplate& t);
void update_template(Connection& db, const ShiftTemplate& t);
std::optional<ShiftTemplate> find_template(Connection& db, std::string_view code);
// The filter's station only.
std::vector<ShiftTemplate> templates(Connection& db, const ListFilter& f = {});

// Refuses a shift overlapping another of the same project at the same station.
ShiftId insert(Connection& db, const Shift& s);
void update(Connection& db, const Shift& s);
std::optional<Shift> get(Connection& db, ShiftId id);
std::optional<Shift> find_at(Connection& db, StationId st, ProjectId p, Instant starts);
// Every shift of the station, with its minimums, in no order: two queries, for a caller that
// looks many up (an import) where find_at would take two a shift.
std::vector<Shift> of_station(Connection& db, StationId st);
// Shifts starting in [range.begin, range.end), optionally at one station, by start time.
std::vector<Shift> in_range(Connection& db, TimeRange range, std::optional<StationId> st = {});
// The filter's station and days (of the start).
std::vector<Shift> all(Connection& db, const ListFilter& f = {});
// Shifts of the project at the station that overlap `time` or start when it starts, cancelled
// ones included, by start time.
std::vector<Shift> overlapping(Connection& db, StationId st, ProjectId p, TimeRange time);
// A shift as a check-in is matched to it: no slots, priority or skill minimums.
struct RosteredShift {
  ShiftId id;
  StationId station;
  ProjectId project;
  TimeRange time;
};
// The shift a check-in at `t` belongs to for this volunteer: one they are rostered on whose
// matching window holds `t`; optionally restricted to a project. One query, which also reads the
// project's name for the check-in's screen (the session's foreign key reads that row anyway).
struct RosteredMatch : RosteredShift {
  std::string project_name;
};
std::optional<RosteredMatch> rostered_at(Connection& db, VolunteerId v, StationId st, Instant t,
                                         int early_minutes, std::optional<ProjectId> project = {});
// What rostered_at searches, for a caller that asks it many times (an import): every shift of
// station `st` that is not cancelled, by the volunteers rostered on it (the assignment not
// cancelled), each list by start, end and number (the order in which rostered_at meets them);
// one query walking the station's shifts in place of one per check-in.
std::unordered_map<std::int64_t, std::vector<RosteredShift>> rostered_at_station(Connection& db,
                                                                                 StationId st);
// The same for every station, station -> volunteer -> list, in one pass over the assignments
// (each shift by its key): for an import that spans many stations. nullopt, having read none,
// when there may be more than `limit` assignments (the largest assignment id is above it).
using DistrictRoster =
    std::unordered_map<std::int64_t, std::unordered_map<std::int64_t, std::vector<RosteredShift>>>;
std::optional<DistrictRoster> rostered_in_district(Connection& db, std::int64_t limit);
std::optional<RosteredShift> rostered_match(const std::vector<RosteredShift>& rostered,
                                            StationId st, Instant t, int early_minutes,
                                            std::optional<ProjectId> project = {});
}  // namespace shifts

// Dates on which shift templates do not run (a public holiday): one template's, or every
// template of a station.
namespace template_skips {
// A skip's reason as the records take it (at most 100 characters, no control characters), else
// FieldError "reason".
void check_reason(std::string_view reason);
// Refuses a reason that is too long or holds control characters (FieldError "reason"), and a
// date already skipped the same way (StoreError, fault unique).
TemplateSkipId insert(Connection& db, const TemplateSkip& s);
void remove(Connection& db, TemplateSkipId id);
// This template's skip on the date, or (no template) the station-wide one.
std::optional<TemplateSkip> find(Connection& db, StationId st, std::optional<TemplateId> t, Date d);
// Skips of the station (all: every station) on the days given, by date, station-wide first.
std::vector<TemplateSkip> in_range(Connection& db, std::optional<StationId> st, DateRange days);
}  // namespace template_skips

namespace availability {
void insert_window(Connection& db, const AvailabilityWindow& w);
void insert_exception(Connection& db, const AvailabilityException& e);
std::vector<AvailabilityWindow> windows(Connection& db, std::optional<VolunteerId> v = {});
std::vector<AvailabilityException> exceptions(Connection& db, std::optional<VolunteerId> v = {});
std::optional<AvailabilityWindow> window(Connection& db, AvailabilityId id);
std::optional<AvailabilityException> exception(Connection& db, AvailabilityId id);
void update_window(Connection& db, const AvailabilityWindow& w);
void update_exception(Connection& db, const AvailabilityException& e);
void remove_window(Connection& db, AvailabilityId id);
void remove_exception(Connection& db, AvailabilityId id);
}  // namespace availability

namespace assignments {
AssignmentId insert(Connection& db, const Assignment& a);
void update(Connection& db, const Assignment& a);
void remove(Connection& db, AssignmentId id);
std::optional<Assignment> find(Connection& db, ShiftId s, VolunteerId v);
std::vector<Assignment> of_shift(Connection& db, ShiftId s);
// What a cancelled shift does with its people: every assignment on it not cancelled already is
// cancelled (kept on record, unpinned). Returns how many.
std::size_t cancel_on_shift(Connection& db, ShiftId s);
// Every assignment on the station's shifts (cancelled ones too), in no order: one query, for a
// caller that asks about many of its shifts (an import).
std::vector<Assignment> of_station(Connection& db, StationId st);
std::vector<Assignment> in_range(Connection& db, TimeRange range, std::optional<StationId> st = {});
// The filter's volunteer, station, days (the shift's start) and status (an assignment status).
std::vector<Assignment> all(Connection& db, const ListFilter& f = {});
}  // namespace assignments

namespace sessions {
SessionId insert(Connection& db, const Session& s);
// Writes the effective values, status and credited minutes; raw instants are immutable
// except that a missing raw check-out may be set once. Only the columns that differ from
// `before` (the stored session; read when not given) are written.
void update(Connection& db, const Session& before, const Session& s);
void update(Connection& db, const Session& s);
std::optional<Session> get(Connection& db, SessionId id);
std::optional<Session> open_of(Connection& db, VolunteerId v);
// Open sessions at the station or of the volunteer; all of them when neither is given.
std::vector<Session> open(Connection& db, std::optional<StationId> station,
                          std::optional<VolunteerId> volunteer);
// The same, each with its shift's time (a walk-in: none), which its deadline depends on.
struct OpenSession {
  Session session;
  std::optional<TimeRange> shift;
};
std::vector<OpenSession> open_with_shifts(Connection& db, std::optional<StationId> station,
                                          std::optional<VolunteerId> volunteer);
// What a volunteer's scan at `station` looks at first: the open sessions at the station or of the
// volunteer (open_with_shifts), and the volunteer's forgotten check-outs awaiting their answer
// (auto-closed, no time given), each oldest first.
struct Arrivals {
  std::vector<OpenSession> open;
  std::vector<Session> awaiting;
};
Arrivals at_arrival(Connection& db, StationId station, VolunteerId volunteer);
std::vector<Session> of_volunteer(Connection& db, VolunteerId v);
// Every session matched to the shift, whatever its status. No index holds them all (a check-in
// writes as few index entries as it can): a scan, for the rare edit that needs them.
std::vector<Session> of_shift(Connection& db, ShiftId shift);
std::vector<Session> in_range(Connection& db, TimeRange range, std::optional<StationId> st = {});
std::vector<Session> all(Connection& db);
// Whether the volunteer has a session overlapping [in, out) (out absent: open-ended).
bool overlaps_existing(Connection& db, VolunteerId v, Instant in, std::optional<Instant> out);
// What overlaps_existing compares with, for a caller that asks it many times (an import): the
// volunteer's sessions that are not rejected.
struct Occupied {
  Instant in;                  // eff_in
  std::optional<Instant> out;  // eff_out
  bool open = false;
};
std::vector<Occupied> occupying(Connection& db, VolunteerId v);
// Every volunteer's, in one pass over the table, for a caller that holds them all (an import
// that sets sessions_by_volunteer aside): at most `limit` sessions, false if there are more.
bool all_occupying(Connection& db, std::int64_t limit,
                   const std::function<void(VolunteerId, const Occupied&)>& each);
}  // namespace sessions

namespace incidents {
IncidentId insert(Connection& db, const Incident& i);
// The filter's station, volunteer (among those involved) and days.
std::vector<Incident> all(Connection& db, const ListFilter& f = {});
std::optional<Incident> get(Connection& db, IncidentId id);
void update(Connection& db, const Incident& i);
void remove(Connection& db, IncidentId id);
TrainingId insert_training(Connection& db, const Training& t);
// The filter's station, volunteer (an attendee) and days (of the start).
std::vector<Training> trainings(Connection& db, const ListFilter& f = {});
}  // namespace incidents

struct AuditEntry {
  AuditId id;
  Instant at;
  std::string actor;
  std::string entity;
  std::int64_t entity_id = 0;
  std::string action;
  std::string reason;
  std::string old_value;
  std::string new_value;
};

namespace audit {
AuditId append(Connection& db, const AuditEntry& e);
// Many rows appended in one write transaction (an import): the chain's last row is read once
// and its head written once, by finish(), before the transaction commits, instead of both for
// every row; the rows themselves are chained as they come and written many to a statement
// (kRows at a time, and by finish()). SQLite only (one writer); on a server backend each row is
// appended by append(), so concurrent writers still wait for each other at the head. While a
// batch is open every audit row of the transaction goes through it (finish() says so, as a logic
// error, if one did not).
// The chain's last row: its id (0: none yet) and hash.
struct LastRow {
  AuditId id{0};
  std::string hash;
};
class Batch {
 public:
  explicit Batch(Connection& db) : db_(db) {}
  AuditId append(const AuditEntry& e);
  void finish();
  static constexpr std::size_t kRows = 512;  // one statement's rows (batched_upsert.hpp)

 private:
  void write_chained();
  LastRow last() const;  // the chain's last row, written or not
  Connection& db_;
  std::optional<LastRow> written_;   // the table's last row, once read
  std::vector<AuditEntry> chained_;  // after written_, with their ids, not written yet
  std::vector<std::string> hashes_;  // chained_'s hashes
  bool unwritten_ = false;           // the settings do not say so yet
};
std::vector<AuditEntry> of(Connection& db, std::string_view entity, std::int64_t entity_id);
}  // namespace audit

}  // namespace vstation::store
