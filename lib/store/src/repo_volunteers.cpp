#include "code_ids.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/web_state.hpp"

namespace vstation::store {
namespace {

constexpr std::string_view kColumns =
    "SELECT id, number, name, phone, id_type, id_number, birth_date, join_date, status, "
    "guardian_consent, max_shifts_week, max_minutes_week, home_station_id FROM volunteers ";

Volunteer read_volunteer(const Rows& r) {
  Volunteer v;
  v.id = r.id<VolunteerId>(0);
  v.number = r.str(1);
  v.name = r.str(2);
  v.phone = r.str(3);
  v.id_type = parse_enum<IdDocType>(r.str(4));
  v.id_number = r.str(5);
  v.birth_date = r.opt_date(6);
  v.join_date = r.date(7);
  v.status = parse_enum<VolunteerStatus>(r.str(8));
  v.guardian_consent = r.flag(9);
  v.max_shifts_per_week = int(r.i64(10));
  v.max_minutes_per_week = int(r.i64(11));
  v.home_station = r.opt_id<StationId>(12);
  return v;
}

std::vector<Value> values(const Volunteer& v) {
  return params(v.number, v.name, v.phone, code_of(v.id_type), v.id_number, v.birth_date,
                v.join_date, code_of(v.status), v.guardian_consent, v.max_shifts_per_week,
                v.max_minutes_per_week, v.home_station);
}

std::vector<AvailabilityWindow> read_windows(std::unique_ptr<Rows> r) {
  std::vector<AvailabilityWindow> out;
  while (r->next())
    out.push_back({r->id<AvailabilityId>(0), r->id<VolunteerId>(1), Weekday(r->i64(2)),
                   TimeOfDay{int(r->i64(3))}, TimeOfDay{int(r->i64(4))},
                   parse_enum<Preference>(r->str(5))});
  return out;
}

std::vector<AvailabilityException> read_exceptions(std::unique_ptr<Rows> r) {
  std::vector<AvailabilityException> out;
  while (r->next()) {
    AvailabilityException e;
    e.id = r->id<AvailabilityId>(0);
    e.volunteer = r->id<VolunteerId>(1);
    e.date = r->date(2);
    if (!r->is_null(3)) e.start = TimeOfDay{int(r->i64(3))};
    if (!r->is_null(4)) e.end = TimeOfDay{int(r->i64(4))};
    e.available = r->flag(5);
    out.push_back(e);
  }
  return out;
}

}  // namespace

namespace volunteers {

VolunteerId insert(Connection& db, const Volunteer& v) {
  return VolunteerId{db.insert(
      "INSERT INTO volunteers (number, name, phone, id_type, id_number, birth_date, join_date, "
      "status, guardian_consent, max_shifts_week, max_minutes_week, home_station_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      values(v))};
}

void update(Connection& db, const Volunteer& v) {
  auto args = values(v);
  args.push_back(v.id.value);
  db.execute(
      "UPDATE volunteers SET number = ?, name = ?, phone = ?, id_type = ?, id_number = ?, "
      "birth_date = ?, join_date = ?, status = ?, guardian_consent = ?, max_shifts_week = ?, "
      "max_minutes_week = ?, home_station_id = ? WHERE id = ?",
      std::move(args));
  // Retired or suspended: signed out everywhere (a lifted suspension does not bring a session
  // back; web::find_session also refuses a session of anyone not active).
  if (v.status != VolunteerStatus::active) web::revoke_sessions_of(db, v.id);
}

std::optional<Volunteer> find(Connection& db, std::string_view number) {
  auto r = db.query(std::string(kColumns) + "WHERE number = ?", params(number));
  if (!r->next()) return std::nullopt;
  return read_volunteer(*r);
}

std::optional<Volunteer> get(Connection& db, VolunteerId id) {
  auto r = db.query(std::string(kColumns) + "WHERE id = ?", params(id));
  if (!r->next()) return std::nullopt;
  return read_volunteer(*r);
}

std::vector<Volunteer> all(Connection& db, const ListFilter& f) {
  auto r = db.query(std::string(kColumns) +
                        "WHERE (? IS NULL OR home_station_id = ?) AND (? IS NULL OR status = ?) "
                        "ORDER BY number",
                    params(f.station, f.station, f.status, f.status));
  std::vector<Volunteer> out;
  while (r->next()) out.push_back(read_volunteer(*r));
  return out;
}


bool numbers(Connection& db, std::int64_t limit,
             const std::function<void(std::string_view, VolunteerId)>& each) {
  return each_code<VolunteerId>(db, "SELECT number, id FROM volunteers LIMIT ?", limit, each);
}
}  // namespace volunteers

namespace availability {

void insert_window(Connection& db, const AvailabilityWindow& w) {
  db.execute(
      "INSERT INTO availability (volunteer_id, weekday, start_min, end_min, preference) "
      "VALUES (?, ?, ?, ?, ?)",
      params(w.volunteer, int(w.day), w.start.minutes, w.end.minutes, code_of(w.preference)));
}

void insert_exception(Connection& db, const AvailabilityException& e) {
  std::optional<int> start, end;
  if (e.start) start = e.start->minutes;
  if (e.end) end = e.end->minutes;
  db.execute(
      "INSERT INTO availability_exceptions (volunteer_id, day, start_min, end_min, available) "
      "VALUES (?, ?, ?, ?, ?)",
      params(e.volunteer, e.date, start, end, e.available));
}

// One volunteer's rows by the index on volunteer_id: `? IS NULL OR volunteer_id = ?` is planned
// before the value is known and reads the whole table, which made an import of availability
// (every row asks for its volunteer's windows) quadratic.
std::vector<AvailabilityWindow> windows(Connection& db, std::optional<VolunteerId> v) {
  constexpr std::string_view kSelect =
      "SELECT id, volunteer_id, weekday, start_min, end_min, preference FROM availability ";
  if (!v) return read_windows(db.query(std::string(kSelect) + "ORDER BY volunteer_id, weekday, start_min"));
  return read_windows(db.query(std::string(kSelect) + "WHERE volunteer_id = ? ORDER BY weekday, start_min",
                               params(*v)));
}

std::vector<AvailabilityException> exceptions(Connection& db, std::optional<VolunteerId> v) {
  constexpr std::string_view kSelect =
      "SELECT id, volunteer_id, day, start_min, end_min, available FROM availability_exceptions ";
  if (!v) return read_exceptions(db.query(std::string(kSelect) + "ORDER BY volunteer_id, day, start_min"));
  return read_exceptions(db.query(std::string(kSelect) + "WHERE volunteer_id = ? ORDER BY day, start_min",
                                  params(*v)));
}

std::optional<AvailabilityWindow> window(Connection& db, AvailabilityId id) {
  auto v = read_windows(db.query(
      "SELECT id, volunteer_id, weekday, start_min, end_min, preference FROM availability WHERE id = ?", params(id)));
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::optional<AvailabilityException> exception(Connection& db, AvailabilityId id) {
  auto v = read_exceptions(db.query(
      "SELECT id, volunteer_id, day, start_min, end_min, available FROM availability_exceptions WHERE id = ?",
      params(id)));
  if (v.empty()) return std::nullopt;
  return v.front();
}

void update_window(Connection& db, const AvailabilityWindow& w) {
  db.execute(
      "UPDATE availability SET volunteer_id = ?, weekday = ?, start_min = ?, end_min = ?, "
      "preference = ? WHERE id = ?",
      params(w.volunteer, int(w.day), w.start.minutes, w.end.minutes, code_of(w.preference), w.id));
}

void update_exception(Connection& db, const AvailabilityException& e) {
  std::optional<int> start, end;
  if (e.start) start = e.start->minutes;
  if (e.end) end = e.end->minutes;
  db.execute(
      "UPDATE availability_exceptions SET volunteer_id = ?, day = ?, start_min = ?, end_min = ?, "
      "available = ? WHERE id = ?",
      params(e.volunteer, e.date, start, end, e.available, e.id));
}

void remove_window(Connection& db, AvailabilityId id) {
  db.execute("DELETE FROM availability WHERE id = ?", params(id));
}

void remove_exception(Connection& db, AvailabilityId id) {
  db.execute("DELETE FROM availability_exceptions WHERE id = ?", params(id));
}

}  // namespace availability
namespace identity {
namespace {

// The statement for volunteers found by `where`; made once, so that the connection finds it
// prepared by its text's address (a kiosk's scan runs it every time).
std::string at_kiosk_sql(std::string_view where) {
  return "SELECT v.id, v.number, v.name, v.phone, v.id_type, v.id_number, v.birth_date, "
         "v.join_date, v.status, v.guardian_consent, v.max_shifts_week, v.max_minutes_week, "
         "v.home_station_id, v.pin_hash IS NOT NULL, l.failures, l.locked_until FROM volunteers v "
         "LEFT JOIN kiosk_lockouts l ON l.volunteer_id = v.id WHERE " +
         std::string(where);
}

std::optional<AtKiosk> at_kiosk(Connection& db, const std::string& sql, std::string_view key) {
  auto r = db.query(sql, params(key));
  if (!r->next()) return std::nullopt;
  AtKiosk a{read_volunteer(*r), {}};
  a.gate.has_pin = r->flag(13);
  if (!r->is_null(14)) a.gate.lockout = {int(r->i64(14)), r->opt_instant(15)};
  return a;
}

}  // namespace

std::optional<AtKiosk> at_kiosk_by_number(Connection& db, std::string_view number) {
  static const std::string sql = at_kiosk_sql("v.number = ?");
  if (auto a = at_kiosk(db, sql, number)) return a;
  std::string upper(number);
  for (auto& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
  if (upper == number) return std::nullopt;
  return at_kiosk(db, sql, upper);
}

std::optional<AtKiosk> at_kiosk_by_badge(Connection& db, std::string_view token) {
  static const std::string sql = at_kiosk_sql("v.badge_token = ?");
  return at_kiosk(db, sql, token);
}

}  // namespace identity
}  // namespace vstation::store
