// The week board's actions (coordinator only; the route table checks the CSRF token): build or
// repair the week through a preview (planning::plan_build with nothing saved, or plan_repair),
// then a confirm that applies exactly the changes shown (planning::apply_plan; a week changed
// meanwhile is said so and previewed again); assign from a gap's candidates (planning::assign
// under the assignment policy), take off, mark a drop-out (planning::unassign), pin or unpin.
// Every change writes its audit rows as c.actor(); a refusal says why and changes nothing.

#include <algorithm>
#include <variant>

#include "page.hpp"
#include "vstation/store/assignment_policy.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/text/width.hpp"
#include "week_board.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kTitle{"Week board", "本周排班"};
constexpr Msg kPreviewTitle{"Changes to {} (not saved yet)", "{} 的改动（尚未保存）"};
constexpr Msg kNotDone{"Not done", "未完成"};
constexpr Msg kStale{
    "The week changed since the proposal was made (a volunteer signed up or "
    "cancelled, or another edit); nothing was saved. Here is a new proposal.",
    "方案生成后本周排班已有变动（志愿者报名或取消，或其他修改）；未保存任何内容。以下是新的方案。"};
constexpr Msg kBegunStale{
    "A shift in the proposal has begun since it was made, and who is on it is the record of who "
    "served; nothing was saved. Here is a new proposal for the shifts still to come.",
    "方案生成后其中的班次已经开始，其上人员是服务记录；未保存任何内容。以下是尚未开始班次的新方案"
    "。"};
constexpr Msg kNewShifts{"{} shift(s) will be made from the templates.",
                         "将按模板新建 {} 个班次。"};
constexpr Msg kNotAssigned{"Not assigned: {}.", "未安排：{}。"};
constexpr Msg kNoChanges{"No changes to the assignments.", "排班人员没有改动。"};
constexpr Msg kAdd{"+ {} on {}", "+ {} 安排到 {}"};
constexpr Msg kRemove{"− {} off {}", "− {} 移出 {}"};
constexpr Msg kDropOut{"− {} drops out of {}", "− {} 退出 {}"};
constexpr Msg kSave{"Save these changes", "保存这些改动"};
constexpr Msg kCancel{"Back to the week without saving", "不保存，返回本周"};
constexpr Msg kBadForm{"This form is incomplete or not for this week.", "表单不完整或不属于本周。"};
constexpr Msg kNoShift{"There is no such shift in this week.", "本周没有这个班次。"};
constexpr Msg kNoVolunteer{"There is no such volunteer.", "没有这个志愿者。"};
constexpr Msg kWeekMissing{"Week: missing (a week is written like 2026-W23).",
                           "周：缺失（周的写法如 2026-W23）。"};
constexpr Msg kShiftLabel{"Shift", "班次"};
constexpr Msg kVolunteerLabel{"Volunteer", "志愿者"};

constexpr Msg kPublished{"Published {} by {}.", "已于 {} 发布（{}）。"};
constexpr Msg kChangedSince{
    "The roster changed since it was published: publish again to announce it.",
    "发布后排班已有变动：请再次发布。"};
constexpr Msg kNotPublished{"Not published yet.", "尚未发布。"};
constexpr Msg kPublish{"Publish this week's roster", "发布本周排班"};
constexpr Msg kPublishAgain{"Publish again", "再次发布"};

std::string person(store::Lookup& lookup, VolunteerId id) {
  const Volunteer& v = lookup.volunteer_record(id);
  return v.name.empty() ? v.number : v.number + " " + text::mask_name(v.name);
}

constexpr const char* kPreview = R"({{#stale}}<p class="error" role="alert">{{stale}}</p>
{{/stale}}<div class="card"><ul class="changes">{{#lines}}<li>{{.}}</li>{{/lines}}</ul>{{#none}}<p>{{none}}</p>{{/none}}</div>
<form method="post" action="/staff/week/apply"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="week" value="{{week}}"><input type="hidden" name="kind" value="{{kind}}"><input type="hidden" name="fresh" value="{{fresh}}"><input type="hidden" name="dropping" value="{{dropping}}"><input type="hidden" name="basis" value="{{basis}}"><input type="hidden" name="changes" value="{{changes}}">
<button type="submit">{{save}}</button></form>
<a class="button secondary" href="{{back}}">{{cancel}}</a>
)";

// A refusal: what the library said, on a page with a link back to the week.
Response refused(Ctx& c, const WeekRef& w, const Text& why, int status = 409) {
  return c.message(Text(kNotDone), why, status, w.href());
}

// The week of a POST, which must be the coordinator's own (the route lets only coordinators in)
// and named by the form: a change is never made to "this week" for want of a field.
std::optional<WeekRef> posted_week(Ctx& c, std::optional<Text>& error) {
  if (field(c, "week").empty()) {
    error = Text(kWeekMissing);
    return std::nullopt;
  }
  auto w = week_ref(c, error);
  if (w && !w->can_edit) return std::nullopt;
  return w;
}

Response build(Ctx& c) {
  std::optional<Text> error;
  auto w = posted_week(c, error);
  if (!w) return error ? c.message(Text(kTitle), *error, 400, "/staff/week") : c.out_of_scope();
  try {
    auto plan = planning::plan_build(c.db, w->scope(), web_solve_options(),
                                     field(c, "fresh") == "1", c.now);
    return preview_page(c, *w, plan);
  } catch (const DataError& e) {
    return refused(c, *w, e.text());
  }
}

// The volunteer a form names by id, or the refusal: 400 for a missing or malformed id, 404 for
// one no volunteer has.
std::variant<VolunteerId, Response> volunteer_field(Ctx& c, const WeekRef& w, const char* name) {
  std::optional<Text> error;
  auto n = id_field(c, name, kVolunteerLabel, error);
  if (!n) return refused(c, w, *error, 400);
  if (!store::volunteers::get(c.db, VolunteerId{*n})) return refused(c, w, Text(kNoVolunteer), 404);
  return VolunteerId{*n};
}

Response repair(Ctx& c) {
  std::optional<Text> error;
  auto w = posted_week(c, error);
  if (!w) return error ? c.message(Text(kTitle), *error, 400, "/staff/week") : c.out_of_scope();
  auto found = volunteer_field(c, *w, "volunteer");
  if (auto* r = std::get_if<Response>(&found)) return std::move(*r);
  const VolunteerId* v = std::get_if<VolunteerId>(&found);
  try {
    return preview_page(c, *w,
                        planning::plan_repair(c.db, w->scope(), *v, web_solve_options(), c.now));
  } catch (const DataError& e) {
    return refused(c, *w, e.text());
  }
}

Response apply(Ctx& c) {
  std::optional<Text> error;
  auto w = posted_week(c, error);
  if (!w) return error ? c.message(Text(kTitle), *error, 400, "/staff/week") : c.out_of_scope();
  planning::RosterPlan plan;
  plan.scope = w->scope();
  const std::string kind = field(c, "kind");
  plan.kind =
      kind == "repair" ? planning::RosterPlan::Kind::repair : planning::RosterPlan::Kind::build;
  plan.fresh = field(c, "fresh") == "1";
  plan.basis = field(c, "basis");
  // "changes" sent empty is a plan with none; not sent at all is a form this site never sends.
  auto changes =
      c.req.form("changes") ? planning::decode_changes(*c.req.form("changes")) : std::nullopt;
  if ((kind != "build" && kind != "repair") || !changes || plan.basis.empty())
    return refused(c, *w, Text(kBadForm), 400);
  plan.changes = *changes;
  if (plan.kind == planning::RosterPlan::Kind::repair) {
    auto found = volunteer_field(c, *w, "dropping");
    if (auto* r = std::get_if<Response>(&found)) return std::move(*r);
    plan.dropping = std::get<VolunteerId>(found);
  }
  try {
    planning::apply_plan(c.db, plan, c.now, planning::EditAudit{c.actor(), c.now});
  } catch (const planning::PlanStale& stale) {
    try {
      auto again =
          plan.kind == planning::RosterPlan::Kind::repair
              ? planning::plan_repair(c.db, w->scope(), *plan.dropping, web_solve_options(), c.now)
              : planning::plan_build(c.db, w->scope(), web_solve_options(), plan.fresh, c.now);
      return preview_page(c, *w, again,
                          stale.why() == planning::PlanStale::Why::begun ? &kBegunStale : &kStale);
    } catch (const DataError& e) {
      return refused(c, *w, e.text());
    }
  } catch (const DataError& e) {
    return refused(c, *w, e.text());
  }
  return redirect(w->href("&done=1"));
}

// The shift and volunteer of an edit: the shift must be in the coordinator's station.
struct Edit {
  WeekRef week;
  Shift shift;
  VolunteerId volunteer;
};
std::variant<Edit, Response> edit_of(Ctx& c) {
  std::optional<Text> error;
  auto w = posted_week(c, error);
  if (!w) return error ? c.message(Text(kTitle), *error, 400, "/staff/week") : c.out_of_scope();
  auto n = id_field(c, "shift", kShiftLabel, error);
  if (!n) return refused(c, *w, *error, 400);
  std::optional<Shift> s = store::shifts::get(c.db, ShiftId{*n});
  if (!s || !c.staff_sees(s->station)) return c.out_of_scope();
  if (s->station != w->station.id) return refused(c, *w, Text(kNoShift), 404);
  auto v = volunteer_field(c, *w, "volunteer");
  if (auto* r = std::get_if<Response>(&v)) return std::move(*r);
  return Edit{*w, *s, std::get<VolunteerId>(v)};
}

template <class F>
Response edit(Ctx& c, F change) {
  auto e = edit_of(c);
  if (auto* r = std::get_if<Response>(&e)) return std::move(*r);
  auto& x = std::get<Edit>(e);
  try {
    change(x, planning::EditAudit{c.actor(), c.now});
  } catch (const DataError& err) {
    return refused(c, x.week, err.text());
  }
  return redirect(x.week.href("&done=1#shift-" + std::to_string(x.shift.id.value)));
}

}  // namespace

std::string publish_html(const Ctx& c, const WeekRef& w) {
  auto state = planning::publish_state(c.db, w.scope());
  Data d;
  if (state.published) {
    const Instant at = state.published->at;
    d.set("status", Text::of(kPublished,
                             local_date(at, w.station.zone).iso() + " " +
                                 local_time(at, w.station.zone).hhmm(),
                             state.published->by)
                        .render(c.lang));
  } else {
    d.set("status", std::string(kNotPublished.in(c.lang)));
  }
  if (state.changed_since) d.set("changed", std::string(kChangedSince.in(c.lang)));
  d.set("can_edit", w.can_edit);
  d.set("csrf", c.csrf());
  d.set("week", w.week.str());
  d.set("button", std::string((state.published ? kPublishAgain : kPublish).in(c.lang)));
  return render(
      R"(<div class="card publish"><p class="status">{{status}}</p>{{#changed}}<p class="late">{{changed}}</p>{{/changed}}
{{#can_edit}}<form method="post" action="/staff/week/publish"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="week" value="{{week}}"><button type="submit" class="secondary">{{button}}</button></form>{{/can_edit}}</div>
)",
      d);
}

Response preview_page(Ctx& c, const WeekRef& w, const planning::RosterPlan& plan,
                      const Msg* stale) {
  store::Lookup lookup(c.db);
  const TimeZone& zone = w.station.zone;
  Data d;
  d.set("csrf", c.csrf());
  d.set("week", w.week.str());
  if (stale) d.set("stale", std::string(stale->in(c.lang)));
  Data lines{Data::type::list};
  if (plan.new_shifts > 0) lines.push_back(Text::of(kNewShifts, plan.new_shifts).render(c.lang));
  for (const auto& ch : plan.changes) {
    Date day = local_date(ch.start, zone);
    std::string shift = Text(weekday_label(day.weekday())).render(c.lang) + " " + day.iso() + " " +
                        local_time(ch.start, zone).hhmm() + " " +
                        lookup.project_record(ch.project).name;
    const Msg& m = ch.kind == roster::ChangeKind::added              ? kAdd
                   : plan.dropping && ch.volunteer == *plan.dropping ? kDropOut
                                                                     : kRemove;
    lines.push_back(Text::of(m, person(lookup, ch.volunteer), shift).render(c.lang));
  }
  d.set("lines", lines);
  if (plan.changes.empty()) d.set("none", std::string(kNoChanges.in(c.lang)));
  d.set("kind", plan.kind == planning::RosterPlan::Kind::repair ? "repair" : "build");
  d.set("fresh", plan.fresh ? "1" : "0");
  d.set("dropping", plan.dropping ? std::to_string(plan.dropping->value) : "");
  d.set("basis", plan.basis);
  d.set("changes", planning::encode_changes(plan.changes));
  d.set("save", std::string(kSave.in(c.lang)));
  d.set("cancel", std::string(kCancel.in(c.lang)));
  d.set("back", w.href());
  Head head;
  return c.page(Text::of(kPreviewTitle, w.week.str()), render(kPreview, d), head,
                stale ? 409 : 200);
}

void add_week_action_routes(Routes& routes) {
  const StaffRoles who{StaffRole::coordinator};
  routes.add("POST", "/staff/week/build", who, build);
  routes.add("POST", "/staff/week/repair", who, repair);
  routes.add("POST", "/staff/week/apply", who, apply);
  routes.add("POST", "/staff/week/publish", who, [](Ctx& c) {
    std::optional<Text> error;
    auto w = posted_week(c, error);
    if (!w) return error ? c.message(Text(kTitle), *error, 400, "/staff/week") : c.out_of_scope();
    try {
      planning::publish_week(c.db, w->scope(), c.now, c.actor());
    } catch (const DataError& e) {
      return refused(c, *w, e.text());
    }
    return redirect(w->href("&done=1"));
  });
  routes.add("POST", "/staff/week/assign", who, [](Ctx& c) {
    return edit(c, [&](const Edit& x, const planning::EditAudit& a) {
      store::Lookup lookup(c.db);
      try {
        planning::assign(c.db, lookup, x.volunteer, x.shift, false, std::nullopt, c.now, a);
      } catch (const store::AssignmentRefused& e) {  // the board offers no forcing
        throw DataError(kNotAssigned, e.breaks());
      }
    });
  });
  routes.add("POST", "/staff/week/unassign", who, [](Ctx& c) {
    const bool dropout = c.choice("as", {"dropout", "remove"}) == "dropout";
    return edit(c, [&](const Edit& x, const planning::EditAudit& a) {
      planning::unassign(c.db, x.volunteer, x.shift, c.now, a, dropout);
    });
  });
  routes.add("POST", "/staff/week/pin", who, [](Ctx& c) {
    const bool pin = c.choice("pin", {"1", "0"}) == "1";
    return edit(c, [&](const Edit& x, const planning::EditAudit& a) {
      planning::set_pinned(c.db, x.volunteer, x.shift, pin, a);
    });
  });
}

}  // namespace vstation::web::detail
