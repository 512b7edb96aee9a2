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
// A list of incidents or of trainings: its table, its time column, and its volunteers' table.
struct Listed {
  std::string table, at, people, key;
};
const Listed kIncidentList{"incidents", "at", "incident_volunteers", "incident_id"};
const Listed kTrainingList{"trainings", "starts_at", "training_attendees", "training_id"};

// "WHERE ..." for the rows a list's filter keeps; its parameters are filter_params'.
std::string filtered(const Listed& l) {
  return "WHERE (? IS NULL OR station_id = ?) AND (? IS NULL OR " + l.at + " >= ?) AND (? IS NULL OR " +
         l.at + " < ?) AND (? IS NULL OR EXISTS (SELECT 1 FROM " + l.people + " p WHERE p." + l.key +
         " = " + l.table + ".id AND p.volunteer_id = ?)) ";
}
std::vector<Value> filter_params(const ListFilter& f) {
  auto b = utc_bounds(f);
  return params(f.station, f.station, b.lo, b.lo, b.hi, b.hi, f.volunteer, f.volunteer);
}

// The (row id, volunteer id) pairs of the rows `where` keeps, by row, then volunteer: one query
// for every row, not one a row (a quarter's 1,500 incidents were 1,500 round trips to a server).
std::unique_ptr<Rows> people_of(Connection& db, const Listed& l, const std::string& where,
                                std::vector<Value> args) {
  return db.query("SELECT " + l.key + ", volunteer_id FROM " + l.people + " WHERE " + l.key +
                      " IN (SELECT id FROM " + l.table + " " + where + ") ORDER BY " + l.key +
                      ", volunteer_id",
                  std::move(args));
}
// Each pair of `people` put in `volunteers_of` its row of `rows`, if among them.
template <class T, class Volunteers>
void add_people(std::vector<T>& rows, Rows& people, Volunteers volunteers_of) {
  std::unordered_map<std::int64_t, std::size_t> at_index;
  for (std::size_t i = 0; i < rows.size(); ++i) at_index.emplace(rows[i].id.value, i);
  while (people.next()) {
    auto it = at_index.find(people.i64(0));
    if (it != at_index.end()) volunteers_of(rows[it->second]).push_back(people.id<VolunteerId>(1));
  }
}

constexpr std::string_view kColumns =
    "SELECT id, station_id, project_id, type, at, people_served, note FROM incidents ";

// `rows` in kColumns' order, with their volunteers from `people` (people_of).
std::vector<Incident> read_incidents(std::unique_ptr<Rows> rows, std::unique_ptr<Rows> people) {
  std::vector<Incident> out;
  while (rows->next()) {
    Incident i;
    i.id = rows->id<IncidentId>(0);
    i.station = rows->id<StationId>(1);
    i.project = rows->opt_id<ProjectId>(2);
    i.type = parse_enum<IncidentType>(rows->str(3));
    i.at = rows->instant(4);
    i.people_served = int(rows->i64(5));
    i.note = rows->str(6);
    out.push_back(std::move(i));
  }
  rows.reset();
  add_people(out, *people, [](Incident& i) -> auto& { return i.volunteers; });
  return out;
}
}  // namespace

std::vector<Incident> all(Connection& db, const ListFilter& f) {
  const std::string where = filtered(kIncidentList);
  auto args = filter_params(f);
  auto incidents = db.query(std::string(kColumns) + where + "ORDER BY at, id", args);
  auto rows = read_incidents(std::move(incidents),
                             people_of(db, kIncidentList, where, std::move(args)));
  return on_days(
      db, f, std::move(rows), [](const Incident& i) { return i.at; },
      [](const Incident& i) { return i.station; });
}

std::optional<Incident> get(Connection& db, IncidentId id) {
  auto v = read_incidents(db.query(std::string(kColumns) + "WHERE id = ?", params(id)),
                          people_of(db, kIncidentList, "WHERE id = ?", params(id)));
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
  const std::string where = filtered(kTrainingList);
  auto args = filter_params(f);
  {
    auto r = db.query(
        "SELECT id, station_id, topic, starts_at, minutes, skill_id, valid_months FROM trainings " +
            where + "ORDER BY starts_at, id",
        args);
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
  add_people(out, *people_of(db, kTrainingList, where, std::move(args)),
             [](Training& t) -> auto& { return t.attendees; });
  return out;
}

}  // namespace vstation::store::incidents
