#pragma once
// The "sign in on your phone" poster's content (poster_page.cpp): the site's sign-in address as
// a QR code with the three steps in both languages. /poster shows it alone; the coordinator's
// printable sheet (/staff/sheet) puts it under the week's roster.

#include <string>

#include "routes.hpp"

namespace vstation::web::detail {

std::string poster_html(const Ctx& c, const std::string& station_name);

}  // namespace vstation::web::detail
