// The forgotten check-out question on the volunteer's phone: the kiosk's question ("Mon
// 2023-05-01 16:00–20:00: you did not check out"), with where and for what they checked in,
// answered with the time they left through the kiosk's own rule (kiosk::left_at, then
// Ledger::propose with its limits: not before the check-in, not after the recorded check-out or
// now). The coordinator then confirms it as at the kiosk.

#include "me_page.hpp"
#include "page.hpp"
#include "routes.hpp"
#include "vstation/kiosk/forgotten.hpp"
#include "vstation/kiosk/kiosk.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::web::detail {
namespace {

// Which session it is, beside the title's day and shift: when and where they checked in, for what.
constexpr Msg kCheckedIn{"Checked in at {} at {}, for {}.", "签到时间 {}，地点：{}，项目：{}。"};
constexpr Msg kCheckedInWalkIn{"Checked in at {} at {}, a walk-in (no shift).",
                               "签到时间 {}，地点：{}，临时签到（无排班）。"};
constexpr Msg kLeftLabel{"When did you leave?", "您几点离开的？"};
constexpr Msg kAnswer{"Send my answer", "提交答复"};
constexpr Msg kHelp{"The coordinator confirms your hours from your answer.",
                    "站长将根据您的答复确认服务时长。"};
constexpr Msg kBadLeft{"When did you leave: '{}' is not a time; give it as HH:MM, e.g. 20:40.",
                       "离开时间：“{}”不是时间；请按 时:分 填写，例如 20:40。"};
constexpr Msg kRefusedAs{"When did you leave: {}", "离开时间：{}"};
constexpr Msg kThanks{"Thank you", "谢谢"};
constexpr Msg kKept{"Your answer is recorded for the coordinator.", "您的答复已记录，待站长审核。"};
constexpr Msg kNoQuestion{"There is no such question for you.", "没有需要您回答的这个问题。"};
constexpr Msg kMeTitle{"My service", "我的服务"};

constexpr const char* kCard = R"({{#cards}}<div class="card warn forgotten" id="forgotten-{{id}}">
<p class="question">{{title}}</p>
<p class="help">{{day}}</p>
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
<form method="post" action="/me/forgotten/{{id}}">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="left-{{id}}">{{left_label}}</label>
<input id="left-{{id}}" name="left" type="time" required value="{{suggested}}">
<button type="submit">{{answer}}</button>
<p class="help">{{help}}</p>
</form>
</div>
{{/cards}})";

// The volunteer's own session awaiting their answer; none for anyone else's, or an answered one.
std::optional<Session> awaiting(store::Connection& db, VolunteerId v, SessionId id) {
  for (auto& s : store::session_queries::awaiting_answer(db, v))
    if (s.id == id) return s;
  return std::nullopt;
}

Response answer(Ctx& c) {
  const VolunteerId v = c.volunteer();
  auto id = c.id_param("id");
  std::optional<Session> s;
  if (id) s = awaiting(c.db, v, SessionId{*id});
  if (!s) return c.message(Text(kMeTitle), Text(kNoQuestion), 404);
  auto again = [&](const Text& why) {
    return c.page(Text(kMeTitle),
                  forgotten_cards(c.db, v, c.now, c.csrf(), c.lang, s->id, why.render(c.lang)),
                  400);
  };
  auto typed = c.req.form("left").value_or("");
  auto time = kiosk::parse_typed_time(typed);
  if (!time) {
    std::size_t cut = std::min<std::size_t>(typed.size(), 20);  // shown back, kept short
    while (cut > 0 && cut < typed.size() && (static_cast<unsigned char>(typed[cut]) & 0xC0) == 0x80)
      --cut;
    return again(Text::of(kBadLeft, typed.substr(0, cut)));
  }
  const TimeZone zone = store::Lookup(c.db).station_record(s->station).zone;
  try {
    kiosk::Ledger(c.db, c.actor()).propose(s->id, kiosk::left_at(*s, *time, zone), c.now);
  } catch (const kiosk::Refused& r) {
    return again(Text::of(kRefusedAs, r.text()));
  }
  return c.message(Text(kThanks), Text(kKept), 200);
}

}  // namespace

std::string forgotten_cards(store::Connection& db, VolunteerId v, Instant now,
                            const std::string& csrf, Lang lang, std::optional<SessionId> error_for,
                            const std::string& error) {
  store::Lookup lookup(db);
  Data cards{Data::type::list};
  for (const auto& s : store::session_queries::awaiting_answer(db, v)) {
    const TimeZone zone = lookup.station_record(s.station).zone;
    std::optional<Shift> shift;
    if (s.shift) shift = store::shifts::get(db, *s.shift);
    Data d;
    d.set("id", std::to_string(s.id.value));
    d.set("title", kiosk::forgotten_title(s, shift, zone).render(lang));
    const std::string in = local_time(s.effective_in, zone).hhmm();
    const std::string& where = lookup.station_record(s.station).name;
    d.set("day",
          (s.project ? Text::of(kCheckedIn, in, where, lookup.project_record(*s.project).name)
                     : Text::of(kCheckedInWalkIn, in, where))
              .render(lang));
    // The shift's end is offered when it can be the answer, as the kiosk's "did you leave at …?".
    if (kiosk::end_possible(s, shift, kiosk::latest_left(s, now)))
      d.set("suggested", local_time(shift->time.end, zone).hhmm());
    if (error_for && *error_for == s.id) d.set("error", error);
    d.set("csrf", csrf);
    d.set("left_label", std::string(kLeftLabel.in(lang)));
    d.set("answer", std::string(kAnswer.in(lang)));
    d.set("help", std::string(kHelp.in(lang)));
    cards.push_back(d);
  }
  Data all;
  all.set("cards", cards);
  return render(kCard, all);
}

void add_forgotten_routes(Routes& routes) {
  routes.add("POST", "/me/forgotten/{id}", Access::volunteer, answer);
}

}  // namespace vstation::web::detail
