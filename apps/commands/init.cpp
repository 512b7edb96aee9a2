// `vstation init`: creates (or upgrades) the database and says where it is.

#include "cli/command.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"create or upgrade the database", "创建或升级数据库"};
constexpr Msg kReady{"database {} is ready (schema version {})", "数据库 {} 已就绪（结构版本 {}）"};
struct InitArgs {};
}  // namespace

void register_init(std::vector<Command>& out) {
  out.push_back(make_command<InitArgs>(
      "init", kSummary, Msg{"", ""}, [](OptionSet&, const Context&) {},
      [](const po::variables_map&, const Context&) { return InitArgs{}; },
      [](const InitArgs&, Context& ctx) {
        auto& db = ctx.db();
        ctx.out() << ctx.tr(kReady, ctx.db_spec(), store::schema_version(db)) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
