#include "vstation/store/assignment_policy.hpp"

#include "vstation/domain/error.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::store {
namespace {

constexpr Msg kRetired{"{} is retired", "{} 已停用"};
constexpr Msg kSuspended{"{} is suspended", "{} 已暂停服务"};
constexpr Msg kNoConsent{"{} is under {} on {} and has no guardian consent",
                         "{0} 在 {2} 未满 {1} 岁，且没有监护人同意"};
constexpr Msg kNotJoined{"{} joins on {}, after the shift", "{} 的加入日期为 {}，晚于该班次"};
constexpr Msg kOverlap{"{} is already on shift {} ({}), which overlaps",
                       "{} 已在重叠的班次 {}（{}）上"};
constexpr Msg kFull{"shift {} is full ({} of {} places taken)",
                    "班次 {} 已满（{} 个名额已占 {} 个）"};
constexpr Msg kJoin{"{}; {}", "{}；{}"};
constexpr Msg kRefused{"{}; to assign anyway give --force --reason TEXT (the reason is audited)",
                       "{}；如仍要安排，请加 --force --reason 说明（原因将记入审计）"};

std::string_view rule_code(PersonRule r) {
  switch (r) {
    case PersonRule::retired:
      return "retired";
    case PersonRule::suspended:
      return "suspended";
    case PersonRule::no_consent:
      return "no_consent";
    case PersonRule::not_joined:
      return "not_joined";
    case PersonRule::overlap:
      return "overlap";
    case PersonRule::full:
      return "full";
  }
  return "rule";
}

}  // namespace

std::vector<RuleBreak> assignment_breaks(Connection& db, Lookup& lookup, VolunteerId v,
                                         const Shift& shift) {
  std::vector<RuleBreak> out;
  const Volunteer& vol = lookup.volunteer_record(v);
  const Station& st = lookup.station_record(shift.station);
  const Date day = local_date(shift.time.begin, st.zone);
  if (auto bar = serve_bar(vol, day, day)) {
    switch (*bar) {
      case ServeBar::retired:
        out.push_back({PersonRule::retired, Text::of(kRetired, vol.number)});
        break;
      case ServeBar::suspended:
        out.push_back({PersonRule::suspended, Text::of(kSuspended, vol.number)});
        break;
      case ServeBar::no_consent:
        out.push_back(
            {PersonRule::no_consent, Text::of(kNoConsent, vol.number, kConsentAge, day.iso())});
        break;
      case ServeBar::not_joined:
        out.push_back(
            {PersonRule::not_joined, Text::of(kNotJoined, vol.number, vol.join_date.iso())});
        break;
    }
  }
  // Any shift overlapping this one starts less than a day before it ends (shifts are capped
  // below a day).
  for (const auto& other :
       assignments::in_range(db, {shift.time.begin.plus_minutes(-24 * 60), shift.time.end})) {
    if (other.volunteer != v || other.status == AssignmentStatus::cancelled ||
        other.shift == shift.id)
      continue;
    auto os = shifts::get(db, other.shift);
    if (os && !os->cancelled && os->time.overlaps(shift.time))
      out.push_back(
          {PersonRule::overlap,
           Text::of(kOverlap, vol.number, os->id.value,
                    format_local(os->time.begin, lookup.station_record(os->station).zone))});
  }
  int taken = 0;
  for (const auto& a : assignments::of_shift(db, shift.id))
    if (a.status != AssignmentStatus::cancelled && a.volunteer != v) ++taken;
  if (taken >= shift.slots)
    out.push_back({PersonRule::full, Text::of(kFull, shift.id.value, shift.slots, taken)});
  return out;
}

void apply_assignment_policy(Connection& db, Lookup&, const Assignment& a, const Shift& shift,
                             const std::vector<RuleBreak>& breaks,
                             const std::optional<Override>& forced) {
  if (breaks.empty()) return;
  if (!forced || forced->reason.empty()) {
    Text all = breaks.front().detail;
    for (std::size_t i = 1; i < breaks.size(); ++i) all = Text::of(kJoin, all, breaks[i].detail);
    throw DataError(kRefused, all);
  }
  for (const auto& b : breaks) {
    AuditEntry e;
    e.at = forced->at;
    e.actor = "coordinator";
    e.entity = "assignment";
    e.entity_id = a.id.value;
    e.action = "forced";
    e.reason = forced->reason;
    e.new_value = std::string(rule_code(b.rule)) + " on shift " + std::to_string(shift.id.value);
    audit::append(db, e);
  }
}

}  // namespace vstation::store
