#include "vstation/store/repos.hpp"

namespace vstation::store::incidents {

IncidentId insert(Connection& db, const Incident& i) {
  IncidentId id{db.insert(
      "INSERT INTO incidents (station_id, project_id, type, at, people_served, note) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      params(i.station, i.project, code_of(i.type), i.at, i.people_served, i.note))};
  for (auto v : i.volunteers)
    db.execute("INSERT INTO incident_volunteers (incident_id, volunteer_id) VALUES (?, ?)",
               params(id, v));
  return id;
}

std::vector<Incident> all(Connection& db) {
  std::vector<Incident> out;
  {
    auto r = db.query(
        "SELECT id, station_id, project_id, type, at, people_served, note FROM incidents "
        "ORDER BY at, id");
    while (r->next()) {
      Incident i;
      i.id = r->id<IncidentId>(0);
      i.station = r->id<StationId>(1);
      i.project = r->opt_id<ProjectId>(2);
      i.type = parse_enum<IncidentType>(r->str(3));
      i.at = r->instant(4);
      i.people_served = int(r->i64(5));
      i.note = r->str(6);
      out.push_back(std::move(i));
    }
  }
  for (auto& i : out) {
    auto r = db.query(
        "SELECT volunteer_id FROM incident_volunteers WHERE incident_id = ? ORDER BY volunteer_id",
        params(i.id));
    while (r->next()) i.volunteers.push_back(r->id<VolunteerId>(0));
  }
  return out;
}

TrainingId insert_training(Connection& db, const Training& t) {
  TrainingId id{db.insert(
      "INSERT INTO trainings (station_id, topic, starts_at, minutes, skill_id, valid_months) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      params(t.station, t.topic, t.starts, t.minutes, t.grants, t.valid_months))};
  for (auto v : t.attendees)
    db.execute("INSERT INTO training_attendees (training_id, volunteer_id) VALUES (?, ?)",
               params(id, v));
  return id;
}

std::vector<Training> trainings(Connection& db) {
  std::vector<Training> out;
  {
    auto r = db.query(
        "SELECT id, station_id, topic, starts_at, minutes, skill_id, valid_months FROM trainings "
        "ORDER BY starts_at, id");
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
  for (auto& t : out) {
    auto r = db.query(
        "SELECT volunteer_id FROM training_attendees WHERE training_id = ? ORDER BY volunteer_id",
        params(t.id));
    while (r->next()) t.attendees.push_back(r->id<VolunteerId>(0));
  }
  return out;
}

}  // namespace vstation::store::incidents
