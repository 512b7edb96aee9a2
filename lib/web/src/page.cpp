#include "page.hpp"

#include <unordered_map>

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
