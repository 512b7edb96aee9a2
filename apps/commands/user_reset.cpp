// `vstation user reset LOGIN`: a new password for a staff account (one line on standard input,
// never echoed); the account is unlocked and its web sessions end.

#include "cli/command.hpp"
#include "cli/password_input.hpp"
#include "cli/staff_text.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/staff.hpp"
#include "vstation/store/web_state.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"set a new password for a staff account (unlocks it, signs it out)",
                       "为工作人员账户设置新密码（解除锁定并结束所有登录）"};
constexpr Msg kArgs{"LOGIN", "登录名"};
constexpr Msg kRetired{"staff account {} is retired; add a new account instead",
                       "工作人员账户 {} 已停用；请改为添加新账户"};
constexpr Msg kDone{"new password set for {}; unlocked, {} web session(s) ended",
                    "已为 {} 设置新密码；已解除锁定，已结束 {} 个网页登录"};

struct ResetArgs {
  std::string login;
};

int reset(const ResetArgs& a, Context& ctx) {
  auto& db = ctx.db();
  auto account = account_by_login(ctx, a.login);
  if (account.retired) throw DataError(kRetired, account.login);
  const std::string hash = kiosk::hash_password(read_new_password(ctx));
  auto ended = retry_writes(ctx, [&] {
    store::staff::set_password_hash(db, account.id, hash);
    auto n = store::web::revoke_sessions_of(db, account.id);
    audit_staff(ctx, account.id, "reset");
    return n;
  });
  ctx.out() << ctx.tr(kDone, account.login, ended) << "\n";
  return 0;
}

}  // namespace

void register_user_reset(std::vector<Command>& out) {
  out.push_back(make_command<ResetArgs>(
      "user reset", kSummary, kArgs,
      [](OptionSet& s, const Context&) {
        s.options.add_options()("login", po::value<std::string>()->required(), "");
        s.positional.add("login", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        return ResetArgs{parse_login(vm["login"].as<std::string>())};
      },
      reset));
}

}  // namespace vstation::cli
