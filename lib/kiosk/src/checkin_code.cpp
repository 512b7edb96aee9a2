#include "vstation/kiosk/checkin_code.hpp"

#include <sodium.h>

#include <charconv>
#include <stdexcept>

namespace vstation::kiosk {
namespace {

// Lowercase hexadecimal HMAC-SHA256 of `message` under `secret`, its first `chars` characters.
std::string hmac_hex(std::string_view secret, std::string_view message, std::size_t chars) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  crypto_auth_hmacsha256_state state;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; out.size() < chars && i < sizeof mac; ++i) {
    out += kHex[mac[i] >> 4];
    out += kHex[mac[i] & 0xf];
  }
  return out;
}

std::string proof_mac(std::string_view secret, StationId station, std::string_view code,
                      std::int64_t issued) {
  std::string message = "vstation-checkin-proof:" + std::to_string(station.value) + ":" +
                        std::string(code) + ":" + std::to_string(issued);
  return hmac_hex(secret, message, 64);
}

}  // namespace

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
  std::string message =
      "vstation-checkin:" + std::to_string(station.value) + ":" + std::to_string(window);
  return hmac_hex(secret, message, kCodeLength);
}

bool checkin_code_fresh(std::string_view secret, StationId station, std::string_view code,
                        Instant now) {
  if (code.size() != kCodeLength) return false;
  // The window before is only hashed when the current one does not match: which window a
  // code belongs to is no secret (the clock says it), only the code is.
  std::int64_t w = code_window(now);
  for (std::int64_t window : {w, w - 1}) {
    std::string want = checkin_code(secret, station, window);
    if (sodium_memcmp(want.data(), code.data(), kCodeLength) == 0) return true;
  }
  return false;
}

std::string checkin_proof(std::string_view secret, StationId station, std::string_view code,
                          Instant issued) {
  return std::string(code) + "." + std::to_string(issued.seconds) + "." +
         proof_mac(secret, station, code, issued.seconds);
}

bool checkin_proof_ok(std::string_view secret, StationId station, std::string_view code,
                      std::string_view proof, Instant now) {
  if (code.size() != kCodeLength || proof.size() > 128) return false;
  auto dot1 = proof.find('.');
  auto dot2 = dot1 == proof.npos ? proof.npos : proof.find('.', dot1 + 1);
  if (dot2 == proof.npos || proof.substr(0, dot1) != code) return false;
  std::string_view issued_text = proof.substr(dot1 + 1, dot2 - dot1 - 1);
  std::int64_t issued = 0;
  auto [end, ec] =
      std::from_chars(issued_text.data(), issued_text.data() + issued_text.size(), issued);
  if (issued_text.empty() || ec != std::errc{} || end != issued_text.data() + issued_text.size())
    return false;
  // Not from the future, not too old, and the code was the station's when the proof was made.
  if (issued > now.seconds || now.seconds - issued >= kCodeProofSeconds) return false;
  std::string_view mac = proof.substr(dot2 + 1);
  std::string want = proof_mac(secret, station, code, issued);
  if (mac.size() != want.size() || sodium_memcmp(want.data(), mac.data(), want.size()) != 0)
    return false;
  return checkin_code_fresh(secret, station, code, Instant{issued});
}

}  // namespace vstation::kiosk
