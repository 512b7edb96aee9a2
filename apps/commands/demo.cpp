// `vstation demo`: builds a fresh database from the demo station's CSV files and prints the
// season's totals, computed from the records by the counting rules. The database is --out, else
// the one every command uses (--db, VSTATION_DB, the default); it replaces only a database that
// is new, empty, or an untouched demo (a fingerprint of its tables' row counts is kept in the
// settings), unless --force.

#include <filesystem>

#include "cli/command.hpp"
#include "vstation/report/totals.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/maintenance.hpp"
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
constexpr Msg kOut{"database file to build (default: --db, VSTATION_DB or the default database)",
                   "要建立的数据库文件（默认：--db、VSTATION_DB 或默认数据库）"};
constexpr Msg kForce{"replace the database even though it holds records the demo did not make",
                     "即使数据库中有非示例数据也替换"};
constexpr Msg kNotOurs{
    "'{}' holds records the demo did not make ({} stations, {} volunteers, {} sessions); "
    "the demo replaces only a new, empty or untouched demo database: give another "
    "--db, or --force to replace it",
    "“{}”中有非示例数据（{} 个站点、{} 名志愿者、{} 条签到记录）；示例只替换新建、空的或未改动的"
    "示例数据库：请换一个 --db，或用 --force 强制替换"};
constexpr Msg kServerNotEmpty{
    "'{}' is a server database holding records: the demo is built only into an "
    "empty one",
    "“{}”是已有数据的服务器数据库：示例只能建在空数据库中"};
constexpr Msg kBuilt{"Built {} from {}: {} records.", "已用 {1} 建立 {0}：共 {2} 条记录。"};
constexpr Msg kEmptyOut{"--out: give a database file name", "--out：请给出数据库文件名"};
constexpr Msg kNoActivity{"the demo data holds no activity", "示例数据中没有任何活动记录"};

struct DemoArgs {
  std::string data;
  std::optional<std::string> out;
  bool force = false;
};

constexpr std::string_view kFingerprintKey = "demo_fingerprint";

// Row counts of the tables people change: equal to the ones kept when the demo was built, the
// database is still the untouched demo.
std::string fingerprint(const store::RecordCounts& n) {
  std::string f;
  for (auto v : {n.stations, n.volunteers, n.projects, n.shifts, n.assignments, n.sessions,
                 n.incidents, n.trainings, n.audit, n.certificates})
    f += std::to_string(v) + " ";
  return f;
}

// Refuses a database holding records the demo did not make; removes an SQLite file it may replace.
void make_room(Context& ctx, const std::string& spec, bool force) {
  namespace fs = std::filesystem;
  if (!store::is_server_url(spec) && !fs::exists(spec)) return;
  ctx.use_database(spec);
  auto& db = ctx.db();
  auto n = store::record_counts(db);
  bool empty = n.stations == 0 && n.volunteers == 0 && n.sessions == 0;
  auto kept = store::identity::setting(db, kFingerprintKey);
  bool untouched = kept && *kept == fingerprint(n);
  if (store::is_server_url(spec)) {
    if (!empty) throw DataError(kServerNotEmpty, store::shown_database(spec));
    return;
  }
  if (!empty && !untouched && !force)
    throw DataError(kNotOurs, spec, n.stations, n.volunteers, n.sessions);
  ctx.use_database("");  // closes it
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(spec + suffix);
}

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
            "out", po::value<std::string>(), ctx.tr(kOut).c_str())("force", ctx.tr(kForce).c_str());
      },
      [](const po::variables_map& vm, const Context&) {
        return DemoArgs{vm["data"].as<std::string>(), opt<std::string>(vm, "out"),
                        vm.count("force") > 0};
      },
      [](const DemoArgs& a, Context& ctx) {
        std::string target = a.out ? *a.out : ctx.db_spec();
        if (target.empty()) throw UsageError(kEmptyOut);
        make_room(ctx, target, a.force);
        ctx.use_database(target);
        auto& db = ctx.db();
        std::size_t records = 0;
        {
          store::BulkWrite bulk(db);  // before the transaction: a bulk write's from its start
          store::Transaction tx(db);
          for (const auto& [kind, n] :
               store::import_directory(db, a.data, store::ImportMode::add, ctx.now()))
            records += n.rows();
          store::identity::set_setting(db, kFingerprintKey, fingerprint(store::record_counts(db)));
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
        ctx.out() << ctx.tr(kBuilt, target, a.data, records) << "\n\n"
                  << report::render_totals_table(totals, ctx.lang());
        return 0;
      }));
}

}  // namespace vstation::cli
