#include "vstation/store/assignment_policy.hpp"

#include "records/roster_index.hpp"
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
constexpr Msg kFull{"shift {} is full (places: {}, taken: {})",
                    "班次 {} 已满（名额 {} 个，已占 {} 个）"};
constexpr Msg kCancelledShift{
    "shift {} is cancelled: nobody is put on it (restore it first: 'vstation shift edit {} "
    "--cancelled no')",
    "班次 {0} 已取消，不能安排人员（如需恢复：“vstation shift edit {1} --cancelled no”）"};
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

// The volunteer's other shifts (not cancelled, and they not taken off them) starting from a
// day before `shift` to its end, in start order: the volunteer's own assignments through
// assignments_by_volunteer (SQLite keeps a CROSS JOIN's order), not every assignment of the
// district in that window.
std::vector<NearShift> others_near(Connection& db, VolunteerId v, const Shift& shift) {
  auto r = db.query(
      "SELECT s.id, s.station_id, s.starts_at, s.ends_at, a.id FROM assignments a "
      "CROSS JOIN shifts s WHERE s.id = a.shift_id AND a.volunteer_id = ? AND a.status <> ? "
      "AND a.shift_id <> ? AND s.cancelled = 0 AND s.starts_at >= ? AND s.starts_at < ? "
      "ORDER BY s.starts_at, a.id",
      params(v, code_of(AssignmentStatus::cancelled), shift.id,
             shift.time.begin.plus_minutes(-24 * 60), shift.time.end));
  std::vector<NearShift> out;
  while (r->next())
    out.push_back(
        {r->id<ShiftId>(0), r->id<StationId>(1), {r->instant(2), r->instant(3)}, r->i64(4)});
  return out;
}

}  // namespace

void refuse_cancelled_shift(const Shift& shift) {
  if (shift.cancelled) throw DataError(kCancelledShift, shift.id.value, shift.id.value);
}

std::vector<RuleBreak> assignment_breaks(Connection& db, Lookup& lookup, VolunteerId v,
                                         const Shift& shift) {
  int taken = 0;
  for (const auto& a : assignments::of_shift(db, shift.id))
    if (a.status != AssignmentStatus::cancelled && a.volunteer != v) ++taken;
  return assignment_breaks(lookup, v, shift, others_near(db, v, shift), taken);
}

std::vector<RuleBreak> assignment_breaks(Lookup& lookup, VolunteerId v, const Shift& shift,
                                         const std::vector<NearShift>& near, int taken) {
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
  for (const auto& os : near)
    if (os.time.overlaps(shift.time))
      out.push_back(
          {PersonRule::overlap,
           Text::of(kOverlap, vol.number, os.id.value,
                    format_local(os.time.begin, lookup.station_record(os.station).zone))});
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
    throw AssignmentRefused(Text::of(kRefused, all), all);
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
