// `vstation migrate --from STATION.db --to postgresql://…`: a station's database into the
// district's, idempotent, proven by the totals of every quarter before and after.

#include <fmt/format.h>

#include <filesystem>

#include "cli/command.hpp"
#include "vstation/store/district.hpp"
#include "vstation/text/table.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kSummary{"copy a station's database into a district database (e.g. PostgreSQL), proving the totals",
                       "将服务站数据库并入区级数据库（如 PostgreSQL），并核对各季度合计"};
constexpr Msg kArgs{"", ""};
constexpr Msg kFrom{"the station's database (a SQLite file)", "服务站数据库（SQLite 文件）"};
constexpr Msg kTo{"the district's database (postgresql://… or a file)", "区级数据库（postgresql://… 或文件）"};
constexpr Msg kSame{"--from and --to name the same database", "--from 与 --to 是同一个数据库"};
constexpr Msg kHeading{"Migrated '{}' (stations {}) into '{}':", "已将“{}”（服务站 {}）并入“{}”："};
constexpr Msg kTable{"table", "表"};
constexpr Msg kAdded{"added", "新增"};
constexpr Msg kAlready{"already there", "已存在"};
constexpr Msg kQuarterHeading{"Totals of every quarter, before → after:", "各季度合计（迁移前 → 迁移后）："};
constexpr Msg kStation{"station", "服务站"};
constexpr Msg kQuarter{"quarter", "季度"};
constexpr Msg kPersonTimes{"person-times", "人次"};
constexpr Msg kVolunteers{"volunteers", "人数"};
constexpr Msg kHours{"hours", "时长"};
constexpr Msg kIncidents{"service log", "服务记录"};
constexpr Msg kServed{"people served", "服务人数"};
constexpr Msg kProven{"The totals of all {} quarters are identical before and after: the migration is proven.",
                      "全部 {} 个季度的合计迁移前后完全一致：迁移已核实。"};
constexpr Msg kNoActivity{"The station has no recorded activity; there were no totals to compare.",
                          "该服务站没有活动记录，无合计可核对。"};
constexpr Msg kDiffer{
    "the totals of {} {} would differ after the migration (see above); nothing was migrated. "
    "Records migrated before and changed since are not copied again: check the district database",
    "迁移后 {} {} "
    "的合计将不一致（见上表）；未迁移任何数据。此前已迁移、之后又有改动的记录不会再次复制："
    "请检查区级数据库"};

struct MigrateArgs {
  std::string from, to;
};

std::string pair(std::int64_t a, std::int64_t b) {
  return a == b ? std::to_string(a) : fmt::format("{} → {} ≠", a, b);
}
std::string hours(std::int64_t a, std::int64_t b) {
  auto h = [](std::int64_t m) { return fmt::format("{:.1f}", double(m) / 60.0); };
  return a == b ? h(a) : h(a) + " → " + h(b) + " ≠";
}

}  // namespace

void register_migrate(std::vector<Command>& out) {
  out.push_back(make_command<MigrateArgs>(
      "migrate", kSummary, kArgs,
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("from", po::value<std::string>()->required(), ctx.tr(kFrom).c_str())(
            "to", po::value<std::string>()->required(), ctx.tr(kTo).c_str());
      },
      [](const po::variables_map& vm, const Context&) {
        MigrateArgs a{vm["from"].as<std::string>(), vm["to"].as<std::string>()};
        if (a.from == a.to) throw UsageError(kSame);
        return a;
      },
      [](const MigrateArgs& a, Context& ctx) {
        store::OpenOptions existing;
        existing.create = false;
        // The same file by another spelling (./x.db, a link): one database, not two.
        std::error_code ec;
        if (std::filesystem::equivalent(a.from, a.to, ec)) throw UsageError(kSame);
        auto from = store::open_database(a.from, existing);
        auto to = store::open_database(a.to);
        auto result = store::district::migrate(*from, *to);

        auto& os = ctx.out();
        os << ctx.tr(kHeading, a.from, result.source, to->location()) << "\n";
        text::Table t({ctx.tr(kTable), ctx.tr(kAdded), ctx.tr(kAlready)},
                      {text::Align::left, text::Align::right, text::Align::right});
        for (const auto& c : result.tables)
          if (c.added + c.already > 0) t.add({c.table, std::to_string(c.added), std::to_string(c.already)});
        os << t.render() << "\n";
        if (result.quarters.empty()) {
          os << ctx.tr(kNoActivity) << "\n";
          return 0;
        }
        os << ctx.tr(kQuarterHeading) << "\n";
        text::Table q({ctx.tr(kStation), ctx.tr(kQuarter), ctx.tr(kPersonTimes), ctx.tr(kVolunteers),
                       ctx.tr(kHours), ctx.tr(kIncidents), ctx.tr(kServed)},
                      {text::Align::left, text::Align::left, text::Align::right, text::Align::right,
                       text::Align::right, text::Align::right, text::Align::right});
        for (const auto& c : result.quarters)
          q.add({c.station, c.quarter.str(), pair(c.before.person_times, c.after.person_times),
                 pair(c.before.volunteers, c.after.volunteers),
                 hours(c.before.credited_minutes, c.after.credited_minutes),
                 pair(c.incidents_before, c.incidents_after),
                 pair(c.people_served_before, c.people_served_after)});
        os << q.render() << "\n";
        for (const auto& c : result.quarters)
          if (!c.same()) throw DataError(kDiffer, c.station, c.quarter.str());
        os << ctx.tr(kProven, result.quarters.size()) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
