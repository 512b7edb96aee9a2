// `vstation kiosk [--station S]`: the full-screen check-in kiosk.

#include <chrono>
#include <ctime>

#include "cli/command.hpp"
#include "cli/terminal.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"run the check-in kiosk (leave with 'exit' and the coordinator's PIN)",
                       "运行签到机（输入“退出”并输入站长 PIN 码离开）"};
constexpr Msg kStation{"station code (default: the only station)", "站点代码（默认：唯一的站点）"};
constexpr Msg kHeader{"{}   {}", "{}   {}"};
constexpr Msg kNoCoordinatorPin{
    "no coordinator PIN is set, so nobody could leave kiosk mode; set one first: "
    "echo NNNN | vstation pin coordinator",
    "尚未设置站长 PIN 码，签到机将无法退出；请先设置：echo NNNN | vstation pin coordinator"};
constexpr int kIdleMs = 8000;  // a result stays on screen this long

struct KioskArgs {
  std::optional<std::string> station;
};

// The clock: the pinned --now (tests) advances with real time from the moment the kiosk starts.
std::function<Instant()> kiosk_clock(Instant start) {
  auto t0 = std::chrono::steady_clock::now();
  return [start, t0] {
    auto elapsed =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - t0);
    return Instant{start.seconds + elapsed.count()};
  };
}

}  // namespace

void register_kiosk(std::vector<Command>& out) {
  out.push_back(make_command<KioskArgs>(
      "kiosk", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("station", po::value<std::string>(), ctx.tr(kStation).c_str());
      },
      [](const po::variables_map& vm, const Context&) {
        return KioskArgs{opt<std::string>(vm, "station")};
      },
      [](const KioskArgs& a, Context& ctx) {
        auto& db = ctx.db();
        if (!store::identity::setting(db, "coordinator_pin")) throw DataError(kNoCoordinatorPin);
        db.set_durability(store::Durability::full);  // an acknowledged check-in is on disk
        store::Lookup lookup(db);
        StationId station = a.station ? lookup.station(*a.station) : lookup.default_station();
        kiosk::Kiosk k(db, station, kiosk_clock(ctx.now()));
        KioskTerminal term;
        auto clock = kiosk_clock(ctx.now());
        auto header = [&] {
          const Station& st = k.station();
          return ctx.tr(kHeader, st.name, format_local(clock(), st.zone));
        };
        kiosk::Screen screen = k.welcome();
        while (!k.finished()) {
          term.draw(screen, header(), ctx.lang());
          bool closed = false;
          auto line = term.read_line(kIdleMs, screen.secret, closed);
          if (closed) break;  // only when input is a pipe or file, never at a terminal
          screen = line ? k.handle(*line) : k.welcome();
        }
        if (k.finished()) term.draw(screen, header(), ctx.lang());
        return 0;
      }));
}

}  // namespace vstation::cli
