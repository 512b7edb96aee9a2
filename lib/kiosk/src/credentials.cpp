#include "vstation/kiosk/credentials.hpp"

#include <sodium.h>

#include "vstation/domain/error.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/web_state.hpp"
#include "vstation/text/width.hpp"

namespace vstation::kiosk {
namespace {
constexpr Msg kNoSodium{"the cryptography library could not start", "加密库无法初始化"};
}  // namespace

std::string new_pin() {
  if (sodium_init() < 0) throw DataError(kNoSodium);
  std::string pin;
  for (int i = 0; i < 6; ++i) pin += static_cast<char>('0' + randombytes_uniform(10));
  return pin;
}

void replace_pin(store::Connection& db, VolunteerId v, const std::string& hash) {
  store::identity::set_pin_hash(db, v, hash);
  store::identity::set_lockout(db, v, {});
  store::web::revoke_sessions_of(db, v);
}

std::string badge_caption(const Volunteer& v) {
  return v.number + " " + text::mask_name(v.name);
}

}  // namespace vstation::kiosk
