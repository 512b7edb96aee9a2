#include "records/field_parsers.hpp"

#include <cctype>

#include "vstation/domain/error.hpp"
#include "vstation/domain/text_util.hpp"

namespace vstation::store::cells {
namespace {
constexpr Msg kBadCode{
    "'{}' may hold only letters, digits, '_' and '-', and starts with a letter or digit",
    "“{}”只能包含字母、数字、“_”和“-”，且须以字母或数字开头"};
constexpr Msg kBadBool{"'{}' is not yes or no", "“{}”不是“是”或“否”"};
constexpr Msg kBadInt{"'{}' is not a whole number", "“{}”不是整数"};
constexpr Msg kOutOfRange{"{} is out of range ({} to {})", "{} 超出范围（{} 到 {}）"};
constexpr Msg kBadWeekdays{"'{}' is not a set of weekdays (e.g. Mon-Fri, Sat,Sun, daily)",
                           "“{}”不是有效的星期组合（例如 Mon-Fri、Sat,Sun、daily）"};
constexpr Msg kBadMinimums{"'{}' is not a list of skill minimums (e.g. first_aid:1;traffic:2)",
                           "“{}”不是有效的技能要求（例如 first_aid:1;traffic:2）"};
constexpr Msg kRepeatedMinimum{"'{}' gives skill {} more than once",
                               "“{}”中技能 {} 出现了不止一次"};
constexpr Msg kStartsAtMidnight{
    "'{}' ends a day, so nothing starts then; a start at midnight is written 00:00",
    "“{}”表示一天结束，不能作为开始时间；零点开始应写作 00:00"};
constexpr Msg kBadPhone{"'{}' is not an 11-digit mobile number", "“{}”不是 11 位手机号码"};

// Splits on ; , ； ，
std::vector<std::string> list_items(std::string_view s) {
  std::string norm(s);
  for (std::string_view sep : {"；", "，"}) {
    for (auto pos = norm.find(sep); pos != std::string::npos; pos = norm.find(sep))
      norm.replace(pos, sep.size(), ";");
  }
  for (auto& c : norm)
    if (c == ',') c = ';';
  std::vector<std::string> out;
  for (auto part : split(norm, ';'))
    if (!trim(part).empty()) out.emplace_back(trim(part));
  return out;
}
}  // namespace

std::string code(std::string_view s) {
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  // A leading '-' would read as an option on the command line ("volunteer show -x").
  if (!s.empty() && !alnum(s.front())) throw ParseError(kBadCode, s);
  for (char c : s)
    if (!(alnum(c) || c == '_' || c == '-')) throw ParseError(kBadCode, s);
  return std::string(s);
}

TimeOfDay start_time(std::string_view s) {
  TimeOfDay t = parse_time_of_day(s);
  if (t.minutes == 24 * 60) throw ParseError(kStartsAtMidnight, s);
  return t;
}

bool yes_no(std::string_view s) {
  auto t = ascii_lower(trim(s));
  if (t == "yes" || t == "y" || t == "1" || t == "true" || t == "是") return true;
  if (t == "no" || t == "n" || t == "0" || t == "false" || t == "否" || t.empty()) return false;
  throw ParseError(kBadBool, s);
}

std::string yes_no_text(bool b) { return b ? "yes" : "no"; }

int integer(std::string_view s, int lo, int hi) {
  long long v = 0;
  if (!parse_int(s, v)) throw ParseError(kBadInt, s);
  if (v < lo || v > hi) throw ParseError(kOutOfRange, v, lo, hi);
  return int(v);
}

std::optional<Date> optional_date(std::string_view s) {
  if (trim(s).empty()) return std::nullopt;
  return parse_date(s);
}

std::string date_text(const std::optional<Date>& d) { return d ? d->iso() : ""; }

unsigned weekday_set(std::string_view s) {
  auto t = ascii_lower(trim(s));
  if (t == "daily" || t == "每天" || t == "all") return 0x7F;
  if (t == "weekdays" || t == "工作日") return 0x1F;
  if (t == "weekends" || t == "周末") return 0x60;
  unsigned mask = 0;
  try {
    for (const auto& item : list_items(s)) {
      auto dash = item.find('-');
      if (dash != std::string::npos) {
        int a = int(parse_weekday(item.substr(0, dash)));
        int b = int(parse_weekday(item.substr(dash + 1)));
        if (b < a) throw ParseError(kBadWeekdays, s);
        for (int d = a; d <= b; ++d) mask |= 1u << unsigned(d);
      } else {
        mask |= 1u << unsigned(parse_weekday(item));
      }
    }
  } catch (const ParseError&) {
    throw ParseError(kBadWeekdays, s);
  }
  if (mask == 0) throw ParseError(kBadWeekdays, s);
  return mask;
}

std::string weekday_set_label(std::string_view code, Lang lang) {
  unsigned mask = weekday_set(code);
  if (lang == Lang::en) return weekday_set_text(mask);
  if (mask == 0x7F) return "每天";
  std::string out;
  for (int d = 0; d < 7; ++d) {
    if (!(mask >> unsigned(d) & 1u)) continue;
    int e = d;
    while (e + 1 < 7 && (mask >> unsigned(e + 1) & 1u)) ++e;
    if (!out.empty()) out += "、";
    out += weekday_label(Weekday(d)).zh;
    if (e > d) out += (e == d + 1 ? "、" : "至") + std::string(weekday_label(Weekday(e)).zh);
    d = e;
  }
  return out;
}

std::string weekday_set_text(unsigned mask) {
  if (mask == 0x7F) return "daily";
  std::string out;
  for (int d = 0; d < 7; ++d) {
    if (!(mask >> unsigned(d) & 1u)) continue;
    int e = d;
    while (e + 1 < 7 && (mask >> unsigned(e + 1) & 1u)) ++e;
    if (!out.empty()) out += ",";
    out += weekday_code(Weekday(d));
    if (e > d) out += (e == d + 1 ? "," : "-") + std::string(weekday_code(Weekday(e)));
    d = e;
  }
  return out;
}

SkillMinimums minimums(std::string_view s, Lookup& lookup) {
  SkillMinimums m;
  for (const auto& item : list_items(s)) {
    auto colon = item.find(':');
    if (colon == std::string::npos) throw ParseError(kBadMinimums, s);
    SkillId skill = lookup.skill(item.substr(0, colon));
    // Which of two minimums was meant is not for us to guess.
    if (m.contains(skill)) throw ParseError(kRepeatedMinimum, s, lookup.skill_code(skill));
    m[skill] = integer(item.substr(colon + 1), 1, 1000);
  }
  return m;
}

std::string minimums_text(const SkillMinimums& m, Lookup& lookup) {
  std::string out;
  for (const auto& [skill, n] : m) {
    if (!out.empty()) out += ";";
    out += lookup.skill_code(skill) + ":" + std::to_string(n);
  }
  return out;
}

std::vector<VolunteerId> volunteer_list(std::string_view s, Lookup& lookup) {
  std::vector<VolunteerId> out;
  for (const auto& item : list_items(s)) {
    auto id = lookup.volunteer(item);
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
  return out;
}

std::string volunteer_list_text(const std::vector<VolunteerId>& v, Lookup& lookup) {
  std::string out;
  for (auto id : v) {
    if (!out.empty()) out += ";";
    out += lookup.volunteer_number(id);
  }
  return out;
}

std::string phone(std::string_view s) {
  std::string digits;
  for (char c : trim(s)) {
    if (c == ' ' || c == '-') continue;
    if (c < '0' || c > '9') throw ParseError(kBadPhone, s);
    digits += c;
  }
  if (!digits.empty() && (digits.size() != 11 || digits[0] != '1')) throw ParseError(kBadPhone, s);
  return digits;
}

}  // namespace vstation::store::cells
