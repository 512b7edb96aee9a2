// The coordinator's list of their station's volunteers (/staff/volunteers and
// GET /api/v1/staff/volunteers): searched by number, name and skill, a page at a time, phone and
// ID numbers masked as the CLI masks them. The shared pieces of the volunteers' pages.

#include "staff_volunteers.hpp"

#include <algorithm>
#include <map>

#include "page.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/text/width.hpp"

namespace vstation::web::detail {
namespace {

constexpr std::int64_t kPerPage = 50;
constexpr std::int64_t kMaxPerPage = 200;

constexpr Msg kTitle{"Volunteers", "志愿者"};
constexpr Msg kQuery{"Number or name", "编号或姓名"};
constexpr Msg kSkill{"Skill", "技能"};
constexpr Msg kAnySkill{"Any skill", "任意技能"};
constexpr Msg kSearch{"Search", "搜索"};
constexpr Msg kCount{"{} volunteers, {}–{} shown", "共 {} 名志愿者，显示第 {}–{} 名"};
constexpr Msg kNone{"No volunteer matches.", "没有符合条件的志愿者。"};
constexpr Msg kPastEnd{"Page {} is past the last: {} volunteers match, on {} page(s).",
                       "第 {} 页超出范围：共 {} 名志愿者符合条件，共 {} 页。"};
constexpr Msg kPhone{"Phone", "手机"};
constexpr Msg kId{"ID", "证件"};
constexpr Msg kPrev{"Previous page", "上一页"};
constexpr Msg kNext{"Next page", "下一页"};
constexpr Msg kPageOf{"Page {} of {}", "第 {} 页，共 {} 页"};
constexpr Msg kPages{"Pages", "分页"};

constexpr const char* kTemplate =
    R"(<form method="get" action="/staff/volunteers" class="card search" role="search">
<label for="q">{{query_label}}</label>
<input id="q" name="q" type="search" value="{{q}}" maxlength="64" autocomplete="off">
<label for="skill">{{skill_label}}</label>
<select id="skill" name="skill"><option value="">{{any_skill}}</option>{{#skills}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/skills}}</select>
<button type="submit">{{search}}</button>
</form>
<p class="help" role="status">{{count}}</p>
{{#any}}<ul class="people">{{/any}}{{#rows}}<li class="card person"><a href="/staff/volunteers/{{id}}"><span class="number">{{number}}</span> <span class="name">{{name}}</span></a>{{#status}} <span class="pref">{{status}}</span>{{/status}}
<span class="masked"><span class="label">{{phone_label}}</span> {{phone}}</span>{{#id_number}} <span class="masked"><span class="label">{{id_label}}</span> {{id_number}}</span>{{/id_number}}{{#skills}}<br><span class="skills">{{skills}}</span>{{/skills}}</li>
{{/rows}}{{#any}}</ul>{{/any}}
{{#paged}}<nav class="pager" aria-label="{{pages_label}}">{{#prev}}<a href="{{prev}}" rel="prev">{{prev_label}}</a>{{/prev}}<span>{{page_of}}</span>{{#next}}<a href="{{next}}" rel="next">{{next_label}}</a>{{/next}}</nav>{{/paged}}
)";

// Volunteer id -> codes of the skills they are certified for on `day`; one volunteer's, or all.
std::map<std::int64_t, std::vector<std::string>> skills_held(store::Connection& db, Date day,
                                                             std::optional<VolunteerId> v = {}) {
  std::map<std::int64_t, std::string> codes;
  for (const auto& s : store::skills::all(db)) codes[s.id.value] = s.code;
  std::map<std::int64_t, std::vector<std::string>> out;
  auto certs = v ? store::skills::certifications_of(db, *v) : store::skills::certifications(db);
  for (const auto& cert : certs)
    if (cert.valid_on(day)) out[cert.volunteer.value].push_back(codes[cert.skill.value]);
  for (auto& [id, list] : out) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  return out;
}

std::string upper(std::string s) {
  for (auto& ch : s)
    if (ch >= 'a' && ch <= 'z') ch = char(ch - 'a' + 'A');
  return s;
}

struct Search {
  std::string q;
  std::string skill;
  std::int64_t page = 1;
  std::int64_t per_page = kPerPage;
};

// A page or page-size field: `fallback` when left out or empty, at most `max`; anything but a
// whole number above 0 sets `error`, naming the field.
std::int64_t number_param(const Ctx& c, const char* name, const Msg& label, std::int64_t fallback,
                          std::int64_t max, std::optional<Text>& error) {
  if (c.req.param(name).value_or("").empty()) return fallback;
  auto n = id_field(c, name, label, error);
  return n ? std::min(*n, max) : fallback;
}

Search search_of(const Ctx& c, std::optional<Text>& error) {
  static constexpr Msg kPageLabel{"Page", "页码"};
  static constexpr Msg kPerPageLabel{"Per page", "每页条数"};
  Search s;
  s.q = std::string(trim(c.req.param("q").value_or("")));
  s.q = std::string(text::first_chars(s.q, 64));  // the field's maxlength, in characters
  s.skill = c.req.param("skill").value_or("");
  s.page = number_param(c, "page", kPageLabel, 1, 1'000'000, error);
  s.per_page = number_param(c, "per_page", kPerPageLabel, kPerPage, kMaxPerPage, error);
  return s;
}

struct Found {
  std::vector<Volunteer> rows;  // the page's
  std::int64_t total = 0;       // all that match
  std::map<std::int64_t, std::vector<std::string>> skills;
};

// The account's station's volunteers matching the search, by number, one page of them.
Found find(const Ctx& c, const Search& s) {
  const StationId station = *c.staff().station;
  store::ListFilter f;
  // Volunteers without a home station belong to this server's station: read them all then.
  if (station != c.station.id) f.station = station;
  const Date today = local_date(c.now, c.station.zone);
  Found out;
  out.skills = skills_held(c.db, today);
  const std::string q = upper(s.q);
  std::vector<Volunteer> all;
  for (auto& v : store::volunteers::all(c.db, f)) {
    if (station_of(c, v) != station) continue;
    if (!q.empty() && upper(v.number).find(q) == std::string::npos &&
        upper(v.name).find(q) == std::string::npos)
      continue;
    if (!s.skill.empty()) {
      auto it = out.skills.find(v.id.value);
      if (it == out.skills.end() ||
          std::find(it->second.begin(), it->second.end(), s.skill) == it->second.end())
        continue;
    }
    all.push_back(std::move(v));
  }
  out.total = std::int64_t(all.size());
  const auto first = std::min<std::int64_t>((s.page - 1) * s.per_page, out.total);
  const auto last = std::min<std::int64_t>(first + s.per_page, out.total);
  out.rows.assign(std::make_move_iterator(all.begin() + first),
                  std::make_move_iterator(all.begin() + last));
  return out;
}

std::string join(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string list_url(const Search& s, std::int64_t page) {
  std::string out = "/staff/volunteers?page=" + std::to_string(page);
  if (!s.q.empty()) out += "&q=" + url_encode(s.q);
  if (!s.skill.empty()) out += "&skill=" + url_encode(s.skill);
  if (s.per_page != kPerPage) out += "&per_page=" + std::to_string(s.per_page);
  return out;
}

Response list_page(Ctx& c) {
  std::optional<Text> error;
  const Search s = search_of(c, error);
  if (error) return c.message(Text(kTitle), *error, 400, "/staff/volunteers");
  const Found found = find(c, s);
  Data d;
  d.set("query_label", std::string(kQuery.in(c.lang)));
  d.set("q", s.q);
  d.set("skill_label", std::string(kSkill.in(c.lang)));
  d.set("any_skill", std::string(kAnySkill.in(c.lang)));
  Data skills{Data::type::list};
  for (const auto& k : store::skills::all(c.db)) {
    Data x;
    x.set("code", k.code);
    x.set("name", c.lang == Lang::zh && !k.name_zh.empty() ? k.name_zh : k.name_en);
    x.set("selected", k.code == s.skill);
    skills.push_back(x);
  }
  d.set("skills", skills);
  d.set("search", std::string(kSearch.in(c.lang)));
  const std::int64_t first = (s.page - 1) * s.per_page;
  const std::int64_t pages = std::max<std::int64_t>(1, (found.total + s.per_page - 1) / s.per_page);
  d.set("count",
        found.total == 0 ? std::string(kNone.in(c.lang))
        : found.rows.empty()
            ? Text::of(kPastEnd, s.page, found.total, pages).render(c.lang)
            : Text::of(kCount, found.total, first + 1, first + std::int64_t(found.rows.size()))
                  .render(c.lang));
  Data rows{Data::type::list};
  for (const auto& v : found.rows) {
    Data r;
    r.set("id", std::to_string(v.id.value));
    r.set("number", v.number);
    r.set("name", v.name);
    if (v.status != VolunteerStatus::active) r.set("status", label_of(v.status).render(c.lang));
    r.set("phone_label", std::string(kPhone.in(c.lang)));
    r.set("phone", text::mask_phone(v.phone));
    r.set("id_label", std::string(kId.in(c.lang)));
    if (!v.id_number.empty()) r.set("id_number", text::mask_id_number(v.id_number));
    auto it = found.skills.find(v.id.value);
    if (it != found.skills.end()) r.set("skills", join(it->second));
    rows.push_back(r);
  }
  d.set("rows", rows);
  d.set("any", !found.rows.empty());
  if (pages > 1 || s.page > pages) {
    Data paged;
    paged.set("pages_label", std::string(kPages.in(c.lang)));
    if (s.page > 1) paged.set("prev", list_url(s, std::min(s.page - 1, pages)));
    if (s.page < pages) paged.set("next", list_url(s, s.page + 1));
    paged.set("prev_label", std::string(kPrev.in(c.lang)));
    paged.set("next_label", std::string(kNext.in(c.lang)));
    paged.set("page_of", Text::of(kPageOf, s.page, pages).render(c.lang));
    d.set("paged", paged);
  }
  return c.page(Text(kTitle), render(kTemplate, d));
}

Response list_json(Ctx& c) {
  std::optional<Text> error;
  const Search s = search_of(c, error);
  if (error) return json_error(c, 400, "bad_request", *error);
  const Found found = find(c, s);
  nlohmann::json j;
  j["total"] = found.total;
  j["page"] = s.page;
  j["per_page"] = s.per_page;
  j["volunteers"] = nlohmann::json::array();
  for (const auto& v : found.rows) {
    auto row = volunteer_summary_json(v);
    auto it = found.skills.find(v.id.value);
    row["skills"] = it != found.skills.end() ? it->second : std::vector<std::string>{};
    j["volunteers"].push_back(std::move(row));
  }
  return json(j.dump());
}

}  // namespace

StationId station_of(const Ctx& c, const Volunteer& v) {
  return v.home_station.value_or(c.station.id);
}

std::optional<Volunteer> volunteer_in_scope(const Ctx& c) {
  auto id = c.id_param("id");
  if (!id) return std::nullopt;
  auto v = store::volunteers::get(c.db, VolunteerId{*id});
  if (!v || !c.staff_sees(station_of(c, *v))) return std::nullopt;
  return v;
}

std::vector<std::string> skills_of(const Ctx& c, VolunteerId v) {
  auto held = skills_held(c.db, local_date(c.now, c.station.zone), v);
  return held.count(v.value) ? held[v.value] : std::vector<std::string>{};
}

nlohmann::json volunteer_summary_json(const Volunteer& v) {
  nlohmann::json j;
  j["id"] = v.id.value;
  j["number"] = v.number;
  j["name"] = v.name;
  j["status"] = std::string(code_of(v.status));
  j["phone_masked"] = text::mask_phone(v.phone);
  j["id_type"] = std::string(code_of(v.id_type));
  j["id_number_masked"] = text::mask_id_number(v.id_number);
  return j;
}

std::optional<Revealable> revealable(const std::string& name) {
  if (name == "phone") return Revealable::phone;
  if (name == "id_number") return Revealable::id_number;
  return std::nullopt;
}

std::string_view field_name(Revealable f) {
  return f == Revealable::phone ? "phone" : "id_number";
}

void add_staff_volunteers_routes(Routes& routes) {
  routes.add("GET", "/staff/volunteers", kVolunteerPagesRoles, list_page);
  routes.add("GET", "/api/v1/staff/volunteers", kVolunteerPagesRoles, list_json);
  add_staff_volunteer_page_routes(routes);
  add_staff_volunteer_action_routes(routes);
}

}  // namespace vstation::web::detail
