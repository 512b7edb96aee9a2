// `vstation init [PATH]`: creates (or upgrades) the database and says where it is. PATH (a
// file or a postgresql:// URL) names it instead of --db / VSTATION_DB.

#include "cli/command.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"create or upgrade the database", "创建或升级数据库"};
constexpr Msg kArgs{"[PATH]", "[路径]"};
constexpr Msg kReady{"database {} is ready (schema version {})", "数据库 {} 已就绪（结构版本 {}）"};
constexpr Msg kEmpty{"PATH: give a database file or a postgresql:// URL; it cannot be empty",
                     "路径：请给出数据库文件或 postgresql:// 地址，不能为空"};
struct InitArgs {
  std::optional<std::string> path;
};
}  // namespace

void register_init(std::vector<Command>& out) {
  out.push_back(make_command<InitArgs>(
      "init", kSummary, kArgs,
      [](OptionSet& s, const Context&) {
        s.options.add_options()("path", po::value<std::string>(), "");
        s.positional.add("path", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        InitArgs a{opt<std::string>(vm, "path")};
        if (a.path && a.path->empty()) throw UsageError(kEmpty);
        return a;
      },
      [](const InitArgs& a, Context& ctx) {
        if (a.path) ctx.use_database(*a.path);
        auto& db = ctx.db();
        ctx.out() << ctx.tr(kReady, store::shown_database(ctx.db_spec()), store::schema_version(db))
                  << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
