// The coordinator's review queue (/staff/review, issue 16 point 3): forgotten check-outs and
// walk-ins awaiting review, each with the time the volunteer says they left (answered on their
// phone, forgotten_page.cpp, or at the kiosk), decided as `sessions confirm/fix/reject` decide
// them: through the Ledger with the account as actor (audited), kiosk::review.hpp's rules (only
// sessions awaiting review; a reason for fix and reject; a fix that leaves the shift or credits
// nothing is shown and needs a tick). The district account sees the queue and decides nothing.

#include "page.hpp"
#include "routes.hpp"
#include "staff_station.hpp"
#include "vstation/domain/calendar.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/kiosk/review.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/session_queries.hpp"
#include "vstation/text/width.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kTitle{"Review queue", "审核队列"};
constexpr Msg kNone{"Nothing to review.", "没有待审核的记录。"};
constexpr Msg kForgotTitle{"{} {}: did not check out", "{} {}：未签退"};
constexpr Msg kForgotFrom{"from {}", "{} 起"};
constexpr Msg kWalkInTitle{"{} from {}: a walk-in (no shift)", "{} {} 起：临时签到（无排班）"};
constexpr Msg kSession{"Session {} · {}", "签到记录 {} · {}"};
constexpr Msg kCheckedOut{"Checked out late at {}.", "迟签退时间 {}。"};
constexpr Msg kSaysLeft{"Says they left at {}.", "本人称 {} 离开。"};
constexpr Msg kNoAnswer{"No answer from the volunteer yet.", "志愿者尚未答复。"};
constexpr Msg kWalkInAs{"Checked in {}, out {}: credited {}.", "签到 {}，签退 {}：计入 {}。"};
constexpr Msg kOverdue{"Waiting {} working days.", "已等待 {} 个工作日。"};
constexpr Msg kConfirmProposed{"Confirm as they said ({})", "按本人所说确认（{}）"};
constexpr Msg kConfirmRostered{"Confirm to the rostered end ({})", "按排班结束确认（{}）"};
constexpr Msg kConfirmWalkIn{"Confirm as it stands", "按现状确认"};
constexpr Msg kFix{"Fix the times", "更正时间"};
constexpr Msg kIn{"Check-in", "签到时间"};
constexpr Msg kOut{"Check-out", "签退时间"};
constexpr Msg kReason{"Reason (kept in the audit trail)", "原因（记入审计记录）"};
constexpr Msg kSure{"Save it anyway", "仍然保存"};
constexpr Msg kSaveFix{"Save the correction", "保存更正"};
constexpr Msg kReject{"Reject (credits nothing)", "驳回（不计时长）"};
constexpr Msg kRejectButton{"Reject this session", "驳回此记录"};
constexpr Msg kReadOnly{"The district account sees the queue; the station's coordinator decides.",
                        "区级账户只能查看；由站长审核。"};
constexpr Msg kBlankReason{"Give a reason: it is kept in the audit trail.",
                           "请给出原因：将记入审计记录。"};
constexpr Msg kLongReason{"The reason is too long: at most {} characters.",
                          "原因过长：最多 {} 个字。"};
constexpr Msg kBadTime{"{}: '{}' is not a date and time (like 2024-06-03T17:30).",
                       "{}：“{}”不是日期时间（形如 2024-06-03T17:30）。"};
constexpr Msg kTimeRequired{"{}: required (a date and time, like 2024-06-03T17:30).",
                            "{}：必填（日期时间，形如 2024-06-03T17:30）。"};
constexpr Msg kOffShift{"The new check-in is outside its shift {}.",
                        "新的签到时间不在其班次 {} 内。"};
constexpr Msg kNothing{"It would be credited nothing.", "将不计入任何时长。"};
constexpr Msg kChange{"This changes {} to {}.", "将 {} 改为 {}。"};
constexpr Msg kNotAwaiting{"Session {} is not awaiting review (it is {}).",
                           "签到记录 {} 并非待审核（状态为{}）。"};
constexpr Msg kDone{"Session {} is now {}: credited {}.", "签到记录 {} 现为{}：计入 {}。"};

constexpr const char* kPage = R"({{#flash}}<p class="flash" role="status">{{flash}}</p>{{/flash}}
{{#read_only}}<p class="help">{{read_only}}</p>{{/read_only}}
{{^cards}}<p class="help">{{none}}</p>{{/cards}}
{{#cards}}<div class="card warn review" id="session-{{id}}">
<p class="question">{{title}}</p>
<p class="help">{{who}}</p>
{{#facts}}<p>{{.}}</p>{{/facts}}
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
{{#decide}}{{#confirms}}<form method="post" action="/staff/review/{{id}}/confirm">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="as" value="{{as}}">
<button type="submit">{{label}}</button></form>
{{/confirms}}<details{{#fix_open}} open{{/fix_open}}><summary>{{fix}}</summary>
<form method="post" action="/staff/review/{{id}}/fix">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="in-{{id}}">{{in_label}}</label><input id="in-{{id}}" name="in" type="datetime-local" required value="{{in}}">
<label for="out-{{id}}">{{out_label}}</label><input id="out-{{id}}" name="out" type="datetime-local" required value="{{out}}">
<label for="fix-reason-{{id}}">{{reason_label}}</label><input id="fix-reason-{{id}}" name="reason" required maxlength="500" value="{{reason}}">
{{#sure}}<label class="check"><input type="checkbox" name="yes" value="1" required> {{sure}}</label>{{/sure}}
<button type="submit" class="secondary">{{save_fix}}</button></form></details>
<details{{#reject_open}} open{{/reject_open}}><summary>{{reject}}</summary>
<form method="post" action="/staff/review/{{id}}/reject">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="reject-reason-{{id}}">{{reason_label}}</label><input id="reject-reason-{{id}}" name="reason" required maxlength="500" value="{{reason}}">
<button type="submit" class="secondary">{{reject_button}}</button></form></details>{{/decide}}
</div>
{{/cards}})";

// What a refused decision shows again on its card.
struct Refusal {
  SessionId id;
  std::string text;
  std::string form;  // "fix" or "reject": the form to open again with what was typed
  std::string in, out, reason;
  bool needs_tick = false;
};

std::string input_time(Instant t, const TimeZone& zone) {
  std::string s = format_local(t, zone);  // 2023-05-01 09:00
  if (s.size() > 10 && s[10] == ' ') s[10] = 'T';
  return s;
}

Response queue(Ctx& c, const StaffStation& pick, const std::optional<Refusal>& refused,
               int status) {
  const Station& st = *pick.station;
  store::Lookup lookup(c.db);
  const bool decide = !pick.read_only;
  if (decide) kiosk::Ledger(c.db, c.actor()).auto_close_due(c.now, {st.id, std::nullopt});
  Data cards{Data::type::list};
  for (const auto& s : store::session_queries::needing_review(c.db, st.id)) {
    std::optional<Shift> shift;
    if (s.shift) shift = store::shifts::get(c.db, *s.shift);
    const std::string in = local_time(s.effective_in, st.zone).hhmm();
    auto when = [&](Instant t) {
      return local_date(t, st.zone) == local_date(s.effective_in, st.zone)
                 ? local_time(t, st.zone).hhmm()
                 : format_local(t, st.zone);
    };
    Data d;
    d.set("id", std::to_string(s.id.value));
    const auto& vol = lookup.volunteer_record(s.volunteer);
    d.set("who", Text::of(kSession, s.id.value, vol.number + " " + text::mask_name(vol.name))
                     .render(c.lang));
    Data facts{Data::type::list};
    Data confirms{Data::type::list};
    auto confirm = [&](const char* as, const Text& label) {
      Data f;
      f.set("as", as);
      f.set("label", label.render(c.lang));
      confirms.push_back(f);
    };
    Instant out_guess = s.effective_out.value_or(s.effective_in);
    if (s.status == SessionStatus::auto_closed) {
      // The kiosk's question names the day and shift; said of the volunteer, not to them.
      const std::string span = shift ? local_time(shift->time.begin, st.zone).hhmm() + "–" +
                                           local_time(shift->time.end, st.zone).hhmm()
                                     : Text::of(kForgotFrom, in).render(c.lang);
      d.set("title",
            Text::of(kForgotTitle, local_date(s.effective_in, st.zone).iso(), span).render(c.lang));
      if (s.raw_out) facts.push_back(Text::of(kCheckedOut, when(*s.raw_out)).render(c.lang));
      if (s.proposed_out) {
        facts.push_back(Text::of(kSaysLeft, when(*s.proposed_out)).render(c.lang));
        confirm("proposed", Text::of(kConfirmProposed, when(*s.proposed_out)));
        out_guess = *s.proposed_out;
      } else {
        facts.push_back(Text(kNoAnswer).render(c.lang));
      }
      if (shift) {
        confirm("rostered", Text::of(kConfirmRostered, when(shift->time.end)));
        if (!s.proposed_out) out_guess = shift->time.end;
      }
    } else {
      d.set("title",
            Text::of(kWalkInTitle, local_date(s.effective_in, st.zone).iso(), in).render(c.lang));
      facts.push_back(Text::of(kWalkInAs, in, s.effective_out ? when(*s.effective_out) : "—",
                               duration_text(s.credited_minutes))
                          .render(c.lang));
      confirm("as_is", Text(kConfirmWalkIn));
    }
    int days =
        working_days_between(local_date(s.effective_in, st.zone), local_date(c.now, st.zone));
    if (days > kReviewDeadlineWorkingDays) facts.push_back(Text::of(kOverdue, days).render(c.lang));
    d.set("facts", facts);
    d.set("in", input_time(s.effective_in, st.zone));
    d.set("out", input_time(out_guess, st.zone));
    if (refused && refused->id == s.id) {
      d.set("error", refused->text);
      d.set("reason", refused->reason);
      if (refused->form == "fix") {
        d.set("fix_open", true);
        d.set("in", refused->in);
        d.set("out", refused->out);
        if (refused->needs_tick) d.set("sure", std::string(kSure.in(c.lang)));
      }
      if (refused->form == "reject") d.set("reject_open", true);
    }
    if (decide) {
      Data forms;
      forms.set("confirms", confirms);
      d.set("decide", forms);
    }
    d.set("csrf", c.csrf());
    d.set("fix", std::string(kFix.in(c.lang)));
    d.set("in_label", std::string(kIn.in(c.lang)));
    d.set("out_label", std::string(kOut.in(c.lang)));
    d.set("reason_label", std::string(kReason.in(c.lang)));
    d.set("save_fix", std::string(kSaveFix.in(c.lang)));
    d.set("reject", std::string(kReject.in(c.lang)));
    d.set("reject_button", std::string(kRejectButton.in(c.lang)));
    cards.push_back(d);
  }
  Data page;
  page.set("cards", cards);
  page.set("none", std::string(kNone.in(c.lang)));
  if (pick.read_only) page.set("read_only", std::string(kReadOnly.in(c.lang)));
  if (auto done = c.req.param("done")) {
    c.params["done"] = *done;
    if (auto id = c.id_param("done")) {
      auto s = store::sessions::get(c.db, SessionId{*id});
      if (s && c.staff_sees(s->station))
        page.set("flash", Text::of(kDone, s->id.value, label_of(s->status),
                                   duration_text(s->credited_minutes))
                              .render(c.lang));
    }
  }
  return c.page(Text(kTitle), render(kPage, page), status);
}

Response show(Ctx& c) {
  auto pick = staff_station(c, "/staff/review", Text(kTitle));
  if (!pick.station) return pick.answer;
  return queue(c, pick, std::nullopt, 200);
}

// One decision on session {id}: `decide` calls the Ledger and may throw kiosk::Refused.
Response decide(Ctx& c, const std::string& form,
                const std::function<void(const Session&, Refusal&)>& decide) {
  auto id = c.id_param("id");
  std::optional<Session> s;
  if (id) s = store::sessions::get(c.db, SessionId{*id});
  if (!s || !c.staff_sees(s->station)) return c.out_of_scope();
  StaffStation pick;
  pick.station = store::stations::get(c.db, s->station);
  if (!kiosk::awaiting_review(*s))
    return c.message(Text(kTitle), Text::of(kNotAwaiting, s->id.value, label_of(s->status)), 409,
                     "/staff/review");
  Refusal r{s->id,
            "",
            form,
            c.req.form("in").value_or(""),
            c.req.form("out").value_or(""),
            c.req.form("reason").value_or(""),
            false};
  if (r.reason.size() > 4 * kiosk::kMaxReasonChars ||
      text::char_count(r.reason) > kiosk::kMaxReasonChars) {
    r.reason = r.reason.substr(0, 0);
    r.text = Text::of(kLongReason, kiosk::kMaxReasonChars).render(c.lang);
    return queue(c, pick, r, 400);
  }
  try {
    decide(*s, r);
  } catch (const kiosk::Refused& e) {
    r.text = e.text().render_sentence(c.lang);
  } catch (const ParseError& e) {
    r.text = e.text().render_sentence(c.lang);
  }
  if (!r.text.empty()) return queue(c, pick, r, 400);
  return redirect("/staff/review?done=" + std::to_string(s->id.value));
}

Response confirm(Ctx& c) {
  return decide(c, "confirm", [&c](const Session& s, Refusal&) {
    // "as_is" (a walk-in's one choice) confirms as the rostered answer would: no shift to cap at.
    const auto as = c.choice("as", {"proposed", "rostered", "as_is"}) == "proposed"
                        ? kiosk::ConfirmAs::proposed
                        : kiosk::ConfirmAs::rostered;
    kiosk::Ledger(c.db, c.actor()).confirm(s.id, c.now, c.req.form("reason").value_or(""), as);
  });
}

Response fix(Ctx& c) {
  return decide(c, "fix", [&c](const Session& s, Refusal& r) {
    if (is_blank(r.reason)) {
      r.text = Text(kBlankReason).render(c.lang);
      return;
    }
    const Station st = *store::stations::get(c.db, s.station);
    auto at = [&](const Msg& name, const std::string& v) -> std::optional<Instant> {
      if (is_blank(v)) {
        r.text = Text::of(kTimeRequired, Text(name)).render(c.lang);
        return std::nullopt;
      }
      try {
        return parse_instant(v, st.zone);
      } catch (const ParseError&) {
        r.text = Text::of(kBadTime, Text(name), text::truncate_to_width(v, 20)).render(c.lang);
        return std::nullopt;
      }
    };
    auto in = at(kIn, r.in);
    if (!in) return;
    auto out = at(kOut, r.out);
    if (!out) return;
    kiosk::Ledger ledger(c.db, c.actor());
    if (!c.req.form("yes")) {
      Session after = ledger.preview_fix(s.id, *in, *out, c.now);
      std::optional<Shift> shift;
      if (s.shift) shift = store::shifts::get(c.db, *s.shift);
      auto concerns = kiosk::fix_concerns(after, shift, st.settings);
      if (concerns.any()) {
        r.text = Text::of(kChange, describe(s, st.zone), describe(after, st.zone)).render(c.lang);
        if (concerns.off_shift)
          r.text += " " + Text::of(kOffShift, local_time(shift->time.begin, st.zone).hhmm() + "–" +
                                                  local_time(shift->time.end, st.zone).hhmm())
                              .render(c.lang);
        if (concerns.nothing_credited) r.text += " " + Text(kNothing).render(c.lang);
        r.needs_tick = true;
        return;
      }
    }
    ledger.fix(s.id, *in, *out, c.now, r.reason);
  });
}

Response reject(Ctx& c) {
  return decide(c, "reject", [&c](const Session& s, Refusal& r) {
    if (is_blank(r.reason)) {
      r.text = Text(kBlankReason).render(c.lang);
      return;
    }
    kiosk::Ledger(c.db, c.actor()).reject(s.id, c.now, r.reason);
  });
}

}  // namespace

void add_staff_review_routes(Routes& routes) {
  routes.add("GET", "/staff/review", StaffRoles{StaffRole::coordinator, StaffRole::district}, show);
  const StaffRoles coordinator{StaffRole::coordinator};
  routes.add("POST", "/staff/review/{id}/confirm", coordinator, confirm);
  routes.add("POST", "/staff/review/{id}/fix", coordinator, fix);
  routes.add("POST", "/staff/review/{id}/reject", coordinator, reject);
}

}  // namespace vstation::web::detail
