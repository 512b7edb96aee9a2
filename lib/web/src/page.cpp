#include "page.hpp"

#include <unordered_map>

#include "vstation/kiosk/badge.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kOther{"中文", "English"};
constexpr Msg kNavLabel{"Your pages", "我的页面"};

// The signed-in volunteer's pages, for the navigation bar.
struct NavItem {
  const char* href;
  Msg label;
};
constexpr NavItem kNav[] = {
    {"/me", {"My service", "我的服务"}},
    {"/shifts", {"Open shifts", "可报名班次"}},
    {"/me/availability", {"Availability", "可服务时间"}},
    {"/me/calendar", {"Calendar", "日历"}},
    {"/me/certificate", {"Certificate", "服务证明"}},
};

// The staff pages, for the navigation bar: each entry shown to the roles its route lets in
// (keep `roles` equal to the route's StaffRoles in the table). A page of issue 16 adds its
// entry here when it exists, e.g.
//   {"/staff/week", {"Week board", "本周排班"}, {StaffRole::coordinator}},
//   {"/staff/today", {"Today", "今日"}, {StaffRole::coordinator}},
//   {"/staff/volunteers", {"Volunteers", "志愿者"}, {StaffRole::coordinator}},
//   {"/staff/reports", {"Reports", "报表"}, {StaffRole::secretary, StaffRole::district}},
//   {"/staff/district", {"District", "全区"}, {StaffRole::district}},
struct StaffNavItem {
  const char* href;
  Msg label;
  StaffRoles roles;
};
constexpr Msg kStaffNavLabel{"Staff pages", "工作人员页面"};
constexpr StaffNavItem kStaffNav[] = {
    {"/staff", {"Home", "首页"}, StaffRoles::all()},
    {"/staff/week", {"Week board", "本周排班"}, {StaffRole::coordinator, StaffRole::district}},
    {"/staff/today", {"Today", "今日"}, {StaffRole::coordinator, StaffRole::district}},
    {"/staff/review", {"Review", "审核"}, {StaffRole::coordinator, StaffRole::district}},
    {"/staff/volunteers", {"Volunteers", "志愿者"}, {StaffRole::coordinator}},
    {"/staff/reports",
     {"Reports", "报表"},
     {StaffRole::coordinator, StaffRole::secretary, StaffRole::district}},
    {"/staff/certificates", {"Certificates", "服务证明"}, StaffRoles::all()},
    {"/staff/sheet", {"Print sheet", "打印页"}, {StaffRole::coordinator, StaffRole::district}},
    {"/staff/district", {"District", "全区"}, {StaffRole::district}},
};

constexpr const char* kLayout = R"(<!DOCTYPE html>
<html lang="{{html_lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<link rel="stylesheet" href="/static/app.css">
{{#refresh}}{{#noscript}}<noscript>{{/noscript}}<meta http-equiv="refresh" content="{{seconds}}{{#to}}; url={{to}}{{/to}}">{{#noscript}}</noscript>{{/noscript}}
{{/refresh}}{{#script}}<script src="/static/{{script}}" defer></script>
{{/script}}</head>
<body{{#body_class}} class="{{body_class}}"{{/body_class}}>
<header><span class="brand">vstation</span>
<a class="lang" href="/lang?to={{other_code}}&amp;back={{back}}">{{other}}</a></header>
{{#nav}}<nav class="pages" aria-label="{{nav_label}}">{{#items}}<a href="{{href}}"{{#here}} aria-current="page"{{/here}}>{{label}}</a>{{/items}}</nav>
{{/nav}}<main>
<h1>{{title}}</h1>
{{{content}}}
</main>
</body>
</html>
)";

}  // namespace

std::string render(const std::string& tmpl, const Data& data) {
  // kainjow parses a template when it is constructed and its render() is not const: each thread
  // keeps the templates it has parsed (the pages' constants, a handful).
  thread_local std::unordered_map<std::string, kainjow::mustache::mustache> parsed;
  auto it = parsed.find(tmpl);
  if (it == parsed.end()) {
    if (parsed.size() >= 64) return kainjow::mustache::mustache{tmpl}.render(data);
    it = parsed.try_emplace(tmpl, tmpl).first;
  }
  return it->second.render(data);
}

std::string qr_svg(const std::string& text) {
  std::string svg = kiosk::badge_svg(kiosk::qr_encode(text), "");
  auto start = svg.find("<svg");
  return start == std::string::npos ? svg : svg.substr(start);
}

std::string layout(Lang lang, const Text& title, const std::string& content,
                   const std::string& here, const Head& head) {
  Data d;
  if (head.refresh_seconds > 0) {
    Data refresh;
    refresh.set("seconds", std::to_string(head.refresh_seconds));
    if (!head.refresh_to.empty()) refresh.set("to", head.refresh_to);
    refresh.set("noscript", head.refresh_only_without_script);
    d.set("refresh", refresh);
  }
  if (!head.script.empty()) d.set("script", head.script);
  if (!head.body_class.empty()) d.set("body_class", head.body_class);
  // The bar's page this one belongs to: the longest link that is its path or a parent of it
  // (a volunteer's page under Volunteers, the build preview under the week board).
  const std::string path = here.substr(0, here.find('?'));
  std::string_view current;
  auto consider = [&](std::string_view href) {
    const bool under = path == href || (path.starts_with(href) && path[href.size()] == '/');
    if (under && href.size() > current.size()) current = href;
  };
  auto item = [&](const char* href, const Msg& label) {
    Data i;
    i.set("href", href);
    i.set("label", std::string(label.in(lang)));
    i.set("here", current == href);
    return i;
  };
  if (head.volunteer_nav) {
    Data nav;
    Data items{Data::type::list};
    for (const auto& n : kNav) consider(n.href);
    for (const auto& n : kNav) items.push_back(item(n.href, n.label));
    nav.set("items", items);
    nav.set("nav_label", std::string(kNavLabel.in(lang)));
    d.set("nav", nav);
  } else if (head.staff_nav) {
    Data nav;
    Data items{Data::type::list};
    for (const auto& n : kStaffNav)
      if (n.roles.has(*head.staff_nav)) consider(n.href);
    for (const auto& n : kStaffNav)
      if (n.roles.has(*head.staff_nav)) items.push_back(item(n.href, n.label));
    nav.set("items", items);
    nav.set("nav_label", std::string(kStaffNavLabel.in(lang)));
    d.set("nav", nav);
  }
  d.set("html_lang", lang == Lang::zh ? "zh-CN" : "en");
  d.set("title", title.render(lang));
  d.set("content", content);
  d.set("other", std::string(kOther.in(lang)));
  d.set("other_code", lang == Lang::zh ? "en" : "zh");
  d.set("back", url_encode(here));
  return render(kLayout, d);
}

bool in_wechat(const Request& r) {
  return r.header("user-agent").value_or("").find("MicroMessenger") != std::string::npos;
}

}  // namespace vstation::web::detail
