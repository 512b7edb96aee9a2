// Record kinds: projects, weekly shift templates and dated shifts.

#include "bulk_rows.hpp"
#include "records/code_case.hpp"
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

// A field shown to people by `text` (a set of weekdays: Mon-Fri / 周一至周五).
template <class F>
F with_value_text(std::string (*text)(std::string_view, Lang), F field) {
  field.spec.value_text = text;
  return field;
}

constexpr Msg kEndsBeforeStarts{"ends before it starts", "结束早于开始"};
constexpr Msg kEndNotAfterStart{"the end time must be after the start time", "结束时间必须晚于开始时间"};
constexpr Msg kOverfilled{"shift {} has {} people on it; take some off first ('vstation roster unassign')",
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
constexpr Msg kMovesOnto{"the new time clashes: {}", "新时间冲突：{}"};
constexpr Msg kCheckedInHere{
    "volunteers have checked in on shift {} at {}: it cannot move to another station (cancel it "
    "and add a shift there)",
    "已有志愿者在 {1} 签到班次 {0}，不能改到其他站点（请取消它，并在新站点添加班次）"};
constexpr Msg kNotNumber{"'{}' is not a shift number", "“{}”不是班次号"};
constexpr Msg kClocksSkip{"{} {}–{} does not happen at this station: its clocks skip that time "
                          "(daylight saving time)",
                          "{} {}–{} 在本站并不存在：时钟跳过了这段时间（夏令时）"};

using P = Field<Project>;
std::unique_ptr<RecordKind> project_kind() {
  KindSpec<Project> k;
  k.name = "projects";
  k.singular = "project";
  k.title = {"projects", "服务项目"};
  k.noun = {"project", "服务项目"};
  k.fields = {
      P{{"code", "项目编号", {"project code (P001)", "项目编号（P001）"}, true, true},
        [](Project& r, std::string_view v, Lookup&) { r.code = cells::code(v); },
        [](const Project& r, Lookup&) { return r.code; }},
      P{{"station", "站点", {"station code", "站点代码"}, true},
        [](Project& r, std::string_view v, Lookup& l) { r.station = l.station(v); },
        [](const Project& r, Lookup& l) { return l.station_code(r.station); }},
      P{{"name", "名称", {"project name", "项目名称"}, true},
        [](Project& r, std::string_view v, Lookup&) { r.name = v; },
        [](const Project& r, Lookup&) { return r.name; }},
      labelled<Category>(P{{"category", "类别", {"service category", "服务类别"}, true},
        [](Project& r, std::string_view v, Lookup&) { r.category = parse_enum<Category>(v); },
        [](const Project& r, Lookup&) { return std::string(code_of(r.category)); }}),
      P{{"published", "发布日期", {"date published", "发布日期"}, true},
        [](Project& r, std::string_view v, Lookup&) { r.published = parse_date(v); },
        [](const Project& r, Lookup&) { return r.published.iso(); }},
      P{{"starts", "开始日期", {"first day", "开始日期"}, true},
        [](Project& r, std::string_view v, Lookup&) { r.starts = parse_date(v); },
        [](const Project& r, Lookup&) { return r.starts.iso(); }},
      P{{"ends", "结束日期", {"last day (empty: open-ended)", "结束日期（空：长期）"}},
        [](Project& r, std::string_view v, Lookup&) { r.ends = cells::optional_date(v); },
        [](const Project& r, Lookup&) { return cells::date_text(r.ends); }},
      P{{"description", "说明", {"description", "说明"}},
        [](Project& r, std::string_view v, Lookup&) { r.description = v; },
        [](const Project& r, Lookup&) { return r.description; }},
      yes_no_labelled(P{{"retired", "已停用", {"withdrawn", "已撤销"}},
        [](Project& r, std::string_view v, Lookup&) { r.retired = cells::yes_no(v); },
        [](const Project& r, Lookup&) { return cells::yes_no_text(r.retired); }}),
  };
  auto validate = [](const Project& p) {
    if (p.ends && *p.ends < p.starts) throw FieldError("ends", Text(kEndsBeforeStarts));
  };
  k.insert = [validate](Connection& db, Lookup& l, Project& p) {
    validate(p);
    unique_code_or(db, l, CodeTable::projects, "code", p.code,
                   [&] { return projects::insert(db, p); });
  };
  k.find = [](Connection& db, Lookup&, std::string_view key) { return projects::find(db, key); };
  k.update = [validate](Connection& db, Lookup&, const Project& p) {
    validate(p);
    projects::update(db, p);
  };
  k.retire = [](Project& p) { p.retired = true; };
  k.all = [](Connection& db, Lookup&, const ListFilter& f) { return projects::all(db, f); };
  k.filters = {.station = true};
  return make_kind(std::move(k));
}

using T = Field<ShiftTemplate>;
std::unique_ptr<RecordKind> template_kind() {
  KindSpec<ShiftTemplate> k;
  k.name = "templates";
  k.singular = "template";
  k.title = {"shift templates", "班次模板"};
  k.noun = {"shift template", "班次模板"};
  k.fields = {
      T{{"code", "模板编号", {"template code", "模板编号"}, true, true},
        [](ShiftTemplate& r, std::string_view v, Lookup&) { r.code = cells::code(v); },
        [](const ShiftTemplate& r, Lookup&) { return r.code; }},
      T{{"station", "站点", {"station code", "站点代码"}, true},
        [](ShiftTemplate& r, std::string_view v, Lookup& l) { r.station = l.station(v); },
        [](const ShiftTemplate& r, Lookup& l) { return l.station_code(r.station); }},
      T{{"project", "项目编号", {"project code", "项目编号"}, true},
        [](ShiftTemplate& r, std::string_view v, Lookup& l) { r.project = l.project(v); },
        [](const ShiftTemplate& r, Lookup& l) { return l.project_code(r.project); }},
      with_value_text(&cells::weekday_set_label, T{{"weekdays", "星期", {"days it runs (Mon-Fri, Sat,Sun, daily)", "运行日（Mon-Fri、Sat,Sun、daily）"}, true},
        [](ShiftTemplate& r, std::string_view v, Lookup&) { r.weekdays = cells::weekday_set(v); },
        [](const ShiftTemplate& r, Lookup&) { return cells::weekday_set_text(r.weekdays); }}),
      T{{"start", "开始时间", {"start time (09:00)", "开始时间（09:00）"}, true},
        [](ShiftTemplate& r, std::string_view v, Lookup&) { r.start = cells::start_time(v); },
        [](const ShiftTemplate& r, Lookup&) { return r.start.hhmm(); }},
      T{{"end", "结束时间", {"end time (12:00)", "结束时间（12:00）"}, true},
        [](ShiftTemplate& r, std::string_view v, Lookup&) { r.end = parse_time_of_day(v); },
        [](const ShiftTemplate& r, Lookup&) { return r.end.hhmm(); }},
      T{{"slots", "名额", {"volunteers needed", "所需人数"}, true},
        [](ShiftTemplate& r, std::string_view v, Lookup&) { r.slots = cells::integer(v, 1, 1000); },
        [](const ShiftTemplate& r, Lookup&) { return std::to_string(r.slots); }},
      T{{"priority", "优先级", {"weight of an unfilled slot (1 = normal)", "空缺权重（1 为普通）"}},
        [](ShiftTemplate& r, std::string_view v, Lookup&) { r.priority = cells::integer(v, 1, 100); },
        [](const ShiftTemplate& r, Lookup&) { return std::to_string(r.priority); }},
      T{{"minimums", "技能要求", {"per-skill minimums (first_aid:1)", "技能最低人数（first_aid:1）"}},
        [](ShiftTemplate& r, std::string_view v, Lookup& l) { r.minimums = cells::minimums(v, l); },
        [](const ShiftTemplate& r, Lookup& l) { return cells::minimums_text(r.minimums, l); }},
      T{{"valid_from", "生效日期", {"first day it applies", "生效日期"}, true},
        [](ShiftTemplate& r, std::string_view v, Lookup&) { r.valid_from = parse_date(v); },
        [](const ShiftTemplate& r, Lookup&) { return r.valid_from.iso(); }},
      T{{"valid_to", "失效日期", {"last day it applies", "失效日期"}},
        [](ShiftTemplate& r, std::string_view v, Lookup&) { r.valid_to = cells::optional_date(v); },
        [](const ShiftTemplate& r, Lookup&) { return cells::date_text(r.valid_to); }},
      yes_no_labelled(T{{"retired", "已停用", {"no longer used", "已停用"}},
        [](ShiftTemplate& r, std::string_view v, Lookup&) { r.retired = cells::yes_no(v); },
        [](const ShiftTemplate& r, Lookup&) { return cells::yes_no_text(r.retired); }}),
  };
  auto validate = [](const ShiftTemplate& t) {
    if (t.end <= t.start) throw FieldError("end", Text(kEndNotAfterStart));
    if (t.valid_to && *t.valid_to < t.valid_from) throw FieldError("valid_to", Text(kEndsBeforeStarts));
  };
  k.insert = [validate](Connection& db, Lookup&, ShiftTemplate& t) {
    validate(t);
    unique_or("code", t.code, [&] { return shifts::insert_template(db, t); });
  };
  k.find = [](Connection& db, Lookup&, std::string_view key) { return shifts::find_template(db, key); };
  k.update = [validate](Connection& db, Lookup&, const ShiftTemplate& t) {
    validate(t);
    shifts::update_template(db, t);
  };
  k.retire = [](ShiftTemplate& t) { t.retired = true; };
  k.all = [](Connection& db, Lookup&, const ListFilter& f) { return shifts::templates(db, f); };
  k.filters = {.station = true};
  return make_kind(std::move(k));
}

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
std::unique_ptr<RecordKind> shift_kind() {
  KindSpec<ShiftRow> k;
  k.name = "shifts";
  k.singular = "shift";
  k.title = {"shifts", "班次"};
  k.noun = {"shift", "班次"};
  k.fields = {
      S{{"id", "班次号", {"shift number (assigned when added)", "班次号（添加时分配）"}, false, true},
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
        [](ShiftRow& r, std::string_view v, Lookup&) { r.shift.slots = cells::integer(v, 1, 1000); },
        [](const ShiftRow& r, Lookup&) { return std::to_string(r.shift.slots); }},
      S{{"priority", "优先级", {"weight of an unfilled slot", "空缺权重"}},
        [](ShiftRow& r, std::string_view v, Lookup&) { r.shift.priority = cells::integer(v, 1, 100); },
        [](const ShiftRow& r, Lookup&) { return std::to_string(r.shift.priority); }},
      S{{"minimums", "技能要求", {"per-skill minimums", "技能最低人数"}},
        [](ShiftRow& r, std::string_view v, Lookup& l) { r.shift.minimums = cells::minimums(v, l); },
        [](const ShiftRow& r, Lookup& l) { return cells::minimums_text(r.shift.minimums, l); }},
      yes_no_labelled(S{{"cancelled", "已取消", {"cancelled", "已取消"}},
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
    std::erase_if(people, [](const Assignment& a) { return a.status == AssignmentStatus::cancelled; });
    auto stored = shifts::get(db, copy.shift.id);
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
          if (b.rule == PersonRule::overlap) throw FieldError("start", Text::of(kMovesOnto, b.detail));
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
    if (copy.shift.cancelled)
      for (auto a : people) {
        a.status = AssignmentStatus::cancelled;
        a.pinned = false;
        assignments::update(db, a);
      }
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

}  // namespace

void add_planning_kinds(std::vector<std::unique_ptr<RecordKind>>& out) {
  out.push_back(project_kind());
  out.push_back(template_kind());
  out.push_back(shift_kind());
}

}  // namespace vstation::store
