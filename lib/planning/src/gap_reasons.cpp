#include "vstation/planning/gap_reasons.hpp"

#include "vstation/store/repos.hpp"

namespace vstation::planning {
namespace {

using roster::CandidateReason;

constexpr Msg kFree{"free then: could take it", "该时段有空，可以排入"};
constexpr Msg kPrefersNot{"free then, but asked to avoid this time", "该时段有空，但希望避开"};
constexpr Msg kBusy{"on another shift then, or too little rest", "同时段另有班次或休息不足"};
constexpr Msg kMaxShifts{"at their weekly maximum of shifts ({})", "已达每周班次上限（{} 个）"};
constexpr Msg kMaxMinutes{"at their weekly maximum of hours ({} h)", "已达每周时长上限（{} 小时）"};
constexpr Msg kNoCert{"no valid {} certificate", "没有有效的 {} 资质"};
constexpr Msg kCertExpired{"{} certificate expired on {}", "{} 资质已于 {} 过期"};
constexpr Msg kDropped{"dropped out of this shift", "已退出此班次"};
constexpr Msg kRetired{"retired", "已停用"};
constexpr Msg kSuspended{"suspended", "已暂停服务"};
constexpr Msg kNoConsent{"under 14 without guardian consent", "未满 14 岁且无监护人同意"};
constexpr Msg kNotJoined{"joins on {}, after this week", "加入日期为 {}，晚于本周"};

}  // namespace

Text candidate_reason(const roster::GapCandidate& c, const roster::GapExplanation& g,
                      const IsoWeek& week, store::Connection& db, store::Lookup& lookup) {
  const Volunteer& v = lookup.volunteer_record(VolunteerId{c.volunteer});
  switch (c.reason) {
    case CandidateReason::could_take:
      return Text(c.avoided ? kPrefersNot : kFree);
    case CandidateReason::overlap_or_rest:
      return Text(kBusy);
    case CandidateReason::at_max_shifts:
      return Text::of(kMaxShifts, v.max_shifts_per_week);
    case CandidateReason::at_max_minutes:
      return Text::of(kMaxMinutes, v.max_minutes_per_week / 60);
    case CandidateReason::lacks_valid_skill: {
      std::string skill = lookup.skill_code(SkillId{g.skill});
      std::optional<Date> expired;
      for (const auto& c2 : store::skills::certifications_of(db, v.id))
        if (c2.skill.value == g.skill && c2.expires && (!expired || *expired < *c2.expires))
          expired = c2.expires;
      return expired ? Text::of(kCertExpired, skill, expired->iso()) : Text::of(kNoCert, skill);
    }
    case CandidateReason::dropped_out:
      return Text(kDropped);
    case CandidateReason::ineligible:
    case CandidateReason::not_available:
      break;
  }
  switch (serve_bar(v, week.monday(), week.days().last).value_or(ServeBar::not_joined)) {
    case ServeBar::retired:
      return Text(kRetired);
    case ServeBar::suspended:
      return Text(kSuspended);
    case ServeBar::no_consent:
      return Text(kNoConsent);
    case ServeBar::not_joined:
      break;
  }
  return Text::of(kNotJoined, v.join_date.iso());
}

}  // namespace vstation::planning
