// `vstation station public-url STATION [--url URL | --clear]`: the address the station's web face
// is reached at from outside. An issued certificate's QR code then opens the public check
// (URL/verify?serial=…&code=…) instead of carrying VSTATION-CERT:SERIAL:CODE, and `vstation serve`
// uses it for its links unless given --public-url. Without --url or --clear it says what is set.

#include "cli/command.hpp"
#include "cli/site_url_arg.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/web_state.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kSummary{"show or set the address the station's web face is reached at",
                       "查看或设置服务站网页的对外访问地址"};
constexpr Msg kArgs{"STATION", "服务站代码"};
constexpr Msg kUrl{
    "http://HOST or https://HOST (a port and a path prefix allowed): certificates' QR codes open "
    "URL/verify",
    "http://主机 或 https://主机（可含端口和路径前缀）：证明上的二维码将打开 URL/verify"};
constexpr Msg kClear{"remove the address (QR codes carry the serial and code only)",
                     "删除该地址（二维码只含编号和校验码）"};
constexpr Msg kBoth{"give --url or --clear, not both", "--url 和 --clear 只能二选一"};
constexpr Msg kIs{"{}: {} (certificates' QR codes open {}/verify)",
                  "{}：{}（证明上的二维码打开 {}/verify）"};
constexpr Msg kNone{"{}: no public address (certificates' QR codes carry the serial and code only)",
                    "{}：未设置对外地址（证明上的二维码只含编号和校验码）"};
constexpr Msg kSet{"public address of {} set to {}", "已将 {} 的对外地址设为 {}"};
constexpr Msg kCleared{"public address of {} removed", "已删除 {} 的对外地址"};

struct Args {
  std::string station;
  std::optional<std::string> url;
  bool clear = false;
};

int run(const Args& a, Context& ctx) {
  auto& db = ctx.db();
  store::Lookup lookup(db);
  const Station& st = lookup.station_record(lookup.station(a.station));
  if (!a.url && !a.clear) {
    auto url = store::web::public_url(db, st.id);
    ctx.out() << (url ? ctx.tr(kIs, st.code, *url, *url) : ctx.tr(kNone, st.code)) << "\n";
    return 0;
  }
  retry_writes(ctx, [&] {
    store::web::set_public_url(db, st.id, a.url);
    return 0;
  });
  ctx.out() << (a.url ? ctx.tr(kSet, st.code, *a.url) : ctx.tr(kCleared, st.code)) << "\n";
  return 0;
}

}  // namespace

void register_station_public_url(std::vector<Command>& out) {
  out.push_back(make_command<Args>(
      "station public-url", kSummary, kArgs,
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("station", po::value<std::string>()->required(), "")(
            "url", po::value<std::string>(), ctx.tr(kUrl).c_str())("clear", ctx.tr(kClear).c_str());
        s.positional.add("station", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        Args a;
        a.station = vm["station"].as<std::string>();
        a.clear = vm.count("clear") > 0;
        if (auto url = opt<std::string>(vm, "url")) a.url = parse_site_url(*url, "url");
        if (a.url && a.clear) throw UsageError(kBoth);
        return a;
      },
      run));
}

}  // namespace vstation::cli
