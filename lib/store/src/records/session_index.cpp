#include "records/session_index.hpp"

#include <algorithm>
#include <utility>

namespace vstation::store {

void SessionIndex::bound() {
  if (entries_ <= max_entries_) return;
  if (std::exchange(holds_all_, false))
    pending_.stop();  // written before the database is asked about the table again
  volunteers_.clear();
  rosters_.clear();
  district_held_ = false;
  entries_ = 0;
}

SessionIndex::Volunteer& SessionIndex::of(VolunteerId v) {
  bound();
  auto [at, fresh] = volunteers_.try_emplace(v.value);
  // Holding the whole table, a volunteer not in it has no sessions.
  if (fresh && holds_all_) at->second.sessions_loaded = true;
  return at->second;
}

bool SessionIndex::hold_all(Connection& db) {
  std::unordered_map<std::int64_t, Volunteer> all;
  const std::size_t before = entries_;
  bool fits = sessions::all_occupying(
      db, std::int64_t(max_entries_ / 2),
      [&](VolunteerId v, const sessions::Occupied& o) { add(all[v.value], o, Order::later); });
  if (!fits) {
    entries_ = before;
    return false;
  }
  for (auto& [_, w] : all) {
    std::sort(w.spans.begin(), w.spans.end(),
              [](const Span& a, const Span& b) { return a.lo < b.lo; });
    w.sessions_loaded = true;
  }
  volunteers_ = std::move(all);
  entries_ -= before;  // the sessions held, and the rosters already read
  for (const auto& [_, roster] : rosters_) entries_ += entries_of(roster);
  holds_all_ = true;
  kept_after_ = sessions::next_id(db).value - 1;
  return true;
}

std::size_t SessionIndex::entries_of(const Roster& roster) {
  std::size_t n = 1;
  for (const auto& [_, list] : roster) n += list.size();
  return n;
}

void SessionIndex::add(Volunteer& w, const sessions::Occupied& o, Order order) {
  if (o.open) {
    w.open_from = w.open_from ? std::min(*w.open_from, o.in.seconds) : o.in.seconds;
    return;
  }
  Span span{o.in.seconds, occupied_by(o.in, o.out.value_or(o.in)).end.seconds};
  w.longest = std::max(w.longest, span.hi - span.lo);
  if (order == Order::later) {
    w.spans.push_back(span);
  } else {
    auto at = std::upper_bound(w.spans.begin(), w.spans.end(), span.lo,
                               [](std::int64_t lo, const Span& s) { return lo < s.lo; });
    w.spans.insert(at, span);
  }
  ++entries_;
}

std::optional<shifts::RosteredShift> SessionIndex::rostered_at(Connection& db, VolunteerId v,
                                                               StationId st, Instant t,
                                                               int early_minutes,
                                                               std::optional<ProjectId> project) {
  bound();
  ++asked_;
  // A file of a district's size (from its third station on, at least one row so far for every
  // 64 assignments in the district) has every station's roster read in one pass, in a third
  // of the time of reading them a station at a time; a station's file reads only its own, and
  // so does a district too large to hold. The roster may take half the entries, as the held
  // sessions may (hold_all): a quarter stopped the generator's 250 stations, 1,006,072
  // assignments, just short of the one pass.
  if (!district_held_ && !rosters_.contains(st.value) && rosters_.size() >= 2) {
    auto limit = std::min(std::int64_t(max_entries_ / 2), asked_ * 64);
    if (auto all = shifts::rostered_in_district(db, limit)) {
      district_held_ = true;
      for (auto& [station, roster] : *all)
        if (!rosters_.contains(station)) {
          entries_ += entries_of(roster);
          rosters_.emplace(station, std::move(roster));
        }
    }
  }
  auto [at, fresh] = rosters_.try_emplace(st.value);
  if (fresh) {
    at->second = shifts::rostered_at_station(db, st);
    entries_ += entries_of(at->second);
  }
  auto found = at->second.find(v.value);
  if (found == at->second.end()) return std::nullopt;
  return shifts::rostered_match(found->second, st, t, early_minutes, project);
}

// overlaps_existing (each session at least its check-in second): a session that is not rejected
// with eff_in < end and (eff_out > in, or
// open, or without a check-out and eff_in >= in), where end is `out` or forever.
bool SessionIndex::overlaps(Connection& db, VolunteerId v, Instant in, std::optional<Instant> out) {
  Volunteer& w = of(v);
  if (!w.sessions_loaded) {
    for (const auto& o : sessions::occupying(db, v)) add(w, o);
    w.sessions_loaded = true;
  }
  std::int64_t end = out ? occupied_by(in, *out).end.seconds : INT64_MAX;
  if (w.open_from && *w.open_from < end) return true;
  auto it = std::lower_bound(w.spans.begin(), w.spans.end(), end,
                             [](const Span& s, std::int64_t e) { return s.lo < e; });
  while (it != w.spans.begin()) {
    --it;  // it->lo < end
    if (it->hi > in.seconds) return true;
    // Every span further back starts earlier and is no longer than the longest: none reaches in.
    if (it->lo <= in.seconds && in.seconds - it->lo >= w.longest) break;
  }
  return false;
}

SessionId SessionIndex::insert(Connection& db, const Session& s, std::int64_t line) {
  if (holds_all_) {
    pending_.start(db);
    if (pending_.open()) return pending_.add(db, s, line);
  }
  return sessions::insert(db, s);
}

void SessionIndex::added(const Session& s) {
  if (kept_after_ && s.credited_minutes > 0) {
    credited_ids_.push_back(s.id.value);
    credited_.push_back({s.effective_in.seconds, s.station.value, s.volunteer.value,
                         s.credited_minutes, s.shift ? s.shift->value : 0,
                         s.project ? s.project->value : 0});
  }
  if (s.status == SessionStatus::rejected) return;
  // Not loaded yet: the database has it, and will say so when the volunteer is first asked about.
  Volunteer* w = nullptr;
  if (holds_all_)
    w = &of(s.volunteer);
  else if (auto found = volunteers_.find(s.volunteer.value); found != volunteers_.end())
    w = &found->second;
  if (!w || !w->sessions_loaded) return;
  add(*w, {s.effective_in, s.effective_out, s.status == SessionStatus::open});
}

std::optional<std::vector<credit::Credited>> SessionIndex::take_credited_after(std::int64_t after) {
  if (!kept_after_ || *kept_after_ > after) return std::nullopt;
  const auto first = std::upper_bound(credited_ids_.begin(), credited_ids_.end(), after);
  std::vector<credit::Credited> out = std::move(credited_);
  out.erase(out.begin(), out.begin() + (first - credited_ids_.begin()));
  kept_after_.reset();
  credited_ids_ = {};
  credited_ = {};
  return out;
}

}  // namespace vstation::store
