// The kiosk conversation: the input loop, identification (badge, number, phone tail + PIN,
// by the station's policy), PIN lockouts and leaving kiosk mode. What happens once a volunteer
// is identified is in kiosk_answer.cpp.

#include "vstation/kiosk/kiosk.hpp"

#include <fmt/format.h>

#include <utility>

#include "kiosk_text.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/kiosk/retry.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/setup_changes.hpp"
#include "vstation/text/width.hpp"

namespace vstation::kiosk {
namespace {

constexpr Msg kKioskStationRetired{
    "station {} is retired (no longer in service); the kiosk does not start",
    "站点 {} 已停用，签到机不会启动"};

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

std::optional<bool> parse_yes_no(std::string_view s) {
  auto t = ascii_lower(trim(s));
  if (t == "y" || t == "yes" || t == "是" || t == "1") return true;
  if (t == "n" || t == "no" || t == "否" || t == "0") return false;
  return std::nullopt;
}

std::optional<TimeOfDay> parse_typed_time(std::string_view s) {
  std::string t(trim(s));
  if (t.size() == 4 && all_digits(t)) t.insert(2, ":");  // 2040
  if (t.size() == 4 && t[1] == ':') t.insert(0, "0");    // 8:05
  if (t.size() != 5 || t[2] != ':' || !all_digits(t.substr(0, 2)) || !all_digits(t.substr(3)))
    return std::nullopt;
  int h = std::stoi(t.substr(0, 2)), m = std::stoi(t.substr(3));
  if (h > 23 || m > 59) return std::nullopt;
  return TimeOfDay{h * 60 + m};
}

Kiosk::Kiosk(store::Connection& db, StationId station, std::function<Instant()> clock,
             std::string actor)
    : db_(db),
      station_(*store::stations::get(db, station)),
      clock_(std::move(clock)),
      ledger_(db, std::move(actor)),
      station_read_(clock_()) {
  if (station_.retired) throw DataError(kKioskStationRetired, station_.code);
}

// Every turn has the station's settings (identification policy, hours, zone) as they are in its
// transaction (turn): read again unless nothing was written since the last turn ended, or, on
// SQLite, nothing a check-in looks up (another kiosk's check-in changes none of it). Outside a
// turn (a phone number's tail, before the PIN) they are read again every kStationRefreshSeconds,
// so a coordinator's change reaches a running kiosk within a minute without a look-up of its own
// on every input.
void Kiosk::read_station() {
  // The token first: a write between the two readings makes the next turn read again.
  auto token = db_.change_token();
  if (!token || token != read_token_) {
    auto stamp = store::setup_changes::stamp(db_);
    if (!stamp || stamp != setup_stamp_) {
      if (auto fresh = store::stations::get(db_, station_.id)) station_ = std::move(*fresh);
      project_names_.clear();
      roster_.reset();
    }
    setup_stamp_ = stamp;
  }
  read_token_ = token;
  station_read_ = clock_();
}

std::optional<store::shifts::RosteredMatch> Kiosk::rostered(VolunteerId v, Instant now) {
  int early = station_.settings.early_allowance_minutes;
  bool keep = setup_stamp_.has_value() && std::exchange(roster_wanted_, true);
  if (!keep) return store::shifts::rostered_at(db_, v, station_.id, now, early);
  constexpr std::int64_t kDay = 24 * 60 * 60;
  if (!roster_ || now < roster_->from ||
      now.seconds + std::int64_t(early) * 60 > roster_->until.seconds) {
    // A week ahead, the roster a station plans at a time: read again after a week, or after a
    // change to any roster (a change costs the next check-in one read of a week's assignments).
    Instant until{now.seconds + 7 * kDay};
    roster_ = Roster{now, until,
                     store::setup_changes::rostered_starting(db_, station_.id,
                                                             Instant{now.seconds - kDay}, until)};
  }
  auto list = roster_->by_volunteer.find(v.value);
  if (list == roster_->by_volunteer.end()) return std::nullopt;
  auto shift = store::shifts::rostered_match(list->second, station_.id, now, early);
  if (!shift) return std::nullopt;
  return store::shifts::RosteredMatch{*shift, project_name(shift->project)};
}

void Kiosk::refresh_station(Instant now) {
  if (now.seconds - station_read_.seconds < kStationRefreshSeconds &&
      now.seconds >= station_read_.seconds)
    return;
  read_station();
  station_read_ = now;
}

Screen Kiosk::welcome() {
  state_ = State::idle;
  current_record_.reset();
  question_.reset();
  pin_candidates_.clear();
  pin_checked_ = false;
  return Screen{Text(kWelcome), {Text(kHowTo), Text(kHowTo2)}, Tone::neutral, Text(kPrompt), false};
}

Text Kiosk::who(VolunteerId v) {
  if (!current_record_ || current_record_->id != v)
    current_record_ = store::volunteers::get(db_, v);
  return Text::of(kWho, text::mask_name(current_record_->name), current_record_->number);
}

Screen Kiosk::refused(const Text& why) {
  state_ = State::idle;
  question_.reset();
  current_record_.reset();
  pin_checked_ = false;
  return Screen{Text(kCannot), {why}, Tone::bad, Text(kPrompt), false};
}

Screen Kiosk::handle(std::string_view raw) {
  auto input = clean_input(raw);
  if (!input) {
    bool too_long = raw.size() > kMaxInput;
    welcome();
    return Screen{
        Text(kCannot), {Text(too_long ? kTooLong : kUnreadable)}, Tone::warn, Text(kPrompt), false};
  }
  try {
    switch (state_) {
      case State::idle:
        return start(*input);
      case State::pin:
        return check_pin(*input);
      case State::exit_pin:
        return check_exit_pin(*input);
      // A question left unanswered by the next one in the queue: their scan is not an answer (nor
      // lost); the question waits for the volunteer's next scan, as when the kiosk times out.
      case State::confirm_forgotten:
      case State::offer_check_in:
      case State::confirm_short:
        if (parse_yes_no(*input) || !someone_else(*input)) return take_yes_no(*input);
        welcome();
        return start(*input);
      case State::ask_left:
        if (parse_typed_time(*input) || !someone_else(*input)) return take_left(*input);
        welcome();
        return start(*input);
    }
  } catch (const Refused& r) {
    return refused(r.text());
  }
  return welcome();
}

// A scan or a typed code with nothing asked: who it is, or `exit` for the coordinator's PIN.
Screen Kiosk::start(std::string_view input) {
  if (input.empty()) return welcome();
  if (is_exit_word(input)) {
    current_record_.reset();
    pin_checked_ = false;
    state_ = State::exit_pin;
    return Screen{Text(kExitPrompt), {}, Tone::neutral, Text(kPinPrompt), true};
  }
  return identify(input);
}

// Whether an input that answers nothing is someone else coming forward: `exit`, a badge, a
// phone number's tail, or a volunteer number the station knows.
bool Kiosk::someone_else(std::string_view input) {
  return is_exit_word(input) || input.starts_with(kBadgePrefix) ||
         (input.size() == 4 && all_digits(input)) ||
         store::identity::at_kiosk_by_number(db_, input).has_value();
}

// Each way in checks the volunteer's PIN lockout first: locked out is locked out everywhere. A
// badge or a number is looked up inside the scan's one transaction (turn), with its answer.
Screen Kiosk::identify(std::string_view code) {
  pin_checked_ = false;  // someone new: whoever was here before gave their PIN, not this one
  if (code.size() == 4 && all_digits(code)) {
    refresh_station(clock_());
    auto candidates = store::identity::by_phone_tail(db_, code);
    if (candidates.empty()) return refused(Text(kUnknown));
    for (auto v : candidates)
      if (auto locked = refuse_if_locked(store::identity::lockout(db_, v))) return *locked;
    return ask_pin(std::move(candidates));
  }
  Instant now = clock_();
  return turn([&]() -> Screen {
    if (code.starts_with(kBadgePrefix)) {
      auto who = store::identity::at_kiosk_by_badge(db_, code.substr(kBadgePrefix.size()));
      if (!who) return refused(Text(kUnknown));
      if (auto locked = refuse_if_locked(who->gate.lockout)) return *locked;
      return answer(look_up(who->record, now), now);
    }
    return by_number(code, now);
  });
}

// A typed volunteer number: enough alone, or with the volunteer's PIN, or not at all, as the
// station chose.
Screen Kiosk::by_number(std::string_view code, Instant now) {
  auto policy = station_.settings.identification;
  if (policy == KioskIdentification::badge_pin) return refused(Text(kNumbersOff));
  auto who = store::identity::at_kiosk_by_number(db_, code);
  if (!who) return refused(Text(kUnknown));
  const auto& gate = who->gate;
  if (auto locked = refuse_if_locked(gate.lockout)) return *locked;
  if (policy == KioskIdentification::number_pin && !gate.has_pin)
    return refused(Text(kNoPinForNumber));
  if (policy == KioskIdentification::number_pin ||
      (policy == KioskIdentification::pin_if_set && gate.has_pin))
    return ask_pin({who->record.id});
  return answer(look_up(who->record, now), now);
}

std::optional<Screen> Kiosk::refuse_if_locked(const store::identity::Lockout& lock) {
  if (lock.locked_until && *lock.locked_until > clock_())
    return refused(Text::of(kStillLocked, local_time(*lock.locked_until, station_.zone).hhmm()));
  return std::nullopt;
}

Screen Kiosk::ask_pin(std::vector<VolunteerId> candidates) {
  pin_candidates_ = std::move(candidates);
  state_ = State::pin;
  return Screen{Text(kPinNeeded), {}, Tone::neutral, Text(kPinPrompt), true};
}

Screen Kiosk::check_pin(std::string_view pin) {
  // Input that is not 4 to 8 digits is no one's PIN (letters, a badge scanned at the prompt):
  // said, and asked again, not counted as a wrong PIN against the volunteer.
  try {
    check_pin_format(pin);
  } catch (const ParseError& e) {
    return Screen{Text(kPinNeeded), {e.text()}, Tone::warn, Text(kPinPrompt), true};
  }
  state_ = State::idle;
  auto candidates = std::move(pin_candidates_);
  pin_candidates_.clear();
  auto verdict = check_volunteer_pin(db_, candidates, pin, clock_());
  switch (verdict.kind) {
    case PinVerdict::Kind::accepted:
      pin_checked_ = true;
      return after_identified(*verdict.volunteer);
    case PinVerdict::Kind::no_pin:
      return refused(Text(kNoPinSet));
    case PinVerdict::Kind::locked:
      // Locked by this very failure, or still locked from before.
      if (verdict.failures > 0) return refused(Text::of(kLocked, kLockoutMinutes));
      return refused(
          Text::of(kStillLocked, local_time(*verdict.locked_until, station_.zone).hhmm()));
    case PinVerdict::Kind::wrong:
      break;
  }
  return refused(Text::of(kWrongPin, verdict.failures, kMaxPinFailures));
}

Screen Kiosk::check_exit_pin(std::string_view pin) {
  state_ = State::idle;
  auto verdict = check_coordinator_pin(db_, pin, clock_());
  if (verdict.kind == PinVerdict::Kind::accepted) {
    finished_ = true;
    return Screen{Text(kBye), {}, Tone::neutral, Text{}, false};
  }
  if (verdict.kind == PinVerdict::Kind::locked)
    return Screen{Text::of(kExitLocked, kLockoutMinutes), {}, Tone::bad, Text(kPrompt), false};
  return Screen{Text(kExitWrong), {}, Tone::bad, Text(kPrompt), false};
}

}  // namespace vstation::kiosk
