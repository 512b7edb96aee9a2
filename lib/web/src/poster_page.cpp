// The "sign in on your phone" poster for the station's notice board: the site's sign-in address
// as a QR code and three steps, in Chinese and English at once (a poster serves every reader).
// Printed from any browser (the header and buttons do not print).

#include "page.hpp"
#include "poster.hpp"
#include "routes.hpp"
#include "sessions.hpp"
#include "vstation/text/qr.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kTitle{"Sign in on your phone", "用手机登录"};
constexpr Msg kStep1{"Scan the code with your phone's camera (or WeChat).",
                     "用手机相机（或微信）扫描二维码。"};
constexpr Msg kStep2{"Enter your volunteer number and the PIN you use at the kiosk.",
                     "输入志愿者编号和签到机上使用的 PIN 码。"};
constexpr Msg kStep3{
    "See your shifts and hours, sign up for open shifts, and check in by scanning the code on "
    "the desk tablet.",
    "查看您的班次和时长，报名空缺班次，扫描服务台平板上的二维码签到。"};
constexpr Msg kNoPin{"No PIN yet? Ask the coordinator.", "还没有 PIN 码？请联系站长。"};
constexpr Msg kPrint{"To put it up: print this page from the browser's menu.",
                     "张贴：请用浏览器菜单打印本页。"};

constexpr const char* kPoster = R"(<div class="poster">
<p class="poster-station">{{station}}</p>
<div class="poster-qr">{{{qr}}}</div>
<p class="poster-url">{{url}}</p>
{{#langs}}<ol lang="{{code}}">
<li>{{step1}}</li><li>{{step2}}</li><li>{{step3}}</li>
</ol><p class="help" lang="{{code}}">{{nopin}}</p>
{{/langs}}</div>
<p class="no-print help">{{print}}</p>
)";

Response poster(Ctx& c) {
  return c.page(Text(kTitle), poster_html(c, c.station.name));
}

}  // namespace

std::string poster_html(const Ctx& c, const std::string& station_name) {
  const std::string url = site_url(c.req) + "/signin";
  Data d;
  d.set("station", station_name);
  d.set("qr", text::qr_svg_element(text::qr_encode(url), 70));
  d.set("url", url);
  Data langs{Data::type::list};
  for (Lang l : {c.lang, c.lang == Lang::zh ? Lang::en : Lang::zh}) {
    Data one;
    one.set("code", l == Lang::zh ? "zh-CN" : "en");
    one.set("step1", std::string(kStep1.in(l)));
    one.set("step2", std::string(kStep2.in(l)));
    one.set("step3", std::string(kStep3.in(l)));
    one.set("nopin", std::string(kNoPin.in(l)));
    langs.push_back(one);
  }
  d.set("langs", langs);
  d.set("print", std::string(kPrint.in(c.lang)));
  return render(kPoster, d);
}

void add_poster_routes(Routes& routes) {
  routes.add("GET", "/poster", Access::anyone, poster);
}

}  // namespace vstation::web::detail
