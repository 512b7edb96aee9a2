// Record kinds: weekly availability (with dated exceptions) and roster assignments.

#include "bulk_rows.hpp"
#include "records/field_parsers.hpp"
#include "records/pending_rows.hpp"
#include "records/roster_index.hpp"
#include "records/typed_kind.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/store/assignment_policy.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/setup_changes.hpp"

namespace vstation::store {
namespace {

// "Sat" as people read it (周六); a date is shown as it is.
std::optional<Msg> weekday_label_for_code(std::string_view code) {
  for (int d = 0; d < 7; ++d)
    if (weekday_code(Weekday(d)) == code) return weekday_label(Weekday(d));
  return std::nullopt;
}

constexpr Msg kWeeklyNo{"a weekday cannot be marked unavailable; leave it out, or give a date",
                        "不能将某个星期几标为不可用；请省略该行，或填写具体日期"};
constexpr Msg kPreferenceWeekly{"a preference belongs to a weekly window, not to a dated exception",
                                "偏好只适用于每周时段，不适用于具体日期的例外"};
constexpr Msg kBothOrNeither{"give both start and end, or neither for the whole day",
                             "开始和结束时间要么都填，要么都不填（表示全天）"};
constexpr Msg kSameWindow{"the weekly window {} ({} {}–{}, {}) already offers this time",
                          "每周时段 {}（{} {}–{}，{}）已包含这个时间"};
constexpr Msg kOverlapWindow{
    "this overlaps the weekly window {} ({} {}–{}, {}): change or remove that one, or give a "
    "time that does not overlap it",
    "与每周时段 {}（{} {}–{}，{}）重叠：请修改或删除该时段，或填写不重叠的时间"};
constexpr Msg kOverlapException{
    "this overlaps the dated exception {} ({} {}): change or remove that one, or give a time "
    "that does not overlap it",
    "与具体日期的例外 {}（{} {}）重叠：请修改或删除该例外，或填写不重叠的时间"};
constexpr Msg kWholeDay{"the whole day", "全天"};
constexpr Msg kNoShift{"no shift of project {} at {} starts at {}", "项目 {} 在 {} 没有 {} 开始的班次"};
constexpr Msg kAlreadyOnShift{"{} is already on shift {} ({})", "{} 已在班次 {}（{}）上"};

// One availability row: a weekly window ("W12") or a dated exception ("E3").
struct AvailabilityRow {
  std::string key;  // assigned by the database; empty until stored
  VolunteerId volunteer;
  std::optional<Weekday> weekday;
  std::optional<Date> date;
  std::optional<TimeOfDay> start;
  std::optional<TimeOfDay> end;
  bool available = true;
  Preference preference = Preference::ok;
};

AvailabilityRow from_window(const AvailabilityWindow& w) {
  return {"W" + std::to_string(w.id.value), w.volunteer, w.day, std::nullopt, w.start, w.end, true,
          w.preference};
}

AvailabilityRow from_exception(const AvailabilityException& e) {
  return {"E" + std::to_string(e.id.value), e.volunteer, std::nullopt, e.date, e.start, e.end, e.available,
          Preference::ok};
}

// A volunteer's weekly windows on one weekday do not overlap (touching is fine: 09:00–12:00
// and 12:00–15:00): a second window over the same time would leave its preference to chance
// (ok or prefer or avoid?), so it is refused, naming the window in the way, rather than
// merged. An edit is not compared with the window it replaces.
void refuse_overlap(Connection& db, const AvailabilityWindow& w) {
  for (const auto& o : availability::windows(db, w.volunteer)) {
    if (o.id == w.id || o.day != w.day || !(o.start < w.end && w.start < o.end)) continue;
    const bool same = o.start == w.start && o.end == w.end;
    throw FieldError(same ? "day" : "start",
                     Text::of(same ? kSameWindow : kOverlapWindow, "W" + std::to_string(o.id.value),
                              Text(weekday_label(o.day)), o.start.hhmm(), o.end.hhmm(),
                              label_of(o.preference)));
  }
}

// The same for a volunteer's dated exceptions: two over the same time of one date (say one
// available 09:00-12:00, one unavailable the whole day) would leave the planner to pick one.
void refuse_overlap(Connection& db, const AvailabilityException& e) {
  constexpr TimeOfDay kMidnight{0}, kDayEnd{24 * 60};
  const TimeOfDay start = e.start.value_or(kMidnight), end = e.end.value_or(kDayEnd);
  for (const auto& o : availability::exceptions(db, e.volunteer)) {
    const bool overlaps = o.start.value_or(kMidnight) < end && start < o.end.value_or(kDayEnd);
    if (o.id == e.id || o.date != e.date || !overlaps) continue;
    throw FieldError(e.start ? "start" : "day",
                     Text::of(kOverlapException, "E" + std::to_string(o.id.value), o.date.iso(),
                              o.start ? TextArg(o.start->hhmm() + "–" + o.end->hhmm())
                                      : TextArg(Text(kWholeDay))));
  }
}

// Checks the row and stores it as a window or an exception: in place when `id` names a record
// of the same kind, else as a new one.
void store_availability(Connection& db, const AvailabilityRow& r, AvailabilityId id = {}) {
  if (r.start.has_value() != r.end.has_value()) throw FieldError("end", Text(kBothOrNeither));
  if (r.start && *r.end <= *r.start) throw FieldError("end", Text(kEndNotAfterStart));
  if (r.weekday) {
    if (!r.available) throw FieldError("available", Text(kWeeklyNo));
    // A weekday without times offers the whole day.
    AvailabilityWindow w{id, r.volunteer, *r.weekday, r.start.value_or(TimeOfDay{0}),
                         r.end.value_or(TimeOfDay{24 * 60}), r.preference};
    refuse_overlap(db, w);
    if (id.valid()) availability::update_window(db, w);
    else availability::insert_window(db, w);
  } else {
    if (r.preference != Preference::ok) throw FieldError("preference", Text(kPreferenceWeekly));
    AvailabilityException e{id, r.volunteer, *r.date, r.start, r.end, r.available};
    refuse_overlap(db, e);
    if (id.valid()) availability::update_exception(db, e);
    else availability::insert_exception(db, e);
  }
}

void remove_availability(Connection& db, const std::string& key) {
  AvailabilityId id{std::stoll(key.substr(1))};
  if (key[0] == 'W') availability::remove_window(db, id);
  else availability::remove_exception(db, id);
}

using A = Field<AvailabilityRow>;
std::unique_ptr<RecordKind> availability_kind() {
  KindSpec<AvailabilityRow> k;
  k.name = "availability";
  k.singular = "availability";
  k.title = {"availability", "可用时间"};
  k.noun = {"availability window", "可用时段"};
  k.fields = {
      A{{"id", "编号", {"W12 for a weekly window, E3 for an exception (assigned when added)", "每周时段为 W12，例外为 E3（添加时分配）"}, false, true},
        [](AvailabilityRow&, std::string_view, Lookup&) {},
        [](const AvailabilityRow& r, Lookup&) { return r.key; }},
      A{{"volunteer", "志愿者编号", {"volunteer number", "志愿者编号"}, true},
        [](AvailabilityRow& r, std::string_view v, Lookup& l) { r.volunteer = l.volunteer(v); },
        [](const AvailabilityRow& r, Lookup& l) { return l.volunteer_number(r.volunteer); }},
      labelled_by(A{{"day", "日期或星期", {"a weekday (weekly) or a date (exception)", "星期几（每周）或具体日期（例外）"}, true},
        [](AvailabilityRow& r, std::string_view v, Lookup&) {
          r.weekday.reset();
          r.date.reset();
          if (v.size() == 10 && v[4] == '-') r.date = parse_date(v);
          else r.weekday = parse_weekday(v);
        },
        [](const AvailabilityRow& r, Lookup&) {
          return r.date ? r.date->iso() : std::string(weekday_code(*r.weekday));
        }}, &weekday_label_for_code),
      A{{"start", "开始时间", {"start time", "开始时间"}},
        [](AvailabilityRow& r, std::string_view v, Lookup&) { r.start = cells::start_time(v); },
        [](const AvailabilityRow& r, Lookup&) { return r.start ? r.start->hhmm() : ""; }},
      A{{"end", "结束时间", {"end time", "结束时间"}},
        [](AvailabilityRow& r, std::string_view v, Lookup&) { r.end = parse_time_of_day(v); },
        [](const AvailabilityRow& r, Lookup&) { return r.end ? r.end->hhmm() : ""; }},
      yes_no_labelled(A{{"available", "可用", {"yes (default) or no", "是（默认）或否"}},
        [](AvailabilityRow& r, std::string_view v, Lookup&) { r.available = cells::yes_no(v); },
        [](const AvailabilityRow& r, Lookup&) { return cells::yes_no_text(r.available); }}),
      labelled<Preference>(A{{"preference", "偏好", {"weekly windows: ok (default), prefer or avoid", "每周时段：ok（默认）、prefer 或 avoid"}},
        [](AvailabilityRow& r, std::string_view v, Lookup&) { r.preference = parse_enum<Preference>(v); },
        [](const AvailabilityRow& r, Lookup&) {
          return r.weekday ? std::string(code_of(r.preference)) : std::string();
        }}),
  };
  k.insert = [](Connection& db, Lookup&, AvailabilityRow& r) { store_availability(db, r); };
  k.find = [](Connection& db, Lookup&, std::string_view key) -> std::optional<AvailabilityRow> {
    long long n = 0;
    if (key.size() < 2 || (key[0] != 'W' && key[0] != 'E') || !parse_int(key.substr(1), n)) return std::nullopt;
    if (key[0] == 'W') {
      if (auto w = availability::window(db, AvailabilityId{n})) return from_window(*w);
    } else if (auto e = availability::exception(db, AvailabilityId{n})) {
      return from_exception(*e);
    }
    return std::nullopt;
  };
  // An edit keeps the record; a window that becomes a dated exception (or back) is replaced.
  k.update = [](Connection& db, Lookup&, const AvailabilityRow& r) {
    bool same_kind = (r.key[0] == 'W') == r.weekday.has_value();
    if (same_kind) {
      store_availability(db, r, AvailabilityId{std::stoll(r.key.substr(1))});
      return;
    }
    remove_availability(db, r.key);
    store_availability(db, r);
  };
  k.remove = [](Connection& db, Lookup&, const AvailabilityRow& r, const RetireRequest&) {
    remove_availability(db, r.key);
  };
  k.all = [](Connection& db, Lookup&, const ListFilter& f) {
    std::vector<AvailabilityRow> out;
    for (const auto& w : availability::windows(db, f.volunteer)) out.push_back(from_window(w));
    for (const auto& e : availability::exceptions(db, f.volunteer)) out.push_back(from_exception(e));
    return out;
  };
  k.filters = {.volunteer = true};
  return make_kind(std::move(k));
}

// An assignment as people write it: the shift named by station, project, date and start.
struct RosterRow {
  Assignment a;
  StationId station;
  ProjectId project;
  Date date;
  TimeOfDay start;
};

// A large import's assignments, written many to a statement (records/pending_rows.hpp): the import
// reads the table only through its RosterIndex, which then holds every volunteer's assignments
// and has the rows it keeps.
using PendingAssignments =
    PendingRows<StoredRows<Assignment, &assignments::next_id, &assignments::values_with_ids,
                           &assignments::insert_values>>;

void roster_outgrown(Connection& db, Lookup& l) {
  l.scratch<RosterIndex>().hold_all(db);
  write_behind_from_here<PendingAssignments>(db, l);
}

using R = Field<RosterRow>;
std::unique_ptr<RecordKind> roster_kind() {
  KindSpec<RosterRow> k;
  k.name = "roster";
  k.singular = "assignment";
  k.title = {"roster assignments", "排班"};
  k.noun = {"roster assignment", "排班"};
  k.fields = {
      R{{"volunteer", "志愿者编号", {"volunteer number", "志愿者编号"}, true},
        [](RosterRow& r, std::string_view v, Lookup& l) { r.a.volunteer = l.volunteer(v); },
        [](const RosterRow& r, Lookup& l) { return l.volunteer_number(r.a.volunteer); }},
      R{{"station", "站点", {"station code", "站点代码"}, true},
        [](RosterRow& r, std::string_view v, Lookup& l) { r.station = l.station(v); },
        [](const RosterRow& r, Lookup& l) { return l.station_code(r.station); }},
      R{{"project", "项目编号", {"project code", "项目编号"}, true},
        [](RosterRow& r, std::string_view v, Lookup& l) { r.project = l.project(v); },
        [](const RosterRow& r, Lookup& l) { return l.project_code(r.project); }},
      R{{"date", "日期", {"the shift's date", "班次日期"}, true},
        [](RosterRow& r, std::string_view v, Lookup&) { r.date = parse_date(v); },
        [](const RosterRow& r, Lookup&) { return r.date.iso(); }},
      R{{"start", "开始时间", {"the shift's start time", "班次开始时间"}, true},
        [](RosterRow& r, std::string_view v, Lookup&) { r.start = cells::start_time(v); },
        [](const RosterRow& r, Lookup&) { return r.start.hhmm(); }},
      labelled<AssignmentStatus>(R{{"status", "状态", {"planned, confirmed, cancelled or no_show", "已排班、已确认、已取消或缺席"}},
        [](RosterRow& r, std::string_view v, Lookup&) { r.a.status = parse_enum<AssignmentStatus>(v); },
        [](const RosterRow& r, Lookup&) { return std::string(code_of(r.a.status)); }}),
      yes_no_labelled(R{{"pinned", "锁定", {"kept as it is by the roster builder", "排班时保持不变"}},
        [](RosterRow& r, std::string_view v, Lookup&) { r.a.pinned = cells::yes_no(v); },
        [](const RosterRow& r, Lookup&) { return cells::yes_no_text(r.a.pinned); }}),
  };
  k.overridable = true;
  k.blank = [] {
    RosterRow r;
    r.a.source = AssignmentSource::manual;
    return r;
  };
  k.insert = [](Connection& db, Lookup& l, RosterRow& r) {
    const Station& st = l.station_record(r.station);
    Instant starts = at_local(r.date, r.start, st.zone);
    // The shift, its places and the volunteer's other shifts come from memory (roster_index.hpp).
    auto& index = l.scratch<RosterIndex>();
    index.make_room(l);
    auto shift = index.shift_at(db, r.station, r.project, starts);
    if (!shift)
      throw FieldError("start", Text::of(kNoShift, l.project_code(r.project), st.code,
                                         format_local(starts, st.zone)));
    r.a.shift = shift->id;
    std::vector<RuleBreak> breaks;
    // A cancelled assignment is a record, kept as it is (an export of a cancelled shift's people
    // comes back so); anyone else is put on the shift under the policy.
    if (r.a.status != AssignmentStatus::cancelled) {
      refuse_cancelled_shift(*shift);
      breaks = assignment_breaks(l, r.a.volunteer, *shift, index.near(db, r.a.volunteer, *shift),
                                 index.taken(db, *shift, r.a.volunteer));
    }
    // The policy's refusals are about the volunteer.
    try {
      if (breaks.size() && !l.override_given()) apply_assignment_policy(db, l, r.a, *shift, breaks, {});
    } catch (const DataError& e) {
      throw FieldError("volunteer", e.text());
    }
    // Refused from memory before it is written, as the UNIQUE (shift, volunteer) index would.
    if (index.on_shift(db, *shift, r.a.volunteer))
      throw FieldError("volunteer", Text::of(kAlreadyOnShift, l.volunteer_number(r.a.volunteer), shift->id.value,
                                             format_local(shift->time.begin, st.zone)));
    auto& pending = l.scratch<PendingAssignments>();
    r.a.id = pending.open() ? pending.add(db, r.a, l.line()) : assignments::insert(db, r.a);
    index.added(r.a, *shift);
    apply_assignment_policy(db, l, r.a, *shift, breaks, l.override_given());
  };
  // A large import moves the count of changes a kiosk keeps its roster by once, its insert
  // trigger (schema 27) set aside meanwhile; the index the policy's checks read by stays. Each
  // row's shift (RosterIndex) and volunteer (Lookup) were found before it is written, so SQLite's
  // probe of them is set aside too (a ninth of the import), and its rows are written many to a
  // statement, behind.
  k.bulk = {"assignments",
            {"assignments_by_volunteer"},
            {"assignments_setup_insert"},
            [](Connection& db, Lookup*, std::int64_t, const std::function<void()>& build_indexes) {
              build_indexes();
              setup_changes::count_change(db);
            },
            &roster_outgrown,
            true};
  k.all = [](Connection& db, Lookup& l, const ListFilter& f) {
    std::vector<RosterRow> out;
    for (const auto& a : assignments::all(db, f)) {
      auto s = shifts::get(db, a.shift);
      TimeZone off = l.station_record(s->station).zone;
      out.push_back({a, s->station, s->project, local_date(s->time.begin, off),
                     local_time(s->time.begin, off)});
    }
    return out;
  };
  k.filters = with_status<AssignmentStatus>({.volunteer = true, .station = true, .days = true});
  return make_kind(std::move(k));
}

}  // namespace

void add_roster_kinds(std::vector<std::unique_ptr<RecordKind>>& out) {
  out.push_back(availability_kind());
  out.push_back(roster_kind());
}

}  // namespace vstation::store
