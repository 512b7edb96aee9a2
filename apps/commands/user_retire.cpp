// `vstation user retire LOGIN`: the staff account may no longer sign in; its web sessions end.
// The account stays (its login is not given again: the audit trail names it).

#include "cli/command.hpp"
#include "cli/staff_text.hpp"
#include "vstation/store/staff.hpp"
#include "vstation/store/web_state.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"retire a staff account (it is signed out everywhere)",
                       "停用工作人员账户（所有登录随即失效）"};
constexpr Msg kArgs{"LOGIN", "登录名"};
constexpr Msg kAlready{"staff account {} is already retired", "工作人员账户 {} 已停用"};
constexpr Msg kDone{"staff account {} retired; {} web session(s) ended",
                    "工作人员账户 {} 已停用；已结束 {} 个网页登录"};

struct RetireArgs {
  std::string login;
};

int retire(const RetireArgs& a, Context& ctx) {
  auto& db = ctx.db();
  auto account = account_by_login(ctx, a.login);
  if (account.retired) throw DataError(kAlready, account.login);
  auto ended = retry_writes(ctx, [&] {
    auto n = store::web::revoke_sessions_of(db, account.id);
    store::staff::retire(db, account.id, ctx.now());
    audit_staff(ctx, account.id, "retire");
    return n;
  });
  ctx.out() << ctx.tr(kDone, account.login, ended) << "\n";
  return 0;
}

}  // namespace

void register_user_retire(std::vector<Command>& out) {
  out.push_back(make_command<RetireArgs>(
      "user retire", kSummary, kArgs,
      [](OptionSet& s, const Context&) {
        s.options.add_options()("login", po::value<std::string>()->required(), "");
        s.positional.add("login", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        return RetireArgs{parse_login(vm["login"].as<std::string>())};
      },
      retire));
}

}  // namespace vstation::cli
