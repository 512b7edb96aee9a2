#pragma once
// Every status and category as an `enum class`, with one table each that gives its stable
// code (stored in the database and CSV files) and its labels in both languages.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "vstation/domain/message.hpp"

namespace vstation {

enum class VolunteerStatus { active, suspended, retired };
enum class IdDocType { none, resident_id, passport, hk_macao_permit, taiwan_permit, other };
enum class Category {
  emergency_aid,
  rescue_assist,
  traffic_persuasion,
  legal_consultation,
  psychological_support,
  learning_exchange,
  convenience_service,
  training,
  other
};
enum class IncidentType {
  emergency_aid,
  rescue_assist,
  traffic_persuasion,
  legal_consultation,
  counseling,
  convenience_service,
  other
};
enum class AssignmentStatus { planned, confirmed, cancelled, no_show };
enum class AssignmentSource { automatic, manual };
enum class SessionStatus { open, closed, auto_closed, confirmed, corrected, rejected };
enum class WalkInPolicy { allow, refuse };
// How a volunteer proves who they are at the kiosk (a station setting). A badge scan is enough
// under every policy; a typed volunteer number may be enough, or need the volunteer's PIN.
enum class KioskIdentification {
  number,      // the number alone, for everyone
  pin_if_set,  // the number alone, unless the volunteer has a PIN (the default)
  number_pin,  // the number and the volunteer's PIN
  badge_pin    // only a badge, or phone tail + PIN: typed numbers are refused
};
// How a volunteer feels about a weekly availability window: the roster builder favours
// `prefer` windows and uses `avoid` windows only when it must.
enum class Preference { ok, prefer, avoid };
// What a staff account is (docs/design.md "staff account"): a station's coordinator or
// secretary, or the district's, who sees every station.
enum class StaffRole { coordinator, secretary, district };

template <class E>
struct EnumEntry {
  E value;
  std::string_view code;
  Msg label;
};

template <class E>
std::span<const EnumEntry<E>> enum_entries();

// The tables live in enums.cpp; declared here so every use sees the specialisation.
template <>
std::span<const EnumEntry<VolunteerStatus>> enum_entries<VolunteerStatus>();
template <>
std::span<const EnumEntry<IdDocType>> enum_entries<IdDocType>();
template <>
std::span<const EnumEntry<Category>> enum_entries<Category>();
template <>
std::span<const EnumEntry<IncidentType>> enum_entries<IncidentType>();
template <>
std::span<const EnumEntry<AssignmentStatus>> enum_entries<AssignmentStatus>();
template <>
std::span<const EnumEntry<AssignmentSource>> enum_entries<AssignmentSource>();
template <>
std::span<const EnumEntry<SessionStatus>> enum_entries<SessionStatus>();
template <>
std::span<const EnumEntry<WalkInPolicy>> enum_entries<WalkInPolicy>();
template <>
std::span<const EnumEntry<Preference>> enum_entries<Preference>();
template <>
std::span<const EnumEntry<KioskIdentification>> enum_entries<KioskIdentification>();
template <>
std::span<const EnumEntry<StaffRole>> enum_entries<StaffRole>();

template <class E>
std::string_view code_of(E value) {
  for (const auto& e : enum_entries<E>())
    if (e.value == value) return e.code;
  return "?";
}

template <class E>
Text label_of(E value) {
  for (const auto& e : enum_entries<E>())
    if (e.value == value) return Text(e.label);
  return Text(Msg{"?", "?"});
}

// The label of the value stored as `code`, to show it to people; nullopt for an unknown code.
template <class E>
std::optional<Msg> label_for_code(std::string_view code) {
  for (const auto& e : enum_entries<E>())
    if (e.code == code) return e.label;
  return std::nullopt;
}

// Accepts the code, the English label or the Chinese label (case-insensitive for ASCII).
// Throws ParseError listing the accepted codes.
template <class E>
E parse_enum(std::string_view s);

// "a, b, c": the accepted codes, for messages and --help.
template <class E>
std::string enum_codes();

}  // namespace vstation
