#pragma once
// Pages from templates (kainjow Mustache, HTML-escaped by default) inside one layout.

#include <kainjow/mustache.hpp>
#include <optional>
#include <string>

#include "vstation/domain/message.hpp"
#include "vstation/domain/staff.hpp"
#include "vstation/web/http.hpp"

namespace vstation::web::detail {

using Data = kainjow::mustache::data;

// What a page adds to the layout's head: a refresh (only without JavaScript, when a script does
// the same), a script file under /static/, a class on the body (the kiosk's wide screen).
struct Head {
  int refresh_seconds = 0;  // <meta http-equiv="refresh">; 0: none
  std::string refresh_to;   // where to (default: the page itself)
  bool refresh_only_without_script = false;
  std::string script;  // "kiosk.js"
  std::string body_class;
  bool volunteer_nav = false;  // the bar of the signed-in volunteer's pages
  std::optional<StaffRole> staff_nav;  // the bar of the staff pages this role may open
};

// The layout around `content` (already rendered), titled, with the language switch back to
// `here`, with what the page adds to the head.
std::string layout(Lang lang, const Text& title, const std::string& content,
                   const std::string& here, const Head& head = {});
std::string render(const std::string& tmpl, const Data& data);
// A QR code of `text` as an SVG element (no XML prolog: for a page or an image response).
std::string qr_svg(const std::string& text);

// WeChat's built-in browser (its user agent says MicroMessenger), where a scanned QR code or a
// link in a chat opens: it shows pages like any phone browser, but it does not save downloaded
// files and does not hand webcal: links to the calendar. Pages offering either say how to open
// them in the phone's own browser (kOpenOutsideWeChat).
bool in_wechat(const Request& r);
inline constexpr Msg kOpenOutsideWeChat{
    "You are in WeChat, which cannot save files or add calendars: tap ··· at the top right and "
    "choose \"Open in Browser\", then do it there.",
    "您正在微信中浏览，微信无法保存文件或添加日历：请点右上角的 ··· 选择“在浏览器中打开”，再在浏览器中操作。"};

}  // namespace vstation::web::detail
