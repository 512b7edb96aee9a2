// `vstation privacy export V`, `vstation privacy erase V` and `vstation purge --before QUARTER`:
// a volunteer's access to all data held about them, erasure of their personal data, and the
// purge of long-inactive volunteers. Totals never change: hours stay under the volunteer
// number. Each needs the coordinator's PIN on standard input and leaves an audit row.

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/review_args.hpp"
#include "cli/coordinator.hpp"
#include "cli/output.hpp"
#include "vstation/domain/calendar.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/privacy.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kExportSummary{"all data held about a volunteer, as JSON (coordinator's PIN)",
                             "导出关于某位志愿者的全部数据（JSON，需站长 PIN 码）"};
constexpr Msg kEraseSummary{"erase a volunteer's personal data, keeping their hours in the totals (coordinator's PIN)",
                            "删除志愿者的个人信息，其服务时长仍计入统计（需站长 PIN 码）"};
constexpr Msg kPurgeSummary{"erase the personal data of volunteers inactive since a quarter (coordinator's PIN)",
                            "删除自某季度起无活动的志愿者的个人信息（需站长 PIN 码）"};
constexpr Msg kVolunteerArg{"VOLUNTEER", "志愿者编号"};
constexpr Msg kOut{"write to FILE instead of standard output", "写入文件而不是标准输出"};
constexpr Msg kReason{"why (kept in the audit trail)", "原因（记入审计记录）"};
constexpr Msg kBefore{"quarter, e.g. 2021Q1: no activity since its first day", "季度，如 2021Q1：自该季度第一天起无活动"};
constexpr Msg kDryRun{"only list who would be erased", "只列出将被删除个人信息的志愿者"};
constexpr Msg kErased{"erased the personal data of {}; their hours stay in the totals",
                      "已删除 {} 的个人信息；其服务时长仍计入统计"};
constexpr Msg kAlready{"{} was already erased; nothing was changed", "{} 的个人信息此前已删除；未做任何更改"};
constexpr Msg kPurged{"erased the personal data of {} volunteers inactive since {}",
                      "已删除 {} 位自 {} 起无活动的志愿者的个人信息"};
constexpr Msg kWouldPurge{"would erase {} volunteers inactive since {}: {}",
                          "将删除 {} 位自 {} 起无活动的志愿者的个人信息：{}"};

struct VolunteerArgs {
  std::string volunteer;
  std::optional<std::string> out;
  std::string reason;
};

struct PurgeArgs {
  Quarter before;
  bool dry_run = false;
};

int run_export(const VolunteerArgs& a, Context& ctx) {
  auto& db = ctx.db();
  store::Lookup lookup(db);
  VolunteerId v = lookup.volunteer(a.volunteer);
  require_coordinator(ctx);
  nlohmann::ordered_json doc;
  doc["schema_version"] = 1;
  doc["volunteer"] = a.volunteer;
  doc["exported_at"] = ctx.now().seconds;
  for (const auto& t : store::privacy::personal_data(db, v)) {
    auto rows = nlohmann::ordered_json::array();
    for (const auto& r : t.rows) {
      nlohmann::ordered_json row = nlohmann::ordered_json::object();
      for (std::size_t i = 0; i < t.columns.size(); ++i)
        row[t.columns[i]] = r[i] ? nlohmann::ordered_json(*r[i]) : nlohmann::ordered_json(nullptr);
      rows.push_back(std::move(row));
    }
    doc["tables"][t.name] = std::move(rows);
  }
  // The export is audited only once its file is written.
  PendingOutput out(ctx, doc.dump(2) + "\n", a.out);
  audit_disclosure(ctx, v.value, "privacy_export", "privacy export " + a.volunteer);
  out.publish();
  return 0;
}

int run_erase(const VolunteerArgs& a, Context& ctx) {
  auto& db = ctx.db();
  store::Lookup lookup(db);
  VolunteerId v = lookup.volunteer(a.volunteer);
  require_coordinator(ctx);
  bool done = retry_writes(ctx, [&] {
    return store::privacy::erase(db, v, ctx.now(), "coordinator", a.reason);
  });
  ctx.out() << ctx.tr(done ? kErased : kAlready, a.volunteer) << "\n";
  return 0;
}

int run_purge(const PurgeArgs& a, Context& ctx) {
  auto& db = ctx.db();
  Date first = a.before.days().first;
  // The earliest instant of that day anywhere (UTC+14): nothing on the day itself is missed.
  Instant since = at_local(first, TimeOfDay{0}, UtcOffset{14 * 60});
  if (!a.dry_run) require_coordinator(ctx);
  std::size_t count = 0;
  std::string who;
  retry_writes(ctx, [&] {
    auto ids = store::privacy::inactive_since(db, since, first);
    count = ids.size();
    who.clear();
    store::Lookup lookup(db);
    for (auto v : ids) {
      who += (who.empty() ? "" : ", ") + lookup.volunteer_number(v);
      if (!a.dry_run)
        store::privacy::erase(db, v, ctx.now(), "coordinator", "purge: inactive since " + a.before.str());
    }
    return 0;
  });
  if (a.dry_run) ctx.out() << ctx.tr(kWouldPurge, count, a.before.str(), who) << "\n";
  else ctx.out() << ctx.tr(kPurged, count, a.before.str()) << "\n";
  return 0;
}

}  // namespace

void register_privacy(std::vector<Command>& out) {
  out.push_back(make_command<VolunteerArgs>(
      "privacy export", kExportSummary, kVolunteerArg,
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("volunteer", po::value<std::string>()->required(), "")(
            "out,o", po::value<std::string>(), ctx.tr(kOut).c_str());
        s.positional.add("volunteer", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        return VolunteerArgs{vm["volunteer"].as<std::string>(), opt<std::string>(vm, "out"), ""};
      },
      run_export));
  out.push_back(make_command<VolunteerArgs>(
      "privacy erase", kEraseSummary, kVolunteerArg,
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("volunteer", po::value<std::string>()->required(), "")(
            "reason", po::value<std::string>()->default_value("the volunteer's request"),
            ctx.tr(kReason).c_str());
        s.positional.add("volunteer", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        return VolunteerArgs{vm["volunteer"].as<std::string>(), std::nullopt,
                             checked_reason(vm["reason"].as<std::string>())};
      },
      run_erase));
  out.push_back(make_command<PurgeArgs>(
      "purge", kPurgeSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("before", po::value<std::string>()->required(), ctx.tr(kBefore).c_str())(
            "dry-run", ctx.tr(kDryRun).c_str());
      },
      [](const po::variables_map& vm, const Context&) {
        return PurgeArgs{Quarter::parse(vm["before"].as<std::string>()), vm.count("dry-run") > 0};
      },
      run_purge));
}

}  // namespace vstation::cli
