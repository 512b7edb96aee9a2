#include "cli/ledger_args.hpp"

#include "vstation/kiosk/kiosk.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kVolunteer{"volunteer number", "志愿者编号"};
constexpr Msg kStation{"station code (default: the volunteer's home station)",
                       "站点代码（默认：志愿者所属站点）"};
constexpr Msg kAt{"time (default: now), e.g. 2023-05-01T09:00",
                  "时间（默认：现在），例如 2023-05-01T09:00"};
constexpr Msg kYes{"check out even right after checking in", "即使刚签到也签退"};
constexpr Msg kLeft{
    "a forgotten check-out: when the volunteer says they left (20:40 or a date-time)",
    "忘记签退时：志愿者所说的离开时间（20:40 或日期时间）"};
constexpr Msg kAtOption{"--{}: {}", "--{}：{}"};
constexpr Msg kBadLeft{
    "--left: '{}' is not a time (expected 20:40, or a date-time such as 2023-05-01T20:40)",
    "--left：“{}”不是时间（应为 20:40，或日期时间，例如 2023-05-01T20:40）"};
}  // namespace

void declare_ledger_args(OptionSet& s, const Context& ctx, bool with_station) {
  s.options.add_options()("volunteer", po::value<std::string>()->required(),
                          ctx.tr(kVolunteer).c_str());
  if (with_station)
    s.options.add_options()("station", po::value<std::string>(), ctx.tr(kStation).c_str());
  s.options.add_options()("at", po::value<std::string>(), ctx.tr(kAt).c_str());
  if (!with_station)
    s.options.add_options()("yes", ctx.tr(kYes).c_str())("left", po::value<std::string>(),
                                                         ctx.tr(kLeft).c_str());
}

LedgerArgs parse_ledger_args(const po::variables_map& vm) {
  LedgerArgs a;
  a.volunteer = vm["volunteer"].as<std::string>();
  a.station = opt<std::string>(vm, "station");
  a.at = opt<std::string>(vm, "at");
  a.yes = vm.count("yes") > 0;
  a.left = opt<std::string>(vm, "left");
  return a;
}

VolunteerId resolve_volunteer(store::Lookup& lookup, const LedgerArgs& a) {
  try {
    return lookup.volunteer(a.volunteer);
  } catch (const DataError& e) {
    throw DataError(kAtOption, "volunteer", e.text());
  }
}

StationId resolve_station(store::Lookup& lookup, const LedgerArgs& a, VolunteerId v) {
  if (a.station) {
    try {
      return lookup.station(*a.station);
    } catch (const DataError& e) {
      throw DataError(kAtOption, "station", e.text());
    }
  }
  if (auto home = lookup.volunteer_record(v).home_station) return *home;
  return lookup.default_station();
}

Instant resolve_time(store::Lookup& lookup, const LedgerArgs& a, StationId st, Instant now) {
  if (!a.at) return now;
  const TimeZone& zone = lookup.station_record(st).zone;
  Instant at;
  try {
    at = parse_instant(*a.at, zone);
  } catch (const ParseError& e) {
    throw UsageError(kAtOption, "at", e.text());
  }
  // Check-ins and check-outs record what happened: a time still to come is a typo.
  if (auto why = later_than_now(at, now, zone)) throw DataError(kAtOption, "at", *why);
  return at;
}

Instant resolve_left(store::Lookup& lookup, const std::string& text, const Session& s,
                     Instant now) {
  const TimeZone& zone = lookup.station_record(s.station).zone;
  Instant left;
  if (auto time = kiosk::parse_typed_time(text)) {
    Date day = local_date(s.effective_in, zone);
    left = at_local(day, *time, zone);
    if (left < s.effective_in) left = at_local(day.plus_days(1), *time, zone);
  } else {
    try {
      left = parse_instant(text, zone);
    } catch (const ParseError&) {
      throw UsageError(kBadLeft, text);
    }
  }
  if (auto why = later_than_now(left, now, zone)) throw DataError(kAtOption, "left", *why);
  return left;
}

}  // namespace vstation::cli
