#pragma once
// Strong id types: a VolunteerId cannot be passed where a ShiftId is expected.

#include <compare>
#include <cstdint>
#include <functional>

namespace vstation {

template <class Tag>
struct Id {
  std::int64_t value = 0;
  constexpr Id() = default;
  constexpr explicit Id(std::int64_t v) : value(v) {}
  [[nodiscard]] constexpr bool valid() const { return value > 0; }
  constexpr auto operator<=>(const Id&) const = default;
};

using StationId = Id<struct StationTag>;
using VolunteerId = Id<struct VolunteerTag>;
using SkillId = Id<struct SkillTag>;
using ProjectId = Id<struct ProjectTag>;
using TemplateId = Id<struct TemplateTag>;
using TemplateSkipId = Id<struct TemplateSkipTag>;
using ShiftId = Id<struct ShiftTag>;
using AssignmentId = Id<struct AssignmentTag>;
using SessionId = Id<struct SessionTag>;
using IncidentId = Id<struct IncidentTag>;
using TrainingId = Id<struct TrainingTag>;
using AuditId = Id<struct AuditTag>;
using AvailabilityId = Id<struct AvailabilityTag>;
// The web face's state (lib/store web_state.hpp).
using WebSessionId = Id<struct WebSessionTag>;
using PairedDeviceId = Id<struct PairedDeviceTag>;
using CalendarFeedId = Id<struct CalendarFeedTag>;
using SignInCodeId = Id<struct SignInCodeTag>;
// Staff accounts (coordinator, secretary, district; lib/store staff.hpp).
using StaffAccountId = Id<struct StaffAccountTag>;

}  // namespace vstation

template <class Tag>
struct std::hash<vstation::Id<Tag>> {
  std::size_t operator()(const vstation::Id<Tag>& id) const noexcept {
    return std::hash<std::int64_t>{}(id.value);
  }
};
