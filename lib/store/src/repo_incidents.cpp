#include <unordered_map>

#include "batched_upsert.hpp"
#include "bulk_rows.hpp"
#include "local_days.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::store::incidents {

namespace {
constexpr std::string_view kIncidentColumns =
    "station_id, project_id, type, at, people_served, note";
constexpr std::string_view kInvolvedInsert =
    "INSERT INTO incident_volunteers (incident_id, volunteer_id) VALUES ";

void append_incident(std::vector<Value>& args, const Incident& i) {
  args.insert(args.end(), {to_value(i.station), to_value(i.project), to_value(code_of(i.type)),
                           to_value(i.at), to_value(std::int64_t(i.people_served)),
                           to_value(i.note)});
}
}  // namespace

IncidentId insert(Connection& db, const Incident& i) {
  static const std::string sql = "INSERT INTO incidents (" + std::string(kIncidentColumns) +
                                 ") VALUES " +
                                 batched::placeholders(batched::columns_of(kIncidentColumns));
  std::vector<Value> args;
  append_incident(args, i);
  IncidentId id{db.insert(sql, std::move(args))};
  for (auto v : i.volunteers) db.execute(std::string(kInvolvedInsert) + "(?, ?)", params(id, v));
  return id;
}

IncidentId next_id(Connection& db) {
  return IncidentId{batched::next_id(db, "incidents")};
}

BoundRows values_with_ids(std::span<const Incident> rows) {
  BoundRows out;
  out.incidents = batched::bind_all(rows.size(), batched::columns_of(kIncidentColumns) + 1,
                                    [&](std::size_t i, std::vector<Value>& args) {
                                      args.push_back(to_value(rows[i].id));
                                      append_incident(args, rows[i]);
                                    });
  for (const auto& i : rows)
    for (auto v : i.volunteers) out.volunteers.insert(out.volunteers.end(), {to_value(i.id), to_value(v)});
  return out;
}

void insert_values(Connection& db, BoundRows rows) {
  static const std::string head = "INSERT INTO incidents (id, " + std::string(kIncidentColumns) +
                                  ") VALUES ";
  batched::write_bound(db, head, batched::columns_of(kIncidentColumns) + 1, "",
                       std::move(rows.incidents));
  batched::write_bound(db, kInvolvedInsert, batched::columns_of(kInvolvedInsert), "",
                       std::move(rows.volunteers));
}

namespace {
constexpr std::string_view kColumns =
    "SELECT id, station_id, project_id, type, at, people_served, note FROM incidents ";
// The incidents a list's filter keeps; its parameters are filter_params'.
constexpr std::string_view kFiltered =
    "WHERE (? IS NULL OR station_id = ?) AND (? IS NULL OR at >= ?) "
    "AND (? IS NULL OR at < ?) AND (? IS NULL OR EXISTS (SELECT 1 FROM "
    "incident_volunteers iv WHERE iv.incident_id = incidents.id AND "
    "iv.volunteer_id = ?)) ";

std::vector<Value> filter_params(const ListFilter& f) {
  auto b = utc_bounds(f);
  return params(f.station, f.station, b.lo, b.lo, b.hi, b.hi, f.volunteer, f.volunteer);
}

// `rows` in kColumns' order; `people` (incident, volunteer) pairs by incident, then volunteer,
// for those incidents at least: one query for everyone, not one an incident (a quarter's 1,500
// incidents were 1,500 round trips to a server).
std::vector<Incident> read_incidents(std::unique_ptr<Rows> rows, std::unique_ptr<Rows> people) {
  std::vector<Incident> out;
  std::unordered_map<std::int64_t, std::size_t> at_index;
  while (rows->next()) {
    Incident i;
    i.id = rows->id<IncidentId>(0);
    i.station = rows->id<StationId>(1);
    i.project = rows->opt_id<ProjectId>(2);
    i.type = parse_enum<IncidentType>(rows->str(3));
    i.at = rows->instant(4);
    i.people_served = int(rows->i64(5));
    i.note = rows->str(6);
    at_index.emplace(i.id.value, out.size());
    out.push_back(std::move(i));
  }
  rows.reset();
  while (people->next()) {
    auto it = at_index.find(people->i64(0));
    if (it != at_index.end()) out[it->second].volunteers.push_back(people->id<VolunteerId>(1));
  }
  return out;
}
}  // namespace

std::vector<Incident> all(Connection& db, const ListFilter& f) {
  auto rows = read_incidents(
      db.query(std::string(kColumns) + std::string(kFiltered) + "ORDER BY at, id",
               filter_params(f)),
      db.query("SELECT incident_id, volunteer_id FROM incident_volunteers WHERE incident_id IN "
               "(SELECT id FROM incidents " +
                   std::string(kFiltered) + ") ORDER BY incident_id, volunteer_id",
               filter_params(f)));
  return on_days(
      db, f, std::move(rows), [](const Incident& i) { return i.at; },
      [](const Incident& i) { return i.station; });
}

std::optional<Incident> get(Connection& db, IncidentId id) {
  auto v = read_incidents(
      db.query(std::string(kColumns) + "WHERE id = ?", params(id)),
      db.query("SELECT incident_id, volunteer_id FROM incident_volunteers WHERE incident_id = ? "
               "ORDER BY volunteer_id",
               params(id)));
  if (v.empty()) return std::nullopt;
  return v.front();
}

void update(Connection& db, const Incident& i) {
  db.execute("UPDATE incidents SET station_id = ?, project_id = ?, type = ?, at = ?, people_served = ?, note = ? "
             "WHERE id = ?",
             params(i.station, i.project, code_of(i.type), i.at, i.people_served, i.note, i.id));
  db.execute("DELETE FROM incident_volunteers WHERE incident_id = ?", params(i.id));
  for (auto v : i.volunteers)
    db.execute("INSERT INTO incident_volunteers (incident_id, volunteer_id) VALUES (?, ?)", params(i.id, v));
}

void remove(Connection& db, IncidentId id) {
  db.execute("DELETE FROM incident_volunteers WHERE incident_id = ?", params(id));
  db.execute("DELETE FROM incidents WHERE id = ?", params(id));
}

TrainingId insert_training(Connection& db, const Training& t) {
  TrainingId id{db.insert(
      "INSERT INTO trainings (station_id, topic, starts_at, minutes, skill_id, valid_months) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      params(t.station, t.topic, t.starts, t.minutes, t.grants, t.valid_months))};
  for (auto v : t.attendees)
    db.execute("INSERT INTO training_attendees (training_id, volunteer_id) VALUES (?, ?)",
               params(id, v));
  return id;
}

std::vector<Training> trainings(Connection& db, const ListFilter& f) {
  std::vector<Training> out;
  {
    auto b = utc_bounds(f);
    auto r = db.query(
        "SELECT id, station_id, topic, starts_at, minutes, skill_id, valid_months FROM trainings "
        "WHERE (? IS NULL OR station_id = ?) AND (? IS NULL OR starts_at >= ?) "
        "AND (? IS NULL OR starts_at < ?) AND (? IS NULL OR EXISTS (SELECT 1 FROM "
        "training_attendees ta WHERE ta.training_id = trainings.id AND ta.volunteer_id = ?)) "
        "ORDER BY starts_at, id",
        params(f.station, f.station, b.lo, b.lo, b.hi, b.hi, f.volunteer, f.volunteer));
    while (r->next()) {
      Training t;
      t.id = r->id<TrainingId>(0);
      t.station = r->id<StationId>(1);
      t.topic = r->str(2);
      t.starts = r->instant(3);
      t.minutes = int(r->i64(4));
      t.grants = r->opt_id<SkillId>(5);
      t.valid_months = int(r->i64(6));
      out.push_back(std::move(t));
    }
  }
  out = on_days(
      db, f, std::move(out), [](const Training& t) { return t.starts; },
      [](const Training& t) { return t.station; });
  for (auto& t : out) {
    auto r = db.query(
        "SELECT volunteer_id FROM training_attendees WHERE training_id = ? ORDER BY volunteer_id",
        params(t.id));
    while (r->next()) t.attendees.push_back(r->id<VolunteerId>(0));
  }
  return out;
}

}  // namespace vstation::store::incidents
