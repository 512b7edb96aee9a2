#include "vstation/domain/entities.hpp"

#include <fmt/format.h>

namespace vstation {

int age_on(const Date& birth, const Date& on) {
  int age = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --age;
  return age;
}

bool may_serve(const Volunteer& v, Date on) {
  if (v.status != VolunteerStatus::active) return false;
  if (v.birth_date && age_on(*v.birth_date, on) < kConsentAge && !v.guardian_consent) return false;
  return true;
}

}  // namespace vstation

namespace vstation {

std::string describe(const Session& s, const TimeZone& zone) {
  std::string out = format_local(s.effective_in, zone) + "–" +
                    (s.effective_out ? local_time(*s.effective_out, zone).hhmm() : "?");
  return fmt::format("{} {} {} min", out, code_of(s.status), s.credited_minutes);
}

bool describes_state(std::string_view value, const Session& s) {
  return value.ends_with(fmt::format(" {} {} min", code_of(s.status), s.credited_minutes)) ||
         value == fmt::format("{} {} min", code_of(s.status), s.credited_minutes);
}

}  // namespace vstation
