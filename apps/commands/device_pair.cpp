// `vstation device pair --name NAME [--station S] [--url https://host]`: pairs a kiosk tablet.
// Prints a one-time link (and its QR code) that the tablet opens within ten minutes; the tablet
// then holds a long-lived device session for /kiosk. Only the link's SHA-256 is stored.

#include "cli/command.hpp"
#include "cli/site_url_arg.hpp"
#include "vstation/kiosk/badge.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/report/certificate.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/web_state.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"pair a kiosk tablet: print its one-time pairing link",
                       "配对签到平板：打印一次性配对链接"};
constexpr Msg kAtName{"--name: {}", "--name：{}"};
constexpr Msg kName{"the tablet's name (\"desk tablet\")", "平板名称（如“前台平板”）"};
constexpr Msg kStation{"the station it serves (default: the only one)",
                       "所属站点（默认：唯一的站点）"};
constexpr Msg kUrl{
    "the address volunteers reach `vstation serve` at (default http://127.0.0.1:8080)",
    "`vstation serve` 的访问地址（默认 http://127.0.0.1:8080）"};
constexpr Msg kPaired{
    "device {} \"{}\" paired with {}; open this link on the tablet before {} (it works once):",
    "设备 {}“{}”已与 {} 配对；请在 {} 前在平板上打开此链接（仅可使用一次）："};

// How long the pairing link works.
constexpr std::int64_t kPairLinkSeconds = 600;

struct PairArgs {
  std::string name;
  std::optional<std::string> station;
  std::string url = "http://127.0.0.1:8080";
};

template <class F>
auto with_name_errors(F&& f) {
  try {
    return f();
  } catch (const store::FieldError& e) {
    throw DataError(kAtName, e.text());
  }
}

int pair(const PairArgs& a, Context& ctx) {
  auto& db = ctx.db();
  store::Lookup lookup(db);
  StationId station = a.station ? lookup.station(*a.station) : lookup.default_station();
  const Station& st = lookup.station_record(station);
  std::string code = kiosk::new_secret_token();
  Instant now = ctx.now();
  Instant expires{now.seconds + kPairLinkSeconds};
  // A name the store refuses is named as the option it came from.
  auto device = with_name_errors([&] {
    return retry_writes(ctx, [&] {
      // The device's own token is never shown: the tablet gets a session through the link.
      auto id = store::web::pair_device(db, station, a.name,
                                        report::sha256_hex(kiosk::new_secret_token()), now);
      store::web::create_pair_code(db, id, report::sha256_hex(code), now, expires);
      store::AuditEntry e;
      e.at = now;
      e.actor = "coordinator";
      e.entity = "device";
      e.entity_id = id.value;
      e.action = "pair";
      e.new_value = store::web::devices_of(db, station).back().name + " @ " + st.code;
      store::audit::append(db, e);
      return id;
    });
  });
  std::string link = a.url + "/kiosk/pair?code=" + code;
  ctx.out() << ctx.tr(kPaired, device.value, store::web::devices_of(db, station).back().name,
                      st.name, format_local(expires, st.zone))
            << "\n"
            << link << "\n"
            << kiosk::badge_terminal(kiosk::qr_encode(link));
  return 0;
}

}  // namespace

void register_device_pair(std::vector<Command>& out) {
  out.push_back(make_command<PairArgs>(
      "device pair", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("name", po::value<std::string>()->required(),
                                ctx.tr(kName).c_str())("station", po::value<std::string>(),
                                                       ctx.tr(kStation).c_str())(
            "url", po::value<std::string>(), ctx.tr(kUrl).c_str());
      },
      [](const po::variables_map& vm, const Context&) {
        PairArgs a;
        a.name = vm["name"].as<std::string>();
        a.station = opt<std::string>(vm, "station");
        if (auto url = opt<std::string>(vm, "url")) a.url = parse_site_url(*url, "url");
        return a;
      },
      pair));
}

}  // namespace vstation::cli
