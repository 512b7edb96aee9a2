#pragma once
// A volunteer's own sign-ups (the web face's "open slots", docs/design.md §5): which upcoming
// shifts of a station they may take, taking one, and cancelling one before the station's
// deadline. The walls are the roster's hard rules, from where they live: the person and the
// shift's places from store::assignment_breaks (serve_bar, overlap, full), the week's limits
// and rest from the roster engine (evaluate_station on their week), and places kept for a
// shift's skill minimums. Availability is a preference here, not a wall: a slot outside it is
// offered, marked. Each change runs in one transaction (retried when it loses a race) and
// writes an audit row naming the actor; a refusal changes nothing.

#include <optional>
#include <string>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/domain/error.hpp"
#include "vstation/domain/message.hpp"
#include "vstation/store/db.hpp"

namespace vstation::planning {

// What keeps a volunteer off a shift they asked for.
enum class Wall {
  no_shift,    // no such shift, or it was cancelled
  started,     // it has begun (or ended)
  already_on,  // they are on it already
  retired,     // the person (serve_bar on the shift's day)
  suspended,
  no_consent,
  not_joined,
  overlap,      // another of their shifts overlaps it
  full,         // no place left
  max_shifts,   // their weekly maximum of shifts
  max_minutes,  // their weekly maximum of hours
  min_rest,     // too little rest after or before another of their shifts
  skill,        // the places left are kept for holders of a skill valid that day
};
// Stable code ("max_shifts") for the JSON API.
std::string_view wall_code(Wall w);

struct WallHit {
  Wall wall{};
  Text detail;  // in words, naming what is in the way
  // The wall said of every shift it keeps back ("week of … : you have 20 h of your weekly
  // maximum of 20 h"); empty: the detail says it.
  Text summary;
};

// What a slot bends of the volunteer's own wishes (offered all the same).
enum class Bend {
  outside_availability,  // their weekly times (with exceptions) do not cover it
  avoided,               // it touches a window they marked "rather not"
};
std::string_view bend_code(Bend b);

struct OpenSlot {
  Shift shift;
  int taken = 0;           // people on it
  int free = 0;            // places left
  bool preferred = false;  // wholly inside a window they prefer
  bool returning = false;  // they cancelled (or were taken off) this one before
  // Past the cancellation deadline already (cancellable_until < now): once taken, only the
  // coordinator can take them off it.
  bool binding = false;
  std::vector<Bend> bends;  // empty: within their usual times
  Text why;                 // why it fits, or which wish it bends, in words
};

// A reason shifts with a free place were not offered to the volunteer, and how many it kept
// back: one per wall (per week for the weekly limits), in the words of WallHit::summary.
struct NotOffered {
  Wall wall{};
  int shifts = 0;
  Text why;
};

// What the station offers a volunteer over the horizon: the open slots, why the other shifts
// with a free place are not among them (already_on included: they are on it), and how many
// shifts had no place left. The one judgement the page, the API and its explanation share.
struct Offer {
  std::vector<OpenSlot> slots;
  std::vector<NotOffered> not_offered;  // in order of the first shift each reason kept back
  int shifts = 0;                       // not started, not cancelled, in the horizon
  int full = 0;                         // of those, the ones with no place left
};

// The station's shifts from `now` to `now + horizon_days` that have not started, have a free
// place and that `v` may take, by start time; and why the others were not offered.
Offer offer(store::Connection& db, VolunteerId v, StationId station, Instant now,
            int horizon_days = 28);
// offer(...).slots.
std::vector<OpenSlot> open_slots(store::Connection& db, VolunteerId v, StationId station,
                                 Instant now, int horizon_days = 28);

// Every wall between `v` and `shift` at `now` (empty: they may take it). Read-only.
std::vector<WallHit> walls(store::Connection& db, VolunteerId v, const Shift& shift, Instant now);

// A sign-up or cancellation refused: the rule, named in both languages; nothing changed.
class Refusal : public DataError {
 public:
  // not_found: no such shift, or not theirs; conflict: full, or already on it.
  enum class Kind { not_found, not_allowed, conflict, too_late };
  Refusal(Kind kind, std::string code, Text text)
      : DataError(std::move(text)), kind_(kind), code_(std::move(code)) {}
  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] const std::string& code() const { return code_; }  // "full", "too_late", …

 private:
  Kind kind_;
  std::string code_;
};

// Puts `v` on the shift, re-checking every wall inside the transaction: of two people racing
// for the last place exactly one gets it. A drop-out of that shift (cancelled assignment) is
// taken up again. Audit: assignment `signed_up` by `actor`. Throws Refusal.
Assignment sign_up(store::Connection& db, VolunteerId v, ShiftId shift, Instant now,
                   const std::string& actor);

// The last instant at which a volunteer may still cancel their place on `shift`:
// `station.settings.cancel_deadline_hours` before it starts (cancelling at that instant is
// still in time).
Instant cancellable_until(const Station& station, const Shift& shift);

// Takes `v` off the shift they are on, until the deadline: the assignment stays, cancelled,
// as a drop-out the coordinator sees (`roster show`), and the place is free again. Audit:
// assignment `cancelled` by `actor`. Throws Refusal (not theirs: not_found; after the
// deadline: too_late, naming the station's contact).
void cancel(store::Connection& db, VolunteerId v, ShiftId shift, Instant now,
            const std::string& actor);

struct MyShift {
  Assignment assignment;
  Shift shift;
  Instant cancellable_until;
  bool cancellable = false;  // now is not past cancellable_until
};
// The volunteer's upcoming shifts (not started, not cancelled), by start time.
std::vector<MyShift> my_shifts(store::Connection& db, VolunteerId v, Instant now);

}  // namespace vstation::planning
