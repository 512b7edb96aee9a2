#include "vstation/store/checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <string_view>

#include "ahead_calendar.hpp"
#include "vstation/domain/hours_policy.hpp"
#include "vstation/store/credit_totals.hpp"
#include "vstation/store/day_totals.hpp"
#include "vstation/store/incident_totals.hpp"
#include "vstation/store/maintenance.hpp"
#include "vstation/store/project_shifts.hpp"
#include "vstation/store/quarter_service.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/seal.hpp"
#include "vstation/store/shift_fill.hpp"

namespace vstation::store::checks {
namespace {

constexpr Msg kTwoOpen{"volunteer {} has {} open sessions (at most one is allowed)",
                       "志愿者 {} 有 {} 条未签退的记录（最多一条）"};
constexpr Msg kOverlap{"sessions {} and {} of volunteer {} overlap",
                       "志愿者 {} 的签到记录 {} 与 {} 时间重叠"};
constexpr Msg kUnaudited{
    "session {} ({}) was changed from its raw times or reviewed, but has no audit row",
    "签到记录 {}（{}）的时间或状态经过修改，却没有审计记录"};
constexpr Msg kCredit{"session {} is credited {} min; the hours policy gives {} min",
                      "签到记录 {} 计入 {} 分钟；按时长规则应为 {} 分钟"};
constexpr Msg kSeal{
    "session {} was changed outside vstation: it no longer matches its seal (whose and "
    "where it is, its times, status or credit)",
    "签到记录 {} 曾在 vstation 之外被修改：与封记不符（所属志愿者、站点、时间、状态或计入时长）"};
constexpr Msg kHistory{"session {} is {} {} min, but its audit trail last made it '{}'",
                       "签到记录 {} 现为 {} {} 分钟，但其审计记录最后一次将其改为“{}”"};
constexpr Msg kTrigger{
    "the protective trigger {} is missing or altered: someone dropped, disabled or "
    "rewrote it",
    "保护触发器 {} 已不存在或被改动：有人删除、停用或改写了它"};

constexpr Msg kSetupRows{
    "setup_changes holds {} rows where it keeps one: someone changed it, and running kiosks may "
    "not see a change to the roster; restore the database from a backup",
    "setup_changes 应只有一行，现有 {} 行：有人改动了它，正在运行的签到机可能看不到排班变化；"
    "请用备份恢复数据库"};
constexpr Msg kDerived{
    "{} is missing, where the database keeps figures it derives from the records: someone "
    "dropped it, and nothing can be counted into it or checked against it; restore the database "
    "from a backup",
    "数据库存放派生汇总数据的 {} 已不存在：有人删除了它，无法再计入或核对；请用备份恢复数据库"};

constexpr Msg kCreditTotals{
    "the credit totals say volunteer {} served {} min at station {} in {}, but the sessions give "
    "{} "
    "min: run 'vstation recount' to rebuild them",
    "累计时长表记录志愿者 {0} 于 {3} 在站点 {2} 服务 {1} 分钟，但签到记录合计为 {4} "
    "分钟：请运行“vstation recount”重建"};
constexpr Msg kShiftFill{
    "shift {} at station {} records {} volunteers with credited time, but its sessions give {}: "
    "run 'vstation recount' to rebuild it",
    "站点 {1} 的班次 {0} 记录有 {2} 名志愿者获计时长，但签到记录为 {3} 名：请运行“vstation recount”重建"};

constexpr Msg kQuarterService{
    "the quarter totals say volunteer {} served {} min, {} walk-ins and {} shifts at station {} "
    "({}) in {}, but the sessions give {} min, {} and {}: run 'vstation recount' to rebuild them",
    "季度汇总表记录志愿者 {0} 于 {6} 在站点 {4}（{5}）服务 {1} 分钟、临时签到 {2} 次、服务班次 "
    "{3} 个，但签到记录为 {7} 分钟、{8} 次、{9} 个：请运行“vstation recount”重建"};
constexpr Msg kProjectOf{"project {}", "项目 {}"};
constexpr Msg kNoProject{"no project", "无项目"};

constexpr Msg kDayTotals{
    "the day totals say station {} on {} (UTC+14) had {}, but the records give {} (credited "
    "minutes, walk-ins, shift volunteers, shifts, slots, slots filled): run 'vstation recount' "
    "to rebuild them",
    "日汇总表记录站点 {0} 于 {1}（UTC+14）为 {2}，但原始记录为 {3}（计入分钟、临时签到、"
    "班次志愿者、班次、岗位、到岗）：请运行“vstation recount”重建"};

constexpr Msg kProjectShifts{
    "the project totals say project {} has {} uncancelled shifts, but the shifts give {}: run "
    "'vstation recount' to rebuild them",
    "项目汇总表记录项目 {0} 有未取消班次 {1} 个，但班次记录为 {2} 个：请运行“vstation "
    "recount”重建"};

constexpr Msg kIncidentTotals{
    "the incident totals say station {} logged {} '{}' incidents serving {} people in {}, but "
    "the service log gives {} serving {}: run 'vstation recount' to rebuild them",
    "服务日志汇总表记录站点 {0} 于 {4} 有“{2}”事件 {1} 起、服务 {3} 人，"
    "但服务日志合计为 {5} 起、{6} 人：请运行“vstation recount”重建"};

// Audit actions that set a session's status and credit, whose new value is a describe().
constexpr std::string_view kStateActions = "('auto_close', 'confirm', 'fix', 'reject', 'import')";

// Where a session ends for the overlap rule: its effective check-out; an open one never ends;
// one closed without a check-out (awaiting review) occupies its check-in instant only.
constexpr std::string_view kEnd =
    "COALESCE({}.eff_out, CASE WHEN {}.status = 'open' THEN 9223372036854775807 ELSE {}.eff_in "
    "END)";

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
      " AND (b.eff_in < " +
      end_of("a") +
      " OR b.eff_in = a.eff_in) "
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
    std::optional<TimeRange> shift;
    if (s.shift)
      if (auto it = shifts.find(*s.shift); it != shifts.end()) shift = it->second;
    auto st = stations.find(s.station);
    if (st == stations.end()) continue;
    const std::int64_t expected = policy_credit(s, shift, st->second.settings);
    if (expected != s.credited_minutes)
      out.problems.push_back(Text::of(kCredit, s.id.value, s.credited_minutes, expected));
  }
}

// Every row matches the seal written with it; recomputed in SQL, so nothing is read into C++.
void sealed(Connection& db, Result& out) {
  auto r = db.query("SELECT id FROM sessions s WHERE s.seal <> " + seal::sql("s") + " ORDER BY id");
  while (r->next()) out.problems.push_back(Text::of(kSeal, r->i64(0)));
}

// The status and credit a session has are the ones its last reviewing audit row gave it: a
// rejected session turned back into a closed one, say, no longer agrees.
void as_audited(Connection& db, Result& out) {
  std::string actions(kStateActions);
  auto r = db.query(
      "SELECT s.id, s.status, s.credited_min, a.new_value FROM sessions s JOIN audit a "
      "ON a.entity = 'session' AND a.entity_id = s.id AND a.id = (SELECT MAX(a2.id) FROM audit a2 "
      "WHERE a2.entity = 'session' AND a2.entity_id = s.id AND a2.action IN " +
      actions +
      ") "
      "ORDER BY s.id");
  while (r->next()) {
    Session s;
    s.status = parse_enum<SessionStatus>(r->str(1));
    s.credited_minutes = r->i64(2);
    if (!describes_state(r->str(3), s))
      out.problems.push_back(
          Text::of(kHistory, r->i64(0), r->str(1), s.credited_minutes, r->str(3)));
  }
}

// The maintained totals (credit_totals.hpp) against a recount from the sessions.
void credit_totals(Connection& db, Result& out) {
  for (const auto& d : credit::differences(db)) {
    std::string number = "#" + std::to_string(d.volunteer), code = "#" + std::to_string(d.station);
    if (auto v = volunteers::get(db, VolunteerId{d.volunteer})) number = v->number;
    if (auto st = stations::get(db, StationId{d.station})) code = st->code;
    out.problems.push_back(
        Text::of(kCreditTotals, number, d.stored, code, credit::period_label(d.period), d.counted));
  }
}

// The maintained walk-ins and shifts per quarter (quarter_service.hpp) against a recount.
void quarter_service(Connection& db, Result& out) {
  for (const auto& d : quarter_service::differences(db)) {
    const auto& k = d.stored;
    std::string number = "#" + std::to_string(k.volunteer), code = "#" + std::to_string(k.station);
    if (auto v = volunteers::get(db, VolunteerId{k.volunteer})) number = v->number;
    if (auto st = stations::get(db, StationId{k.station})) code = st->code;
    Text project = Text::of(kNoProject);
    if (k.project != 0) {
      auto p = projects::get(db, ProjectId{k.project});
      project = Text::of(kProjectOf, p ? p->code : "#" + std::to_string(k.project));
    }
    out.problems.push_back(Text::of(kQuarterService, number, k.minutes, k.walk_ins, k.shifts, code,
                                    project, credit::period_label(k.period), d.counted.minutes,
                                    d.counted.walk_ins, d.counted.shifts));
  }
}

// The maintained sums per station and day (day_totals.hpp) against a recount.
void day_totals(Connection& db, Result& out) {
  auto text = [](const day_totals::Sums& s) {
    return fmt::format("{} / {} / {} / {} / {} / {}", s.minutes, s.walk_ins, s.pairs, s.shifts,
                       s.slots, s.filled);
  };
  for (const auto& d : day_totals::differences(db)) {
    const auto& k = d.stored;
    std::string code = "#" + std::to_string(k.station);
    if (auto st = stations::get(db, StationId{k.station})) code = st->code;
    Date day = ahead::date_of(Instant{day_totals::day_begins(k.day)});
    out.problems.push_back(
        Text::of(kDayTotals, code, day.iso(), text(k.sums), text(d.counted.sums)));
  }
}

// The maintained count of each project's uncancelled shifts (project_shifts.hpp) against a
// recount.
void project_shifts(Connection& db, Result& out) {
  for (const auto& d : project_shifts::differences(db)) {
    std::string code = "#" + std::to_string(d.project);
    if (auto p = projects::get(db, ProjectId{d.project})) code = p->code;
    out.problems.push_back(Text::of(kProjectShifts, code, d.stored, d.counted));
  }
}

// The maintained incident totals (incident_totals.hpp) against a recount from the service log.
void incident_totals(Connection& db, Result& out) {
  for (const auto& d : incident_totals::differences(db)) {
    std::string code = "#" + std::to_string(d.station);
    if (auto st = stations::get(db, StationId{d.station})) code = st->code;
    out.problems.push_back(Text::of(kIncidentTotals, code, d.stored_incidents, d.type,
                                    d.stored_people, incident_totals::month_label(d.period),
                                    d.counted_incidents, d.counted_people));
  }
}

// The maintained shift fill (shift_fill.hpp) against a recount from the sessions.
void shift_fill(Connection& db, Result& out) {
  for (const auto& d : shift_fill::differences(db)) {
    std::string code = "?";
    if (auto sh = shifts::get(db, ShiftId{d.shift}))
      if (auto st = stations::get(db, sh->station)) code = st->code;
    out.problems.push_back(Text::of(kShiftFill, d.shift, code, d.stored, d.counted));
  }
}

void triggers(Connection& db, Result& out) {
  for (const auto& name : missing_triggers(db)) out.problems.push_back(Text::of(kTrigger, name));
}

}  // namespace

Result invariants(Connection& db) {
  Result out;
  triggers(db, out);
  open_twice(db, out);
  overlapping(db, out);
  unaudited(db, out);
  as_audited(db, out);
  sealed(db, out);
  credited(db, out);
  // Each maintained figure against a recount, where its table (or column) is there at all.
  const auto missing = missing_derived(db);
  for (const auto& name : missing) out.problems.push_back(Text::of(kDerived, name));
  auto there = [&](std::initializer_list<std::string_view> names) {
    return std::none_of(names.begin(), names.end(), [&](std::string_view n) {
      return std::find(missing.begin(), missing.end(), n) != missing.end();
    });
  };
  if (db.backend() == "sqlite" && there({"setup_changes"}))
    if (auto rows = db.scalar("SELECT COUNT(*) FROM setup_changes").value_or(0); rows != 1)
      out.problems.push_back(Text::of(kSetupRows, rows));
  if (there({"credit_totals"})) credit_totals(db, out);
  if (there({"quarter_service"})) quarter_service(db, out);
  if (there({"day_totals", "shifts.credited_volunteers"})) day_totals(db, out);
  if (there({"project_shifts"})) project_shifts(db, out);
  if (there({"incident_totals"})) incident_totals(db, out);
  if (there({"shifts.credited_volunteers"})) shift_fill(db, out);
  return out;
}

}  // namespace vstation::store::checks
