#!/usr/bin/env bash
# Builds the district database of the report benchmark: the generator's district (SCALE
# stations over two years, ~400k sessions for 100 stations) imported with `vstation import all`,
# then copied COPIES more times inside SQLite as further stations with their own volunteers,
# projects, shifts, sessions, incidents and trainings (ids and codes offset per copy), so the
# rows are the generator's rows and the file reaches ~10 million sessions in minutes instead of
# an hour of CSV import. Assignments and availability are not copied (reports do not read them).
#   bench/report/make_district_db.sh OUT.db [SCALE=100] [COPIES=24]   (VSTATION=binary for the import)
set -euo pipefail
out=$1
scale=${2:-100}
copies=${3:-24}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/district_copies.sh"
build=${BUILD_DIR:-$here/../../build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build/data/generator/vstation_generate" --out "$work/csv" --scale "$scale" --from 2023-01-01 --to 2024-12-31
rm -f "$out" "$out-wal" "$out-shm"
"${VSTATION:-$build/apps/vstation}" --db "$out" import all "$work/csv" > /dev/null

max() { sqlite3 "$out" "SELECT COALESCE(MAX(id), 0) FROM $1"; }
S=$(max stations) V=$(max volunteers) P=$(max projects) H=$(max shifts) N=$(max sessions) I=$(max incidents) T=$(max trainings)
sqlite3 "$out" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1500000;  -- 1.5 GB: the copies insert all over the eff_in index
BEGIN;
CREATE TEMP TABLE c (k INTEGER PRIMARY KEY);
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < $copies) INSERT INTO c SELECT k FROM n;
$(district_copies_sql -)
COMMIT;
ANALYZE;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
sqlite3 "$out" "SELECT 'stations', COUNT(*) FROM stations UNION ALL SELECT 'sessions', COUNT(*) FROM sessions"
