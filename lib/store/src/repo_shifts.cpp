#include <algorithm>
#include <tuple>

#include "bulk_rows.hpp"
#include "local_days.hpp"
#include "shift_clash.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/setup_changes.hpp"

namespace vstation::store {
namespace {

constexpr Msg kOverlap{"overlaps shift {} of the same project ({})", "与同一项目的班次 {} 重叠（{}）"};

constexpr std::string_view kTemplateColumns =
    "SELECT id, code, station_id, project_id, weekdays, start_min, end_min, slots, priority, "
    "valid_from, valid_to, retired FROM shift_templates ";
constexpr std::string_view kShiftColumns =
    "SELECT id, station_id, project_id, template_id, starts_at, ends_at, slots, priority, "
    "cancelled FROM shifts ";

// A table of per-skill minimums (a template's or a shift's), its statements written out once.
struct MinimumsTable {
  std::string_view select, remove, insert;
};
constexpr MinimumsTable kTemplateMinimums{
    "SELECT skill_id, min_count FROM template_minimums WHERE template_id = ? ORDER BY skill_id",
    "DELETE FROM template_minimums WHERE template_id = ?",
    "INSERT INTO template_minimums (template_id, skill_id, min_count) VALUES (?, ?, ?)"};
constexpr MinimumsTable kShiftMinimums{
    "SELECT skill_id, min_count FROM shift_minimums WHERE shift_id = ? ORDER BY skill_id",
    "DELETE FROM shift_minimums WHERE shift_id = ?",
    "INSERT INTO shift_minimums (shift_id, skill_id, min_count) VALUES (?, ?, ?)"};

SkillMinimums read_minimums(Connection& db, const MinimumsTable& table, std::int64_t id) {
  auto r = db.query(table.select, params(id));
  SkillMinimums m;
  while (r->next()) m[r->id<SkillId>(0)] = int(r->i64(1));
  return m;
}

// A new record has none to replace (an import writes hundreds of thousands of shifts).
enum class Minimums { of_new_record, replacing };

void write_minimums(Connection& db, const MinimumsTable& table, std::int64_t id,
                    const SkillMinimums& m, Minimums what) {
  if (what == Minimums::replacing) db.execute(table.remove, params(id));
  for (const auto& [skill, count] : m) db.execute(table.insert, params(id, skill, count));
}

ShiftTemplate read_template(Connection& db, const Rows& r) {
  ShiftTemplate t;
  t.id = r.id<TemplateId>(0);
  t.code = r.str(1);
  t.station = r.id<StationId>(2);
  t.project = r.id<ProjectId>(3);
  t.weekdays = unsigned(r.i64(4));
  t.start = TimeOfDay{int(r.i64(5))};
  t.end = TimeOfDay{int(r.i64(6))};
  t.slots = int(r.i64(7));
  t.priority = int(r.i64(8));
  t.valid_from = r.date(9);
  t.valid_to = r.opt_date(10);
  t.retired = r.flag(11);
  t.minimums = read_minimums(db, kTemplateMinimums, t.id.value);
  return t;
}

Shift read_shift_row(const Rows& r) {
  Shift s;
  s.id = r.id<ShiftId>(0);
  s.station = r.id<StationId>(1);
  s.project = r.id<ProjectId>(2);
  s.from_template = r.opt_id<TemplateId>(3);
  s.time = {r.instant(4), r.instant(5)};
  s.slots = int(r.i64(6));
  s.priority = int(r.i64(7));
  s.cancelled = r.flag(8);
  return s;
}

std::vector<Shift> read_shifts(Connection& db, std::unique_ptr<Rows> r) {
  std::vector<Shift> out;
  while (r->next()) out.push_back(read_shift_row(*r));
  r.reset();
  for (auto& s : out) s.minimums = read_minimums(db, kShiftMinimums, s.id.value);
  return out;
}

}  // namespace

namespace shifts {

void refuse(Connection& db, const Shift& s, const std::optional<ShiftClash>& found) {
  if (!found) return;
  auto st = stations::get(db, s.station);
  TimeZone off = st ? st->zone : TimeZone{};
  throw DataError(kOverlap, found->id.value, format_local(found->starts, off));
}

TemplateId insert_template(Connection& db, const ShiftTemplate& t) {
  TemplateId id{db.insert(
      "INSERT INTO shift_templates (code, station_id, project_id, weekdays, start_min, end_min, "
      "slots, priority, valid_from, valid_to, retired) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      params(t.code, t.station, t.project, std::int64_t(t.weekdays), t.start.minutes,
             t.end.minutes, t.slots, t.priority, t.valid_from, t.valid_to, t.retired))};
  write_minimums(db, kTemplateMinimums, id.value, t.minimums, Minimums::of_new_record);
  return id;
}

void update_template(Connection& db, const ShiftTemplate& t) {
  db.execute(
      "UPDATE shift_templates SET code = ?, station_id = ?, project_id = ?, weekdays = ?, "
      "start_min = ?, end_min = ?, slots = ?, priority = ?, valid_from = ?, valid_to = ?, "
      "retired = ? WHERE id = ?",
      params(t.code, t.station, t.project, std::int64_t(t.weekdays), t.start.minutes,
             t.end.minutes, t.slots, t.priority, t.valid_from, t.valid_to, t.retired, t.id));
  write_minimums(db, kTemplateMinimums, t.id.value, t.minimums, Minimums::replacing);
}

std::optional<ShiftTemplate> find_template(Connection& db, std::string_view code) {
  auto r = db.query(std::string(kTemplateColumns) + "WHERE code = ?", params(code));
  if (!r->next()) return std::nullopt;
  return read_template(db, *r);
}

std::vector<ShiftTemplate> templates(Connection& db, const ListFilter& f) {
  std::vector<TemplateId> ids;
  {
    auto r = db.query(
        "SELECT id FROM shift_templates WHERE (? IS NULL OR station_id = ?) ORDER BY code",
        params(f.station, f.station));
    while (r->next()) ids.push_back(r->id<TemplateId>(0));
  }
  std::vector<ShiftTemplate> out;
  for (auto id : ids) {
    auto r = db.query(std::string(kTemplateColumns) + "WHERE id = ?", params(id));
    r->next();
    out.push_back(read_template(db, *r));
  }
  return out;
}

// The look-up walks the project's shifts from kClashLookBack before this one (the UNIQUE index
// on station, project and start), not its whole history, which made importing a project's
// shifts quadratic.
std::optional<ShiftClash> clash(Connection& db, const Shift& s, std::optional<ShiftId> itself) {
  auto r = db.query(
      "SELECT id, starts_at FROM shifts WHERE station_id = ? AND project_id = ? AND cancelled = 0 "
      "AND starts_at < ? AND starts_at > ? AND ends_at > ? AND id <> ? ORDER BY starts_at LIMIT 1",
      params(s.station, s.project, s.time.end, s.time.begin.seconds - kClashLookBack, s.time.begin,
             itself.value_or(ShiftId{})));
  if (!r->next()) return std::nullopt;
  return ShiftClash{r->id<ShiftId>(0), r->instant(1)};
}

ShiftId insert(Connection& db, const Shift& s) { return insert(db, s, clash(db, s)); }

ShiftId insert(Connection& db, const Shift& s, const std::optional<ShiftClash>& found) {
  refuse(db, s, found);
  ShiftId id = insert_row(db, s);  // the columns the import's rows write many at a time
  write_minimums(db, kShiftMinimums, id.value, s.minimums, Minimums::of_new_record);
  return id;
}

// A shift moved, lengthened or restored onto another of its project is refused as a new one
// would be; a cancelled one occupies nothing.
void update(Connection& db, const Shift& s) {
  if (!s.cancelled) refuse(db, s, clash(db, s, s.id));
  db.execute(
      "UPDATE shifts SET station_id = ?, project_id = ?, template_id = ?, starts_at = ?, "
      "ends_at = ?, slots = ?, priority = ?, cancelled = ? WHERE id = ?",
      params(s.station, s.project, s.from_template, s.time.begin, s.time.end, s.slots, s.priority,
             s.cancelled, s.id));
  write_minimums(db, kShiftMinimums, s.id.value, s.minimums, Minimums::replacing);
}

std::optional<Shift> get(Connection& db, ShiftId id) {
  auto v = read_shifts(db, db.query(std::string(kShiftColumns) + "WHERE id = ?", params(id)));
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::optional<Shift> find_at(Connection& db, StationId st, ProjectId p, Instant starts) {
  auto v = read_shifts(
      db, db.query(std::string(kShiftColumns) +
                       "WHERE station_id = ? AND project_id = ? AND starts_at = ?",
                   params(st, p, starts)));
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<Shift> of_station(Connection& db, StationId st) {
  auto r = db.query(std::string(kShiftColumns) + "WHERE station_id = ?", params(st));
  std::vector<Shift> out;
  std::unordered_map<std::int64_t, std::size_t> at;
  while (r->next()) {
    at.emplace(r->i64(0), out.size());
    out.push_back(read_shift_row(*r));
  }
  r = db.query(
      "SELECT m.shift_id, m.skill_id, m.min_count FROM shifts s CROSS JOIN shift_minimums m "
      "WHERE m.shift_id = s.id AND s.station_id = ?",
      params(st));
  while (r->next()) out[at.at(r->i64(0))].minimums[r->id<SkillId>(1)] = int(r->i64(2));
  return out;
}

std::vector<Shift> in_range(Connection& db, TimeRange range, std::optional<StationId> st) {
  return read_shifts(db, db.query(std::string(kShiftColumns) +
                                      "WHERE starts_at >= ? AND starts_at < ? AND "
                                      "(? IS NULL OR station_id = ?) ORDER BY starts_at, id",
                                  params(range.begin, range.end, st, st)));
}

std::vector<Shift> all(Connection& db, const ListFilter& f) {
  auto b = utc_bounds(f);
  auto rows = read_shifts(
      db, db.query(std::string(kShiftColumns) +
                       "WHERE (? IS NULL OR station_id = ?) AND (? IS NULL OR starts_at >= ?) "
                       "AND (? IS NULL OR starts_at < ?) ORDER BY starts_at, id",
                   params(f.station, f.station, b.lo, b.lo, b.hi, b.hi)));
  return on_days(
      db, f, std::move(rows), [](const Shift& s) { return s.time.begin; },
      [](const Shift& s) { return s.station; });
}

std::vector<Shift> overlapping(Connection& db, StationId st, ProjectId p, TimeRange time) {
  return read_shifts(
      db, db.query(std::string(kShiftColumns) +
                       "WHERE station_id = ? AND project_id = ? AND "
                       "((starts_at < ? AND ends_at > ?) OR starts_at = ?) ORDER BY starts_at, id",
                   params(st, p, time.end, time.begin, time.begin)));
}

std::optional<RosteredMatch> rostered_at(Connection& db, VolunteerId v, StationId st, Instant t,
                                         int early_minutes, std::optional<ProjectId> project) {
  // A shift lies within one local day (every way in requires its end after its start on one
  // date), so one holding `t` began less than a day before: walk the station's shifts from
  // there (shifts_by_station_time; SQLite keeps a CROSS JOIN's order), not the volunteer's
  // whole history of assignments.
  // `a.status <> 'cancelled'`: planned, confirmed or no_show (the column's CHECK), without the
  // temporary table SQLite builds for a longer IN list on every run of the statement.
  constexpr std::int64_t kDay = 24 * 60 * 60;
  // What a check-in needs of the shift comes with the match: no second look-up by id, and not
  // its skill minimums (a query of their own), which no check-in reads. The project is looked up
  // last, for the one shift matched.
  auto r = db.query(
      "SELECT s.id, s.station_id, s.project_id, s.starts_at, s.ends_at, p.name "
      "FROM shifts s CROSS JOIN assignments a CROSS JOIN projects p "
      "WHERE a.shift_id = s.id AND p.id = s.project_id "
      "AND a.volunteer_id = ? AND s.station_id = ? AND s.cancelled = 0 "
      "AND a.status <> 'cancelled' "
      "AND s.starts_at > ? AND s.starts_at <= ? AND ? < s.ends_at "
      "AND (? IS NULL OR s.project_id = ?) "
      "ORDER BY s.starts_at LIMIT 1",
      params(v, st, t.seconds - kDay, t.seconds + std::int64_t(early_minutes) * 60, t, project,
             project));
  if (!r->next()) return std::nullopt;
  return RosteredMatch{
      {r->id<ShiftId>(0), r->id<StationId>(1), r->id<ProjectId>(2), {r->instant(3), r->instant(4)}},
      r->str(5)};
}

namespace {
// The order in which rostered_at meets a volunteer's shifts: by start, end and number.
bool rostered_before(const RosteredShift& a, const RosteredShift& b) {
  return std::tuple(a.time.begin.seconds, a.time.end.seconds, a.id.value) <
         std::tuple(b.time.begin.seconds, b.time.end.seconds, b.id.value);
}

// What the roster reads select of an assignment and its shift, and make of it: the volunteer's
// id, and the shift as matched (kShiftColumns alone for the shifts read without their people).
constexpr std::string_view kShiftColumns =
    "s.id, s.station_id, s.project_id, s.starts_at, s.ends_at";
const std::string kRosteredColumns = "a.volunteer_id, " + std::string(kShiftColumns);
RosteredShift rostered_of(Rows& r) {
  return {r.id<ShiftId>(1), r.id<StationId>(2), r.id<ProjectId>(3), {r.instant(4), r.instant(5)}};
}
void sort_lists(std::unordered_map<std::int64_t, std::vector<RosteredShift>>& by_volunteer) {
  for (auto& [_, list] : by_volunteer) std::sort(list.begin(), list.end(), rostered_before);
}

// rostered_at's conditions; the station's shifts first (CROSS JOIN keeps SQLite to that order),
// each one's people by the UNIQUE (shift, volunteer) index; optionally only those starting in
// (after, until] (shifts_by_station_time).
std::unordered_map<std::int64_t, std::vector<RosteredShift>> rostered_of_station(
    Connection& db, StationId st, std::optional<std::pair<Instant, Instant>> starting) {
  // Made once: the connection finds a statement made before by its text's address first.
  static const std::string all = "SELECT " + kRosteredColumns +
                                 " FROM shifts s CROSS JOIN assignments a WHERE a.shift_id = s.id "
                                 "AND s.station_id = ? AND s.cancelled = 0 "
                                 "AND a.status <> 'cancelled'";
  static const std::string some = all + " AND s.starts_at > ? AND s.starts_at <= ?";
  auto r = starting ? db.query(some, params(st, starting->first, starting->second))
                    : db.query(all, params(st));
  std::unordered_map<std::int64_t, std::vector<RosteredShift>> out;
  while (r->next()) out[r->i64(0)].push_back(rostered_of(*r));
  sort_lists(out);
  return out;
}
}  // namespace

std::unordered_map<std::int64_t, std::vector<RosteredShift>> rostered_at_station(Connection& db,
                                                                                 StationId st) {
  return rostered_of_station(db, st, std::nullopt);
}

std::optional<DistrictRoster> rostered_in_district(Connection& db, std::int64_t limit) {
  // The largest keys bound how many there are, without counting them.
  const std::int64_t most_shifts = db.scalar("SELECT max(id) FROM shifts").value_or(0);
  if (db.scalar("SELECT max(id) FROM assignments").value_or(0) > limit || most_shifts > limit)
    return std::nullopt;
  // Each table read once in its own order and joined here by shift id: SQLite's seek of every
  // assignment's shift by its key cost about as much as the two passes together.
  std::vector<RosteredShift> live;  // by id
  live.reserve(
      std::size_t(most_shifts));  // at most: grown, the vector was copied and touched twice
  for (auto s = db.query("SELECT NULL, " + std::string(kShiftColumns) +
                         " FROM shifts s WHERE s.cancelled = 0 ORDER BY s.id");
       s->next();)
    live.push_back(rostered_of(*s));  // no volunteer's: column 0 is not read
  DistrictRoster out;
  auto at = live.end();  // the row's shift: a shift's assignments mostly come together
  for (auto a =
           db.query("SELECT volunteer_id, shift_id FROM assignments WHERE status <> 'cancelled'");
       a->next();) {
    const std::int64_t shift = a->i64(1);
    if (at == live.end() || at->id.value != shift)
      at =
          std::lower_bound(live.begin(), live.end(), shift,
                           [](const RosteredShift& s, std::int64_t id) { return s.id.value < id; });
    if (at == live.end() || at->id.value != shift) continue;  // a cancelled shift's
    out[at->station.value][a->i64(0)].push_back(*at);
  }
  for (auto& [_, station] : out) sort_lists(station);
  // The two tables' pages were read once (a large import's page cache keeps them otherwise): their
  // memory goes back to the heap, for the pages the import writes.
  if (db.backend() == "sqlite") db.execute("PRAGMA shrink_memory");
  return out;
}

// rostered_at's conditions, over one volunteer's list from rostered_at_station.
std::optional<RosteredShift> rostered_match(const std::vector<RosteredShift>& rostered,
                                            StationId st, Instant t, int early_minutes,
                                            std::optional<ProjectId> project) {
  constexpr std::int64_t kDay = 24 * 60 * 60;
  std::int64_t after = t.seconds - kDay, latest = t.seconds + std::int64_t(early_minutes) * 60;
  auto it = std::upper_bound(rostered.begin(), rostered.end(), after,
                             [](std::int64_t a, const RosteredShift& s) { return a < s.time.begin.seconds; });
  for (; it != rostered.end() && it->time.begin.seconds <= latest; ++it)
    if (it->station == st && t < it->time.end && (!project || it->project == *project)) return *it;
  return std::nullopt;
}

}  // namespace shifts

namespace setup_changes {

std::optional<std::int64_t> count(Connection& db) {
  if (db.backend() != "sqlite") return std::nullopt;
  return db.scalar("SELECT n FROM setup_changes");
}

std::optional<Stamp> stamp(Connection& db) {
  try {
    // Two statements: the table-valued pragma_schema_version prepares its PRAGMA anew each run.
    auto changes = count(db);  // none on PostgreSQL
    if (!changes) return std::nullopt;
    return Stamp{*changes, db.scalar("PRAGMA schema_version").value_or(0)};
  } catch (const StoreError& e) {
    if (e.fault() == StoreFault::busy) throw;
    return std::nullopt;  // no such table: read everything every turn, as on PostgreSQL
  }
}

void count_change(Connection& db) {
  if (db.backend() == "sqlite") db.execute("UPDATE setup_changes SET n = n + 1");
}

std::unordered_map<std::int64_t, std::vector<shifts::RosteredShift>> rostered_starting(
    Connection& db, StationId st, Instant after, Instant until) {
  return shifts::rostered_of_station(db, st, std::pair(after, until));
}

}  // namespace setup_changes
}  // namespace vstation::store
