// A volunteer's private calendar feed: a secret URL (/calendar/TOKEN.ics) their phone's calendar
// subscribes to, holding their upcoming shifts with reminders (the roster's own iCalendar
// export). The token is 256 random bits shown once; only its hash is stored, so the page can say
// that a link exists but never show it again. Replace makes a new one (the old stops working);
// revoke ends it. The feed's URL is its only key, and it names no one.

#include "page.hpp"
#include "routes.hpp"
#include "sessions.hpp"
#include "vstation/kiosk/retry.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/planning/roster_view.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/web_state.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kTitle{"Calendar", "日历"};
constexpr Msg kIntro{
    "Your shifts in your phone's calendar, with a reminder before each: make a "
    "private link and subscribe to it once; new shifts appear by themselves.",
    "把您的班次放进手机日历，每个班次前会提醒：生成一个私人链接并订阅一次，之后新班次会自动出现。"};
constexpr Msg kHave{
    "You have a calendar link, made on {}. It is shown only when it is made: if "
    "you lost it, replace it.",
    "您已有日历链接（{} 生成）。链接只在生成时显示一次：如果找不到了，请更换。"};
constexpr Msg kCreate{"Create my calendar link", "生成我的日历链接"};
constexpr Msg kReplace{"Replace the link", "更换链接"};
constexpr Msg kRevoke{"Revoke the link", "停用链接"};
constexpr Msg kReplaceHelp{"Replacing or revoking stops the old link at once.",
                           "更换或停用后，旧链接立即失效。"};
constexpr Msg kYourLink{"Your calendar link", "您的日历链接"};
constexpr Msg kOnce{
    "Copy it now: it is shown only this once. Anyone who has it sees when your "
    "shifts are, so keep it to yourself.",
    "请立即复制：链接只显示这一次。任何拿到链接的人都能看到您的班次时间，请勿分享。"};
constexpr Msg kSubscribe{"Subscribe on this phone", "在本机订阅"};
constexpr Msg kCopy{"Copy the link", "复制链接"};
constexpr Msg kCopied{"Copied", "已复制"};
constexpr Msg kIphone{
    "iPhone: tap \"Subscribe on this phone\", or open Settings → Calendar → "
    "Accounts → Add Account → Other → Add Subscribed Calendar and paste the link.",
    "iPhone：点“在本机订阅”，或打开 设置 → 日历 → 账户 → 添加账户 → 其他 → "
    "添加已订阅的日历，粘贴链接。"};
constexpr Msg kAndroid{
    "Android: in Google Calendar on a computer choose Other calendars → + → "
    "From URL and paste the link (it then shows on your phone), or paste it into "
    "an iCalendar subscription app such as ICSx⁵.",
    "安卓：在电脑上打开 Google 日历，选择 其他日历 → + → 通过网址添加，粘贴链接"
    "（随后会同步到手机）；或粘贴到 ICSx⁵ 等日历订阅应用。"};
constexpr Msg kRevoked{
    "Your calendar link is revoked: calendars subscribed to it get no more "
    "shifts.",
    "日历链接已停用：订阅它的日历将不再收到班次。"};
constexpr Msg kNoFeed{"There is no such calendar.", "没有这个日历。"};
constexpr Msg kNotFound{"Not found", "页面不存在"};

constexpr const char* kPage = R"(<p class="help">{{intro}}</p>
{{#wechat}}<p class="notice" role="note">{{wechat}}</p>
{{/wechat}}{{#link}}<div class="card feed-link"><h2>{{your_link}}</h2>
<p class="help">{{once}}</p>
<input id="feed-url" class="url" readonly value="{{url}}" aria-label="{{your_link}}">
<button type="button" class="secondary copy" data-copy="feed-url" data-done="{{copied}}" hidden>{{copy}}</button>
<p><a class="button" href="{{webcal}}">{{subscribe}}</a></p>
<p class="help">{{iphone}}</p><p class="help">{{android}}</p></div>
{{/link}}{{#have}}<p>{{have}}</p>{{/have}}
<form method="post" action="/me/calendar"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">{{make}}</button></form>
{{#active}}<form method="post" action="/me/calendar/revoke"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary">{{revoke}}</button></form>
<p class="help">{{replace_help}}</p>{{/active}}
)";


Response show(const Ctx& c, const std::string& token = "") {
  const Lang lang = c.lang;
  Data d;
  d.set("intro", std::string(kIntro.in(lang)));
  if (in_wechat(c.req)) d.set("wechat", std::string(kOpenOutsideWeChat.in(lang)));
  d.set("csrf", c.csrf());
  if (!token.empty()) {
    const std::string path = "/calendar/" + token + ".ics";
    Data link;
    link.set("your_link", std::string(kYourLink.in(lang)));
    link.set("once", std::string(kOnce.in(lang)));
    // The site's address (web::Config::public_url, else as the phone reached us), and the same
    // under webcal:, which phones hand to their calendar.
    const std::string site = site_url(c.req);
    link.set("url", site + path);
    link.set("webcal", "webcal" + site.substr(site.find("://")) + path);
    link.set("subscribe", std::string(kSubscribe.in(lang)));
    link.set("copy", std::string(kCopy.in(lang)));
    link.set("copied", std::string(kCopied.in(lang)));
    link.set("iphone", std::string(kIphone.in(lang)));
    link.set("android", std::string(kAndroid.in(lang)));
    d.set("link", link);
  }
  auto feed = store::web::feed_of(c.db, c.volunteer());
  if (feed && token.empty())
    d.set("have", Text::of(kHave, local_date(feed->created, c.station.zone).iso()).render(lang));
  d.set("make", std::string((feed ? kReplace : kCreate).in(lang)));
  d.set("active", feed.has_value());
  d.set("revoke", std::string(kRevoke.in(lang)));
  d.set("replace_help", std::string(kReplaceHelp.in(lang)));
  // copy.js shows the Copy button; without it the link is a read-only field to select.
  Head head;
  if (!token.empty()) head.script = "copy.js";
  return c.page(Text(kTitle), render(kPage, d), head);
}

void audit(const Ctx& c, CalendarFeedId feed, const char* action) {
  store::AuditEntry e;
  e.at = c.now;
  e.actor = c.actor();
  e.entity = "calendar_feed";
  e.entity_id = feed.value;
  e.action = action;
  store::audit::append(c.db, e);
}

Response create(Ctx& c) {
  const std::string token = kiosk::new_secret_token();
  kiosk::retry_transaction(
      c.db,
      [&] {
        auto old = store::web::feed_of(c.db, c.volunteer());
        if (old) audit(c, old->id, "revoke");
        audit(c, store::web::create_feed(c.db, c.volunteer(), sha256_hex(token), c.now), "create");
        return 0;
      },
      store::Isolation::explicit_locks);
  return show(c, token);
}

Response revoke(Ctx& c) {
  kiosk::retry_transaction(c.db, [&] {
    if (auto old = store::web::feed_of(c.db, c.volunteer())) {
      store::web::revoke_feed(c.db, c.volunteer());
      audit(c, old->id, "revoke");
    }
    return 0;
  });
  return c.message(Text(kTitle), Text(kRevoked), 200, "/me/calendar");
}

bool is_token(std::string_view s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// GET /calendar/TOKEN.ics: anyone holding the token; nothing else says who it is for.
Response feed(Ctx& c) {
  const std::string& file = c.params.at("file");
  constexpr std::string_view kSuffix = ".ics";
  std::string token;
  if (file.size() > kSuffix.size() && file.ends_with(kSuffix))
    token = file.substr(0, file.size() - kSuffix.size());
  std::optional<store::web::CalendarFeed> found;
  if (is_token(token)) found = store::web::find_feed(c.db, sha256_hex(token));
  if (!found) return c.message(Text(kNotFound), Text(kNoFeed), 404, "/");
  auto view = planning::upcoming_view(c.db, found->volunteer, c.now);
  Response out;
  out.set("Content-Type", "text/calendar; charset=utf-8");
  out.body = planning::roster_ics(view, found->volunteer, c.now, planning::IcsNames::none);
  return out;
}

}  // namespace

void add_calendar_routes(Routes& routes) {
  routes.add("GET", "/me/calendar", Access::volunteer, [](Ctx& c) { return show(c); });
  routes.add("POST", "/me/calendar", Access::volunteer, create);
  routes.add("POST", "/me/calendar/revoke", Access::volunteer, revoke);
  routes.add("GET", "/calendar/{file}", Access::anyone, feed);
}

}  // namespace vstation::web::detail
