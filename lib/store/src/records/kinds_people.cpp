// Record kinds: volunteers and their certifications.

#include "records/code_case.hpp"
#include "records/field_parsers.hpp"
#include "records/typed_kind.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/upcoming.hpp"

namespace vstation::store {
namespace {

constexpr Msg kIdBornAfterJoin{"the birth date in this resident ID ({}) is after the join date",
                               "该居民身份证号码中的出生日期（{}）晚于加入日期"};
constexpr Msg kBirthNotInId{"differs from the birth date in the resident ID ({})",
                             "与居民身份证号码中的出生日期（{}）不一致"};
constexpr Msg kBirthAfterJoin{"the birth date is after the join date", "出生日期晚于加入日期"};
constexpr Msg kExpiresBeforeGranted{"expires before it was granted", "有效期早于取得日期"};
constexpr Msg kUnassignHelp{"also cancel their assignments on shifts that start after now",
                            "同时取消其在此刻之后开始的班次上的排班"};
constexpr Msg kStillRostered{"{} is still on the roster of upcoming shifts ({}); kept (--unassign "
                             "cancels them):",
                             "{} 仍排在即将开始的班次上（{} 个）；已保留（加 --unassign 可取消）："};
constexpr Msg kCancelled{"cancelled {}'s assignments on upcoming shifts: {}",
                         "已取消 {} 在即将开始的班次上的排班：{} 个"};
constexpr Msg kNothingToCancel{"{} is on no upcoming shift: no assignment to cancel",
                               "{} 没有即将开始的班次：无排班可取消"};
constexpr Msg kUpcomingShift{"  shift {}  {}–{}  {} {}", "  班次 {}  {}–{}  {} {}"};

// After a retirement: the shifts ahead that still count on them, kept or (--unassign) cancelled.
std::vector<Text> upcoming_after_retire(Connection& db, Lookup& l, const Volunteer& v,
                                        const RetireRequest& request) {
  const auto ahead = upcoming::of_volunteer(db, v.id, request.now);
  return shifts_ahead_notes(
      ahead, request.has("unassign"), Text::of(kNothingToCancel, v.number),
      Text::of(kStillRostered, v.number, ahead.size()),
      [&] { return Text::of(kCancelled, v.number, upcoming::cancel(db, ahead)); },
      [&](const upcoming::UpcomingShift& u) {
        const TimeZone& zone = l.station_record(u.shift.station).zone;
        const Project& p = l.project_record(u.shift.project);
        return Text::of(kUpcomingShift, u.shift.id.value, format_local(u.shift.time.begin, zone),
                        local_time(u.shift.time.end, zone).hhmm(), p.code, p.name);
      });
}

using F = Field<Volunteer>;
std::unique_ptr<RecordKind> volunteer_kind() {
  KindSpec<Volunteer> k;
  k.name = "volunteers";
  k.singular = "volunteer";
  k.title = {"volunteers", "志愿者"};
  k.noun = {"volunteer", "志愿者"};
  k.fields = {
      F{{"number", "志愿者编号", {"volunteer number (V0001)", "志愿者编号（V0001）"}, true, true},
        [](Volunteer& r, std::string_view v, Lookup&) { r.number = cells::code(v); },
        [](const Volunteer& r, Lookup&) { return r.number; }},
      F{{"name", "姓名", {"full name", "姓名"}, true},
        [](Volunteer& r, std::string_view v, Lookup&) { r.name = v; },
        [](const Volunteer& r, Lookup&) { return r.name; }},
      F{{"phone", "手机号", {"mobile number (masked in output)", "手机号（输出时隐藏中间四位）"}, false, false, true},
        [](Volunteer& r, std::string_view v, Lookup&) { r.phone = cells::phone(v); },
        [](const Volunteer& r, Lookup&) { return r.phone; }},
      labelled<IdDocType>(F{{"id_type", "证件类型", {"ID document type", "证件类型"}},
        [](Volunteer& r, std::string_view v, Lookup&) { r.id_type = v.empty() ? IdDocType::none : parse_enum<IdDocType>(v); },
        [](const Volunteer& r, Lookup&) { return std::string(code_of(r.id_type)); }}),
      F{{"id_number", "证件号码", {"ID document number (masked in output)", "证件号码（输出时隐藏）"}, false, false, true},
        [](Volunteer& r, std::string_view v, Lookup&) { r.id_number = v; },
        [](const Volunteer& r, Lookup&) { return r.id_number; }},
      F{{"birth_date", "出生日期", {"date of birth", "出生日期"}},
        [](Volunteer& r, std::string_view v, Lookup&) { r.birth_date = cells::optional_date(v); },
        [](const Volunteer& r, Lookup&) { return cells::date_text(r.birth_date); }},
      F{{"join_date", "加入日期", {"date joined", "加入日期"}, true},
        [](Volunteer& r, std::string_view v, Lookup&) { r.join_date = parse_date(v); },
        [](const Volunteer& r, Lookup&) { return r.join_date.iso(); }},
      labelled<VolunteerStatus>(F{{"status", "状态", {"active, suspended or retired", "在册、暂停或退出"}},
        [](Volunteer& r, std::string_view v, Lookup&) { r.status = parse_enum<VolunteerStatus>(v); },
        [](const Volunteer& r, Lookup&) { return std::string(code_of(r.status)); }}),
      yes_no_labelled(F{{"guardian_consent", "监护人同意", {"guardian's consent (needed under 14)", "监护人同意（未满 14 岁必需）"}},
        [](Volunteer& r, std::string_view v, Lookup&) { r.guardian_consent = cells::yes_no(v); },
        [](const Volunteer& r, Lookup&) { return cells::yes_no_text(r.guardian_consent); }}),
      F{{"max_shifts_week", "每周最多班次", {"most shifts per week", "每周最多班次"}},
        [](Volunteer& r, std::string_view v, Lookup&) { r.max_shifts_per_week = cells::integer(v, 0, 21); },
        [](const Volunteer& r, Lookup&) { return std::to_string(r.max_shifts_per_week); }},
      F{{"max_hours_week", "每周最多小时", {"most hours per week", "每周最多小时"}},
        [](Volunteer& r, std::string_view v, Lookup&) { r.max_minutes_per_week = cells::integer(v, 0, 84) * 60; },
        [](const Volunteer& r, Lookup&) { return std::to_string(r.max_minutes_per_week / 60); }},
      F{{"home_station", "所属站点", {"home station code", "所属站点代码"}},
        [](Volunteer& r, std::string_view v, Lookup& l) {
          r.home_station = v.empty() ? std::nullopt : std::optional<StationId>(l.station(v));
        },
        [](const Volunteer& r, Lookup& l) { return r.home_station ? l.station_code(*r.home_station) : ""; }},
  };
  k.blank = [] {
    Volunteer v;
    v.join_date = parse_date("2000-01-01");
    return v;
  };
  auto validate = [](Volunteer& v) {
    if (v.birth_date && *v.birth_date > v.join_date)
      throw FieldError("birth_date", Text(kBirthAfterJoin));
    if (!v.id_number.empty()) {
      try {
        v.id_number = check_id_number(v.id_type, v.id_number);
      } catch (const ParseError& e) {
        throw FieldError(v.id_type == IdDocType::none ? "id_type" : "id_number", e.text(), true);
      }
      if (v.id_type == IdDocType::resident_id) {
        Date born = *resident_id_birth_date(v.id_number);
        if (v.birth_date && *v.birth_date != born)
          throw FieldError("birth_date", Text::of(kBirthNotInId, born.iso()));
        if (born > v.join_date) throw FieldError("id_number", Text::of(kIdBornAfterJoin, born.iso()));
      }
    }
  };
  k.insert = [validate](Connection& db, Lookup& l, Volunteer& v) {
    validate(v);
    unique_code_or(db, l, CodeTable::volunteers, "number", v.number,
                   [&] { return volunteers::insert(db, v); });
  };
  k.find = [](Connection& db, Lookup&, std::string_view key) { return volunteers::find(db, key); };
  k.update = [validate](Connection& db, Lookup&, const Volunteer& v) {
    Volunteer checked = v;
    validate(checked);
    volunteers::update(db, checked);
  };
  k.retire = [](Volunteer& v) { v.status = VolunteerStatus::retired; };
  k.retire_options = {{"unassign", kUnassignHelp}};
  k.after_retire = upcoming_after_retire;
  k.all = [](Connection& db, Lookup&, const ListFilter& f) { return volunteers::all(db, f); };
  k.filters = with_status<VolunteerStatus>({.station = true});
  return make_kind(std::move(k));
}

using C = Field<Certification>;
std::unique_ptr<RecordKind> certification_kind() {
  KindSpec<Certification> k;
  k.name = "certifications";
  k.singular = "certification";
  k.title = {"certifications", "技能资质"};
  k.noun = {"certification", "技能资质"};
  k.fields = {
      C{{"volunteer", "志愿者编号", {"volunteer number", "志愿者编号"}, true},
        [](Certification& r, std::string_view v, Lookup& l) { r.volunteer = l.volunteer(v); },
        [](const Certification& r, Lookup& l) { return l.volunteer_number(r.volunteer); }},
      C{{"skill", "技能", {"skill code", "技能代码"}, true},
        [](Certification& r, std::string_view v, Lookup& l) { r.skill = l.skill(v); },
        [](const Certification& r, Lookup& l) { return l.skill_code(r.skill); }},
      C{{"granted", "取得日期", {"date granted", "取得日期"}, true},
        [](Certification& r, std::string_view v, Lookup&) { r.granted = parse_date(v); },
        [](const Certification& r, Lookup&) { return r.granted.iso(); }},
      C{{"expires", "有效期至", {"last valid day (empty: never expires)", "有效期最后一天（空：长期有效）"}},
        [](Certification& r, std::string_view v, Lookup&) { r.expires = cells::optional_date(v); },
        [](const Certification& r, Lookup&) { return cells::date_text(r.expires); }},
  };
  k.insert = [](Connection& db, Lookup&, Certification& c) {
    if (c.expires && *c.expires < c.granted) throw FieldError("expires", Text(kExpiresBeforeGranted));
    unique_or("granted", c.granted.iso(), [&] { skills::add_certification(db, c); });
  };
  k.all = [](Connection& db, Lookup&, const ListFilter& f) { return skills::certifications(db, f); };
  k.filters = {.volunteer = true};
  return make_kind(std::move(k));
}

}  // namespace

void add_people_kinds(std::vector<std::unique_ptr<RecordKind>>& out) {
  out.push_back(volunteer_kind());
  out.push_back(certification_kind());
}

}  // namespace vstation::store
