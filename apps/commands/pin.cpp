// `vstation pin set V` and `vstation pin coordinator`: PINs are read from standard input (so
// they stay out of shell history and process lists; never echoed on a terminal, where anyone at
// the desk could read the PIN that leaves kiosk mode) and stored only as Argon2id hashes.

#include <iostream>

#include "cli/command.hpp"
#include "cli/password_input.hpp"
#include "vstation/kiosk/credentials.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSetSummary{"set a volunteer's kiosk PIN (read from standard input)",
                          "设置志愿者的签到 PIN 码（从标准输入读取）"};
constexpr Msg kCoordSummary{
    "set the coordinator's PIN that leaves kiosk mode (read from standard input)",
    "设置退出签到机所需的站长 PIN 码（从标准输入读取）"};
constexpr Msg kVolunteerArg{"VOLUNTEER", "志愿者编号"};
constexpr Msg kPinSet{"PIN set for {}", "已为 {} 设置 PIN 码"};
constexpr Msg kCoordSet{"coordinator PIN set", "已设置站长 PIN 码"};
constexpr Msg kNoPin{"no PIN on standard input", "标准输入中没有 PIN 码"};
constexpr Msg kAtPin{"PIN: {}", "PIN 码：{}"};
constexpr Msg kPrompt{"PIN (4 to 8 digits, not shown): ",
                      "PIN 码（4 到 8 位数字，输入时不显示）："};

struct PinArgs {
  std::optional<std::string> volunteer;
};

std::string read_pin(Context& ctx) {
  auto pin = read_secret_line(ctx, Text(kPrompt));
  if (!pin) throw UsageError(kNoPin);
  try {
    kiosk::check_pin_format(*pin);
  } catch (const ParseError& e) {
    throw DataError(kAtPin, e.text());
  }
  return *pin;
}
}  // namespace

void register_pin(std::vector<Command>& out) {
  out.push_back(make_command<PinArgs>(
      "pin set", kSetSummary, kVolunteerArg,
      [](OptionSet& s, const Context&) {
        s.options.add_options()("volunteer", po::value<std::string>()->required(), "");
        s.positional.add("volunteer", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        return PinArgs{vm["volunteer"].as<std::string>()};
      },
      [](const PinArgs& a, Context& ctx) {
        auto& db = ctx.db();
        store::Lookup lookup(db);
        VolunteerId v = lookup.volunteer(*a.volunteer);
        kiosk::refuse_erased(lookup.volunteer_record(v));  // before asking for the PIN
        auto hash = kiosk::hash_pin(read_pin(ctx));
        retry_writes(ctx, [&] {
          kiosk::replace_pin(db, v, hash);
          return 0;
        });
        ctx.out() << ctx.tr(kPinSet, *a.volunteer) << "\n";
        return 0;
      }));
  out.push_back(make_command<PinArgs>(
      "pin coordinator", kCoordSummary, Msg{"", ""}, [](OptionSet&, const Context&) {},
      [](const po::variables_map&, const Context&) { return PinArgs{}; },
      [](const PinArgs&, Context& ctx) {
        auto& db = ctx.db();
        auto hash = kiosk::hash_pin(read_pin(ctx));
        retry_writes(ctx, [&] {
          store::identity::set_setting(db, "coordinator_pin", hash);
          return 0;
        });
        ctx.out() << ctx.tr(kCoordSet) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
