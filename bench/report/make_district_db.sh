#!/usr/bin/env bash
# Builds the district database of the report benchmark: the generator's district (SCALE
# stations over two years, ~400k sessions for 100 stations) imported with `vstation import all`,
# then copied COPIES more times inside SQLite as further stations with their own volunteers,
# projects, shifts, sessions, incidents and trainings (ids and codes offset per copy), so the
# rows are the generator's rows and the file reaches ~10 million sessions in minutes instead of
# an hour of CSV import. Assignments and availability are not copied (reports do not read them).
#   bench/report/make_district_db.sh OUT.db [SCALE=100] [COPIES=24]
set -euo pipefail
out=$1
scale=${2:-100}
copies=${3:-24}
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/../../build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build/data/generator/vstation_generate" --out "$work/csv" --scale "$scale" --from 2023-01-01 --to 2024-12-31
rm -f "$out" "$out-wal" "$out-shm"
"$build/apps/vstation" --db "$out" import all "$work/csv" > /dev/null

max() { sqlite3 "$out" "SELECT COALESCE(MAX(id), 0) FROM $1"; }
S=$(max stations) V=$(max volunteers) P=$(max projects) H=$(max shifts) N=$(max sessions) I=$(max incidents) T=$(max trainings)
sqlite3 "$out" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
CREATE TEMP TABLE c (k INTEGER PRIMARY KEY);
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < $copies) INSERT INTO c SELECT k FROM n;
INSERT INTO stations (id, code, name, location, utc_offset_min, opens_min, closes_min, rounding_min, max_session_min,
  early_allowance_min, overtime_allowance_min, min_rest_min, walk_ins, person_in_charge, contact, retired)
  SELECT id + k * $S, code || '-' || k, name || ' ' || k, location, utc_offset_min, opens_min, closes_min, rounding_min,
  max_session_min, early_allowance_min, overtime_allowance_min, min_rest_min, walk_ins, person_in_charge, contact, retired
  FROM stations, c WHERE id <= $S;
INSERT INTO volunteers (id, number, name, phone, id_type, id_number, birth_date, join_date, status, guardian_consent,
  max_shifts_week, max_minutes_week, home_station_id)
  SELECT id + k * $V, number || '-' || k, name, phone, id_type, id_number, birth_date, join_date, status, guardian_consent,
  max_shifts_week, max_minutes_week, home_station_id + k * $S FROM volunteers, c WHERE id <= $V;
INSERT INTO projects (id, code, station_id, name, category, published, starts, ends, description, retired)
  SELECT id + k * $P, code || '-' || k, station_id + k * $S, name, category, published, starts, ends, description, retired
  FROM projects, c WHERE id <= $P;
INSERT INTO shifts (id, station_id, project_id, template_id, starts_at, ends_at, slots, priority, cancelled)
  SELECT id + k * $H, station_id + k * $S, project_id + k * $P, NULL, starts_at, ends_at, slots, priority, cancelled
  FROM shifts, c WHERE id <= $H;
INSERT INTO sessions (id, volunteer_id, station_id, shift_id, project_id, raw_in, raw_out, eff_in, eff_out, status,
  credited_min, note)
  SELECT id + k * $N, volunteer_id + k * $V, station_id + k * $S, shift_id + k * $H, project_id + k * $P, raw_in,
  raw_out, eff_in, eff_out, status, credited_min, note FROM sessions, c WHERE id <= $N;
INSERT INTO incidents (id, station_id, project_id, type, at, people_served, note)
  SELECT id + k * $I, station_id + k * $S, project_id + k * $P, type, at, people_served, note FROM incidents, c WHERE id <= $I;
INSERT INTO trainings (id, station_id, topic, starts_at, minutes, skill_id, valid_months)
  SELECT id + k * $T, station_id + k * $S, topic, starts_at, minutes, skill_id, valid_months FROM trainings, c WHERE id <= $T;
INSERT INTO training_attendees (training_id, volunteer_id)
  SELECT training_id + k * $T, volunteer_id + k * $V FROM training_attendees, c WHERE training_id <= $T;
COMMIT;
ANALYZE;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
sqlite3 "$out" "SELECT 'stations', COUNT(*) FROM stations UNION ALL SELECT 'sessions', COUNT(*) FROM sessions"
