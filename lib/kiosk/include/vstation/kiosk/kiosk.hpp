#pragma once
// The kiosk conversation as a state machine over the store: a line of input in (typed or
// scanned), a screen out. No terminal code here; apps/commands/kiosk.cpp draws the screens.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/store/db.hpp"

namespace vstation::kiosk {

enum class Tone { neutral, good, warn, bad };

struct Screen {
  Text title;
  std::vector<Text> lines;
  Tone tone = Tone::neutral;
  Text prompt;
  bool secret = false;  // the next input is a PIN: do not echo it
};

// Wrong PINs before a volunteer is locked out of the kiosk, and for how long.
constexpr int kMaxPinFailures = 5;
constexpr int kLockoutMinutes = 5;
// Longest input line accepted (a scanner's badge payload is ~31 bytes).
constexpr std::size_t kMaxInput = 64;

class Kiosk {
 public:
  Kiosk(store::Connection& db, StationId station, std::function<Instant()> clock);

  Screen welcome();
  // One line typed or scanned (without the Enter).
  Screen handle(std::string_view input);
  [[nodiscard]] bool finished() const { return finished_; }
  [[nodiscard]] const Station& station() const { return station_; }

 private:
  enum class State { idle, pin, confirm_forgotten, confirm_short, exit_pin };

  // What the kiosk needs to know of a volunteer to answer them, read within the scan.
  struct Facts {
    Volunteer record;
    // An open session at this station, or theirs anywhere, is past its deadline. A kiosk
    // looks after its own station's forgotten check-outs; `sessions review` after all.
    bool auto_close_due = false;
    std::optional<Session> pending;  // their forgotten check-out awaiting their answer
    std::optional<Shift> pending_shift;
    std::optional<Session> open;  // their open session
  };

  template <class F>
  Screen turn(F&& f);
  Screen identify(std::string_view code);
  std::optional<VolunteerId> resolve(std::string_view code);
  Facts look_up(VolunteerId v, Instant now);
  Screen after_identified(VolunteerId v);
  Screen answer(Facts facts, Instant now);
  Screen toggle(VolunteerId v, const std::optional<Session>& open, Instant now);
  Screen check_pin(std::string_view pin);
  Screen check_exit_pin(std::string_view pin);
  Screen refused(const Text& why);
  Text shift_line(const Shift& shift);
  Screen checked_in(const CheckInResult& r);
  Screen checked_out(const CheckOutResult& r);
  Text who(VolunteerId v);

  store::Connection& db_;
  Station station_;
  std::function<Instant()> clock_;
  Ledger ledger_;
  State state_ = State::idle;
  std::string phone_tail_;
  std::optional<Volunteer> current_record_;  // who is at the kiosk: read at identification
  std::optional<SessionId> forgotten_;
  bool finished_ = false;
};

// Removes control characters; nullopt when the input is not UTF-8 or is too long.
std::optional<std::string> clean_input(std::string_view raw);

}  // namespace vstation::kiosk
