// `vstation backup FILE`, `vstation restore FILE` and `vstation check`: a consistent copy while
// kiosks run, a vetted all-or-nothing restore, and the storage's and the domain's invariants
// including the audit trail's hash chain.

#include "vstation/store/maintenance.hpp"

#include "cli/command.hpp"
#include "vstation/store/audit_chain.hpp"
#include "vstation/store/checks.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kBackupSummary{"copy the database to a new file (safe while kiosks run)",
                             "将数据库复制到新文件（签到机运行时也可安全进行）"};
constexpr Msg kEmptyFile{"FILE is empty: name the backup file", "文件名为空：请指定备份文件"};
constexpr Msg kRestoreSummary{"replace the database with a backup (checked first)",
                              "用备份替换数据库（先检查备份）"};
constexpr Msg kCheckSummary{"check the database: integrity, sessions, hours and the audit chain",
                            "检查数据库：完整性、签到记录、时长与审计链"};
constexpr Msg kFileArg{"FILE", "文件"};
constexpr Msg kBackedUp{"backed up to {}", "已备份到 {}"};
constexpr Msg kRestored{"restored from {}", "已从 {} 恢复"};
constexpr Msg kStorage{"storage: {}", "存储：{}"};
constexpr Msg kOk{"ok: storage intact; {} sessions consistent; audit trail of {} rows unbroken",
                  "正常：存储完好；{} 条签到记录一致；{} 条审计记录的链条完整"};
constexpr Msg kLegacy{"note: {} audit rows were written before the hash chain and are not covered",
                      "注意：{} 条审计记录早于哈希链写入，不在保护范围内"};
constexpr Msg kHead{"audit chain head: {}", "审计链头：{}"};
constexpr Msg kRestoreHint{
    "the file is damaged: restore the last good backup with 'vstation restore FILE'",
    "文件已损坏：请用“vstation restore 文件”恢复最近一次完好的备份"};
constexpr Msg kProblems{"problems found: {}", "发现问题：{} 个"};

struct FileArgs {
  std::string file;
};

void declare_file(OptionSet& s, const Context&) {
  s.options.add_options()("file", po::value<std::string>()->required(), "");
  s.positional.add("file", 1);
}
FileArgs parse_file(const po::variables_map& vm, const Context&) {
  auto file = vm["file"].as<std::string>();
  if (file.empty()) throw UsageError(kEmptyFile);
  return FileArgs{file};
}

struct NoArgs {};

int run_check(Context& ctx) {
  auto& db = ctx.db();
  std::vector<std::string> lines;
  for (const auto& p : store::storage_problems(db)) lines.push_back(ctx.tr(kStorage, p));
  if (!lines.empty()) {  // the records cannot be trusted: the domain checks would only add noise
    for (const auto& l : lines) ctx.out() << l << "\n";
    ctx.out() << ctx.tr(kRestoreHint) << "\n";
    ctx.err() << "vstation: " << ctx.tr(kProblems, lines.size()) << "\n";
    return 1;
  }
  auto inv = store::checks::invariants(db);
  for (const auto& t : inv.problems) lines.push_back(ctx.tr(t));
  auto chain = store::chain::verify(db);
  for (const auto& t : chain.problems) lines.push_back(ctx.tr(t));
  for (const auto& l : lines) ctx.out() << l << "\n";
  if (chain.legacy > 0) ctx.out() << ctx.tr(kLegacy, chain.legacy) << "\n";
  if (!lines.empty()) {
    ctx.err() << "vstation: " << ctx.tr(kProblems, lines.size()) << "\n";
    return 1;
  }
  ctx.out() << ctx.tr(kOk, inv.sessions, chain.rows) << "\n";
  // Written down elsewhere, the head shows later whether the whole chain was rewritten.
  if (!chain.head.empty()) ctx.out() << ctx.tr(kHead, chain.head) << "\n";
  return 0;
}

}  // namespace

void register_maintenance(std::vector<Command>& out) {
  out.push_back(reading(make_command<FileArgs>(
      "backup", kBackupSummary, kFileArg, declare_file, parse_file,
      [](const FileArgs& a, Context& ctx) {
        ctx.db();  // refuse a damaged, foreign or newer database with the usual words
        store::backup_database(ctx.db_spec(), a.file);
        ctx.out() << ctx.tr(kBackedUp, a.file) << "\n";
        return 0;
      })));
  out.push_back(make_command<FileArgs>("restore", kRestoreSummary, kFileArg, declare_file,
                                       parse_file, [](const FileArgs& a, Context& ctx) {
                                         // The current database is not opened first: restoring a
                                         // damaged one must work.
                                         store::restore_database(ctx.db_spec(), a.file);
                                         ctx.out() << ctx.tr(kRestored, a.file) << "\n";
                                         return 0;
                                       }));
  out.push_back(reading(make_command<NoArgs>(
      "check", kCheckSummary, Msg{"", ""}, [](OptionSet&, const Context&) {},
      [](const po::variables_map&, const Context&) { return NoArgs{}; },
      [](const NoArgs&, Context& ctx) { return run_check(ctx); })));
}

}  // namespace vstation::cli
