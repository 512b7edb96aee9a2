// `vstation serve [--listen 127.0.0.1:8080] [--tls-cert F --tls-key F] [--station S]`: the web
// face for volunteers' phones and the kiosk tablet, over the same database and library as the
// CLI. Runs until Ctrl-C (SIGINT) or SIGTERM.

#include <arpa/inet.h>

#include <charconv>
#include <cstdlib>

#include "cli/command.hpp"
#include "cli/http_server.hpp"
#include "cli/site_url_arg.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/web_state.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"serve the web pages for volunteers' phones and the kiosk tablet",
                       "提供志愿者手机和签到平板使用的网页服务"};
constexpr Msg kListen{
    "address and port to listen on (default 127.0.0.1:8080; port 0: any free one)",
    "监听的地址和端口（默认 127.0.0.1:8080；端口 0 表示任一空闲端口）"};
constexpr Msg kCert{"TLS certificate (PEM) to serve HTTPS", "用于 HTTPS 的 TLS 证书（PEM）"};
constexpr Msg kKey{"TLS private key (PEM)", "TLS 私钥（PEM）"};
constexpr Msg kStation{"the station the kiosk pages serve (default: the only one)",
                       "签到页面所属站点（默认：唯一的站点）"};
constexpr Msg kProxy{
    "address of a reverse proxy whose X-Forwarded-For/-Proto to believe (repeatable)",
    "可信反向代理的地址，采信其 X-Forwarded-For/-Proto 头（可重复）"};
constexpr Msg kPublicUrl{
    "the address phones reach the site at, for the poster, the tablet's codes and calendar links "
    "(default: what `station public-url` set, else as each request's Host says)",
    "手机访问本站的地址，用于海报、平板二维码和日历链接（默认取 station public-url "
    "的设置，否则取每个请求的 Host）"};
constexpr Msg kBadProxy{"--trusted-proxy: '{}' is not an IP address (e.g. 127.0.0.1 or ::1)",
                        "--trusted-proxy：“{}”不是 IP 地址（例如 127.0.0.1 或 ::1）"};
constexpr Msg kThreads{"worker threads (1-64, default 8)", "工作线程数（1-64，默认 8）"};
constexpr Msg kBadListen{"--listen: '{}' is not HOST:PORT (e.g. 127.0.0.1:8080 or [::1]:8080)",
                         "--listen：“{}”不是 主机:端口（例如 127.0.0.1:8080 或 [::1]:8080）"};
constexpr Msg kTlsPair{"--tls-cert and --tls-key go together",
                       "--tls-cert 与 --tls-key 须同时给出"};
constexpr Msg kBadThreads{"--threads must be 1 to 64, not {}", "--threads 须为 1 到 64，而不是 {}"};
constexpr Msg kServing{"serving {} on {}://{}:{} (Ctrl-C stops)",
                       "正在为 {} 提供服务：{}://{}:{}（按 Ctrl-C 停止）"};
constexpr Msg kStopped{"stopped", "已停止"};
constexpr Msg kAt{"--{}: {}", "--{}：{}"};
constexpr Msg kBadDeadline{"$VSTATION_TEST_REQUEST_DEADLINE must be 1 to 600 seconds, not '{}'",
                           "$VSTATION_TEST_REQUEST_DEADLINE 须为 1 到 600 秒，而不是“{}”"};

struct ServeArgs {
  ServerOptions server;
  std::optional<std::string> station;
  std::vector<std::string> trusted_proxies;
  std::string public_url;
};

// HOST:PORT, [IPv6]:PORT.
std::pair<std::string, int> parse_listen(const std::string& s) {
  std::string host;
  std::string_view port;
  if (!s.empty() && s.front() == '[') {
    auto close = s.find("]:");
    if (close == std::string::npos) throw UsageError(kBadListen, s);
    host = s.substr(1, close - 1);
    port = std::string_view(s).substr(close + 2);
  } else {
    auto colon = s.rfind(':');
    if (colon == std::string::npos || colon == 0) throw UsageError(kBadListen, s);
    host = s.substr(0, colon);
    port = std::string_view(s).substr(colon + 1);
  }
  int n = -1;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), n);
  if (ec != std::errc{} || end != port.data() + port.size() || n < 0 || n > 65535 || host.empty() ||
      host.find_first_of(" /\\") != std::string::npos)
    throw UsageError(kBadListen, s);
  return {host, n};
}
}  // namespace

void register_serve(std::vector<Command>& out) {
  out.push_back(make_command<ServeArgs>(
      "serve", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("listen", po::value<std::string>()->default_value("127.0.0.1:8080"),
                                ctx.tr(kListen).c_str())("tls-cert", po::value<std::string>(),
                                                         ctx.tr(kCert).c_str())(
            "tls-key", po::value<std::string>(), ctx.tr(kKey).c_str())(
            "station", po::value<std::string>(), ctx.tr(kStation).c_str())(
            "threads", po::value<int>()->default_value(8), ctx.tr(kThreads).c_str())(
            "trusted-proxy", po::value<std::vector<std::string>>()->composing(),
            ctx.tr(kProxy).c_str())("public-url", po::value<std::string>(),
                                    ctx.tr(kPublicUrl).c_str());
      },
      [](const po::variables_map& vm, const Context&) {
        ServeArgs a;
        std::tie(a.server.host, a.server.port) = parse_listen(vm["listen"].as<std::string>());
        a.server.tls_cert = opt<std::string>(vm, "tls-cert");
        a.server.tls_key = opt<std::string>(vm, "tls-key");
        if (a.server.tls_cert.has_value() != a.server.tls_key.has_value())
          throw UsageError(kTlsPair);
        a.server.threads = vm["threads"].as<int>();
        if (a.server.threads < 1 || a.server.threads > 64)
          throw UsageError(kBadThreads, a.server.threads);
        a.station = opt<std::string>(vm, "station");
        if (auto url = opt<std::string>(vm, "public-url"))
          a.public_url = parse_site_url(*url, "public-url");
        if (vm.count("trusted-proxy"))
          a.trusted_proxies = vm["trusted-proxy"].as<std::vector<std::string>>();
        // An address as the server sees its peers: a proxy named any other way would never
        // match, and its clients would silently share its address.
        for (const auto& proxy : a.trusted_proxies) {
          in6_addr buffer{};
          if (inet_pton(AF_INET, proxy.c_str(), &buffer) != 1 &&
              inet_pton(AF_INET6, proxy.c_str(), &buffer) != 1)
            throw UsageError(kBadProxy, proxy);
        }
        // For the socket tests only: a short per-request deadline, so a slow client's cut-off is
        // seen in seconds (tests/http/limits.py).
        if (const char* d = std::getenv("VSTATION_TEST_REQUEST_DEADLINE"); d && *d) {
          std::string_view s(d);
          int n = 0;
          auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
          if (ec != std::errc{} || end != s.data() + s.size() || n < 1 || n > 600)
            throw UsageError(kBadDeadline, s);
          a.server.request_deadline_seconds = n;
        }
        return a;
      },
      [](const ServeArgs& a, Context& ctx) {
        auto& db = ctx.db();
        store::Lookup lookup(db);
        StationId station;
        try {
          station = a.station ? lookup.station(*a.station) : lookup.default_station();
        } catch (const DataError& e) {
          throw DataError(kAt, "station", e.text());
        }
        const std::string name = lookup.station_record(station).name;
        web::App app(
            [spec = ctx.db_spec()] {
              return store::open_database(spec, {false, false});
            },
            web::Config{station, ctx.clock(), a.trusted_proxies, a.public_url});
        serve_http(app, a.server, [&](int port) {
          ctx.out() << ctx.tr(kServing, name, a.server.tls_cert ? "https" : "http", a.server.host,
                              port)
                    << std::endl;
        });
        ctx.out() << ctx.tr(kStopped) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
