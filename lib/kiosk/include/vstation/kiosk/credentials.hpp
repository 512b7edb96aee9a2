#pragma once
// Changing how a volunteer identifies: a new PIN and a reissued badge. The one rule behind the
// CLI's `pin set` and `badge --reissue` and the coordinator's web page (/staff/volunteers/{id}).

#include <string>

#include "vstation/domain/entities.hpp"
#include "vstation/store/db.hpp"

namespace vstation::kiosk {

// A random PIN of six digits (libsodium), for a coordinator who resets one without typing it.
std::string new_pin();

// A volunteer whose personal data were erased has no identity left to prove: no PIN or badge is
// made for them (DataError).
void refuse_erased(const Volunteer& v);

// Stores `hash` (hash_pin) as the volunteer's PIN, clears their lockout and ends their web
// sessions (whoever knew the old PIN keeps no session). Writes in the caller's transaction.
void replace_pin(store::Connection& db, VolunteerId v, const std::string& hash);
// Stores `token` (new_badge_token) as the volunteer's badge: every earlier badge stops working.
void replace_badge(store::Connection& db, VolunteerId v, const std::string& token);

// What a badge prints under its code: the volunteer number and the masked name.
std::string badge_caption(const Volunteer& v);

}  // namespace vstation::kiosk
