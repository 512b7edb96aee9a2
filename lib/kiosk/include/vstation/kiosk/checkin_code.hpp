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

}  // namespace vstation::kiosk
