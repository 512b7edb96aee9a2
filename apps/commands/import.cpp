// `vstation import KIND FILE`: all-or-nothing CSV import of one kind of record, and
// `vstation import all DIR`: every known file of a directory, in dependency order, as one
// transaction.

#include <utility>

#include "cli/command.hpp"
#include "cli/roster_edit.hpp"
#include "vstation/store/records.hpp"
#include "vstation/text/csv.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kSummary{"import records from a CSV file (all or nothing)",
                       "从 CSV 文件导入记录（全部成功或全部不导入）"};
constexpr Msg kArgs{"KIND FILE", "类型 文件"};
constexpr Msg kAllSummary{"import every known CSV file of a directory (all or nothing)",
                          "导入目录中所有已知的 CSV 文件（全部成功或全部不导入）"};
constexpr Msg kAllArgs{"DIR", "目录"};
constexpr Msg kUpdateHelp{
    "a row whose key (number, code) is already there changes that record, for the file's "
    "columns; masked phone and ID numbers are kept; without it such a row is refused",
    "键（编号、代码）已存在的行更新该记录（仅文件中有的列；打码的手机号和证件号保持不变）；"
    "不加此项时这样的行会被拒绝"};
constexpr Msg kNoForce{"--force is for roster assignments only, not {}",
                       "--force 仅用于排班导入，不适用于{}"};
constexpr Msg kNoUpdate{
    "{} are history and have no key to match by: import adds them, --update "
    "does not apply",
    "{}是历史记录，没有可匹配的键：导入只能新增，不适用 --update"};
// Unchanged: rows equal to the stored record, which are not written.
constexpr Msg kUpdated{"imported {} {} from {}: {} added, {} changed, {} unchanged",
                       "已从 {2} 导入 {0} 条{1}：新增 {3} 条，更新 {4} 条，未变 {5} 条"};
constexpr Msg kUnknownKind{"unknown kind '{}'; one of: {}", "未知类型“{}”；应为：{}"};
constexpr Msg kImported{"imported {} {} from {}", "已从 {2} 导入 {0} 条{1}"};
constexpr Msg kHeld{
    "{} of them checked out past their deadline: kept as forgotten check-outs awaiting "
    "review (vstation sessions review)",
    "其中 {} 条签退已超过时限：按忘记签退保留，待审核（vstation sessions review）"};

std::string kind_names() {
  std::string out;
  for (const auto& k : store::record_kinds())
    out += (out.empty() ? "" : ", ") + std::string(k->name());
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
  store::ImportMode mode = store::ImportMode::add;
  std::optional<std::string> reason;  // --force --reason (roster assignments)
};

struct ImportAllArgs {
  std::string dir;
  store::ImportMode mode = store::ImportMode::add;
};

store::ImportMode mode_of(const po::variables_map& vm) {
  return vm.count("update") ? store::ImportMode::update : store::ImportMode::add;
}

std::string imported(const Context& ctx, store::ImportMode mode, const store::ImportCount& n,
                     const store::RecordKind& kind, const std::string& file) {
  std::string line =
      mode == store::ImportMode::add
          ? ctx.tr(kImported, n.rows(), Text(kind.title()), file)
          : ctx.tr(kUpdated, n.rows(), Text(kind.title()), file, n.added, n.changed, n.unchanged);
  if (n.held_for_review > 0) line += "\n" + ctx.tr(kHeld, n.held_for_review);
  return line;
}

// The import's one transaction, retried as retry_writes does, inside a bulk write begun first:
// a transaction begun inside one is a bulk write's from its start (Connection::set_bulk_write).
template <class F>
auto retry_bulk_writes(Context& ctx, F&& f) {
  store::BulkWrite bulk(ctx.db());
  return retry_writes(ctx, std::forward<F>(f));
}

}  // namespace

void register_import(std::vector<Command>& out) {
  out.push_back(make_command<ImportAllArgs>(
      "import all", kAllSummary, kAllArgs,
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("dir", po::value<std::string>()->required(), "")(
            "update", ctx.tr(kUpdateHelp).c_str());
        s.positional.add("dir", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        return ImportAllArgs{vm["dir"].as<std::string>(), mode_of(vm)};
      },
      [](const ImportAllArgs& a, Context& ctx) {
        auto& db = ctx.db();
        // All or nothing; a database busy with another writer (a roster build) is waited for.
        auto done = retry_bulk_writes(
            ctx, [&] { return store::import_directory(db, a.dir, a.mode, ctx.now()); });
        for (const auto& [kind, n] : done)
          ctx.out() << imported(ctx, a.mode, n, *kind, std::string(kind->name()) + ".csv") << "\n";
        return 0;
      }));
  out.push_back(make_command<ImportArgs>(
      "import", kSummary, kArgs,
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("kind", po::value<std::string>()->required(), "")(
            "file", po::value<std::string>()->required(), "")("update",
                                                              ctx.tr(kUpdateHelp).c_str());
        declare_force(s, ctx);
        s.positional.add("kind", 1).add("file", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        ImportArgs a{&kind_named(vm["kind"].as<std::string>()), vm["file"].as<std::string>(),
                     mode_of(vm), std::nullopt};
        if (a.mode == store::ImportMode::update && !a.kind->editable())
          throw UsageError(kNoUpdate, Text(a.kind->title()));
        a.reason = parse_force(vm);
        if (a.reason && !a.kind->overridable()) throw UsageError(kNoForce, Text(a.kind->title()));
        return a;
      },
      [](const ImportArgs& a, Context& ctx) {
        // The file is read as it is imported: a busy database that makes the transaction start
        // again opens it again. A missing or unreadable file is refused first.
        text::open_input(a.file);
        auto& db = ctx.db();
        auto n = retry_bulk_writes(ctx, [&] {
          auto in = text::open_input(a.file);
          return store::import_csv(db, *a.kind, in, a.file, a.mode, ctx.now(),
                                   override_of(a.reason, ctx));
        });
        ctx.out() << imported(ctx, a.mode, n, *a.kind, a.file) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
