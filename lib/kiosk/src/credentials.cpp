#include "vstation/kiosk/credentials.hpp"

#include <sodium.h>

#include "vstation/domain/error.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/privacy.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/web_state.hpp"
#include "vstation/text/width.hpp"

namespace vstation::kiosk {
namespace {
constexpr Msg kNoSodium{"the cryptography library could not start", "加密库无法初始化"};
constexpr Msg kErased{
    "the personal data of {} have been erased: no PIN or badge is made for them; nothing was "
    "changed",
    "{} 的个人信息已删除：不再为其设置 PIN 或志愿者证；未做任何更改"};

void refuse_erased(store::Connection& db, VolunteerId v) {
  if (auto rec = store::volunteers::get(db, v)) kiosk::refuse_erased(*rec);
}
}  // namespace

void refuse_erased(const Volunteer& v) {
  if (v.name == store::privacy::kErasedName) throw DataError(kErased, v.number);
}

std::string new_pin() {
  if (sodium_init() < 0) throw DataError(kNoSodium);
  std::string pin;
  for (int i = 0; i < 6; ++i) pin += static_cast<char>('0' + randombytes_uniform(10));
  return pin;
}

void replace_pin(store::Connection& db, VolunteerId v, const std::string& hash) {
  refuse_erased(db, v);
  store::identity::set_pin_hash(db, v, hash);
  store::identity::set_lockout(db, v, {});
  store::web::revoke_sessions_of(db, v);
}

void replace_badge(store::Connection& db, VolunteerId v, const std::string& token) {
  refuse_erased(db, v);
  store::identity::set_badge_token(db, v, token);
}

std::string badge_caption(const Volunteer& v) {
  return v.number + " " + text::mask_name(v.name);
}

}  // namespace vstation::kiosk
