#include "records/credit_guard.hpp"

#include "vstation/domain/hours_policy.hpp"
#include "vstation/store/records.hpp"

namespace vstation::store {
namespace {
constexpr Msg kCreditsGiven{
    "this would change the credit already given to {} session(s) (session {}: {} → {} min); a "
    "credit changes only when its session is corrected ('vstation sessions fix')",
    "这会改变 {0} 条签到记录已计入的时长（记录 {1}：{2} → {3} 分钟）；已计入的时长只能通过更正该"
    "记录来修改（“vstation sessions fix”）"};
}  // namespace

void refuse_credit_change(const std::vector<Session>& sessions,
                          const std::function<std::optional<TimeRange>(const Session&)>& shift_of,
                          const StationSettings& settings, const std::string& column) {
  std::size_t changed = 0;
  const Session* first = nullptr;
  std::int64_t would_be = 0;
  for (const auto& s : sessions) {
    const std::int64_t credit = policy_credit(s, shift_of(s), settings);
    if (credit == s.credited_minutes) continue;
    if (changed++ == 0) {
      first = &s;
      would_be = credit;
    }
  }
  if (first)
    throw FieldError(column, Text::of(kCreditsGiven, changed, first->id.value,
                                      first->credited_minutes, would_be));
}

}  // namespace vstation::store
