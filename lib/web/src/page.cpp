#include "page.hpp"

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

constexpr const char* kLayout = R"(<!DOCTYPE html>
<html lang="{{html_lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
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
  kainjow::mustache::mustache m{tmpl};
  return m.render(data);
}

std::string layout(Lang lang, const Text& title, const std::string& content,
                   const std::string& here, bool volunteer_nav) {
  Data d;
  if (volunteer_nav) {
    Data nav;
    Data items{Data::type::list};
    for (const auto& item : kNav) {
      Data i;
      i.set("href", item.href);
      i.set("label", std::string(item.label.in(lang)));
      i.set("here", here == item.href);
      items.push_back(i);
    }
    nav.set("items", items);
    nav.set("nav_label", std::string(kNavLabel.in(lang)));
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

}  // namespace vstation::web::detail
