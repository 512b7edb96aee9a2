// `vstation export KIND [--out FILE] [--bom] [--zh-headers] [--reveal]`.

#include "cli/command.hpp"
#include "cli/coordinator.hpp"
#include "cli/output.hpp"
#include "vstation/store/records.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kSummary{"export records as CSV", "将记录导出为 CSV"};
constexpr Msg kArgs{"KIND", "类型"};
constexpr Msg kOut{"write to FILE instead of standard output", "写入文件而不是标准输出"};
constexpr Msg kBom{"start with a UTF-8 BOM so Excel shows Chinese text correctly",
                   "以 UTF-8 BOM 开头，便于 Excel 正确显示中文"};
constexpr Msg kZh{"Chinese column headers", "使用中文列名"};
constexpr Msg kReveal{
    "export phone and ID numbers unmasked (asks for the coordinator's PIN on standard input; "
    "audited)",
    "导出完整的手机号和证件号（需从标准输入提供站长 PIN 码；留审计记录）"};
constexpr Msg kUnknownKind{"unknown kind '{}'", "未知类型“{}”"};

struct ExportArgs {
  const store::RecordKind* kind = nullptr;
  std::optional<std::string> out;
  bool bom = false;
  bool zh_headers = false;
  bool reveal = false;
};

}  // namespace

void register_export(std::vector<Command>& out) {
  out.push_back(reading(make_command<ExportArgs>(
      "export", kSummary, kArgs,
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("kind", po::value<std::string>()->required(), "")(
            "out,o", po::value<std::string>(), ctx.tr(kOut).c_str())("bom", ctx.tr(kBom).c_str())(
            "zh-headers", ctx.tr(kZh).c_str())("reveal", ctx.tr(kReveal).c_str());
        s.positional.add("kind", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        ExportArgs a;
        a.kind = store::find_kind(vm["kind"].as<std::string>());
        if (!a.kind) throw UsageError(kUnknownKind, vm["kind"].as<std::string>());
        a.out = opt<std::string>(vm, "out");
        a.bom = vm.count("bom") > 0;
        a.zh_headers = vm.count("zh-headers") > 0;
        a.reveal = vm.count("reveal") > 0;
        return a;
      },
      [](const ExportArgs& a, Context& ctx) {
        if (a.reveal) require_coordinator(ctx);
        auto csv = store::export_csv(ctx.db(), *a.kind, a.bom, a.zh_headers ? Lang::zh : Lang::en,
                                     {a.reveal, std::nullopt});  // codes: files are read back
        // A disclosure is audited only once its file is written.
        PendingOutput out(ctx, csv, a.out);
        if (a.reveal)
          audit_disclosure(ctx, 0, "reveal", "export " + std::string(a.kind->name()) + " --reveal");
        out.publish();
        return 0;
      })));
}

}  // namespace vstation::cli
