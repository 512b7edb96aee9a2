// `vstation import KIND FILE`: all-or-nothing CSV import of one kind of record, and
// `vstation import all DIR`: every known file of a directory, in dependency order, as one
// transaction.

#include <filesystem>

#include "cli/command.hpp"
#include "vstation/kiosk/retry.hpp"
#include "vstation/store/records.hpp"
#include "vstation/text/csv.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kSummary{"import records from a CSV file (all or nothing)", "从 CSV 文件导入记录（全部成功或全部不导入）"};
constexpr Msg kArgs{"KIND FILE", "类型 文件"};
constexpr Msg kAllSummary{"import every known CSV file of a directory (all or nothing)",
                          "导入目录中所有已知的 CSV 文件（全部成功或全部不导入）"};
constexpr Msg kAllArgs{"DIR", "目录"};
constexpr Msg kUnknownKind{"unknown kind '{}'; one of: {}", "未知类型“{}”；应为：{}"};
constexpr Msg kImported{"imported {} {} from {}", "已从 {2} 导入 {0} 条{1}"};
constexpr Msg kNoDir{"'{}' is not a directory", "“{}”不是目录"};
constexpr Msg kNoFiles{"no known CSV files in '{}' (expected names like volunteers.csv)",
                       "“{}”中没有可识别的 CSV 文件（文件名应类似 volunteers.csv）"};

std::string kind_names() {
  std::string out;
  for (const auto& k : store::record_kinds()) out += (out.empty() ? "" : ", ") + std::string(k->name());
  return out;
}

const store::RecordKind& kind_named(const std::string& name) {
  const auto* k = store::find_kind(name);
  if (!k) throw UsageError(kUnknownKind, name, kind_names());
  return *k;
}

struct ImportArgs {
  const store::RecordKind* kind = nullptr;
  std::string file;
};

struct ImportAllArgs {
  std::string dir;
};

}  // namespace

// Imports every `<kind>.csv` found in dir inside the caller's transaction; returns the
// (kind, count) pairs in import order.
std::vector<std::pair<const store::RecordKind*, std::size_t>> import_directory(
    store::Connection& db, const std::string& dir) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) throw DataError(kNoDir, dir);
  std::vector<std::pair<const store::RecordKind*, std::size_t>> done;
  for (const auto& kind : store::record_kinds()) {
    fs::path file = fs::path(dir) / (std::string(kind->name()) + ".csv");
    if (!fs::exists(file)) continue;
    done.emplace_back(kind.get(), store::import_csv(db, *kind, text::read_file(file.string()), file.string()));
  }
  if (done.empty()) throw DataError(kNoFiles, dir);
  return done;
}

void register_import(std::vector<Command>& out) {
  out.push_back(make_command<ImportAllArgs>(
      "import all", kAllSummary, kAllArgs,
      [](OptionSet& s, const Context&) {
        s.options.add_options()("dir", po::value<std::string>()->required(), "");
        s.positional.add("dir", 1);
      },
      [](const po::variables_map& vm, const Context&) { return ImportAllArgs{vm["dir"].as<std::string>()}; },
      [](const ImportAllArgs& a, Context& ctx) {
        auto& db = ctx.db();
        // All or nothing; a database busy with another writer (a roster build) is waited for.
        auto done = kiosk::retry_transaction(db, [&] { return import_directory(db, a.dir); });
        for (const auto& [kind, n] : done)
          ctx.out() << ctx.tr(kImported, n, Text(kind->title()), std::string(kind->name()) + ".csv") << "\n";
        return 0;
      }));
  out.push_back(make_command<ImportArgs>(
      "import", kSummary, kArgs,
      [](OptionSet& s, const Context&) {
        s.options.add_options()("kind", po::value<std::string>()->required(), "")(
            "file", po::value<std::string>()->required(), "");
        s.positional.add("kind", 1).add("file", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        return ImportArgs{&kind_named(vm["kind"].as<std::string>()), vm["file"].as<std::string>()};
      },
      [](const ImportArgs& a, Context& ctx) {
        std::string content = text::read_file(a.file);
        auto& db = ctx.db();
        auto n = kiosk::retry_transaction(db, [&] { return store::import_csv(db, *a.kind, content, a.file); });
        ctx.out() << ctx.tr(kImported, n, Text(a.kind->title()), a.file) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
