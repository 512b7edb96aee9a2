#pragma once
// One transaction, retried while another process holds the database: kiosks never show a
// busy database to a volunteer. The loop lives in the store (lib/planning's self-service
// sign-up uses it too); the kiosk keeps its names.

#include "vstation/store/retry.hpp"

namespace vstation::kiosk {

using store::jittered;
using store::kStillBusy;
using store::retry_transaction;

}  // namespace vstation::kiosk
