#include "vstation/kiosk/kiosk.hpp"

#include <fmt/format.h>

#include "vstation/domain/text_util.hpp"
#include "vstation/kiosk/retry.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/text/width.hpp"

namespace vstation::kiosk {
namespace {

constexpr Msg kWelcome{"Welcome — please check in or out", "欢迎 — 请签到或签退"};
constexpr Msg kHowTo{"Scan your badge, or type your volunteer number,",
                     "请扫描志愿者证，或输入志愿者编号，"};
constexpr Msg kHowTo2{"or the last 4 digits of your phone, then Enter.",
                      "或手机号后 4 位，然后按回车。"};
constexpr Msg kPrompt{"Badge / number / phone tail:", "志愿者证 / 编号 / 手机尾号："};
constexpr Msg kPinPrompt{"PIN:", "PIN 码："};
constexpr Msg kYesNo{"y = yes, n = no:", "y = 是，n = 否："};
constexpr Msg kCheckedIn{"Checked in", "签到成功"};
constexpr Msg kCheckedOut{"Checked out", "签退成功"};
constexpr Msg kCannot{"Cannot do that", "无法完成"};
constexpr Msg kUnknown{"Unknown code: no volunteer has it", "无法识别：没有对应的志愿者"};
constexpr Msg kUnreadable{"That input could not be read; please try again", "输入无法识别，请重试"};
constexpr Msg kTooLong{"That input is too long; please try again", "输入过长，请重试"};
constexpr Msg kWrongPin{"Wrong PIN ({} of {} tries)", "PIN 码错误（第 {} 次，共 {} 次）"};
constexpr Msg kLocked{"Too many wrong PINs: locked for {} minutes. Ask the coordinator.",
                      "PIN 码错误次数过多：已锁定 {} 分钟，请联系站长。"};
constexpr Msg kStillLocked{"Locked after wrong PINs; try again after {}",
                           "因 PIN 码错误已锁定，请于 {} 后再试"};
constexpr Msg kPinNeeded{"Enter your PIN", "请输入 PIN 码"};
constexpr Msg kNoPinSet{"No PIN is set for this phone; use your number or badge",
                        "该手机号未设置 PIN 码；请使用编号或志愿者证"};
constexpr Msg kShift{"Shift: {}", "班次：{}"};
constexpr Msg kWalkIn{"Walk-in (no shift now) — the coordinator will review it",
                      "临时签到（当前无排班）— 站长将审核"};
constexpr Msg kTime{"Time: {}", "时间：{}"};
constexpr Msg kCredited{"This session: {}", "本次计入：{}"};
constexpr Msg kTotal{"Your total: {}", "累计时长：{}"};
constexpr Msg kNext{"Next shift: {}", "下次排班：{}"};
constexpr Msg kNoNext{"No next shift rostered yet", "暂无下次排班"};
constexpr Msg kForgotten{"{} {}–{} forgot to check out — confirm the rostered end?",
                         "{} {}–{} 忘记签退，按排班确认？"};
constexpr Msg kAnswerKept{"Thank you — your answer is recorded for the coordinator",
                          "谢谢 — 您的答复已记录，待站长审核"};
constexpr Msg kShort{"You checked in {} s ago. Check out now?", "您 {} 秒前刚签到。现在签退吗？"};
constexpr Msg kStillIn{"Still checked in", "仍保持签到"};
constexpr Msg kExitPrompt{"Coordinator PIN to leave kiosk mode:", "退出签到机需站长 PIN 码："};
constexpr Msg kExitWrong{"Wrong coordinator PIN", "站长 PIN 码错误"};
constexpr Msg kBye{"Kiosk closed", "签到机已关闭"};
constexpr Msg kWho{"{} · {}", "{} · {}"};

bool is_yes(std::string_view s) {
  auto t = ascii_lower(trim(s));
  return t == "y" || t == "yes" || t == "是" || t == "1";
}

bool is_exit_word(std::string_view s) {
  auto t = ascii_lower(trim(s));
  return t == "exit" || t == "quit" || t == "退出";
}

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::optional<std::string> clean_input(std::string_view raw) {
  if (raw.size() > kMaxInput) return std::nullopt;
  if (text::invalid_utf8_at(raw)) return std::nullopt;
  std::string out;
  for (char c : raw)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
  return std::string(trim(out));
}

Kiosk::Kiosk(store::Connection& db, StationId station, std::function<Instant()> clock)
    : db_(db),
      station_(*store::stations::get(db, station)),
      clock_(std::move(clock)),
      ledger_(db, "kiosk") {}

Screen Kiosk::welcome() {
  state_ = State::idle;
  current_record_.reset();
  return Screen{Text(kWelcome), {Text(kHowTo), Text(kHowTo2)}, Tone::neutral, Text(kPrompt), false};
}

Text Kiosk::who(VolunteerId v) {
  if (!current_record_ || current_record_->id != v) current_record_ = store::volunteers::get(db_, v);
  return Text::of(kWho, text::mask_name(current_record_->name), current_record_->number);
}

Screen Kiosk::refused(const Text& why) {
  state_ = State::idle;
  return Screen{Text(kCannot), {why}, Tone::bad, Text(kPrompt), false};
}

Screen Kiosk::handle(std::string_view raw) {
  auto input = clean_input(raw);
  if (!input) {
    bool too_long = raw.size() > kMaxInput;
    if (state_ != State::idle) welcome();
    return Screen{
        Text(kCannot), {Text(too_long ? kTooLong : kUnreadable)}, Tone::warn, Text(kPrompt), false};
  }
  try {
    switch (state_) {
      case State::idle:
        if (input->empty()) return welcome();
        if (is_exit_word(*input)) {
          state_ = State::exit_pin;
          return Screen{Text(kExitPrompt), {}, Tone::neutral, Text(kPinPrompt), true};
        }
        return identify(*input);
      case State::pin:
        return check_pin(*input);
      case State::exit_pin:
        return check_exit_pin(*input);
      case State::confirm_forgotten: {
        ledger_.record_answer(*forgotten_, is_yes(*input), clock_());
        VolunteerId v = current_record_->id;
        Screen next = after_identified(v);
        next.lines.insert(next.lines.begin(), Text(kAnswerKept));
        return next;
      }
      case State::confirm_short: {
        VolunteerId v = current_record_->id;
        state_ = State::idle;
        if (is_yes(*input)) return checked_out(ledger_.check_out(v, clock_()));
        return Screen{Text(kStillIn), {who(v)}, Tone::neutral, Text(kPrompt), false};
      }
    }
  } catch (const Refused& r) {
    return refused(r.text());
  }
  return welcome();
}

// From the look-up to the answer screen, one write transaction: the volunteer is answered from
// one state of the records, the ledger's own transactions join it, and a busy database runs
// the whole turn again. The screen is returned only once the turn is committed.
template <class F>
Screen Kiosk::turn(F&& f) {
  return retry_transaction(db_, std::forward<F>(f), store::Isolation::explicit_locks);
}

Screen Kiosk::identify(std::string_view code) {
  if (code.size() == 4 && all_digits(code)) {
    phone_tail_ = code;
    if (store::identity::by_phone_tail(db_, code).empty()) return refused(Text(kUnknown));
    state_ = State::pin;
    return Screen{Text(kPinNeeded), {}, Tone::neutral, Text(kPinPrompt), true};
  }
  Instant now = clock_();
  return turn([&]() -> Screen {
    auto v = resolve(code);
    if (!v) return refused(Text(kUnknown));
    return answer(look_up(*v, now), now);
  });
}

// A badge scan or a volunteer number (typed in any letter case).
std::optional<VolunteerId> Kiosk::resolve(std::string_view code) {
  if (code.starts_with(kBadgePrefix))
    return store::identity::by_badge(db_, code.substr(kBadgePrefix.size()));
  auto found = store::volunteers::find(db_, code);
  if (!found) {
    std::string upper(code);
    for (auto& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
    found = store::volunteers::find(db_, upper);
  }
  if (!found) return std::nullopt;
  return found->id;
}

Screen Kiosk::check_pin(std::string_view pin) {
  state_ = State::idle;
  Instant now = clock_();
  auto candidates = store::identity::by_phone_tail(db_, phone_tail_);
  bool any_pin = false;
  for (auto v : candidates) {
    auto lock = store::identity::lockout(db_, v);
    if (lock.locked_until && *lock.locked_until > now)
      return refused(
          Text::of(kStillLocked, local_time(*lock.locked_until, station_.offset).hhmm()));
    auto hash = store::identity::pin_hash(db_, v);
    if (!hash) continue;
    any_pin = true;
    if (verify_pin(*hash, pin)) {
      if (lock.failures > 0)
        retry_transaction(db_, [&] {
          store::identity::set_lockout(db_, v, {});
          return 0;
        });
      return after_identified(v);
    }
  }
  if (!any_pin) return refused(Text(kNoPinSet));
  // Count the failure against every volunteer with that phone tail.
  int failures = 0;
  retry_transaction(db_, [&] {
    for (auto v : candidates) {
      auto lock = store::identity::lockout(db_, v);
      lock.failures += 1;
      failures = std::max(failures, lock.failures);
      if (lock.failures >= kMaxPinFailures) {
        lock.failures = 0;
        lock.locked_until = now.plus_minutes(kLockoutMinutes);
      }
      store::identity::set_lockout(db_, v, lock);
    }
    return 0;
  });
  if (failures >= kMaxPinFailures) return refused(Text::of(kLocked, kLockoutMinutes));
  return refused(Text::of(kWrongPin, failures, kMaxPinFailures));
}

Screen Kiosk::check_exit_pin(std::string_view pin) {
  state_ = State::idle;
  auto hash = store::identity::setting(db_, "coordinator_pin");
  if (hash && verify_pin(*hash, pin)) {
    finished_ = true;
    return Screen{Text(kBye), {}, Tone::neutral, Text{}, false};
  }
  return Screen{Text(kExitWrong), {}, Tone::bad, Text(kPrompt), false};
}

// Inside the scan's transaction (turn), so one state of the records.
Kiosk::Facts Kiosk::look_up(VolunteerId v, Instant now) {
  Facts f;
  f.record = *store::volunteers::get(db_, v);
  f.auto_close_due = ledger_.any_auto_close_due(now, {station_.id, v});
  auto pending = ledger_.awaiting_answer(v);
  if (!pending.empty()) {
    f.pending = pending.front();
    f.pending_shift = store::shifts::get(db_, *f.pending->shift);
  }
  f.open = ledger_.open_session(v);
  return f;
}

Screen Kiosk::after_identified(VolunteerId v) {
  Instant now = clock_();
  return turn([&] { return answer(look_up(v, now), now); });
}

Screen Kiosk::answer(Facts f, Instant now) {
  VolunteerId v = f.record.id;
  current_record_ = f.record;
  ledger_.check_may_serve(f.record, local_date(now, station_.offset));
  if (f.auto_close_due) {
    ledger_.auto_close_due(now, {station_.id, v});
    f = look_up(v, now);  // their own session may have been among those closed
  }
  if (f.pending && f.pending_shift) {
    const Shift& shift = *f.pending_shift;
    UtcOffset off = station_.offset;
    Date day = local_date(shift.time.begin, off);
    forgotten_ = f.pending->id;
    state_ = State::confirm_forgotten;
    return Screen{Text::of(kForgotten, Text(weekday_label(day.weekday())),
                           local_time(shift.time.begin, off).hhmm(),
                           local_time(shift.time.end, off).hhmm()),
                  {who(v), Text::of(kTime, day.iso())},
                  Tone::warn,
                  Text(kYesNo),
                  false};
  }
  return toggle(v, f.open, now);
}

Screen Kiosk::toggle(VolunteerId v, const std::optional<Session>& open, Instant now) {
  state_ = State::idle;
  if (open) {
    auto seconds = now.seconds - open->raw_in.seconds;
    if (seconds < kShortSessionSeconds) {
      state_ = State::confirm_short;
      return Screen{
          Text::of(kShort, seconds < 0 ? 0 : seconds), {who(v)}, Tone::warn, Text(kYesNo), false};
    }
    return checked_out(ledger_.check_out(v, now));
  }
  return checked_in(ledger_.check_in(v, station_.id, now));
}

// "Shift: 09:00–12:00 交通劝导"
Text Kiosk::shift_line(const Shift& shift) {
  auto project = store::projects::get(db_, shift.project);
  return Text::of(kShift, local_time(shift.time.begin, station_.offset).hhmm() + "–" +
                              local_time(shift.time.end, station_.offset).hhmm() + " " +
                              (project ? project->name : ""));
}

Screen Kiosk::checked_in(const CheckInResult& r) {
  Screen s{Text(kCheckedIn), {who(r.session.volunteer)}, Tone::good, Text(kPrompt), false};
  if (r.shift) {
    s.lines.push_back(shift_line(*r.shift));
  } else {
    s.lines.push_back(Text(kWalkIn));
    s.tone = Tone::warn;
  }
  s.lines.push_back(Text::of(kTime, format_local(r.session.raw_in, station_.offset)));
  return s;
}

Screen Kiosk::checked_out(const CheckOutResult& r) {
  store::ReadTransaction reads(db_);  // a quick check-out's answer comes after its own commit
  Screen s{Text(kCheckedOut), {who(r.session.volunteer)}, Tone::good, Text(kPrompt), false};
  if (r.shift) s.lines.push_back(shift_line(*r.shift));
  s.lines.push_back(Text::of(kTime, format_local(*r.session.raw_out, station_.offset)));
  s.lines.push_back(Text::of(kCredited, duration_text(r.session.credited_minutes)));
  s.lines.push_back(Text::of(kTotal, duration_text(r.total_minutes)));
  auto next = ledger_.next_shift(r.session.volunteer, *r.session.raw_out);
  if (next) {
    Date day = local_date(next->time.begin, station_.offset);
    s.lines.push_back(Text::of(
        kNext,
        Text::of(Msg{"{} {} {}", "{} {} {}"}, Text(weekday_label(day.weekday())),
                 day.iso().substr(5), local_time(next->time.begin, station_.offset).hhmm())));
  } else {
    s.lines.push_back(Text(kNoNext));
  }
  return s;
}

}  // namespace vstation::kiosk
