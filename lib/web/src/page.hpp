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

}  // namespace vstation::web::detail
