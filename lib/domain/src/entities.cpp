#include "vstation/domain/entities.hpp"

#include "vstation/domain/audit_text.hpp"
#include "vstation/domain/error.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/domain/time.hpp"

namespace vstation {
namespace {

constexpr Msg kNoType{"an ID number needs its document type (id_type)", "有证件号码时须填写证件类型（id_type）"};
constexpr Msg kResidentLength{"a resident ID has 18 characters, not {}", "居民身份证号码应为 18 位，而不是 {} 位"};
constexpr Msg kResidentChars{"a resident ID is 17 digits and a check character (0-9 or X)",
                             "居民身份证号码应为 17 位数字加 1 位校验码（0-9 或 X）"};
constexpr Msg kResidentDate{"the birth date in this resident ID ({}) is not a real day",
                            "该居民身份证号码中的出生日期（{}）不是真实存在的日期"};
constexpr Msg kResidentYears{"the birth date in this resident ID ({}) is outside the years vstation keeps "
                             "records for (1900 to 2099)",
                             "该居民身份证号码中的出生日期（{}）超出 vstation 记录的年份范围（1900 至 2099 年）"};
constexpr Msg kResidentCheck{"the check character of this resident ID should be {}, not {}: a digit is "
                             "mistyped",
                             "该居民身份证号码的校验码应为 {}，而不是 {}：有数字输错了"};
constexpr Msg kBadDocument{"'{}' is not a {} number ({})", "“{}”不是有效的{}号码（{}）"};

constexpr Msg kPassportForm{"5-20 letters and digits", "5 至 20 位字母和数字"};
constexpr Msg kPermitForm{"H or M and 8-10 digits", "H 或 M 加 8 至 10 位数字"};
constexpr Msg kTaiwanForm{"8 digits", "8 位数字"};
constexpr Msg kOtherForm{"1-30 letters, digits and dashes", "1 至 30 位字母、数字和连字符"};

bool all_of(std::string_view s, bool (*ok)(char)) {
  for (char c : s)
    if (!ok(c)) return false;
  return !s.empty();
}
bool digit(char c) { return c >= '0' && c <= '9'; }
bool alnum(char c) { return digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool alnum_dash(char c) { return alnum(c) || c == '-'; }

}  // namespace

std::optional<Date> resident_id_birth_date(std::string_view n) {
  if (n.size() != 18 || !all_of(n.substr(0, 17), digit)) return std::nullopt;
  auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (n[i] - '0');
    return v;
  };
  return Date::from_ymd(num(6, 4), unsigned(num(10, 2)), unsigned(num(12, 2)));
}

std::string check_id_number(IdDocType type, std::string_view raw) {
  std::string n(trim(raw));
  switch (type) {
    case IdDocType::none:
      throw ParseError(kNoType);
    case IdDocType::resident_id: {
      if (n.size() != 18) throw ParseError(kResidentLength, n.size());
      if (n[17] == 'x') n[17] = 'X';
      if (!all_of(std::string_view(n).substr(0, 17), digit) || !(digit(n[17]) || n[17] == 'X'))
        throw ParseError(kResidentChars);
      auto born = resident_id_birth_date(n);
      if (!born) throw ParseError(kResidentDate, n.substr(6, 8));
      if (!plausible_year(born->year())) throw ParseError(kResidentYears, n.substr(6, 8));
      static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
      int sum = 0;
      for (int i = 0; i < 17; ++i) sum += (n[std::size_t(i)] - '0') * kWeights[i];
      char expected = "10X98765432"[sum % 11];
      if (n[17] != expected) throw ParseError(kResidentCheck, std::string(1, expected), std::string(1, n[17]));
      return n;
    }
    case IdDocType::passport:
      if (n.size() < 5 || n.size() > 20 || !all_of(n, alnum))
        throw ParseError(kBadDocument, n, label_of(type), Text(kPassportForm));
      return n;
    case IdDocType::hk_macao_permit:
      if (n.size() < 9 || n.size() > 11 || (n[0] != 'H' && n[0] != 'M') ||
          !all_of(std::string_view(n).substr(1), digit))
        throw ParseError(kBadDocument, n, label_of(type), Text(kPermitForm));
      return n;
    case IdDocType::taiwan_permit:
      if (n.size() != 8 || !all_of(n, digit))
        throw ParseError(kBadDocument, n, label_of(type), Text(kTaiwanForm));
      return n;
    case IdDocType::other:
      if (n.size() > 30 || !all_of(n, alnum_dash))
        throw ParseError(kBadDocument, n, label_of(type), Text(kOtherForm));
      return n;
  }
  return n;
}

int age_on(const Date& birth, const Date& on) {
  int age = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --age;
  return age;
}

bool may_serve(const Volunteer& v, Date on) {
  auto bar = serve_bar(v, on, on);
  return !bar || *bar == ServeBar::not_joined;  // the join date is the roster's concern
}

std::optional<ServeBar> serve_bar(const Volunteer& v, Date first, Date last) {
  if (v.status == VolunteerStatus::retired) return ServeBar::retired;
  if (v.status == VolunteerStatus::suspended) return ServeBar::suspended;
  if (v.birth_date && age_on(*v.birth_date, first) < kConsentAge && !v.guardian_consent)
    return ServeBar::no_consent;
  if (last < v.join_date) return ServeBar::not_joined;
  return std::nullopt;
}

}  // namespace vstation

namespace vstation {

std::string describe(const Session& s, const TimeZone& zone) {
  std::string out = format_local(s.effective_in, zone) + "–" +
                    (s.effective_out ? local_time(*s.effective_out, zone).hhmm() : "?");
  return audit_text::stored(audit_text::kSessionState, out, code_of(s.status), s.credited_minutes);
}

bool describes_state(std::string_view value, const Session& s) {
  // describe()'s text with no times: " STATUS N min".
  const std::string state =
      audit_text::stored(audit_text::kSessionState, "", code_of(s.status), s.credited_minutes);
  return value.ends_with(state) || value == std::string_view(state).substr(1);
}

}  // namespace vstation
