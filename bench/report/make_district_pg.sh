#!/usr/bin/env bash
# Builds the PostgreSQL district database of the report benchmark from the SQLite one that
# make_district_db.sh makes with `vstation import all` (SCALE 5000 for ~20 million sessions): the
# schema comes from vstation's own migrations (any command creates it), every row is copied
# with COPY as it is (ids, seals), so `vstation check` passes on the copy as on the file.
# COPIES > 0 then copies the whole district that many more times inside PostgreSQL as further
# stations with their own volunteers, projects, shifts, sessions, incidents and trainings (ids
# offset by COPIES times each table's largest, codes and numbers suffixed; each session's seal
# moved by the same offsets, so a row sealed right in the file is sealed right in its copy; the
# copies add no audit rows): COPIES=1 on the 10-million-session file gives the 20-million district.
# Then `vstation recount` fills the credit totals (no triggers ran), and VACUUM ANALYZE.
#   bench/report/make_district_pg.sh DISTRICT.db postgresql://…/dbname [COPIES=0]
set -euo pipefail
src=$1
url=$2
copies=${3:-0}
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/../../build}
psql_() { psql -X -q -v ON_ERROR_STOP=1 -d "$url" "$@"; }

"$build/apps/vstation" init "$url" > /dev/null   # creates the schema

# The rows come from a consistent vstation file (and the copies keep it so): foreign keys and
# triggers are not checked again row by row (tens of millions of look-ups; superuser only).
export PGOPTIONS="${PGOPTIONS:-} -c session_replication_role=replica"

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

if (( copies > 0 )); then
  declare -A top
  for t in stations volunteers projects shifts sessions incidents trainings attendance_aggregates; do
    top[$t]=$(psql_ -At -c "SELECT COALESCE(MAX(id), 0) FROM $t")
  done
  # A session's seal is 7 B^11 + volunteer B^10 + station B^9 + shift B^8 + project B^7 + … mod M
  # (lib/store/src/seal.cpp): an id moved by d moves the seal by d B^e.
  M=2147483647 B=1000003
  moved() { # column exponent table: the seal's move for that column, per copy k
    echo "(CASE WHEN $1 IS NULL THEN 0 ELSE (k * ${top[$3]} % $M) * $(python3 -c "print(pow($B, $2, $M))") % $M END)"
  }
  seal="(seal + $(moved volunteer_id 10 volunteers) + $(moved station_id 9 stations) + $(moved shift_id 8 shifts) + $(moved project_id 7 projects)) % $M"
  sql="CREATE TEMP TABLE c AS SELECT k::bigint AS k FROM generate_series(1, $copies) AS k;"
  for t in stations volunteers projects shifts sessions incidents incident_volunteers trainings training_attendees attendance_aggregates; do
    cols=() exprs=()
    for col in $(psql_ -At -c "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'
        AND table_name = '$t' AND is_generated = 'NEVER' ORDER BY ordinal_position"); do
      case "$t.$col" in
        *.id) e="id + k * ${top[$t]}" ;;
        *.station_id | *.home_station_id) e="$col + k * ${top[stations]}" ;;
        *.volunteer_id) e="$col + k * ${top[volunteers]}" ;;
        *.project_id) e="$col + k * ${top[projects]}" ;;
        *.shift_id) e="$col + k * ${top[shifts]}" ;;
        *.incident_id) e="$col + k * ${top[incidents]}" ;;
        *.training_id) e="$col + k * ${top[trainings]}" ;;
        *.template_id) e="NULL" ;;  # templates are not copied
        volunteers.badge_token) e="NULL" ;;  # unique; the copies get none
        stations.code | volunteers.number | projects.code) e="$col || '-c' || k" ;;
        sessions.seal) e="$seal" ;;
        *) e=$col ;;
      esac
      cols+=("$col") exprs+=("$e")
    done
    case $t in
      incident_volunteers) only="incident_id <= ${top[incidents]}" ;;
      training_attendees) only="training_id <= ${top[trainings]}" ;;
      *) only="id <= ${top[$t]}" ;;
    esac
    sql+="
INSERT INTO $t ($(IFS=,; echo "${cols[*]}")) SELECT $(IFS=,; echo "${exprs[*]}") FROM $t, c WHERE $only;"
  done
  echo "copying the district $copies more time(s) inside PostgreSQL" >&2
  psql_ -c "BEGIN" -c "$sql" -c "COMMIT"
fi

# Identity columns continue after the copied ids.
for t in $(psql_ -At -c "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public'
    AND column_name = 'id' AND is_identity = 'YES'"); do
  psql_ -At -c "SELECT setval(pg_get_serial_sequence('$t', 'id'), MAX(id)) FROM $t HAVING COUNT(*) > 0" > /dev/null
done
# The credit totals the reports read are the sessions' triggers' work, which replication mode
# skipped: counted once from the sessions (what `vstation check` compares them with).
PGOPTIONS= "$build/apps/vstation" --db "$url" recount
psql_ -c "VACUUM ANALYZE"
psql_ -At -c "SELECT 'stations', COUNT(*) FROM stations UNION ALL SELECT 'sessions', COUNT(*) FROM sessions"
