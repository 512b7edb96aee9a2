#pragma once
// The station's rotating check-in code (the QR on the kiosk tablet): HMAC-SHA256 of the
// 30-second window under the station's secret (store::web::station_secret), truncated. A phone
// that opens the code proves it is at the station now; the code names nobody, and a copy goes
// stale within a minute. Nothing is stored: the code is derived again to check it.

#include <cstdint>
#include <string>
#include <string_view>

#include "vstation/domain/ids.hpp"
#include "vstation/domain/time.hpp"

namespace vstation::kiosk {

inline constexpr std::int64_t kCodeWindowSeconds = 30;
// Characters of a code (lowercase hexadecimal: 80 bits of the HMAC).
inline constexpr std::size_t kCodeLength = 20;

// The window `now` falls in, and the seconds left in it (1 to kCodeWindowSeconds).
std::int64_t code_window(Instant now);
std::int64_t code_seconds_left(Instant now);

// The code of one window at a station. `secret` is the station's secret (any length).
std::string checkin_code(std::string_view secret, StationId station, std::int64_t window);
// The code shown at `now`.
inline std::string current_checkin_code(std::string_view secret, StationId station, Instant now) {
  return checkin_code(secret, station, code_window(now));
}

// Whether `code` is the station's code of the window of `now` or of the one before (a phone
// scanning at the edge of a window still gets in); compared in constant time.
bool checkin_code_fresh(std::string_view secret, StationId station, std::string_view code,
                        Instant now);

// A phone that opened a fresh code before its owner signed in keeps a proof of it (in a
// short-lived cookie): the code, when it was opened, and an HMAC of both under the station's
// secret. The code then works for that phone until kCodeProofSeconds after it was opened, though
// the code itself went stale meanwhile; nobody can make a proof for a code that was never fresh.
inline constexpr std::int64_t kCodeProofSeconds = 600;
// "code.issued.mac"; `code` should be fresh at `issued` (checked again by checkin_proof_ok).
std::string checkin_proof(std::string_view secret, StationId station, std::string_view code,
                          Instant issued);
// Whether `proof` is a proof for `code` at this station, made when the code was fresh, and less
// than kCodeProofSeconds old at `now`; compared in constant time.
bool checkin_proof_ok(std::string_view secret, StationId station, std::string_view code,
                      std::string_view proof, Instant now);

}  // namespace vstation::kiosk
