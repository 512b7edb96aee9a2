// `vstation import aggregates FILE --station S [--map FIELD=HEADER]… [--type VALUE=CATEGORY]…`:
// attendance history exported by another rostering platform as per-shift aggregates.

#include "cli/command.hpp"
#include "cli/report_output.hpp"
#include "vstation/store/aggregates.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/text/csv.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kSummary{"import attendance history given as per-shift aggregates (another platform's export)",
                       "导入其他排班平台导出的按班次汇总的历史出勤数据"};
constexpr Msg kArgs{"FILE", "文件"};
constexpr Msg kStation{"the station the history belongs to (required when there are several)",
                       "历史数据所属服务站（有多个站点时必填）"};
constexpr Msg kMap{"FIELD=HEADER: read FIELD (date, shift, event, type, attended, hours, demand) from column HEADER",
                   "字段=列名：从指定列读取字段（date、shift、event、type、attended、hours、demand）"};
constexpr Msg kType{"VALUE=CATEGORY: the file's event type VALUE means this category code",
                    "取值=类别：文件中的活动类型取值对应的类别代码"};
constexpr Msg kSource{"a name for where the file came from (kept on every row)", "数据来源名称（记录在每一行）"};
constexpr Msg kBadPair{"--{}: expected NAME=VALUE, got '{}'", "--{}：应为 名称=取值，实际为“{}”"};
constexpr Msg kWhichStation{"the database has several stations: name one with --station", "数据库中有多个服务站，请用 --station 指定"};
constexpr Msg kNoStation{"the database has no station yet", "数据库中还没有服务站"};
constexpr Msg kImported{"imported {} aggregate rows from {}", "已从 {1} 导入 {0} 条汇总记录"};

struct Args {
  std::string file;
  std::optional<std::string> station;
  store::aggregates::Mapping mapping;
};

void pairs(const po::variables_map& vm, const char* option, std::map<std::string, std::string>& into) {
  if (!vm.count(option)) return;
  for (const auto& v : vm[option].as<std::vector<std::string>>()) {
    auto eq = v.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError(kBadPair, option, v);
    into[v.substr(0, eq)] = v.substr(eq + 1);
  }
}

}  // namespace

void register_import_aggregates(std::vector<Command>& out) {
  out.push_back(make_command<Args>(
      "import aggregates", kSummary, kArgs,
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("file", po::value<std::string>()->required(), "")(
            "station", po::value<std::string>(), ctx.tr(kStation).c_str())(
            "map", po::value<std::vector<std::string>>()->composing(), ctx.tr(kMap).c_str())(
            "type", po::value<std::vector<std::string>>()->composing(), ctx.tr(kType).c_str())(
            "source", po::value<std::string>(), ctx.tr(kSource).c_str());
        s.positional.add("file", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        Args a;
        a.file = vm["file"].as<std::string>();
        a.station = opt<std::string>(vm, "station");
        pairs(vm, "map", a.mapping.columns);
        pairs(vm, "type", a.mapping.types);
        a.mapping.source = opt<std::string>(vm, "source").value_or(a.file);
        return a;
      },
      [](const Args& a, Context& ctx) {
        auto& db = ctx.db();
        auto st = station_option(ctx, a.station);
        if (!st) {
          auto all = store::stations::all(db);
          if (all.empty()) throw DataError(kNoStation);
          if (all.size() > 1) throw UsageError(kWhichStation);
          st = all.front();
        }
        auto in = text::open_input(a.file);
        store::Transaction tx(db);
        auto n = store::aggregates::import_csv(db, st->id, in, a.file, a.mapping);
        tx.commit();
        ctx.out() << ctx.tr(kImported, n, a.file) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
