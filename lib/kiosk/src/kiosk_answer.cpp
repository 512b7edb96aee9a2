// The kiosk once a volunteer is identified: check in, check out, and the forgotten check-out
// question ("did you leave at 20:00?", then "when did you leave?"), whose answer is recorded
// as a proposal for the coordinator. Answering never opens a session by itself: the kiosk
// offers a check-in only when one is plausible (the station is open or a shift of theirs is
// starting) and waits for a yes.

#include <fmt/format.h>

#include "kiosk_text.hpp"
#include "vstation/domain/hours_policy.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/kiosk/forgotten.hpp"
#include "vstation/kiosk/kiosk.hpp"
#include "vstation/kiosk/retry.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::kiosk {

// Inside the scan's transaction (turn), so one state of the records.
Kiosk::Facts Kiosk::look_up(const Volunteer& record, Instant now) {
  Facts f;
  f.record = record;
  VolunteerId v = record.id;
  // Their open session, others' at this station past their deadline and their forgotten
  // check-outs awaiting an answer: one query.
  auto arrival = ledger_.arrival(v, station_, now);
  f.open = std::move(arrival.open);
  f.sweep_due = arrival.sweep_due;
  if (!arrival.awaiting.empty()) {
    f.pending = std::move(arrival.awaiting.front());
    if (f.pending->shift) f.pending_shift = store::shifts::get(db_, *f.pending->shift);
  }
  return f;
}

Screen Kiosk::after_identified(VolunteerId v) {
  Instant now = clock_();
  return turn([&] { return answer(look_up(*store::volunteers::get(db_, v), now), now); });
}

Screen Kiosk::answer(Facts f, Instant now) {
  VolunteerId v = f.record.id;
  current_record_ = f.record;
  // Others' forgotten check-outs at this station are closed; the volunteer's own open session
  // is theirs to end with this scan.
  if (f.sweep_due)
    ledger_.auto_close_due(now, {station_.id, std::nullopt},
                           f.open ? std::optional<SessionId>(f.open->session.id) : std::nullopt);
  if (f.open && f.open->overdue) {
    // On the day they checked in, this scan is their (late) check-out, and is kept. On a later
    // day it is their arrival: the old session is closed as forgotten, without a check-out.
    const Station& at = f.open->station;
    if (service_date(now, at) == service_date(f.open->session.effective_in, at))
      return late_check_out(ledger_.check_out(v, std::max(now, f.open->session.raw_in)));
    ledger_.auto_close_due(now, {std::nullopt, v});
    f = look_up(f.record, now);
  }
  if (f.pending) return ask_about(*f.pending, f.pending_shift, now);
  return toggle(f.record, f.open, now);
}

Screen Kiosk::ask(Question q) {
  Screen screen = question_screen(q);
  State state = end_possible(q.session, q.shift, q.latest) ? State::confirm_forgotten
                                                           : State::ask_left;
  question_ = std::move(q);
  return show(state, std::move(screen));
}

// The question's screen: a forgotten check-out ("Mon 16:00–20:00: you did not check out"), or
// a check-out just recorded after its deadline.
Screen Kiosk::question_screen(const Question& q) {
  const TimeZone& zone = station_.zone;
  Text prompt = end_possible(q.session, q.shift, q.latest)
                    ? Text::of(kLeftAtEnd, local_time(q.shift->time.end, zone).hhmm())
                    : Text(kAskLeft);
  const Session& s = q.session;
  if (q.late_deadline) {
    std::vector<Text> lines{who(s.volunteer)};
    lines.push_back(q.shift ? shift_line(q.shift->time, project_name(q.shift->project))
                            : Text(kWalkIn));
    lines.push_back(Text::of(kLateLine, format_local(s.raw_in, zone),
                             format_local(*s.raw_out, zone), format_local(*q.late_deadline, zone)));
    lines.push_back(Text(kReviewLine));
    return Screen{Text(kLateOut), std::move(lines), Tone::warn, std::move(prompt), false};
  }
  Date day = local_date(s.effective_in, zone);
  return Screen{forgotten_title(s, q.shift, zone),
                {who(s.volunteer), Text::of(kTime, day.iso())},
                Tone::warn,
                std::move(prompt),
                false};
}

// The state and the screen that asks for it go together: an answer that is none shows it again.
Screen Kiosk::show(State state, Screen screen) {
  state_ = state;
  screen.expect = expect_of(state);
  asked_ = screen;
  return screen;
}

std::string question_text(const Screen& s, Lang lang) {
  std::string text = s.prompt.render(lang);
  if (s.expect != Expect::yes_no) return text;
  std::string_view hint = kYesNo.in(lang);
  if (text.size() >= hint.size() && text.ends_with(hint)) text.resize(text.size() - hint.size());
  return std::string(trim(text));
}

Expect Kiosk::expect_of(State state) {
  switch (state) {
    case State::confirm_forgotten:
    case State::offer_check_in:
    case State::confirm_short:
      return Expect::yes_no;
    case State::ask_left:
      return Expect::time_of_day;
    default:
      return Expect::line;
  }
}

// An auto-closed session they have not answered for.
Screen Kiosk::ask_about(const Session& pending, const std::optional<Shift>& shift, Instant now) {
  return ask({pending, shift, latest_left(pending, now), std::nullopt});
}

// They checked out after the session's deadline: the check-out is recorded, then the question.
Screen Kiosk::late_check_out(const CheckOutResult& r) {
  return ask({r.session, r.shift, *r.session.raw_out, r.deadline});
}

Screen Kiosk::again(Text why) {
  Screen s = asked_;
  s.lines.insert(s.lines.begin(), std::move(why));
  return s;
}

Screen Kiosk::take_yes_no(std::string_view input) {
  auto yes = parse_yes_no(input);
  if (!yes) return again(Text(kYesOrNo));
  VolunteerId v = current_record_->id;
  Instant now = clock_();
  switch (state_) {
    case State::confirm_forgotten:
      if (*yes) {
        try {
          ledger_.propose(question_->session.id, question_->shift->time.end, now);
        } catch (const Refused& r) {
          return again(r.text());
        }
        return after_answer(v);
      }
      asked_.prompt = Text(kAskLeft);
      return show(State::ask_left, asked_);
    case State::offer_check_in:
      state_ = State::idle;
      if (*yes)
        return turn([&] {
          auto record = store::volunteers::get(db_, v);
          if (!record) return refused(Text(kUnknown));
          return checked_in(ledger_.check_in(*record, station_, now));
        });
      return Screen{Text(kNotCheckedIn), {who(v)}, Tone::neutral, Text(kPrompt), false};
    case State::confirm_short:
      state_ = State::idle;
      if (*yes) {
        // A kiosk clock stepped back since the check-in checks out at the check-in (0 min).
        auto open = ledger_.open_session(v);
        auto r = ledger_.check_out(v, open ? std::max(now, open->raw_in) : now);
        return r.overdue ? late_check_out(r) : checked_out(r);
      }
      return Screen{Text(kStillIn), {who(v)}, Tone::neutral, Text(kPrompt), false};
    default:
      return welcome();
  }
}

// "When did you leave?": the first moment with that time of day after the check-in.
Screen Kiosk::take_left(std::string_view input) {
  auto time = parse_typed_time(input);
  if (!time) return again(Text::of(kBadLeft, std::string(input)));
  const Session& s = question_->session;
  Instant left = left_at(s, *time, station_.zone);
  try {
    ledger_.propose(s.id, left, clock_());
  } catch (const Refused& r) {
    return again(r.text());
  }
  return after_answer(s.volunteer);
}

// After an answer: the next unanswered question, else their open session's check-out, else a
// check-in offered when one is plausible.
Screen Kiosk::after_answer(VolunteerId v) {
  question_.reset();
  Instant now = clock_();
  return turn([&]() -> Screen {
    auto record = store::volunteers::get(db_, v);  // read in this turn, for the check-in's rules
    if (!record) return refused(Text(kUnknown));
    current_record_ = *record;
    Facts f = look_up(*record, now);
    auto thanked = [](Screen s) {
      s.lines.insert(s.lines.begin(), Text(kAnswerKept));
      return s;
    };
    if (f.pending) return thanked(ask_about(*f.pending, f.pending_shift, now));
    if (f.open) return thanked(toggle(f.record, f.open, now));
    bool plausible = is_open_at(now, station_) || rostered(v, now);
    if (plausible) return show(State::offer_check_in, offer_screen(v));
    state_ = State::idle;
    return Screen{
        Text(kAnswerKept), {who(v), Text(kScanAgain)}, Tone::neutral, Text(kPrompt), false};
  });
}

// `record` was read in this turn: the check-in does not read it (nor the station) again.
Screen Kiosk::toggle(const Volunteer& record, const std::optional<Ledger::OpenState>& open,
                     Instant now) {
  VolunteerId v = record.id;
  state_ = State::idle;
  if (open) {
    auto seconds = now.seconds - open->session.raw_in.seconds;
    if (seconds < kShortSessionSeconds) {
      short_seconds_ = seconds < 0 ? 0 : seconds;
      return show(State::confirm_short, short_screen(v));
    }
    auto r = ledger_.check_out(v, now);
    return r.overdue ? late_check_out(r) : checked_out(r);
  }
  // No open session, as Ledger::arrival found in this turn (look_up), under the volunteer's lock.
  const Ledger::Arrival arrived{open, false, {}, true, rostered(v, now)};
  return checked_in(ledger_.check_in(record, station_, now, &arrived));
}

Screen Kiosk::short_screen(VolunteerId v) {
  // "0 s ago" reads like a fault: a second scan within moments was "just now".
  Text title = short_seconds_ < kJustNowSeconds ? Text(kShortJustNow)
                                                 : Text::of(kShort, short_seconds_);
  return Screen{std::move(title), {who(v)}, Tone::warn, Text(kYesNo), false};
}

Screen Kiosk::offer_screen(VolunteerId v) {
  return Screen{Text(kAnswerKept), {who(v)}, Tone::neutral, Text(kOfferIn), false};
}

// "Shift: 09:00–12:00 交通劝导"
Text Kiosk::shift_line(TimeRange time, std::string_view project) {
  return Text::of(kShift, local_time(time.begin, station_.zone).hhmm() + "–" +
                              local_time(time.end, station_.zone).hhmm() + " " +
                              std::string(project));
}

// Kept from turn to turn while nothing is written (read_station).
const std::string& Kiosk::project_name(ProjectId id) {
  auto [it, fresh] = project_names_.try_emplace(id.value);
  if (fresh)
    if (auto project = store::projects::get(db_, id)) it->second = project->name;
  return it->second;
}

Screen Kiosk::checked_in(const CheckInResult& r) {
  Screen s{Text(kCheckedIn), {who(r.session.volunteer)}, Tone::good, Text(kPrompt), false};
  if (r.shift) {
    s.lines.push_back(shift_line(r.shift->time, r.shift->project_name));
  } else {
    s.lines.push_back(Text(kWalkIn));
    s.tone = Tone::warn;
  }
  s.lines.push_back(Text::of(kTime, format_local(r.session.raw_in, station_.zone)));
  return s;
}

Screen Kiosk::checked_out(const CheckOutResult& r) {
  store::ReadTransaction reads(db_);  // a quick check-out's answer comes after its own commit
  Screen s{Text(kCheckedOut), {who(r.session.volunteer)}, Tone::good, Text(kPrompt), false};
  if (r.shift) s.lines.push_back(shift_line(r.shift->time, project_name(r.shift->project)));
  s.lines.push_back(Text::of(kTime, format_local(*r.session.raw_out, station_.zone)));
  s.lines.push_back(Text::of(kCredited, duration_text(r.session.credited_minutes)));
  s.lines.push_back(Text::of(kTotal, duration_text(r.total_minutes)));
  auto next = ledger_.next_shift(r.session.volunteer, *r.session.raw_out);
  if (next) {
    Date day = local_date(next->time.begin, station_.zone);
    s.lines.push_back(Text::of(
        kNext, Text::of(Msg{"{} {} {}", "{} {} {}"}, Text(weekday_label(day.weekday())),
                        day.iso().substr(5), local_time(next->time.begin, station_.zone).hhmm())));
  } else {
    s.lines.push_back(Text(kNoNext));
  }
  return s;
}

}  // namespace vstation::kiosk
