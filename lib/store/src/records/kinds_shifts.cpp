// Record kind: dated shifts (their times in the station's zone, the one-project clash, a begun
// shift's record, a retired project's future), written many to a statement by a large import.

#include "bulk_rows.hpp"
#include "records/credit_guard.hpp"
#include "records/field_parsers.hpp"
#include "records/pending_rows.hpp"
#include "records/shift_index.hpp"
#include "records/typed_kind.hpp"
#include "vstation/domain/audit_text.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/store/assignment_policy.hpp"
#include "vstation/store/day_totals.hpp"
#include "vstation/store/project_shifts.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/setup_changes.hpp"

namespace vstation::store {
namespace {

constexpr Msg kOverfilled{
    "shift {} has {} people on it; take some off first ('vstation roster unassign')",
    "班次 {} 上已有 {} 人；请先移除部分人员（“vstation roster unassign”）"};
constexpr Msg kBegunOverfilled{
    "shift {} began at {} with {} people on it: who is on it is the record of who served, so it "
    "keeps their places",
    "班次 {0} 已于 {1} 开始，其上已有 {2} 人：这些人员是服务记录，名额须为他们保留"};
constexpr Msg kBegunStays{
    "shift {} began at {} with people on it or checked in, who are the record of who served: it "
    "cannot move to a start still to come",
    "班次 {0} 已于 {1} 开始，其上人员或签到者是服务记录：不能改到尚未到来的时间开始"};
constexpr Msg kTookPlace{
    "volunteers have checked in on shift {}, which began at {}: it took place and cannot be "
    "cancelled",
    "已有志愿者在班次 {0}（{1} 开始）签到：该班次已进行，不能取消"};
constexpr Msg kCancelledThere{
    "cancelled shift {} of the same project starts then: restore it instead ('vstation shift "
    "edit {} --cancelled no')",
    "同一项目已取消的班次 {0} 在该时间开始：请改为恢复它（“vstation shift edit {1} --cancelled "
    "no”）"};
constexpr Msg kRetiredProject{
    "project {} is retired: it takes no shift still to come (restore it first: 'vstation project "
    "edit {} --retired no')",
    "项目 {0} 已停用：不能再安排尚未进行的班次（请先恢复它：“vstation project edit {1} --retired "
    "no”）"};
constexpr Msg kMovesOnto{"the new time clashes: {}", "新时间冲突：{}"};
constexpr Msg kCheckedInHere{
    "volunteers have checked in on shift {} at {}: it cannot move to another station (cancel it "
    "and add a shift there)",
    "已有志愿者在 {1} 签到班次 {0}，不能改到其他站点（请取消它，并在新站点添加班次）"};
constexpr Msg kNotNumber{"'{}' is not a shift number", "“{}”不是班次号"};
constexpr Msg kClocksSkip{
    "{} {}–{} does not happen at this station: its clocks skip that time "
    "(daylight saving time)",
    "{} {}–{} 在本站并不存在：时钟跳过了这段时间（夏令时）"};

// A shift as people write it: a local date and times at its station.
struct ShiftRow {
  Shift shift;
  Date date;
  TimeOfDay start;
  TimeOfDay end;
};

ShiftRow to_row(const Shift& s, Lookup& l) {
  TimeZone off = l.station_record(s.station).zone;
  TimeOfDay end = local_time(s.time.end, off);
  if (end.minutes == 0 && s.time.end > s.time.begin) end = TimeOfDay{24 * 60};
  return {s, local_date(s.time.begin, off), local_time(s.time.begin, off), end};
}

void resolve_time(ShiftRow& r, Lookup& l) {
  if (r.end <= r.start) throw FieldError("end", Text(kEndNotAfterStart));
  TimeZone off = l.station_record(r.shift.station).zone;
  r.shift.time = {at_local(r.date, r.start, off), at_local(r.date, r.end, off)};
  // A time in the hour skipped by a daylight-saving change reads as the hour after it: refused,
  // as the shift would not be the one written (01:30-03:00 would run 02:30-03:00).
  const auto skipped = [&](Instant t, TimeOfDay written) {
    return written.minutes < 24 * 60 && local_time(t, off).minutes != written.minutes;
  };
  const bool start_skipped = skipped(r.shift.time.begin, r.start);
  const bool end_skipped = skipped(r.shift.time.end, r.end);
  if (r.shift.time.end <= r.shift.time.begin || start_skipped || end_skipped)
    throw FieldError(end_skipped && !start_skipped ? "end" : "start",
                     Text::of(kClocksSkip, r.date.iso(), r.start.hhmm(), r.end.hhmm()));
}

// A retired project takes no shift still to come, as the roster builder makes none from its
// templates: a shift added, moved or restored onto its future would put people on a service the
// station no longer runs. Its past stays open (a station's history imported, a shift corrected).
// `field`: the one the change came by (a new shift's project; an edit's date, time or restoring).
void refuse_retired_project(const ShiftRow& r, Lookup& l, std::string_view field = "project") {
  if (r.shift.cancelled || r.shift.time.end <= l.now()) return;
  const Project& p = l.project_record(r.shift.project);
  if (p.retired) throw FieldError(std::string(field), Text::of(kRetiredProject, p.code, p.code));
}

// A shift the store refuses (it overlaps another of its project) is the start's problem; the
// database failing is not.
template <class F>
void said_of_start(F write) {
  try {
    write();
  } catch (const StoreError&) {
    throw;
  } catch (const DataError& e) {
    throw FieldError("start", e.text());
  }
}

// A session moved with its shift to the shift's corrected project, in the audit trail.
void follow_project(Connection& db, Lookup& l, const Session& before, ProjectId project) {
  Session after = before;
  after.project = project;
  sessions::update(db, before, after);
  AuditEntry e;
  e.at = l.now();
  e.actor = l.actor();
  e.entity = "session";
  e.entity_id = before.id.value;
  e.action = audit_text::kShiftEdit.en;
  std::string was = before.project ? l.project_code(*before.project) : std::string("-");
  e.reason = audit_text::stored(audit_text::kShiftProjectMoved, before.shift->value, was,
                                l.project_code(project));
  e.old_value = was;
  e.new_value = l.project_code(project);
  l.append_audit(e);
}

// A large import's shifts, written many to a statement (records/pending_rows.hpp): the import
// reads the table only through its ShiftIndex, which has them, and k.find, which has them written
// first.
using PendingShifts = PendingRows<
    StoredRows<Shift, &shifts::next_id, &shifts::values_with_ids, &shifts::insert_values>>;

using S = Field<ShiftRow>;
}  // namespace

std::unique_ptr<RecordKind> shift_kind() {
  KindSpec<ShiftRow> k;
  k.name = "shifts";
  k.singular = "shift";
  k.title = {"shifts", "班次"};
  k.noun = {"shift", "班次"};
  k.fields = {
      S{{"id",
         "班次号",
         {"shift number (assigned when added)", "班次号（添加时分配）"},
         false,
         true},
        [](ShiftRow&, std::string_view, Lookup&) {},
        [](const ShiftRow& r, Lookup&) { return std::to_string(r.shift.id.value); }},
      S{{"station", "站点", {"station code", "站点代码"}, true},
        [](ShiftRow& r, std::string_view v, Lookup& l) { r.shift.station = l.station(v); },
        [](const ShiftRow& r, Lookup& l) { return l.station_code(r.shift.station); }},
      S{{"project", "项目编号", {"project code", "项目编号"}, true},
        [](ShiftRow& r, std::string_view v, Lookup& l) { r.shift.project = l.project(v); },
        [](const ShiftRow& r, Lookup& l) { return l.project_code(r.shift.project); }},
      S{{"date", "日期", {"date", "日期"}, true},
        [](ShiftRow& r, std::string_view v, Lookup&) { r.date = parse_date(v); },
        [](const ShiftRow& r, Lookup&) { return r.date.iso(); }},
      S{{"start", "开始时间", {"start time", "开始时间"}, true},
        [](ShiftRow& r, std::string_view v, Lookup&) { r.start = cells::start_time(v); },
        [](const ShiftRow& r, Lookup&) { return r.start.hhmm(); }},
      S{{"end", "结束时间", {"end time", "结束时间"}, true},
        [](ShiftRow& r, std::string_view v, Lookup&) { r.end = parse_time_of_day(v); },
        [](const ShiftRow& r, Lookup&) { return r.end.hhmm(); }},
      S{{"slots", "名额", {"volunteers needed", "所需人数"}, true},
        [](ShiftRow& r, std::string_view v, Lookup&) {
          r.shift.slots = cells::integer(v, 1, 1000);
        },
        [](const ShiftRow& r, Lookup&) { return std::to_string(r.shift.slots); }},
      S{{"priority", "优先级", {"weight of an unfilled slot", "空缺权重"}},
        [](ShiftRow& r, std::string_view v, Lookup&) {
          r.shift.priority = cells::integer(v, 1, 100);
        },
        [](const ShiftRow& r, Lookup&) { return std::to_string(r.shift.priority); }},
      S{{"minimums", "技能要求", {"per-skill minimums", "技能最低人数"}},
        [](ShiftRow& r, std::string_view v, Lookup& l) {
          r.shift.minimums = cells::minimums(v, l);
        },
        [](const ShiftRow& r, Lookup& l) { return cells::minimums_text(r.shift.minimums, l); }},
      yes_no_labelled(
          S{{"cancelled", "已取消", {"cancelled", "已取消"}},
            [](ShiftRow& r, std::string_view v, Lookup&) { r.shift.cancelled = cells::yes_no(v); },
            [](const ShiftRow& r, Lookup&) { return cells::yes_no_text(r.shift.cancelled); }}),
  };
  // The clash check is answered from memory (ShiftIndex), its first read of a station by the
  // UNIQUE (station, project, start) index, which stays. The day totals of the added shifts and
  // their projects' uncancelled shifts are counted once at the end, and the count of changes a
  // kiosk keeps its roster by moved once (their insert triggers, schemas 24, 25 and 27, are set
  // aside meanwhile). A row's station, project and minimums' skills are each found before it is
  // written (Lookup), so SQLite need not probe them again; its rows are written many to a
  // statement, behind.
  k.bulk = {
      "shifts",
      {},
      {"shifts_day_insert", "shifts_project_insert", "shifts_setup_insert"},
      [](Connection& db, Lookup*, std::int64_t after, const std::function<void()>& build_indexes) {
        build_indexes();  // the sums read the new shifts back: nothing to count meanwhile
        day_totals::add_shifts_after(db, after);
        project_shifts::add_shifts_after(db, after);
        setup_changes::count_change(db);
      },
      &write_behind_from_here<PendingShifts>,
      true};
  k.insert = [](Connection& db, Lookup& l, ShiftRow& r) {
    resolve_time(r, l);
    refuse_retired_project(r, l);
    auto& index = l.scratch<ShiftIndex>();
    said_of_start([&] { shifts::refuse(db, r.shift, index.clash(db, l, r.shift)); });
    // A cancelled shift occupies no time, but it keeps its start (its people are on record).
    if (auto there = index.cancelled_at(r.shift))
      throw FieldError("start", Text::of(kCancelledThere, there->value, there->value));
    auto& pending = l.scratch<PendingShifts>();
    index.added(pending.open() ? pending.add(db, r.shift, l.line())
                               : shifts::insert(db, r.shift, std::nullopt),
                r.shift);
  };
  k.find = [](Connection& db, Lookup& l, std::string_view key) -> std::optional<ShiftRow> {
    l.write_waiting();  // a shift of the import still waiting is found too
    long long id = 0;
    if (!parse_int(key, id)) throw DataError(kNotNumber, key);
    auto s = shifts::get(db, ShiftId{id});
    if (!s) return std::nullopt;
    return to_row(*s, l);
  };
  k.update = [](Connection& db, Lookup& l, const ShiftRow& r) {
    ShiftRow copy = r;
    resolve_time(copy, l);
    auto people = assignments::of_shift(db, copy.shift.id);
    std::erase_if(people,
                  [](const Assignment& a) { return a.status == AssignmentStatus::cancelled; });
    auto stored = shifts::get(db, copy.shift.id);
    // A future shift the project had when it was retired may still be changed or cancelled; one
    // brought onto it (another project, another time, restored) may not.
    if (!stored || stored->project != copy.shift.project)
      refuse_retired_project(copy, l);
    else if (const ShiftRow was = to_row(*stored, l); stored->time != copy.shift.time)
      refuse_retired_project(copy, l,
                             was.date != copy.date     ? "date"
                             : was.start != copy.start ? "start"
                                                       : "end");
    else if (stored->cancelled)
      refuse_retired_project(copy, l, "cancelled");
    // Once a shift has begun, who is on it and who checked in are the record of who served
    // (design.md, "begun shift"): it may be corrected, but not moved out of the past with its
    // people, nor cancelled once it took place. A shift nobody served may still be called off
    // after the fact (a typhoon), and its people with it.
    const bool begun = stored && !stored->cancelled && stored->begun_by(l.now());
    const auto zone = [&] { return l.station_record(stored->station).zone; };
    const auto began = [&] { return format_local(stored->time.begin, zone()); };
    // Its sessions, read once if a rule needs them (a scan: no index holds a shift's sessions).
    std::optional<std::vector<Session>> on_shift;
    const auto recorded = [&]() -> const std::vector<Session>& {
      if (!on_shift) on_shift = sessions::of_shift(db, copy.shift.id);
      return *on_shift;
    };
    // What a move of the shift is said of: its date, else its start, else its end.
    const auto moved = [&] {
      return copy.date != local_date(stored->time.begin, zone()) ? "date"
             : stored->time.begin != copy.shift.time.begin       ? "start"
                                                                 : "end";
    };
    if (begun && !copy.shift.cancelled && !copy.shift.begun_by(l.now()) &&
        (!people.empty() || !recorded().empty()))
      throw FieldError(moved(), Text::of(kBegunStays, copy.shift.id.value, began()));
    if (begun && copy.shift.cancelled && !recorded().empty())
      throw FieldError("cancelled", Text::of(kTookPlace, copy.shift.id.value, began()));
    if (stored && stored->time != copy.shift.time)
      refuse_credit_change(
          recorded(), [&](const Session&) { return std::optional(copy.shift.time); },
          l.station_record(stored->station).settings, moved());
    if (!copy.shift.cancelled) {
      // The people already on it must still fit: its places, and their other shifts.
      if (int(people.size()) > copy.shift.slots && begun)
        throw FieldError("slots",
                         Text::of(kBegunOverfilled, copy.shift.id.value, began(), people.size()));
      if (int(people.size()) > copy.shift.slots)
        throw FieldError("slots", Text::of(kOverfilled, copy.shift.id.value, people.size()));
      for (const auto& a : people)
        for (const auto& b : assignment_breaks(db, l, a.volunteer, copy.shift))
          if (b.rule == PersonRule::overlap)
            throw FieldError("start", Text::of(kMovesOnto, b.detail));
    }
    // Its sessions were recorded where the volunteers checked in, so the shift stays at that
    // station; a session's project is its shift's, so they follow a corrected project.
    const bool relocated =
        stored && (stored->station != copy.shift.station || stored->project != copy.shift.project);
    const std::vector<Session> follow = relocated ? recorded() : std::vector<Session>{};
    if (!follow.empty() && stored->station != copy.shift.station)
      throw FieldError("station", Text::of(kCheckedInHere, copy.shift.id.value,
                                           l.station_code(stored->station)));
    said_of_start([&] { shifts::update(db, copy.shift); });
    for (const auto& before : follow) follow_project(db, l, before, copy.shift.project);
    // A cancelled shift takes its people with it (kept on record as cancelled).
    if (copy.shift.cancelled) assignments::cancel_on_shift(db, copy.shift.id);
  };
  k.retire = [](ShiftRow& r) { r.shift.cancelled = true; };
  k.all = [](Connection& db, Lookup& l, const ListFilter& f) {
    std::vector<ShiftRow> out;
    for (const auto& s : shifts::all(db, f)) out.push_back(to_row(s, l));
    return out;
  };
  k.filters = {.station = true, .days = true};
  return make_kind(std::move(k));
}

}  // namespace vstation::store
