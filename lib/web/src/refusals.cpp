#include "refusals.hpp"

#include <nlohmann/json.hpp>

#include "page.hpp"
#include "routes.hpp"
#include "vstation/web/app.hpp"

namespace vstation::web {
namespace {

constexpr Msg kBusyTitle{"Busy, try again", "系统繁忙，请重试"};
constexpr Msg kBusyText{
    "The station's database is held by other work just now. Nothing was changed; try again in a "
    "few seconds.",
    "服务站的数据库正被其他操作占用，本次操作未生效；请过几秒再试。"};
constexpr int kRetryAfterSeconds = 5;

constexpr Msg kMalformedTitle{"Request not understood", "无法识别的请求"};
constexpr Msg kMalformed{"The request is not HTTP as this server reads it. Nothing was changed.",
                         "该请求不是本服务器可读取的 HTTP 格式，未作任何更改。"};
constexpr Msg kBodyTitle{"Too much sent", "发送的内容过多"};
constexpr Msg kBody{
    "The request carries more than {} KiB, more than this server takes. Nothing "
    "was changed.",
    "请求内容超过 {} KiB，超出本服务器的上限，未作任何更改。"};
constexpr Msg kTargetTitle{"Address too long", "网址过长"};
constexpr Msg kTarget{
    "The address asked for is longer than this server takes ({} KiB). Nothing "
    "was changed.",
    "所请求的网址过长（超过 {} KiB），未作任何更改。"};
constexpr Msg kHeaderTitle{"Request header too large", "请求头过大"};
constexpr Msg kHeader{"The request's header fields come to more than {} KiB. Nothing was changed.",
                      "请求头超过 {} KiB，未作任何更改。"};
constexpr Msg kFields{"The request has more than {} header fields. Nothing was changed.",
                      "请求头字段超过 {} 个，未作任何更改。"};

std::string both(const Text& t) {
  return t.render(Lang::zh) + " / " + t.render(Lang::en);
}

}  // namespace

namespace detail {

Response refusal(const std::string& path, std::optional<Lang> lang, int status,
                 std::string_view code, const Text& title, const Text& text) {
  if (is_api(path)) {
    if (lang) return json_error(*lang, status, code, text);
    nlohmann::json j;
    j["error"] = {{"code", code}, {"message", both(text)}};
    return json(j.dump(), status);
  }
  Data d;
  if (lang) {
    d.set("text", text.render(*lang));
    return html(
        layout(*lang, title, render(R"(<p class="error" role="alert">{{text}}</p>)", d), "/"),
        status);
  }
  d.set("zh", text.render(Lang::zh));
  d.set("en", text.render(Lang::en));
  d.set("title_en", title.render(Lang::en));
  return html(layout(Lang::zh, title,
                     render(R"(<p class="error" role="alert">{{zh}}</p>)"
                            R"(<h2 lang="en">{{title_en}}</h2>)"
                            R"(<p class="error" lang="en">{{en}}</p>)",
                            d),
                     "/"),
              status);
}

Response busy(const Request& r) {
  auto out = refusal(r.path, request_lang(r), 503, "busy", Text(kBusyTitle), Text(kBusyText));
  out.set("Retry-After", std::to_string(kRetryAfterSeconds));
  return out;
}

}  // namespace detail

Response unreadable(Unreadable why, std::size_t limit, const Request& partial) {
  // Its language only if something of it says one (a header field, or ?lang= on the line).
  const bool says = !partial.headers.empty() || partial.param("lang").has_value();
  const std::optional<Lang> lang = says ? std::optional(request_lang(partial)) : std::nullopt;
  const auto kib = (limit + 1023) / 1024;
  struct Said {
    int status;
    std::string_view code;
    Msg title;
    Text text;
  };
  const Said said = [&]() -> Said {
    switch (why) {
      case Unreadable::body_too_large:
        return {413, "too_large", kBodyTitle, Text::of(kBody, kib)};
      case Unreadable::target_too_long:
        return {414, "address_too_long", kTargetTitle, Text::of(kTarget, kib)};
      case Unreadable::header_too_large:
        return {431, "header_too_large", kHeaderTitle, Text::of(kHeader, kib)};
      case Unreadable::too_many_fields:
        return {431, "header_too_large", kHeaderTitle, Text::of(kFields, limit)};
      case Unreadable::malformed:
        break;
    }
    return {400, "bad_request", kMalformedTitle, Text(kMalformed)};
  }();
  auto out =
      detail::refusal(partial.path, lang, said.status, said.code, Text(said.title), said.text);
  add_security_headers(out);
  return out;
}

}  // namespace vstation::web
