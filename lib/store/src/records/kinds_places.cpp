// Record kinds: stations and the skill catalogue.

#include <limits>
#include <unordered_map>

#include "records/code_case.hpp"
#include "records/credit_guard.hpp"
#include "records/field_parsers.hpp"
#include "records/typed_kind.hpp"
#include "vstation/domain/hours_policy.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/session_queries.hpp"

namespace vstation::store {
namespace {

constexpr Msg kZoneMovesRecords{
    "station {} holds shifts, sessions, service log entries or trainings timed in {}: in {} they "
    "would show other clock times wherever the two zones' offsets differ (they are stored as "
    "instants). A station's time zone is set before it is used",
    "站点 {} 已有按 {} 时间记录的班次、签到、服务记录或培训：改用 {} 后，凡两个时区偏移不同之处，"
    "它们显示的钟点都会改变（记录按时刻保存）。站点的时区应在使用之前设定"};
constexpr Msg kBadRounding{"{} is not 0, 5, 10, 15 or 30 minutes", "{} 不是 0、5、10、15 或 30 分钟"};

// A closing time at or before the opening time is the next day's (opens 18:00, closes 02:00).
TimeOfDay closing(int minutes, TimeOfDay opens) {
  return TimeOfDay{minutes <= opens.minutes ? minutes + 24 * 60 : minutes};
}

using F = Field<Station>;
std::unique_ptr<RecordKind> station_kind() {
  KindSpec<Station> k;
  k.name = "stations";
  k.singular = "station";
  k.title = {"stations", "站点"};
  k.noun = {"station", "站点"};
  k.fields = {
      F{{"code", "代码", {"short code typed on the command line", "命令行中使用的简短代码"}, true, true},
        [](Station& s, std::string_view v, Lookup&) { s.code = cells::code(v); },
        [](const Station& s, Lookup&) { return s.code; }},
      F{{"name", "名称", {"station name", "站点名称"}, true},
        [](Station& s, std::string_view v, Lookup&) { s.name = v; },
        [](const Station& s, Lookup&) { return s.name; }},
      F{{"location", "地点", {"where it is", "所在位置"}},
        [](Station& s, std::string_view v, Lookup&) { s.location = v; },
        [](const Station& s, Lookup&) { return s.location; }},
      F{{"time_zone", "时区", {"IANA time zone (default Asia/Shanghai)", "IANA 时区（默认 Asia/Shanghai）"}},
        [](Station& s, std::string_view v, Lookup&) { s.zone = TimeZone::named(v); },
        [](const Station& s, Lookup&) { return s.zone.name(); }},
      F{{"opens", "开门时间", {"opening time (08:00)", "开门时间（08:00）"}},
        [](Station& s, std::string_view v, Lookup&) {
          s.opens = cells::start_time(v);
          // The closing time stays the same time of day, the next day if now before opening.
          s.closes = closing(s.closes.minutes > 24 * 60 ? s.closes.minutes - 24 * 60 : s.closes.minutes, s.opens);
        },
        [](const Station& s, Lookup&) { return s.opens.hhmm(); }},
      F{{"closes", "关门时间", {"closing time (20:00; before the opening time: the next day)", "关门时间（20:00；早于开门时间即为次日）"}},
        [](Station& s, std::string_view v, Lookup&) { s.closes = closing(parse_time_of_day(v).minutes, s.opens); },
        [](const Station& s, Lookup&) {
          return TimeOfDay{s.closes.minutes > 24 * 60 ? s.closes.minutes - 24 * 60 : s.closes.minutes}.hhmm();
        }},
      F{{"rounding", "取整分钟", {"credited time rounded down per session: 0, 5, 10, 15, 30", "每次签到时长向下取整：0、5、10、15、30"}},
        [](Station& s, std::string_view v, Lookup&) {
          int m = cells::integer(v, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
          if (!valid_rounding(m)) throw ParseError(kBadRounding, m);
          s.settings.rounding_minutes = m;
        },
        [](const Station& s, Lookup&) { return std::to_string(s.settings.rounding_minutes); }},
      F{{"max_session_minutes", "最长时长分钟", {"open sessions longer than this are auto-closed", "超过此时长的签到将被自动关闭"}},
        [](Station& s, std::string_view v, Lookup&) { s.settings.max_session_minutes = cells::integer(v, 1, 24 * 60); },
        [](const Station& s, Lookup&) { return std::to_string(s.settings.max_session_minutes); }},
      F{{"early_minutes", "提前签到分钟", {"how early a check-in still matches a shift", "提前多久签到仍匹配班次"}},
        [](Station& s, std::string_view v, Lookup&) { s.settings.early_allowance_minutes = cells::integer(v, 0, 240); },
        [](const Station& s, Lookup&) { return std::to_string(s.settings.early_allowance_minutes); }},
      F{{"overtime_minutes", "超时计入分钟", {"minutes credited past a shift's end", "班次结束后可计入的分钟数"}},
        [](Station& s, std::string_view v, Lookup&) { s.settings.overtime_allowance_minutes = cells::integer(v, 0, 240); },
        [](const Station& s, Lookup&) { return std::to_string(s.settings.overtime_allowance_minutes); }},
      F{{"min_rest_minutes", "最短休息分钟", {"minimum rest between two shifts of one volunteer", "同一志愿者两个班次之间的最短休息"}},
        [](Station& s, std::string_view v, Lookup&) { s.settings.min_rest_minutes = cells::integer(v, 0, 24 * 60); },
        [](const Station& s, Lookup&) { return std::to_string(s.settings.min_rest_minutes); }},
      labelled<WalkInPolicy>(F{{"walk_ins", "临时签到", {"allow or refuse unrostered check-ins", "是否允许未排班的临时签到"}},
        [](Station& s, std::string_view v, Lookup&) { s.settings.walk_ins = parse_enum<WalkInPolicy>(v); },
        [](const Station& s, Lookup&) { return std::string(code_of(s.settings.walk_ins)); }}),
      F{{"grace_minutes", "签退宽限分钟", {"a check-out this long after the shift's (or day's) end still counts; later it is a forgotten check-out", "班次（或当天营业）结束后多久内签退仍正常计入；更晚即视为忘记签退"}},
        [](Station& s, std::string_view v, Lookup&) { s.settings.checkout_grace_minutes = cells::integer(v, 0, 24 * 60); },
        [](const Station& s, Lookup&) { return std::to_string(s.settings.checkout_grace_minutes); }},
      labelled<KioskIdentification>(F{{"identification", "签到身份验证", {"at the kiosk: number, pin_if_set, number_pin or badge_pin", "签到机身份验证：number、pin_if_set、number_pin 或 badge_pin"}},
        [](Station& s, std::string_view v, Lookup&) { s.settings.identification = parse_enum<KioskIdentification>(v); },
        [](const Station& s, Lookup&) { return std::string(code_of(s.settings.identification)); }}),
      F{{"reminder_minutes", "提醒提前分钟", {"how long before a shift the roster's calendar reminds (0: no reminder)", "排班日历在班次开始前多久提醒（0：不提醒）"}},
        [](Station& s, std::string_view v, Lookup&) { s.settings.reminder_minutes = cells::integer(v, 0, 7 * 24 * 60); },
        [](const Station& s, Lookup&) { return std::to_string(s.settings.reminder_minutes); }},
      F{{"cancel_deadline_hours", "取消截止小时", {"how long before a shift starts a volunteer may still cancel their own sign-up on the web (0 to 720)", "班次开始前多久志愿者仍可在网页上取消自己的报名（0 至 720）"}},
        [](Station& s, std::string_view v, Lookup&) { s.settings.cancel_deadline_hours = cells::integer(v, 0, 720); },
        [](const Station& s, Lookup&) { return std::to_string(s.settings.cancel_deadline_hours); }},
      F{{"person_in_charge", "负责人", {"person in charge (printed on certificates)", "负责人（打印在证明上）"}},
        [](Station& s, std::string_view v, Lookup&) { s.person_in_charge = v; },
        [](const Station& s, Lookup&) { return s.person_in_charge; }},
      F{{"contact", "联系电话", {"contact phone", "联系电话"}},
        [](Station& s, std::string_view v, Lookup&) { s.contact = v; },
        [](const Station& s, Lookup&) { return s.contact; }},
      yes_no_labelled(F{{"retired", "已停用", {"no longer in service", "已停止使用"}},
        [](Station& s, std::string_view v, Lookup&) { s.retired = cells::yes_no(v); },
        [](const Station& s, Lookup&) { return cells::yes_no_text(s.retired); }}),
  };
  k.insert = [](Connection& db, Lookup& l, Station& s) {
    unique_code_or(db, l, CodeTable::stations, "code", s.code,
                   [&] { return stations::insert(db, s); });
  };
  k.find = [](Connection& db, Lookup&, std::string_view key) { return stations::find(db, key); };
  k.update = [](Connection& db, Lookup&, const Station& s) {
    // The settings the hours policy reads: credits already given must still be what it gives.
    if (auto stored = stations::get(db, s.id)) {
      if (!(stored->zone == s.zone) && stations::holds_local_times(db, s.id))
        throw FieldError("time_zone", Text::of(kZoneMovesRecords, s.code, stored->zone.name(),
                                               s.zone.name()));
      const auto& was = stored->settings;
      const auto& now = s.settings;
      const char* column =
          was.rounding_minutes != now.rounding_minutes                       ? "rounding"
          : was.max_session_minutes != now.max_session_minutes               ? "max_session_minutes"
          : was.overtime_allowance_minutes != now.overtime_allowance_minutes ? "overtime_minutes"
                                                                             : nullptr;
      if (column) {
        std::unordered_map<std::int64_t, TimeRange> shift_times;
        for (const auto& sh : shifts::of_station(db, s.id))
          shift_times.emplace(sh.id.value, sh.time);
        refuse_credit_change(
            session_queries::find(db,
                                  {std::nullopt, s.id, std::nullopt, std::nullopt, std::nullopt}),
            [&](const Session& x) -> std::optional<TimeRange> {
              if (!x.shift) return std::nullopt;
              auto it = shift_times.find(x.shift->value);
              return it == shift_times.end() ? std::nullopt : std::optional(it->second);
            },
            now, column);
      }
    }
    stations::update(db, s);
  };
  k.retire = [](Station& s) { s.retired = true; };
  k.all = [](Connection& db, Lookup&, const ListFilter&) { return stations::all(db); };
  return make_kind(std::move(k));
}

using S = Field<Skill>;
std::unique_ptr<RecordKind> skill_kind() {
  KindSpec<Skill> k;
  k.name = "skills";
  k.singular = "skill";
  k.title = {"skills", "技能"};
  k.noun = {"skill", "技能"};
  k.fields = {
      S{{"code", "代码", {"skill code (first_aid)", "技能代码（first_aid）"}, true, true},
        [](Skill& s, std::string_view v, Lookup&) { s.code = cells::code(v); },
        [](const Skill& s, Lookup&) { return s.code; }},
      S{{"name_en", "英文名称", {"English name", "英文名称"}},
        [](Skill& s, std::string_view v, Lookup&) { s.name_en = v; },
        [](const Skill& s, Lookup&) { return s.name_en; }},
      S{{"name_zh", "中文名称", {"Chinese name", "中文名称"}},
        [](Skill& s, std::string_view v, Lookup&) { s.name_zh = v; },
        [](const Skill& s, Lookup&) { return s.name_zh; }},
  };
  k.insert = [](Connection& db, Lookup& l, Skill& s) {
    unique_code_or(db, l, CodeTable::skills, "code", s.code, [&] { return skills::insert(db, s); });
  };
  k.find = [](Connection& db, Lookup&, std::string_view key) { return skills::find(db, key); };
  k.update = [](Connection& db, Lookup&, const Skill& s) { skills::update(db, s); };
  k.all = [](Connection& db, Lookup&, const ListFilter&) { return skills::all(db); };
  return make_kind(std::move(k));
}

}  // namespace

void add_place_kinds(std::vector<std::unique_ptr<RecordKind>>& out) {
  out.push_back(station_kind());
  out.push_back(skill_kind());
}

}  // namespace vstation::store
