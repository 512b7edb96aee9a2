#include "cli/roster_text.hpp"

#include <map>
#include <set>

#include "cli/session_text.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/text/table.hpp"

namespace vstation::cli {
namespace {

using roster::RuleId;

constexpr Msg kRule{"rule", "规则"};
constexpr Msg kCount{"count", "次数"};
constexpr Msg kPenalty{"penalty", "扣分"};
constexpr Msg kTotal{"total", "合计"};

Msg rule_label(RuleId r) {
  switch (r) {
    case RuleId::unfilled_slot:
      return {"unfilled slots", "空缺名额"};
    case RuleId::skill_minimum:
      return {"skill minimums unmet", "技能要求未满足"};
    case RuleId::new_without_experienced:
      return {"new volunteer without an experienced one", "新志愿者无老志愿者搭配"};
    case RuleId::fairness:
      return {"uneven spread of shifts", "班次分配不均"};
    case RuleId::preferred_shift_missed:
      return {"preferred shifts not given", "未排到偏好班次"};
    case RuleId::avoided_shift:
      return {"avoided shifts given", "排到了希望避开的班次"};
    case RuleId::continuity:
      return {"usual slots from last week not kept", "未保持上周的固定班次"};
    case RuleId::long_run_of_days:
      return {"long runs of days", "连续服务天数过长"};
    default:
      break;
  }
  return {"other", "其他"};
}

}  // namespace

std::string render_breakdown(const roster::StationRoster& r, Lang lang) {
  text::Table t(
      {std::string(kRule.in(lang)), std::string(kCount.in(lang)), std::string(kPenalty.in(lang))},
      {text::Align::left, text::Align::right, text::Align::right});
  for (const auto& line : r.breakdown)
    t.add({Text(rule_label(line.rule)).render(lang), std::to_string(line.count),
           std::to_string(line.penalty)});
  t.add({std::string(kTotal.in(lang)), "", std::to_string(r.score)});
  return t.render();
}

std::string render_grid(const roster::StationRoster& r, const planning::WeekProblem& wp,
                        store::Lookup& lookup, Lang lang) {
  // Rows: the distinct local time ranges of the week's shifts; columns: the seven days.
  std::map<std::int64_t, std::vector<std::int64_t>> on_shift;
  for (const auto& a : r.assignments) on_shift[a.shift].push_back(a.volunteer);
  std::map<std::string, std::array<std::string, 7>> rows;
  for (const auto& s : wp.shifts) {
    const Station& st = lookup.station_record(s.station);
    std::string range =
        local_time(s.time.begin, st.zone).hhmm() + "–" + local_time(s.time.end, st.zone).hhmm();
    int day = int(local_date(s.time.begin, st.zone).weekday());
    std::string cell = "#" + std::to_string(s.id.value) + " " +
                       lookup.project_record(s.project).name + " " +
                       std::to_string(on_shift[s.id.value].size()) + "/" + std::to_string(s.slots);
    for (auto v : on_shift[s.id.value]) cell += " " + lookup.volunteer_number(VolunteerId{v});
    auto& slot = rows[range][std::size_t(day)];
    slot += (slot.empty() ? "" : "; ") + cell;
  }
  std::vector<std::string> headers{""};
  for (int d = 0; d < 7; ++d) headers.push_back(Text(weekday_label(Weekday(d))).render(lang));
  text::Table t(headers);
  for (auto& [range, days] : rows) {
    std::vector<std::string> row{range};
    for (auto& c : days) row.push_back(c);
    t.add(std::move(row));
  }
  return t.render();
}

}  // namespace vstation::cli
