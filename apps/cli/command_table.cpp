// The one table of commands: --help lists them in this order. Each command lives in its own
// file under commands/ and registers itself here.

#include "cli/command.hpp"

namespace vstation::cli {

const std::vector<Command>& command_table() {
  static const std::vector<Command> table = [] {
    std::vector<Command> t;
    register_demo(t);
    register_init(t);
    register_records(t);
    register_template_skip(t);
    register_template_unskip(t);
    register_template_skips(t);
    register_checkin(t);
    register_checkout(t);
    register_sessions_list(t);
    register_sessions_review(t);
    register_sessions_confirm(t);
    register_sessions_fix(t);
    register_sessions_reject(t);
    register_sessions_history(t);
    register_kiosk(t);
    register_pin(t);
    register_badge(t);
    register_roster_build(t);
    register_roster_show(t);
    register_roster_assign(t);
    register_roster_unassign(t);
    register_roster_pin(t);
    register_roster_return(t);
    register_roster_publish(t);
    register_serve(t);
    register_station_public_url(t);
    register_device_pair(t);
    register_device_list(t);
    register_device_revoke(t);
    register_user_add(t);
    register_user_list(t);
    register_user_retire(t);
    register_user_reset(t);
    register_roster_repair(t);
    register_roster_bench(t);
    register_import(t);
    register_import_aggregates(t);
    register_export(t);
    register_report(t);
    register_certificate(t);
    register_certificate_verify(t);
    register_certificate_list(t);
    register_migrate(t);
    register_maintenance(t);
    register_recount(t);
    register_privacy(t);
    return t;
  }();
  return table;
}

}  // namespace vstation::cli
