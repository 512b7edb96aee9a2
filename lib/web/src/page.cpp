#include "page.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kOther{"中文", "English"};

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
<main>
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
                   const std::string& here) {
  Data d;
  d.set("html_lang", lang == Lang::zh ? "zh-CN" : "en");
  d.set("title", title.render(lang));
  d.set("content", content);
  d.set("other", std::string(kOther.in(lang)));
  d.set("other_code", lang == Lang::zh ? "en" : "zh");
  d.set("back", url_encode(here));
  return render(kLayout, d);
}

}  // namespace vstation::web::detail
