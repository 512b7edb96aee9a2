// `vstation certificate list [--station S] [--volunteer V] [--week W | --from DAY --to DAY]`: the
// register of issued service certificates, for the secretary who is asked "was this one issued by
// us?". The days are those of the issue date.

#include "cli/command.hpp"
#include "cli/list_filter_args.hpp"
#include "cli/report_output.hpp"
#include "vstation/report/model.hpp"
#include "vstation/store/certificates.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/text/table.hpp"
#include "vstation/text/width.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kSummary{"list the service certificates issued", "列出已出具的志愿服务证明"};
constexpr Msg kNone{"no certificates issued yet", "尚未出具任何证明"};
constexpr Msg kCertificates{"certificates issued", "已出具的证明"};
constexpr Msg kCertificate{"certificate", "证明"};
// A certificate names a volunteer and the station that issued it, on its issue date.
constexpr store::ListFilters kFilters{.volunteer = true, .station = true, .days = true};
constexpr Msg kSerial{"serial", "证明编号"};
constexpr Msg kIssuedOn{"issued", "出具日期"};
constexpr Msg kNumber{"volunteer", "志愿者编号"};
constexpr Msg kName{"name", "姓名"};
constexpr Msg kPeriod{"period", "服务期间"};
constexpr Msg kHours{"hours", "时长（小时）"};

int list(const ListFilterArgs& a, Context& ctx) {
  auto& db = ctx.db();
  store::Lookup lookup(db);
  auto issued = store::certificates::issued(db, resolve_list_filter(a, lookup));
  if (issued.empty()) {
    ctx.err() << (a.any() ? nothing_listed(ctx, a, Text(kCertificates), Text(kCertificate))
                          : ctx.tr(kNone))
              << "\n";
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
  out.push_back(reading(make_command<ListFilterArgs>(
      "certificate list", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) { declare_list_filters(s, ctx, kFilters); },
      [](const po::variables_map& vm, const Context& ctx) {
        return parse_list_filters(vm, ctx, kFilters);
      },
      list)));
}

}  // namespace vstation::cli
