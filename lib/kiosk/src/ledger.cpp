#include "vstation/kiosk/ledger.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "vstation/domain/hours_policy.hpp"
#include "vstation/kiosk/retry.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/session_queries.hpp"

namespace vstation::kiosk {
namespace {

constexpr Msg kRetired{"{} has retired and cannot check in", "{} 已退出，不能签到"};
constexpr Msg kSuspended{"{} is suspended and cannot check in", "{} 已暂停服务，不能签到"};
constexpr Msg kConsent{"{} is under 14 and needs a guardian's consent first",
                       "{} 未满 14 岁，需先取得监护人同意"};
constexpr Msg kWalkIns{"{} has no shift now and this station does not take walk-ins",
                       "{} 当前没有排班，本站不接受临时签到"};
constexpr Msg kAlreadyIn{"{} is already checked in (since {})", "{} 已经签到（{} 起）"};
constexpr Msg kNotIn{"{} is not checked in", "{} 尚未签到"};
constexpr Msg kNotReviewable{
    "session {} is {}; only auto-closed sessions and walk-ins can be confirmed",
    "签到记录 {} 的状态为{}；只有自动关闭的记录和临时签到可以确认"};
constexpr Msg kNeedsTimes{
    "session {} has no shift to confirm against; use 'sessions fix' with --in and --out",
    "签到记录 {} 没有可对照的班次；请用“sessions fix”并给出 --in 和 --out"};
constexpr Msg kOutBeforeIn{"the check-out is before the check-in", "签退时间早于签到时间"};
constexpr Msg kOverlaps{"the corrected times overlap another session of {}",
                        "更正后的时间与 {} 的另一条签到记录重叠"};
constexpr Msg kNoSession{"no session numbered {}", "没有编号为 {} 的签到记录"};
constexpr Msg kTooLong{
    "{} was checked in for longer than allowed; the session is closed for the coordinator's review",
    "{} 签到时间超过上限；该记录已关闭，等待站长审核"};

}  // namespace

template <class F>
auto Ledger::in_transaction(F&& f, store::Isolation isolation) {
  return retry_transaction(db_, std::forward<F>(f), isolation);
}

// Every transaction that changes a volunteer's sessions holds that volunteer's lock first, so
// the kiosk's check-in and check-out can run without the server's serializable checks (which
// abort unrelated volunteers' transactions under load) and still never interleave with each
// other or with a review of the same volunteer.
void Ledger::lock(VolunteerId v) {
  db_.lock(store::LockSpace::volunteer, v.value);
}

Session Ledger::load_locked(SessionId id) {
  Session s = load(id);
  lock(s.volunteer);
  return s;
}

std::string describe(const Session& s, UtcOffset off) {
  std::string out = format_local(s.effective_in, off) + "–" +
                    (s.effective_out ? local_time(*s.effective_out, off).hhmm() : "?");
  return fmt::format("{} {} {} min", out, code_of(s.status), s.credited_minutes);
}

void Ledger::check_may_serve(const Volunteer& v, Date on) const {
  if (v.status == VolunteerStatus::retired)
    throw Refused(Refusal::retired, Text::of(kRetired, v.number));
  if (v.status == VolunteerStatus::suspended)
    throw Refused(Refusal::suspended, Text::of(kSuspended, v.number));
  if (!may_serve(v, on)) throw Refused(Refusal::needs_consent, Text::of(kConsent, v.number));
}

std::int64_t Ledger::credit(const Session& s) {
  if (!s.effective_out) return 0;
  auto st = store::stations::get(db_, s.station);
  std::optional<TimeRange> shift;
  if (s.shift)
    if (auto sh = store::shifts::get(db_, *s.shift)) shift = sh->time;
  return credited_minutes(s.effective_in, *s.effective_out, shift, st->settings);
}

void Ledger::audit(const Session& before, const Session& after, const std::string& action,
                   const std::string& reason, Instant now) {
  auto st = store::stations::get(db_, after.station);
  store::AuditEntry e;
  e.at = now;
  e.actor = actor_;
  e.entity = "session";
  e.entity_id = after.id.value;
  e.action = action;
  e.reason = reason;
  e.old_value = describe(before, st->offset);
  e.new_value = describe(after, st->offset);
  store::audit::append(db_, e);
}

void Ledger::auto_close(const Session& s, Instant now) {
  Session after = s;
  after.status = SessionStatus::auto_closed;
  after.credited_minutes = 0;
  store::sessions::update(db_, s, after);
  audit(s, after, "auto_close", "open past the longest allowed length or the end of the day", now);
}

bool Ledger::due(const Session& open, Instant now, store::Lookup& stations) {
  return should_auto_close(open.effective_in, now, stations.station_record(open.station));
}

bool Ledger::any_auto_close_due(Instant now, const store::session_queries::OpenScope& scope) {
  store::Lookup stations(db_);
  auto open = store::session_queries::open_sessions(db_, scope);
  return std::any_of(open.begin(), open.end(),
                     [&](const Session& s) { return due(s, now, stations); });
}

std::vector<Session> Ledger::auto_close_due(Instant now,
                                            const store::session_queries::OpenScope& scope) {
  // Almost every kiosk identification finds nothing due: look before taking the write lock.
  if (!any_auto_close_due(now, scope)) return {};
  return in_transaction([&] {
    store::Lookup stations(db_);
    std::vector<Session> closed;
    for (const auto& s : store::session_queries::open_sessions(db_, scope)) {
      if (!due(s, now, stations)) continue;
      lock(s.volunteer);
      // Read again under the lock: within a kiosk turn (READ COMMITTED on PostgreSQL) another
      // kiosk may have checked this session out since it was listed.
      Session current = load(s.id);
      if (current.status != SessionStatus::open) continue;
      auto_close(current, now);
      closed.push_back(current);
    }
    return closed;
  });
}

std::optional<Session> Ledger::open_session(VolunteerId v) {
  return store::sessions::open_of(db_, v);
}

CheckInResult Ledger::check_in(VolunteerId v, StationId station, Instant at) {
  return in_transaction(
      [&] {
        lock(v);
        auto vol = store::volunteers::get(db_, v);
        auto st = store::stations::get(db_, station);
        check_may_serve(*vol, local_date(at, st->offset));
        if (auto open = store::sessions::open_of(db_, v)) {
          auto open_st = store::stations::get(db_, open->station);
          if (!should_auto_close(open->effective_in, at, *open_st))
            throw Refused(Refusal::already_in,
                          Text::of(kAlreadyIn, vol->number,
                                   format_local(open->effective_in, open_st->offset)));
          auto_close(*open, at);
        }
        auto shift =
            store::shifts::rostered_at(db_, v, station, at, st->settings.early_allowance_minutes);
        if (!shift && st->settings.walk_ins == WalkInPolicy::refuse)
          throw Refused(Refusal::walk_ins_refused, Text::of(kWalkIns, vol->number));
        Session s;
        s.volunteer = v;
        s.station = station;
        if (shift) {
          s.shift = shift->id;
          s.project = shift->project;
        }
        s.raw_in = s.effective_in = at;
        s.status = SessionStatus::open;
        s.id = store::sessions::insert(db_, s);
        return CheckInResult{s, shift};
      },
      store::Isolation::explicit_locks);
}

CheckOutResult Ledger::check_out(VolunteerId v, Instant at) {
  auto result = in_transaction(
      [&]() -> std::optional<CheckOutResult> {
        lock(v);
        auto open = store::sessions::open_of(db_, v);
        if (!open)
          throw Refused(Refusal::not_in, Text::of(kNotIn, store::volunteers::get(db_, v)->number));
        const Session& before = *open;
        Session s = before;
        // Open past its deadline: it is auto-closed for review, not silently credited.
        if (should_auto_close(s.effective_in, at, *store::stations::get(db_, s.station))) {
          auto_close(s, at);
          return std::nullopt;
        }
        if (at < s.raw_in) at = s.raw_in;  // a clock step backwards never makes time negative
        s.raw_out = s.effective_out = at;
        s.status = SessionStatus::closed;
        s.credited_minutes = credit(s);
        store::sessions::update(db_, before, s);
        std::optional<Shift> shift;
        if (s.shift) shift = store::shifts::get(db_, *s.shift);
        return CheckOutResult{s, shift, store::session_queries::total_minutes(db_, v)};
      },
      store::Isolation::explicit_locks);
  if (!result)
    throw Refused(Refusal::too_long, Text::of(kTooLong, store::volunteers::get(db_, v)->number));
  return *result;
}

std::vector<Session> Ledger::awaiting_answer(VolunteerId v) {
  return store::session_queries::awaiting_answer(db_, v);
}

void Ledger::record_answer(SessionId id, bool agrees, Instant now) {
  in_transaction([&] {
    Session s = load(id);
    store::AuditEntry e;
    e.at = now;
    e.actor = actor_;
    e.entity = "session";
    e.entity_id = id.value;
    e.action = "volunteer_answer";
    e.reason = agrees ? "the volunteer confirms the rostered end time"
                      : "the volunteer does not confirm the rostered end time";
    e.new_value = agrees ? "yes" : "no";
    store::audit::append(db_, e);
    return 0;
  });
}

Session Ledger::load(SessionId id) {
  auto s = store::sessions::get(db_, id);
  if (!s) throw DataError(kNoSession, id.value);
  return *s;
}

Session Ledger::confirm(SessionId id, Instant now, const std::string& reason) {
  return in_transaction([&] {
    Session before = load_locked(id);
    Session s = before;
    bool walk_in_closed = before.status == SessionStatus::closed && before.walk_in();
    if (before.status != SessionStatus::auto_closed && !walk_in_closed)
      throw Refused(Refusal::not_reviewable,
                    Text::of(kNotReviewable, id.value, label_of(before.status)));
    if (before.status == SessionStatus::auto_closed) {
      if (!before.shift) throw Refused(Refusal::needs_times, Text::of(kNeedsTimes, id.value));
      s.effective_out = store::shifts::get(db_, *before.shift)->time.end;  // the rostered end
      if (*s.effective_out < s.effective_in) s.effective_out = s.effective_in;
    }
    s.status = SessionStatus::confirmed;
    s.credited_minutes = credit(s);
    store::sessions::update(db_, before, s);
    audit(before, s, "confirm", reason, now);
    return s;
  });
}

Session Ledger::fix(SessionId id, Instant in, Instant out, Instant now, const std::string& reason) {
  return in_transaction([&] {
    Session before = load_locked(id);
    if (out < in) throw Refused(Refusal::out_before_in, Text(kOutBeforeIn));
    Session s = before;
    s.effective_in = in;
    s.effective_out = out;
    s.status = SessionStatus::corrected;
    // The corrected range may not overlap another session of the volunteer.
    auto others = store::sessions::of_volunteer(db_, s.volunteer);
    for (const auto& o : others) {
      if (o.id == s.id || o.status == SessionStatus::rejected) continue;
      TimeRange mine{in, out};
      Instant their_end = o.effective_out.value_or(
          o.status == SessionStatus::open ? Instant{INT64_MAX} : o.effective_in.plus_minutes(0));
      TimeRange theirs{o.effective_in, their_end};
      if (theirs.empty() && mine.contains(o.effective_in))
        theirs.end = o.effective_in.plus_minutes(1);
      if (mine.overlaps(theirs))
        throw Refused(Refusal::overlaps,
                      Text::of(kOverlaps, store::volunteers::get(db_, s.volunteer)->number));
    }
    s.credited_minutes = credit(s);
    store::sessions::update(db_, before, s);
    audit(before, s, "fix", reason, now);
    return s;
  });
}

Session Ledger::reject(SessionId id, Instant now, const std::string& reason) {
  return in_transaction([&] {
    Session before = load_locked(id);
    Session s = before;
    if (s.status == SessionStatus::open) s.effective_out = now;
    s.status = SessionStatus::rejected;
    s.credited_minutes = 0;
    store::sessions::update(db_, before, s);
    audit(before, s, "reject", reason, now);
    return s;
  });
}

std::int64_t Ledger::total_minutes(VolunteerId v) {
  return store::session_queries::total_minutes(db_, v);
}

std::optional<Shift> Ledger::next_shift(VolunteerId v, Instant after) {
  return store::session_queries::next_shift(db_, v, after);
}

}  // namespace vstation::kiosk
