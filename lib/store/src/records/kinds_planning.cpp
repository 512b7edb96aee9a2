// Record kinds: projects and weekly shift templates; dated shifts in kinds_shifts.cpp.

#include "records/code_case.hpp"
#include "records/field_parsers.hpp"
#include "records/typed_kind.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/upcoming.hpp"

namespace vstation::store {
namespace {

// A field shown to people by `text` (a set of weekdays: Mon-Fri / 周一至周五).
template <class F>
F with_value_text(std::string (*text)(std::string_view, Lang), F field) {
  field.spec.value_text = text;
  return field;
}

constexpr Msg kEndsBeforeStarts{"ends before it starts", "结束早于开始"};
constexpr Msg kCancelShiftsHelp{
    "also cancel its shifts that start after now, with their assignments",
    "同时取消其在此刻之后开始的班次及其上的排班"};
constexpr Msg kShiftsAhead{
    "{} still has shifts to come ({}); kept, open to sign-up and the roster (--cancel-shifts "
    "cancels them):",
    "{} 仍有即将开始的班次（{} 个）；已保留，仍可报名和排班（加 --cancel-shifts 可取消）："};
constexpr Msg kShiftsCancelled{
    "cancelled {}'s shifts to come: {}; assignments cancelled with them: {}",
    "已取消 {} 即将开始的班次：{} 个；随之取消的排班：{} 个"};
constexpr Msg kNoShiftAhead{"{} has no shift to come: no shift to cancel",
                            "{} 没有即将开始的班次：无班次可取消"};
constexpr Msg kShiftAhead{"  shift {}  {}–{}  rostered {}/{}", "  班次 {}  {}–{}  已排 {}/{} 人"};

// After a retirement: the project's shifts still to come, which volunteers may still sign up for
// and the roster still fills, kept or (--cancel-shifts) cancelled with their people. New shifts
// it takes no more (kinds_shifts.cpp); these were there before.
std::vector<Text> shifts_after_retire(Connection& db, Lookup& l, const Project& p,
                                      const RetireRequest& request) {
  const auto ahead = upcoming::of_project(db, p.id, request.now);
  const TimeZone& zone = l.station_record(p.station).zone;
  return shifts_ahead_notes(
      ahead, request.has("cancel-shifts"), Text::of(kNoShiftAhead, p.code),
      Text::of(kShiftsAhead, p.code, ahead.size()),
      [&] { return Text::of(kShiftsCancelled, p.code, ahead.size(), upcoming::cancel(db, ahead)); },
      [&](const upcoming::ProjectShift& u) {
        return Text::of(kShiftAhead, u.shift.id.value, format_local(u.shift.time.begin, zone),
                        local_time(u.shift.time.end, zone).hhmm(), u.people, u.shift.slots);
      });
}

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
  k.retire_options = {{"cancel-shifts", kCancelShiftsHelp}};
  k.after_retire = shifts_after_retire;
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

}  // namespace

std::unique_ptr<RecordKind> shift_kind();  // kinds_shifts.cpp

void add_planning_kinds(std::vector<std::unique_ptr<RecordKind>>& out) {
  out.push_back(project_kind());
  out.push_back(template_kind());
  out.push_back(shift_kind());
}

}  // namespace vstation::store
