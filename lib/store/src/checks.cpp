#include "vstation/store/checks.hpp"

#include <map>

#include "vstation/domain/hours_policy.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::store::checks {
namespace {

constexpr Msg kTwoOpen{"volunteer {} has {} open sessions (at most one is allowed)",
                       "志愿者 {} 有 {} 条未签退的记录（最多一条）"};
constexpr Msg kOverlap{"sessions {} and {} of volunteer {} overlap", "志愿者 {} 的签到记录 {} 与 {} 时间重叠"};
constexpr Msg kUnaudited{"session {} ({}) was changed from its raw times or reviewed, but has no audit row",
                         "签到记录 {}（{}）的时间或状态经过修改，却没有审计记录"};
constexpr Msg kCredit{"session {} is credited {} min; the hours policy gives {} min",
                      "签到记录 {} 计入 {} 分钟；按时长规则应为 {} 分钟"};

// Where a session ends for the overlap rule: its effective check-out; an open one never ends;
// one closed without a check-out (awaiting review) occupies its check-in instant only.
constexpr std::string_view kEnd =
    "COALESCE({}.eff_out, CASE WHEN {}.status = 'open' THEN 9223372036854775807 ELSE {}.eff_in END)";

std::string end_of(const char* alias) {
  std::string s(kEnd);
  for (auto p = s.find("{}"); p != std::string::npos; p = s.find("{}")) s.replace(p, 2, alias);
  return s;
}

void open_twice(Connection& db, Result& out) {
  auto r = db.query(
      "SELECT v.number, COUNT(*) FROM sessions s JOIN volunteers v ON v.id = s.volunteer_id "
      "WHERE s.status = 'open' GROUP BY v.number HAVING COUNT(*) > 1 ORDER BY v.number");
  while (r->next()) out.problems.push_back(Text::of(kTwoOpen, r->str(0), r->i64(1)));
}

void overlapping(Connection& db, Result& out) {
  // b starts at or after a (ties broken by id), so a pair is reported once.
  auto r = db.query(
      "SELECT a.id, b.id, v.number FROM sessions a "
      "JOIN sessions b ON b.volunteer_id = a.volunteer_id AND b.id <> a.id "
      " AND (b.eff_in > a.eff_in OR (b.eff_in = a.eff_in AND b.id > a.id)) "
      " AND (b.eff_in < " + end_of("a") + " OR b.eff_in = a.eff_in) "
      "JOIN volunteers v ON v.id = a.volunteer_id "
      "WHERE a.status <> 'rejected' AND b.status <> 'rejected' ORDER BY a.id, b.id");
  while (r->next()) out.problems.push_back(Text::of(kOverlap, r->i64(0), r->i64(1), r->str(2)));
}

void unaudited(Connection& db, Result& out) {
  auto r = db.query(
      "SELECT s.id, s.status FROM sessions s "
      "WHERE (s.eff_in <> s.raw_in OR s.eff_out IS DISTINCT FROM s.raw_out "
      "       OR s.status IN ('confirmed', 'corrected', 'rejected')) "
      "AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'session' AND a.entity_id = s.id) "
      "ORDER BY s.id");
  while (r->next()) out.problems.push_back(Text::of(kUnaudited, r->i64(0), r->str(1)));
}

void credited(Connection& db, Result& out) {
  std::map<StationId, Station> stations;
  for (auto& st : store::stations::all(db)) stations.emplace(st.id, st);
  std::map<ShiftId, TimeRange> shifts;
  for (auto& sh : store::shifts::all(db)) shifts.emplace(sh.id, sh.time);
  for (const auto& s : store::sessions::all(db)) {
    ++out.sessions;
    bool counts = s.status == SessionStatus::closed || s.status == SessionStatus::confirmed ||
                  s.status == SessionStatus::corrected;
    std::int64_t expected = 0;
    if (counts && s.effective_out) {
      std::optional<TimeRange> shift;
      if (s.shift)
        if (auto it = shifts.find(*s.shift); it != shifts.end()) shift = it->second;
      auto st = stations.find(s.station);
      if (st == stations.end()) continue;
      expected = credited_minutes(s.effective_in, *s.effective_out, shift, st->second.settings);
    }
    if (expected != s.credited_minutes)
      out.problems.push_back(Text::of(kCredit, s.id.value, s.credited_minutes, expected));
  }
}

}  // namespace

Result invariants(Connection& db) {
  Result out;
  open_twice(db, out);
  overlapping(db, out);
  unaudited(db, out);
  credited(db, out);
  return out;
}

}  // namespace vstation::store::checks
