// `vstation certificate verify SERIAL [--hours H] [--code C]` checks an issued certificate
// against the records: the stored digest of its contents against a fresh computation.

#include <cmath>

#include "cli/command.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/report/certificate.hpp"
#include "vstation/report/model.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kVerifySummary{"check a certificate against the records",
                             "核验志愿服务证明与记录是否一致"};
constexpr Msg kVerifyArgs{"SERIAL", "证明编号"};
constexpr Msg kHoursOpt{"also check the hours printed on the certificate",
                        "同时核对证明上印的时长"};
constexpr Msg kCodeOpt{"also check the verification code printed on the certificate",
                       "同时核对证明上印的校验码"};
constexpr Msg kNoSuch{"no certificate with serial number '{}'", "没有编号为“{}”的证明"};
constexpr Msg kMatches{
    "Certificate {} matches the records: {} ({}), {} to {}, {} hours, {} person-times, issued {} "
    "by {}.",
    "证明 {} 与记录一致：{}（{}），{} 至 {}，{} 小时，{} 人次，{} 由{}出具。"};
constexpr Msg kDiffers{
    "Certificate {} does NOT match the records: issued for {} hours, the records now give {} "
    "hours.",
    "证明 {} 与记录不一致：出具时为 {} 小时，按现有记录为 {} 小时。"};
constexpr Msg kDiffersSame{
    "Certificate {} does NOT match the records: the records behind it have changed since it was "
    "issued.",
    "证明 {} 与记录不一致：出具后相关记录已被修改。"};
constexpr Msg kPrintedHours{"The printed hours {} do NOT match the certificate's {} hours.",
                            "证明上印的时长 {} 与该证明的 {} 小时不一致。"};
constexpr Msg kPrintedCode{"The printed verification code {} does NOT match this certificate.",
                           "证明上印的校验码 {} 与该证明不符。"};

constexpr Msg kBadHours{"--hours: '{}' is not a number of hours", "--hours：“{}”不是小时数"};

struct VerifyArgs {
  std::string serial;
  std::optional<std::string> hours;  // as printed, in the certificate's format ("34.3")
  std::optional<std::string> code;
};

// The printed hours, as the certificate would print them: "34.30" and "34.3" are one figure.
// A figure with more than tenths ("34.25") is none a certificate prints: it is kept as typed,
// not rounded into a match.
std::string printed_hours(const std::string& typed) {
  double h = 0;
  if (!parse_decimal(typed, h)) throw UsageError(kBadHours, typed);
  const double tenths = h * 10;
  if (std::abs(tenths - std::round(tenths)) > 1e-6) return typed;
  return report::format_value(report::Unit::hours, std::round(tenths) / 10);
}

int verify(const VerifyArgs& a, Context& ctx) {
  auto res = report::verify_certificate(ctx.db(), a.serial);
  if (!res) throw DataError(kNoSuch, a.serial);
  const auto& c = res->now;
  std::string stored_hours =
      report::format_value(report::Unit::hours, report::hours(res->stored.minutes));
  std::string now_hours =
      report::format_value(report::Unit::hours, report::hours(c.service.credited_minutes));
  int rc = 0;
  if (res->matches) {
    ctx.out() << ctx.tr(kMatches, c.serial, c.name, c.volunteer_number, c.period.first.iso(),
                        c.period.last.iso(), now_hours, c.service.person_times, c.issued_on.iso(),
                        c.station_name)
              << "\n";
  } else {
    ctx.out() << (stored_hours != now_hours ? ctx.tr(kDiffers, c.serial, stored_hours, now_hours)
                                            : ctx.tr(kDiffersSame, c.serial))
              << "\n";
    rc = 1;
  }
  if (a.hours && *a.hours != stored_hours) {
    ctx.out() << ctx.tr(kPrintedHours, *a.hours, stored_hours) << "\n";
    rc = 1;
  }
  if (a.code) {
    if (!report::check_code_matches(res->stored, *a.code)) {
      ctx.out() << ctx.tr(kPrintedCode, *a.code) << "\n";
      rc = 1;
    }
  }
  return rc;
}

}  // namespace

void register_certificate_verify(std::vector<Command>& out) {
  out.push_back(reading(make_command<VerifyArgs>(
      "certificate verify", kVerifySummary, kVerifyArgs,
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("serial", po::value<std::string>()->required(), "")(
            "hours", po::value<std::string>(), ctx.tr(kHoursOpt).c_str())(
            "code", po::value<std::string>(), ctx.tr(kCodeOpt).c_str());
        s.positional.add("serial", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        auto hours = opt<std::string>(vm, "hours");
        return VerifyArgs{vm["serial"].as<std::string>(),
                          hours ? std::optional(printed_hours(*hours)) : std::nullopt,
                          opt<std::string>(vm, "code")};
      },
      verify)));
}

}  // namespace vstation::cli
