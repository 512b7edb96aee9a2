#include "vstation/kiosk/checkin_code.hpp"

#include <sodium.h>

#include <stdexcept>

namespace vstation::kiosk {

std::int64_t code_window(Instant now) {
  // Floor division: a window is [k·30, k·30 + 30) for instants before 1970 too.
  std::int64_t q = now.seconds / kCodeWindowSeconds;
  if (now.seconds % kCodeWindowSeconds < 0) --q;
  return q;
}

std::int64_t code_seconds_left(Instant now) {
  return (code_window(now) + 1) * kCodeWindowSeconds - now.seconds;
}

std::string checkin_code(std::string_view secret, StationId station, std::int64_t window) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::string message =
      "vstation-checkin:" + std::to_string(station.value) + ":" + std::to_string(window);
  crypto_auth_hmacsha256_state state;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; out.size() < kCodeLength; ++i) {
    out += kHex[mac[i] >> 4];
    out += kHex[mac[i] & 0xf];
  }
  return out;
}

bool checkin_code_fresh(std::string_view secret, StationId station, std::string_view code,
                        Instant now) {
  if (code.size() != kCodeLength) return false;
  std::int64_t w = code_window(now);
  bool fresh = false;
  for (std::int64_t window : {w, w - 1}) {
    std::string want = checkin_code(secret, station, window);
    fresh |= sodium_memcmp(want.data(), code.data(), kCodeLength) == 0;
  }
  return fresh;
}

}  // namespace vstation::kiosk
