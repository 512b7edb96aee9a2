#pragma once
// A command's ledger: its transactions say once on stderr that they wait for another program's
// write, as retry_writes does.

#include <string>
#include <utility>

#include "cli/context.hpp"
#include "vstation/kiosk/ledger.hpp"

namespace vstation::cli {

inline kiosk::Ledger ledger_for(Context& ctx, std::string actor) {
  kiosk::Ledger ledger(ctx.db(), std::move(actor));
  ledger.tell_waiting([&ctx] { ctx.say_waiting(); });
  return ledger;
}

}  // namespace vstation::cli
