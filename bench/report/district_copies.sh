# Sourced by make_district_db.sh and make_district_pg.sh: prints the SQL (the dialect SQLite and
# PostgreSQL share) that copies the district's first S stations, V volunteers, … once for every
# k in the table c(k), with ids offset by k times the originals' maximum and codes suffixed
# SUFFIX k, as further stations with their own people and records.
#   district_copies_sql SUFFIX      with S V P H N I T set to the tables' maximum ids
district_copies_sql() {
  local suffix=$1
  cat <<SQL
INSERT INTO stations (id, code, name, location, time_zone, opens_min, closes_min, rounding_min, max_session_min,
  early_allowance_min, overtime_allowance_min, min_rest_min, walk_ins, person_in_charge, contact, retired,
  checkout_grace_min, identification)
  SELECT id + k * $S, code || '$suffix' || k, name || ' $suffix' || k, location, time_zone, opens_min, closes_min, rounding_min,
  max_session_min, early_allowance_min, overtime_allowance_min, min_rest_min, walk_ins, person_in_charge, contact, retired,
  checkout_grace_min, identification
  FROM stations, c WHERE id <= $S;
INSERT INTO volunteers (id, number, name, phone, id_type, id_number, birth_date, join_date, status, guardian_consent,
  max_shifts_week, max_minutes_week, home_station_id)
  SELECT id + k * $V, number || '$suffix' || k, name, phone, id_type, id_number, birth_date, join_date, status, guardian_consent,
  max_shifts_week, max_minutes_week, home_station_id + k * $S FROM volunteers, c WHERE id <= $V;
INSERT INTO projects (id, code, station_id, name, category, published, starts, ends, description, retired)
  SELECT id + k * $P, code || '$suffix' || k, station_id + k * $S, name, category, published, starts, ends, description, retired
  FROM projects, c WHERE id <= $P;
INSERT INTO shifts (id, station_id, project_id, template_id, starts_at, ends_at, slots, priority, cancelled)
  SELECT id + k * $H, station_id + k * $S, project_id + k * $P, NULL, starts_at, ends_at, slots, priority, cancelled
  FROM shifts, c WHERE id <= $H;
INSERT INTO sessions (id, volunteer_id, station_id, shift_id, project_id, raw_in, raw_out, eff_in, eff_out, status,
  credited_min, note, proposed_out, seal)
  SELECT id + k * $N, volunteer_id + k * $V, station_id + k * $S, shift_id + k * $H, project_id + k * $P, raw_in,
  raw_out, eff_in, eff_out, status, credited_min, note, proposed_out, seal FROM sessions, c WHERE id <= $N;
INSERT INTO incidents (id, station_id, project_id, type, at, people_served, note)
  SELECT id + k * $I, station_id + k * $S, project_id + k * $P, type, at, people_served, note FROM incidents, c WHERE id <= $I;
INSERT INTO trainings (id, station_id, topic, starts_at, minutes, skill_id, valid_months)
  SELECT id + k * $T, station_id + k * $S, topic, starts_at, minutes, skill_id, valid_months FROM trainings, c WHERE id <= $T;
INSERT INTO training_attendees (training_id, volunteer_id)
  SELECT training_id + k * $T, volunteer_id + k * $V FROM training_attendees, c WHERE training_id <= $T;
SQL
}
