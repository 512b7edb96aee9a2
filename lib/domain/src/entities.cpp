#include "vstation/domain/entities.hpp"

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
