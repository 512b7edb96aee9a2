#include "vstation/domain/enums.hpp"

#include <array>

#include "vstation/domain/error.hpp"
#include "vstation/domain/text_util.hpp"

namespace vstation {
namespace {

constexpr Msg kBadEnum{"'{}' is not one of: {}", "“{}”不是以下之一：{}"};

template <class E, std::size_t N>
using Table = std::array<EnumEntry<E>, N>;

constexpr Table<VolunteerStatus, 3> kVolunteerStatus{{
    {VolunteerStatus::active, "active", {"active", "在册"}},
    {VolunteerStatus::suspended, "suspended", {"suspended", "暂停"}},
    {VolunteerStatus::retired, "retired", {"retired", "退出"}},
}};

constexpr Table<IdDocType, 6> kIdDocType{{
    {IdDocType::none, "none", {"none", "无"}},
    {IdDocType::resident_id, "resident_id", {"resident ID card", "居民身份证"}},
    {IdDocType::passport, "passport", {"passport", "护照"}},
    {IdDocType::hk_macao_permit, "hk_macao_permit", {"HK/Macao permit", "港澳居民来往内地通行证"}},
    {IdDocType::taiwan_permit, "taiwan_permit", {"Taiwan permit", "台湾居民来往大陆通行证"}},
    {IdDocType::other, "other", {"other document", "其他证件"}},
}};

constexpr Table<Category, 9> kCategory{{
    {Category::emergency_aid, "emergency_aid", {"emergency aid", "应急救助"}},
    {Category::rescue_assist, "rescue_assist", {"rescue assist", "协助救援"}},
    {Category::traffic_persuasion, "traffic_persuasion", {"traffic persuasion", "交通劝导"}},
    {Category::legal_consultation, "legal_consultation", {"legal consultation", "法律咨询"}},
    {Category::psychological_support,
     "psychological_support",
     {"psychological support", "心理疏导"}},
    {Category::learning_exchange, "learning_exchange", {"learning exchange", "学习交流"}},
    {Category::convenience_service, "convenience_service", {"convenience service", "便民服务"}},
    {Category::training, "training", {"training", "培训"}},
    {Category::other, "other", {"other", "其他"}},
}};

constexpr Table<IncidentType, 7> kIncidentType{{
    {IncidentType::emergency_aid, "emergency_aid", {"emergency aid", "应急救助"}},
    {IncidentType::rescue_assist, "rescue_assist", {"rescue assist", "协助救援"}},
    {IncidentType::traffic_persuasion, "traffic_persuasion", {"traffic persuasion", "交通劝导"}},
    {IncidentType::legal_consultation, "legal_consultation", {"legal consultation", "法律咨询"}},
    {IncidentType::counseling, "counseling", {"counseling", "心理疏导"}},
    {IncidentType::convenience_service, "convenience_service", {"convenience service", "便民服务"}},
    {IncidentType::other, "other", {"other", "其他"}},
}};

constexpr Table<AssignmentStatus, 4> kAssignmentStatus{{
    {AssignmentStatus::planned, "planned", {"planned", "已排班"}},
    {AssignmentStatus::confirmed, "confirmed", {"confirmed", "已确认"}},
    {AssignmentStatus::cancelled, "cancelled", {"cancelled", "已取消"}},
    {AssignmentStatus::no_show, "no_show", {"no-show", "缺席"}},
}};

constexpr Table<AssignmentSource, 2> kAssignmentSource{{
    {AssignmentSource::automatic, "auto", {"auto", "自动"}},
    {AssignmentSource::manual, "manual", {"manual", "手动"}},
}};

constexpr Table<SessionStatus, 6> kSessionStatus{{
    {SessionStatus::open, "open", {"open", "进行中"}},
    {SessionStatus::closed, "closed", {"closed", "已签退"}},
    {SessionStatus::auto_closed, "auto_closed", {"auto-closed", "自动关闭"}},
    {SessionStatus::confirmed, "confirmed", {"confirmed", "已确认"}},
    {SessionStatus::corrected, "corrected", {"corrected", "已更正"}},
    {SessionStatus::rejected, "rejected", {"rejected", "已驳回"}},
}};

constexpr Table<WalkInPolicy, 2> kWalkInPolicy{{
    {WalkInPolicy::allow, "allow", {"allow", "允许"}},
    {WalkInPolicy::refuse, "refuse", {"refuse", "拒绝"}},
}};

constexpr Table<Preference, 3> kPreference{{
    {Preference::ok, "ok", {"available", "可以"}},
    {Preference::prefer, "prefer", {"preferred", "优先"}},
    {Preference::avoid, "avoid", {"rather not", "尽量不排"}},
}};

constexpr Table<KioskIdentification, 4> kKioskIdentification{{
    {KioskIdentification::number, "number", {"number alone", "仅编号"}},
    {KioskIdentification::pin_if_set,
     "pin_if_set",
     {"number, PIN if set", "编号（设有 PIN 码时需 PIN）"}},
    {KioskIdentification::number_pin, "number_pin", {"number and PIN", "编号加 PIN 码"}},
    {KioskIdentification::badge_pin,
     "badge_pin",
     {"badge or phone tail + PIN", "仅志愿者证或手机尾号加 PIN"}},
}};

constexpr Table<StaffRole, 3> kStaffRole{{
    {StaffRole::coordinator, "coordinator", {"coordinator", "站长"}},
    {StaffRole::secretary, "secretary", {"secretary", "秘书"}},
    {StaffRole::district, "district", {"district", "区级管理"}},
}};

}  // namespace

#define VSTATION_ENUM_TABLE(E, table)               \
  template <>                                       \
  std::span<const EnumEntry<E>> enum_entries<E>() { \
    return table;                                   \
  }                                                 \
  template E parse_enum<E>(std::string_view);       \
  template std::string enum_codes<E>();

template <class E>
E parse_enum(std::string_view s) {
  auto t = trim(s);
  auto lower = ascii_lower(t);
  for (const auto& e : enum_entries<E>())
    if (lower == e.code || lower == ascii_lower(e.label.en) || t == e.label.zh) return e.value;
  // Accept "no-show" style hyphens for codes written with underscores.
  for (const auto& e : enum_entries<E>()) {
    std::string code(e.code);
    for (auto& c : code)
      if (c == '_') c = '-';
    if (lower == code) return e.value;
  }
  throw ParseError(kBadEnum, t, enum_codes<E>());
}

template <class E>
std::string enum_codes() {
  std::string out;
  for (const auto& e : enum_entries<E>()) {
    if (!out.empty()) out += ", ";
    out += e.code;
  }
  return out;
}

VSTATION_ENUM_TABLE(VolunteerStatus, kVolunteerStatus)
VSTATION_ENUM_TABLE(IdDocType, kIdDocType)
VSTATION_ENUM_TABLE(Category, kCategory)
VSTATION_ENUM_TABLE(IncidentType, kIncidentType)
VSTATION_ENUM_TABLE(AssignmentStatus, kAssignmentStatus)
VSTATION_ENUM_TABLE(AssignmentSource, kAssignmentSource)
VSTATION_ENUM_TABLE(SessionStatus, kSessionStatus)
VSTATION_ENUM_TABLE(WalkInPolicy, kWalkInPolicy)
VSTATION_ENUM_TABLE(Preference, kPreference)
VSTATION_ENUM_TABLE(KioskIdentification, kKioskIdentification)
VSTATION_ENUM_TABLE(StaffRole, kStaffRole)

}  // namespace vstation
