#!/usr/bin/env bash
# Builds the PostgreSQL district database of the report benchmark from the SQLite one that
# make_district_db.sh makes with `vstation import all` (SCALE 5000 for ~20 million sessions): the
# schema comes from vstation's own migrations (any command creates it), every row is copied
# with COPY as it is (ids, seals), so `vstation check` passes on the copy as on the file.
# Finally VACUUM ANALYZE.
#   bench/report/make_district_pg.sh DISTRICT.db postgresql://…/dbname
set -euo pipefail
src=$1
url=$2
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/../../build}
psql_() { psql -X -q -v ON_ERROR_STOP=1 -d "$url" "$@"; }

"$build/apps/vstation" --db "$url" check > /dev/null   # creates the schema

# Parents before children, and the audit trail (its chain is checked); what reports never read
# (availability, roster) stays behind.
tables=(stations volunteers skills trainings training_attendees certifications projects shift_templates
  template_minimums shifts shift_minimums sessions incidents incident_volunteers attendance_aggregates audit)
for t in "${tables[@]}"; do
  # The columns both schemas have, in the SQLite file's order.
  pg_cols=$(psql_ -At -c "SELECT column_name FROM information_schema.columns WHERE table_name = '$t'")
  cols=$(sqlite3 "$src" "SELECT name FROM pragma_table_info('$t')" | grep -Fxf <(echo "$pg_cols") | paste -sd,)
  echo "copying $t ($cols)" >&2
  sqlite3 -csv "$src" "SELECT $cols FROM $t" | psql_ -c "\\copy $t ($cols) FROM STDIN WITH (FORMAT csv)"
done

# Identity columns continue after the copied ids.
for t in $(psql_ -At -c "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public'
    AND column_name = 'id' AND is_identity = 'YES'"); do
  psql_ -At -c "SELECT setval(pg_get_serial_sequence('$t', 'id'), MAX(id)) FROM $t HAVING COUNT(*) > 0" > /dev/null
done
psql_ -c "VACUUM ANALYZE"
psql_ -At -c "SELECT 'stations', COUNT(*) FROM stations UNION ALL SELECT 'sessions', COUNT(*) FROM sessions"
