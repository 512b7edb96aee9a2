// `vstation demo`: builds a fresh database from the demo station's CSV files and prints the
// season's totals, computed from the records by the counting rules.

#include <filesystem>

#include "cli/command.hpp"
#include "vstation/report/totals.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/repos.hpp"

#ifndef VSTATION_DATA_DIR
#define VSTATION_DATA_DIR "data"
#endif

namespace vstation::cli {

namespace {

constexpr Msg kSummary{"build the demo station's database from data/ and print its season totals",
                       "用 data/ 中的示例站点数据建立数据库，并打印本季度合计"};
constexpr Msg kData{"directory of the demo CSV files", "示例 CSV 文件所在目录"};
constexpr Msg kOut{"database file to build (replaced if it exists)", "要建立的数据库文件（已存在则替换）"};
constexpr Msg kBuilt{"Built {} from {}: {} records.", "已用 {1} 建立 {0}：共 {2} 条记录。"};
constexpr Msg kNoActivity{"the demo data holds no activity", "示例数据中没有任何活动记录"};

struct DemoArgs {
  std::string data;
  std::string out;
};

// The demo files: next to the binary's source tree, or ./data/demo when run from a checkout.
std::string default_data_dir() {
  namespace fs = std::filesystem;
  fs::path built_in = fs::path(VSTATION_DATA_DIR) / "demo";
  if (fs::is_directory(built_in)) return built_in.string();
  return "data/demo";
}

}  // namespace

void register_demo(std::vector<Command>& out) {
  out.push_back(make_command<DemoArgs>(
      "demo", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("data", po::value<std::string>()->default_value(default_data_dir()),
                                ctx.tr(kData).c_str())(
            "out", po::value<std::string>()->default_value("vstation-demo.db"), ctx.tr(kOut).c_str());
      },
      [](const po::variables_map& vm, const Context&) {
        return DemoArgs{vm["data"].as<std::string>(), vm["out"].as<std::string>()};
      },
      [](const DemoArgs& a, Context& ctx) {
        namespace fs = std::filesystem;
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(a.out + suffix);
        ctx.use_database(a.out);
        auto& db = ctx.db();
        std::size_t records = 0;
        {
          store::Transaction tx(db);
          for (const auto& [kind, n] : store::import_directory(db, a.data)) records += n.rows();
          tx.commit();
        }
        auto span = store::stats::activity_span(db, std::nullopt);
        if (!span) throw DataError(kNoActivity);
        auto all = store::stations::all(db);
        std::optional<StationId> only;
        if (all.size() == 1) only = all.front().id;
        store::stats::Period period;
        period.days = *span;
        period.station = only;
        auto totals = report::compute_totals(db, period);
        ctx.out() << ctx.tr(kBuilt, a.out, a.data, records) << "\n\n"
                  << report::render_totals_table(totals, ctx.lang());
        return 0;
      }));
}

}  // namespace vstation::cli
