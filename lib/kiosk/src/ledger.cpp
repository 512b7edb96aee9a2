#include "vstation/kiosk/ledger.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "vstation/domain/audit_text.hpp"
#include "vstation/domain/hours_policy.hpp"
#include "vstation/kiosk/retry.hpp"
#include "vstation/kiosk/review.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/session_queries.hpp"

namespace vstation::kiosk {
namespace {

constexpr Msg kRetired{"{} has retired and cannot check in", "{} 已退出，不能签到"};
constexpr Msg kStationRetired{
    "station {} is retired (no longer in service); nobody can check in there",
    "站点 {} 已停用，不能在此签到"};
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
    "session {} has no shift to confirm against; use --as-proposed (the time the volunteer gave) "
    "or 'sessions fix' with --in and --out",
    "签到记录 {} 没有可对照的班次；请用 --as-proposed（志愿者给出的时间），或用“sessions "
    "fix”并给出 --in 和 --out"};
constexpr Msg kNoProposal{"session {}: the volunteer has not said when they left",
                          "签到记录 {}：志愿者尚未说明离开时间"};
constexpr Msg kNotForgotten{"session {} is {}, not a forgotten check-out",
                            "签到记录 {} 的状态为{}，不是忘记签退的记录"};
constexpr Msg kOutBeforeIn{"the check-out ({}) is before the check-in ({})",
                           "签退时间（{}）早于签到时间（{}）"};
constexpr Msg kLeftOutside{"the time they left ({}) must be between the check-in ({}) and {}",
                           "离开时间（{}）必须在签到时间（{}）与 {} 之间"};
constexpr Msg kAnswerTooLong{
    "leaving at {} would make the session {} long; the station's longest session is {}",
    "若离开时间为 {}，本次签到时长将为 {}；本站单次签到最长 {}"};
constexpr Msg kTooLong{"the corrected session lasts {}; the station's longest session is {}",
                       "更正后的签到时长为 {}；本站单次签到最长 {}"};
constexpr Msg kOverlaps{"the corrected times overlap another session of {}",
                        "更正后的时间与 {} 的另一条签到记录重叠"};
constexpr Msg kInOverlaps{"a check-in of {} at {} would overlap another of their sessions",
                          "{} 在 {} 签到会与其另一条签到记录重叠"};
constexpr Msg kNoSession{"no session numbered {}", "没有编号为 {} 的签到记录"};

}  // namespace

template <class F>
auto Ledger::in_transaction(F&& f, store::Isolation isolation) {
  return retry_transaction(db_, std::forward<F>(f), isolation, waiting_);
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
  return load(id);  // again under the lock: another kiosk may have changed it meanwhile
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

void Ledger::audit(const Session& before, const Session& after, Msg action,
                   const std::string& reason, Instant now, const Station* where) {
  std::optional<Station> read;
  const Station* st = where && where->id == after.station
                          ? where
                          : &read.emplace(*store::stations::get(db_, after.station));
  store::AuditEntry e;
  e.at = now;
  e.actor = actor_;
  e.entity = "session";
  e.entity_id = after.id.value;
  e.action = action.en;
  e.reason = reason;
  e.old_value = describe(before, st->zone);
  e.new_value = describe(after, st->zone);
  store::audit::append(db_, e);
}

void Ledger::auto_close(const Session& s, Instant now, const std::string& reason) {
  Session after = s;
  after.status = SessionStatus::auto_closed;
  after.credited_minutes = 0;
  store::sessions::update(db_, s, after);
  audit(s, after, audit_text::kAutoClose, reason, now);
}

bool Ledger::due(const store::sessions::OpenSession& open, Instant now, store::Lookup& stations) {
  return is_overdue(open.session.effective_in, open.shift, now,
                    stations.station_record(open.session.station));
}

bool Ledger::any_auto_close_due(Instant now, const store::session_queries::OpenScope& scope,
                                std::optional<SessionId> spare) {
  store::Lookup stations(db_);
  auto open = store::session_queries::open_sessions(db_, scope);
  return std::any_of(open.begin(), open.end(),
                     [&](const auto& o) { return o.session.id != spare && due(o, now, stations); });
}

std::vector<Session> Ledger::auto_close_due(Instant now,
                                            const store::session_queries::OpenScope& scope,
                                            std::optional<SessionId> spare) {
  // Almost every kiosk identification finds nothing due: look before taking the write lock.
  if (!any_auto_close_due(now, scope, spare)) return {};
  return in_transaction([&] {
    store::Lookup stations(db_);
    std::vector<Session> closed;
    for (const auto& o : store::session_queries::open_sessions(db_, scope)) {
      if (o.session.id == spare || !due(o, now, stations)) continue;
      lock(o.session.volunteer);
      // Read again under the lock: within a kiosk turn (READ COMMITTED on PostgreSQL) another
      // kiosk may have checked this session out since it was listed.
      Session current = load(o.session.id);
      if (current.status != SessionStatus::open) continue;
      auto_close(current, now, audit_text::stored(audit_text::kNotCheckedOut));
      closed.push_back(current);
    }
    return closed;
  });
}

std::optional<Session> Ledger::open_session(VolunteerId v) {
  return store::sessions::open_of(db_, v);
}

std::optional<Ledger::OpenState> Ledger::open_state(VolunteerId v, Instant now) {
  auto open = store::session_queries::open_sessions(db_, {std::nullopt, v});
  if (open.empty()) return std::nullopt;
  auto station = *store::stations::get(db_, open.front().session.station);
  bool overdue = is_overdue(open.front().session.effective_in, open.front().shift, now, station);
  return OpenState{std::move(open.front().session), open.front().shift, std::move(station),
                   overdue};
}

Ledger::Arrival Ledger::arrival(VolunteerId v, const Station& here, Instant now) {
  lock(v);
  Arrival a;
  auto found = store::sessions::at_arrival(db_, here.id, v);
  a.awaiting = std::move(found.awaiting);
  for (auto& o : found.open) {
    if (o.session.volunteer == v) {
      if (a.open) continue;  // (one at most: sessions_one_open) the oldest, as open_state
      Station station =
          o.session.station == here.id ? here : *store::stations::get(db_, o.session.station);
      bool overdue = is_overdue(o.session.effective_in, o.shift, now, station);
      a.open = OpenState{std::move(o.session), o.shift, std::move(station), overdue};
    } else if (o.session.station == here.id &&
               is_overdue(o.session.effective_in, o.shift, now, here)) {
      a.sweep_due = true;
    }
  }
  return a;
}

CheckInResult Ledger::check_in(VolunteerId v, StationId station, Instant at) {
  return in_transaction(
      [&] {
        lock(v);
        auto vol = store::volunteers::get(db_, v);
        auto st = store::stations::get(db_, station);
        // At the desk a check-in may be given an earlier time: not inside another session, nor
        // before a later one (it is open from `at` on). The kiosk checks in now, after them all.
        // The open session read here is the check-in's own (not read again).
        Arrival arrived;
        arrived.open = open_state(v, at);
        if (!arrived.open && store::sessions::overlaps_existing(db_, v, at, std::nullopt))
          throw Refused(Refusal::overlaps,
                        Text::of(kInOverlaps, vol->number, format_local(at, st->zone)));
        return check_in(*vol, *st, at, &arrived);
      },
      store::Isolation::explicit_locks);
}

CheckInResult Ledger::check_in(const Volunteer& vol, const Station& st, Instant at,
                               const Arrival* arrived) {
  return in_transaction(
      [&] {
        VolunteerId v = vol.id;
        lock(v);
        if (st.retired) throw Refused(Refusal::station_retired, Text::of(kStationRetired, st.code));
        check_may_serve(vol, local_date(at, st.zone));
        if (auto open = arrived ? arrived->open : open_state(v, at)) {
          if (!open->overdue)
            throw Refused(Refusal::already_in,
                          Text::of(kAlreadyIn, vol.number,
                                   format_local(open->session.effective_in, open->station.zone)));
          auto_close(open->session, at, audit_text::stored(audit_text::kCheckedInAgain));
        }
        auto shift = arrived && arrived->rostered_known
                         ? arrived->rostered
                         : store::shifts::rostered_at(db_, v, st.id, at,
                                                      st.settings.early_allowance_minutes);
        if (!shift && st.settings.walk_ins == WalkInPolicy::refuse)
          throw Refused(Refusal::walk_ins_refused, Text::of(kWalkIns, vol.number));
        Session s;
        s.volunteer = v;
        s.station = st.id;
        if (shift) {
          s.shift = shift->id;
          s.project = shift->project;
        }
        s.raw_in = s.effective_in = at;
        s.status = SessionStatus::open;
        s.id = store::sessions::insert(db_, s);
        if (audit_toggles_) {
          store::AuditEntry e;
          e.at = at;
          e.actor = actor_;
          e.entity = "session";
          e.entity_id = s.id.value;
          e.action = audit_text::kCheckIn.en;
          e.new_value = describe(s, st.zone);
          store::audit::append(db_, e);
        }
        return CheckInResult{s, shift};
      },
      store::Isolation::explicit_locks);
}

CheckOutResult Ledger::check_out(VolunteerId v, Instant at) {
  return in_transaction(
      [&] {
        lock(v);
        return close(v, open_state(v, at), at, true);
      },
      store::Isolation::explicit_locks);
}

CheckOutResult Ledger::close(VolunteerId v, std::optional<OpenState> open, Instant at,
                             bool totals) {
  if (!open)
    throw Refused(Refusal::not_in, Text::of(kNotIn, store::volunteers::get(db_, v)->number));
  const Session& before = open->session;
  const Station* st = &open->station;
  if (at < before.raw_in)
    throw Refused(Refusal::out_before_in, Text::of(kOutBeforeIn, format_local(at, st->zone),
                                                   format_local(before.raw_in, st->zone)));
  Session s = before;
  s.raw_out = at;
  CheckOutResult r;
  r.deadline = checkout_deadline(before.effective_in, open->shift, *st);
  if (open->overdue) {
    // The check-out is a fact and is kept; the time it credits waits for review.
    s.status = SessionStatus::auto_closed;
    s.credited_minutes = 0;
    store::sessions::update(db_, before, s);
    audit(before, s, audit_text::kAutoClose,
          audit_text::stored(audit_text::kOutPastDeadline, format_local(at, st->zone),
                             format_local(r.deadline, st->zone)),
          at, st);
    r.overdue = true;
  } else {
    s.effective_out = at;
    s.status = SessionStatus::closed;
    // The shift's time came with the open session: no look-up of its own.
    s.credited_minutes = credited_minutes(s.effective_in, at, open->shift, st->settings);
    store::sessions::update(db_, before, s);
    if (audit_toggles_) audit(before, s, audit_text::kCheckOut, "", at, st);
  }
  r.session = s;
  if (totals) {
    if (s.shift) r.shift = store::shifts::get(db_, *s.shift);
    r.total_minutes = store::session_queries::total_minutes(db_, v);
  }
  return r;
}

Ledger::Toggled Ledger::toggle(VolunteerId v, StationId here, Instant now,
                               std::optional<bool> want_in) {
  return in_transaction(
      [&] {
        lock(v);
        auto open = open_state(v, now);
        Toggled t;
        if (!want_in && open && !open->overdue && open->session.station == here &&
            now >= open->session.raw_in &&
            now.seconds - open->session.raw_in.seconds < kShortSessionSeconds) {
          t.in = t.repeat = true;
          t.at = open->session.raw_in;
          t.session = std::move(open->session);
          return t;
        }
        t.in = want_in.value_or(!open);
        if (!t.in) {
          t.at = open ? std::max(now, open->session.raw_in) : now;
          if (open && t.at != now)
            open->overdue =
                is_overdue(open->session.effective_in, open->shift, t.at, open->station);
          auto out = close(v, std::move(open), t.at, false);
          t.session = std::move(out.session);
          t.overdue = out.overdue;
          return t;
        }
        t.at = now;
        const Arrival arrived{std::move(open), false, {}, false, {}};
        t.session = check_in(*store::volunteers::get(db_, v), *store::stations::get(db_, here), now,
                             &arrived)
                        .session;
        return t;
      },
      store::Isolation::explicit_locks);
}

std::vector<Session> Ledger::awaiting_answer(VolunteerId v) {
  return store::session_queries::awaiting_answer(db_, v);
}

Session Ledger::propose(SessionId id, Instant left, Instant now) {
  return in_transaction([&] {
    Session before = load_locked(id);
    auto st = store::stations::get(db_, before.station);
    if (before.status != SessionStatus::auto_closed)
      throw Refused(Refusal::not_forgotten,
                    Text::of(kNotForgotten, id.value, label_of(before.status)));
    Instant latest = before.raw_out.value_or(now);
    if (left < before.effective_in || left > latest)
      throw Refused(Refusal::out_of_range, Text::of(kLeftOutside, format_local(left, st->zone),
                                                    format_local(before.effective_in, st->zone),
                                                    format_local(latest, st->zone)));
    // An answer is a session's length as much as a fix is: no longer than the station allows
    // (a time of day before the check-in's reads as the next day's, e.g. 15:00 after 15:56).
    if (minutes_between(before.effective_in, left) > st->settings.max_session_minutes)
      throw Refused(Refusal::too_long_fix,
                    Text::of(kAnswerTooLong, format_local(left, st->zone),
                             duration_text(minutes_between(before.effective_in, left)),
                             duration_text(st->settings.max_session_minutes)));
    Session s = before;
    s.proposed_out = left;
    store::sessions::update(db_, before, s);
    store::AuditEntry e;
    e.at = now;
    e.actor = actor_;
    e.entity = "session";
    e.entity_id = id.value;
    e.action = audit_text::kVolunteerAnswer.en;
    std::optional<Shift> shift;
    if (s.shift) shift = store::shifts::get(db_, *s.shift);
    e.reason = audit_text::stored(shift && shift->time.end == left ? audit_text::kConfirmsEnd
                                                                   : audit_text::kSaysLeft);
    e.old_value = describe(before, st->zone);
    e.new_value = audit_text::stored(audit_text::kLeftAt, format_local(left, st->zone));
    store::audit::append(db_, e);
    return s;
  });
}

Session Ledger::load(SessionId id) {
  auto s = store::sessions::get(db_, id);
  if (!s) throw DataError(kNoSession, id.value);
  return *s;
}

Session Ledger::confirm(SessionId id, Instant now, const std::string& reason, ConfirmAs as) {
  return in_transaction([&] {
    Session before = load_locked(id);
    Session s = before;
    if (!awaiting_review(before))
      throw Refused(Refusal::not_reviewable,
                    Text::of(kNotReviewable, id.value, label_of(before.status)));
    if (before.status == SessionStatus::auto_closed) {
      if (as == ConfirmAs::proposed) {
        if (!before.proposed_out)
          throw Refused(Refusal::no_proposal, Text::of(kNoProposal, id.value));
        s.effective_out = *before.proposed_out;
      } else {
        if (!before.shift) throw Refused(Refusal::needs_times, Text::of(kNeedsTimes, id.value));
        s.effective_out = store::shifts::get(db_, *before.shift)->time.end;  // the rostered end
      }
      if (*s.effective_out < s.effective_in) s.effective_out = s.effective_in;
    }
    s.status = SessionStatus::confirmed;
    s.credited_minutes = credit(s);
    store::sessions::update(db_, before, s);
    audit(before, s, audit_text::kConfirm, reason, now);
    return s;
  });
}

Session Ledger::fixed(const Session& before, Instant in, Instant out, Instant now) {
  auto st = store::stations::get(db_, before.station);
  for (Instant t : {in, out})
    if (auto why = later_than_now(t, now, st->zone)) throw Refused(Refusal::in_future, *why);
  if (out < in)
    throw Refused(Refusal::out_before_in,
                  Text::of(kOutBeforeIn, format_local(out, st->zone), format_local(in, st->zone)));
  if (minutes_between(in, out) > st->settings.max_session_minutes)
    throw Refused(Refusal::too_long_fix, Text::of(kTooLong, duration_text(minutes_between(in, out)),
                                                  duration_text(st->settings.max_session_minutes)));
  Session s = before;
  s.effective_in = in;
  s.effective_out = out;
  s.status = SessionStatus::corrected;
  // The corrected range may not overlap another session of the volunteer (occupied_by).
  const TimeRange mine = occupied_by(in, out);
  for (const auto& o : store::sessions::of_volunteer(db_, s.volunteer)) {
    if (o.id == s.id || o.status == SessionStatus::rejected) continue;
    Instant their_end = o.effective_out.value_or(
        o.status == SessionStatus::open ? Instant{INT64_MAX} : o.effective_in);
    if (mine.overlaps(occupied_by(o.effective_in, their_end)))
      throw Refused(Refusal::overlaps,
                    Text::of(kOverlaps, store::volunteers::get(db_, s.volunteer)->number));
  }
  s.credited_minutes = credit(s);
  return s;
}

Session Ledger::preview_fix(SessionId id, Instant in, Instant out, Instant now) {
  store::ReadTransaction reads(db_);
  return fixed(load(id), in, out, now);
}

Session Ledger::fix(SessionId id, Instant in, Instant out, Instant now, const std::string& reason) {
  return in_transaction([&] {
    Session before = load_locked(id);
    Session s = fixed(before, in, out, now);
    store::sessions::update(db_, before, s);
    audit(before, s, audit_text::kFix, reason, now);
    return s;
  });
}

Session Ledger::reject(SessionId id, Instant now, const std::string& reason) {
  return in_transaction([&] {
    Session before = load_locked(id);
    Session s = before;
    if (s.status == SessionStatus::open) s.effective_out = std::max(now, s.effective_in);
    s.status = SessionStatus::rejected;
    s.credited_minutes = 0;
    store::sessions::update(db_, before, s);
    audit(before, s, audit_text::kReject, reason, now);
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
