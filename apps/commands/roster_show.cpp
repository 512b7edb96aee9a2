// `vstation roster show --week W [--station S] [--format table|grid|csv|ics|html] [--volunteer V]
// [--reveal] [--out FILE]`: the week's roster as it stands (after manual edits too). The table
// fits 80 columns: one block per day with shift numbers, the score by rule, and every gap with
// the people who could fill it (their phones with --reveal and the coordinator's PIN); the grid
// is the wide week at a glance; csv, ics (RFC 5545) and html are for sharing.

#include "cli/coordinator.hpp"
#include "cli/output.hpp"
#include "cli/roster_args.hpp"
#include "cli/roster_text.hpp"
#include "vstation/planning/roster_view.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"show the week's roster (grid, CSV, iCalendar or HTML), its score and gaps",
                       "显示一周排班（表格、CSV、iCalendar 或 HTML）、评分和空缺"};
constexpr Msg kNoShifts{"{} has no shifts yet; run 'vstation roster build --week {}'",
                        "{} 还没有班次；请运行“vstation roster build --week {}”"};
constexpr Msg kFormat{
    "table (default: by day, fits 80 columns), grid (the wide week), csv, ics or html",
    "table（默认：按天显示，适合 80 列）、grid（整周宽表）、csv、ics 或 html"};
constexpr Msg kReveal{"show the phone numbers of the people who could fill a gap (coordinator PIN)",
                      "显示可填补空缺者的电话号码（需站长 PIN 码）"};
constexpr Msg kVolunteer{"only this volunteer's shifts (ics)", "仅此志愿者的班次（ics）"};
constexpr Msg kOut{"write to FILE instead of standard output", "写入文件而不是标准输出"};
constexpr Msg kBom{"CSV starts with a BOM for Excel", "CSV 以 BOM 开头，便于 Excel 打开"};
constexpr Msg kBadFormat{"--format must be table, grid, csv, ics or html, not '{}'",
                         "--format 只能是 table、grid、csv、ics 或 html，而不是“{}”"};
constexpr Msg kRevealTable{"--reveal goes with --format table",
                           "--reveal 只能与 --format table 一起使用"};
constexpr Msg kVolunteerIcs{"--volunteer goes with --format ics (one person's calendar)",
                            "--volunteer 只能与 --format ics 一起使用（个人日历）"};

struct ShowArgs {
  RosterArgs roster;
  std::string format = "table";
  std::optional<std::string> volunteer;
  std::optional<std::string> out;
  bool bom = false;
  bool reveal = false;
};
}  // namespace

void register_roster_show(std::vector<Command>& out) {
  out.push_back(reading(make_command<ShowArgs>(
      "roster show", kSummary, Msg{"--week W", "--week 周"},
      [](OptionSet& s, const Context& ctx) {
        declare_roster_args(s, ctx, false);
        s.options.add_options()("format", po::value<std::string>()->default_value("table"),
                                ctx.tr(kFormat).c_str())("volunteer", po::value<std::string>(),
                                                         ctx.tr(kVolunteer).c_str())(
            "out,o", po::value<std::string>(), ctx.tr(kOut).c_str())("bom", ctx.tr(kBom).c_str())(
            "reveal", ctx.tr(kReveal).c_str());
      },
      [](const po::variables_map& vm, const Context& ctx) {
        ShowArgs a;
        a.roster = parse_roster_args(vm, ctx);
        a.format = vm["format"].as<std::string>();
        if (a.format != "table" && a.format != "grid" && a.format != "csv" && a.format != "ics" &&
            a.format != "html")
          throw UsageError(kBadFormat, a.format);
        a.reveal = vm.count("reveal") > 0;
        if (a.reveal && a.format != "table") throw UsageError(kRevealTable);
        a.volunteer = opt<std::string>(vm, "volunteer");
        if (a.volunteer && a.format != "ics") throw UsageError(kVolunteerIcs);
        a.out = opt<std::string>(vm, "out");
        a.bom = vm.count("bom") > 0;
        return a;
      },
      [](const ShowArgs& a, Context& ctx) {
        auto& db = ctx.db();
        auto scope = scope_of(a.roster, db);
        auto week = planning::stored_week(db, scope, ctx.now());
        const auto& wp = week.problem;
        if (wp.shifts.empty()) throw DataError(kNoShifts, a.roster.week.str(), a.roster.week.str());
        store::Lookup lookup(db);
        std::string body;
        if (a.format == "table") {
          if (a.reveal) authorize_reveal(ctx, "roster show --reveal");
          const auto width = a.out ? 80 : output_columns();
          body = render_days(week, a.roster.week, lookup, ctx.lang(), width) + "\n" +
                 render_breakdown(week.roster, ctx.lang()) + "\n" +
                 render_gaps(week, a.roster.week, db, lookup, ctx.lang(), a.reveal, width);
        } else if (a.format == "grid") {
          body = render_grid(week.roster, wp, lookup, ctx.lang()) + "\n" +
                 render_breakdown(week.roster, ctx.lang());
        } else {
          auto view = planning::build_view(db, wp);
          std::optional<VolunteerId> only;
          if (a.volunteer) only = lookup.volunteer(*a.volunteer);
          body = a.format == "csv"   ? planning::roster_csv(view, a.bom)
                 : a.format == "ics" ? planning::roster_ics(view, only, ctx.now())
                                     : planning::roster_html(view, ctx.lang());
        }
        write_output(ctx, body, a.out);
        return 0;
      })));
}

}  // namespace vstation::cli
