#include "vstation/store/repos.hpp"

namespace vstation::store {
namespace {

constexpr std::string_view kStationColumns =
    "id, code, name, location, time_zone, opens_min, closes_min, rounding_min, "
    "max_session_min, early_allowance_min, overtime_allowance_min, min_rest_min, walk_ins, "
    "person_in_charge, contact, retired, checkout_grace_min, identification, reminder_min, "
    "cancel_deadline_hours";

Station read_station(const Rows& r) {
  Station s;
  s.id = r.id<StationId>(0);
  s.code = r.str(1);
  s.name = r.str(2);
  s.location = r.str(3);
  s.zone = TimeZone::named(r.str(4));
  s.opens = TimeOfDay{int(r.i64(5))};
  s.closes = TimeOfDay{int(r.i64(6))};
  s.settings.rounding_minutes = int(r.i64(7));
  s.settings.max_session_minutes = int(r.i64(8));
  s.settings.early_allowance_minutes = int(r.i64(9));
  s.settings.overtime_allowance_minutes = int(r.i64(10));
  s.settings.min_rest_minutes = int(r.i64(11));
  s.settings.walk_ins = parse_enum<WalkInPolicy>(r.str(12));
  s.person_in_charge = r.str(13);
  s.contact = r.str(14);
  s.retired = r.flag(15);
  s.settings.checkout_grace_minutes = int(r.i64(16));
  s.settings.identification = parse_enum<KioskIdentification>(r.str(17));
  s.settings.reminder_minutes = int(r.i64(18));
  s.settings.cancel_deadline_hours = int(r.i64(19));
  return s;
}

std::vector<Value> station_values(const Station& s) {
  return params(s.code, s.name, s.location, s.zone.name(), s.opens.minutes, s.closes.minutes,
                s.settings.rounding_minutes, s.settings.max_session_minutes,
                s.settings.early_allowance_minutes, s.settings.overtime_allowance_minutes,
                s.settings.min_rest_minutes, code_of(s.settings.walk_ins), s.person_in_charge,
                s.contact, s.retired, s.settings.checkout_grace_minutes,
                code_of(s.settings.identification), s.settings.reminder_minutes,
                s.settings.cancel_deadline_hours);
}

std::vector<Station> read_stations(std::unique_ptr<Rows> r) {
  std::vector<Station> out;
  while (r->next()) out.push_back(read_station(*r));
  return out;
}

Skill read_skill(const Rows& r) {
  return Skill{r.id<SkillId>(0), r.str(1), r.str(2), r.str(3)};
}

Certification read_cert(const Rows& r) {
  return Certification{r.id<VolunteerId>(0), r.id<SkillId>(1), r.date(2), r.opt_date(3)};
}

}  // namespace

namespace stations {

StationId insert(Connection& db, const Station& s) {
  return StationId{db.insert(
      "INSERT INTO stations (code, name, location, time_zone, opens_min, closes_min, "
      "rounding_min, max_session_min, early_allowance_min, overtime_allowance_min, "
      "min_rest_min, walk_ins, person_in_charge, contact, retired, checkout_grace_min, "
      "identification, reminder_min, cancel_deadline_hours) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      station_values(s))};
}

void update(Connection& db, const Station& s) {
  auto v = station_values(s);
  v.push_back(s.id.value);
  db.execute(
      "UPDATE stations SET code = ?, name = ?, location = ?, time_zone = ?, opens_min = ?, "
      "closes_min = ?, rounding_min = ?, max_session_min = ?, early_allowance_min = ?, "
      "overtime_allowance_min = ?, min_rest_min = ?, walk_ins = ?, person_in_charge = ?, "
      "contact = ?, retired = ?, checkout_grace_min = ?, identification = ?, reminder_min = ?, "
      "cancel_deadline_hours = ? WHERE id = ?",
      std::move(v));
}

std::optional<Station> find(Connection& db, std::string_view code) {
  auto r = db.query("SELECT " + std::string(kStationColumns) + " FROM stations WHERE code = ?",
                    params(code));
  if (!r->next()) return std::nullopt;
  return read_station(*r);
}

std::optional<Station> get(Connection& db, StationId id) {
  // Made once: a kiosk reads its station again after another process wrote (cached by address).
  static const std::string sql =
      "SELECT " + std::string(kStationColumns) + " FROM stations WHERE id = ?";
  auto r = db.query(sql, params(id));
  if (!r->next()) return std::nullopt;
  return read_station(*r);
}

std::vector<Station> all(Connection& db) {
  return read_stations(
      db.query("SELECT " + std::string(kStationColumns) + " FROM stations ORDER BY code"));
}

bool holds_local_times(Connection& db, StationId id) {
  return db.scalar(
               "SELECT CASE WHEN EXISTS (SELECT 1 FROM shifts WHERE station_id = ?) OR "
               "EXISTS (SELECT 1 FROM sessions WHERE station_id = ?) OR EXISTS (SELECT 1 "
               "FROM incidents WHERE station_id = ?) OR EXISTS (SELECT 1 FROM trainings "
               "WHERE station_id = ?) THEN 1 ELSE 0 END",
               params(id.value, id.value, id.value, id.value))
             .value_or(0) != 0;
}

}  // namespace stations

namespace skills {

SkillId insert(Connection& db, const Skill& s) {
  return SkillId{db.insert(
      "INSERT INTO skills (code, name_en, name_zh) VALUES (?, ?, ?)",
      params(s.code, s.name_en, s.name_zh))};
}

void update(Connection& db, const Skill& s) {
  db.execute("UPDATE skills SET code = ?, name_en = ?, name_zh = ? WHERE id = ?",
             params(s.code, s.name_en, s.name_zh, s.id));
}

std::optional<Skill> find(Connection& db, std::string_view code) {
  auto r = db.query("SELECT id, code, name_en, name_zh FROM skills WHERE code = ?", params(code));
  if (!r->next()) return std::nullopt;
  return read_skill(*r);
}

std::optional<Skill> get(Connection& db, SkillId id) {
  auto r = db.query("SELECT id, code, name_en, name_zh FROM skills WHERE id = ?", params(id));
  if (!r->next()) return std::nullopt;
  return read_skill(*r);
}

std::vector<Skill> all(Connection& db) {
  auto r = db.query("SELECT id, code, name_en, name_zh FROM skills ORDER BY code");
  std::vector<Skill> out;
  while (r->next()) out.push_back(read_skill(*r));
  return out;
}

void add_certification(Connection& db, const Certification& c,
                       std::optional<TrainingId> from_training) {
  db.execute(
      "INSERT INTO certifications (volunteer_id, skill_id, granted, expires, training_id) "
      "VALUES (?, ?, ?, ?, ?)",
      params(c.volunteer, c.skill, c.granted, c.expires, from_training));
}

std::vector<Certification> certifications(Connection& db, const ListFilter& f) {
  auto r = db.query(
      "SELECT volunteer_id, skill_id, granted, expires FROM certifications "
      "WHERE (? IS NULL OR volunteer_id = ?) ORDER BY volunteer_id, skill_id, granted",
      params(f.volunteer, f.volunteer));
  std::vector<Certification> out;
  while (r->next()) out.push_back(read_cert(*r));
  return out;
}

std::vector<Certification> certifications_of(Connection& db, VolunteerId v) {
  auto r = db.query(
      "SELECT volunteer_id, skill_id, granted, expires FROM certifications "
      "WHERE volunteer_id = ? ORDER BY skill_id, granted",
      params(v));
  std::vector<Certification> out;
  while (r->next()) out.push_back(read_cert(*r));
  return out;
}

}  // namespace skills
}  // namespace vstation::store
