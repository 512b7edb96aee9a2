// `vstation certificate list [--station S] [--volunteer V]`: the register of issued service
// certificates, for the secretary who is asked "was this one issued by us?".

#include "cli/command.hpp"
#include "cli/report_output.hpp"
#include "vstation/report/model.hpp"
#include "vstation/store/certificates.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/text/table.hpp"
#include "vstation/text/width.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kSummary{"list the service certificates issued", "列出已出具的志愿服务证明"};
constexpr Msg kStation{"only those issued by this station", "只列出此服务站出具的证明"};
constexpr Msg kVolunteer{"only this volunteer's", "只列出该志愿者的证明"};
constexpr Msg kNone{"no certificates issued yet", "尚未出具任何证明"};
constexpr Msg kSerial{"serial", "证明编号"};
constexpr Msg kIssuedOn{"issued", "出具日期"};
constexpr Msg kNumber{"volunteer", "志愿者编号"};
constexpr Msg kName{"name", "姓名"};
constexpr Msg kPeriod{"period", "服务期间"};
constexpr Msg kHours{"hours", "时长（小时）"};

struct ListArgs {
  std::optional<std::string> station, volunteer;
};

int list(const ListArgs& a, Context& ctx) {
  auto& db = ctx.db();
  std::optional<StationId> station;
  if (auto st = station_option(ctx, a.station)) station = st->id;
  store::Lookup lookup(db);
  std::optional<VolunteerId> volunteer;
  if (a.volunteer) volunteer = lookup.volunteer(*a.volunteer);
  auto issued = store::certificates::issued(db, station, volunteer);
  if (issued.empty()) {
    ctx.err() << ctx.tr(kNone) << "\n";
    return 0;
  }
  text::Table t({ctx.tr(kSerial), ctx.tr(kIssuedOn), ctx.tr(kNumber), ctx.tr(kName),
                 ctx.tr(kPeriod), ctx.tr(kHours)},
                {text::Align::left, text::Align::left, text::Align::left, text::Align::left,
                 text::Align::left, text::Align::right});
  for (const auto& c : issued) {
    const Volunteer& v = lookup.volunteer_record(c.volunteer);
    t.add({c.serial, c.issued_on.iso(), v.number, text::mask_name(v.name),
           c.period.first.iso() + " – " + c.period.last.iso(),
           report::format_value(report::Unit::hours, report::hours(c.minutes))});
  }
  ctx.out() << t.render();
  return 0;
}

}  // namespace

void register_certificate_list(std::vector<Command>& out) {
  out.push_back(reading(make_command<ListArgs>(
      "certificate list", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("station", po::value<std::string>(), ctx.tr(kStation).c_str())(
            "volunteer", po::value<std::string>(), ctx.tr(kVolunteer).c_str());
      },
      [](const po::variables_map& vm, const Context&) {
        return ListArgs{opt<std::string>(vm, "station"), opt<std::string>(vm, "volunteer")};
      },
      list)));
}

}  // namespace vstation::cli
