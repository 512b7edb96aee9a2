#include "cli/coordinator.hpp"

#include <unistd.h>

#include <iostream>

#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kPrompt{"coordinator PIN: ", "站长 PIN 码："};
constexpr Msg kNoCoordinator{
    "this needs the coordinator's PIN, and none is set; set it with 'vstation pin coordinator'",
    "此操作需要站长 PIN 码，但尚未设置；请用“vstation pin coordinator”设置"};
constexpr Msg kNoPin{"this needs the coordinator's PIN on standard input; nothing was done",
                     "此操作需要从标准输入提供站长 PIN 码；未做任何操作"};
constexpr Msg kWrong{"wrong coordinator PIN; nothing was done", "站长 PIN 码错误；未做任何操作"};
}  // namespace

void require_coordinator(Context& ctx) {
  auto hash = store::identity::setting(ctx.db(), "coordinator_pin");
  if (!hash) throw DataError(kNoCoordinator);
  if (::isatty(STDIN_FILENO)) ctx.err() << ctx.tr(kPrompt) << std::flush;
  std::string pin;
  if (!std::getline(std::cin, pin)) throw DataError(kNoPin);
  if (!pin.empty() && pin.back() == '\r') pin.pop_back();
  if (!kiosk::verify_pin(*hash, pin)) throw DataError(kWrong);
}

void audit_disclosure(Context& ctx, std::int64_t volunteer_id, std::string_view what,
                      std::string_view detail) {
  auto& db = ctx.db();
  retry_writes(ctx, [&] {
    store::AuditEntry e;
    e.at = ctx.now();
    e.actor = "coordinator";
    e.entity = "volunteer";
    e.entity_id = volunteer_id;
    e.action = std::string(what);
    e.reason = std::string(detail);
    store::audit::append(db, e);
    return 0;
  });
}

void authorize_reveal(Context& ctx, std::string_view command) {
  require_coordinator(ctx);
  audit_disclosure(ctx, 0, "reveal", command);
}

}  // namespace vstation::cli
