#!/usr/bin/env bash
# Builds the district database of the report benchmark with vstation itself: the generator's
# district (SCALE stations over 2023-2024; about 4,000 sessions a station, so 2,500 stations give
# about 10 million) imported with `vstation import all`, every rule checked on every row, then
# ANALYZE. Each row is a generator row with its own ids and seal, so `vstation check` passes on
# the result (the former SQL copies renumbered ids under the copied seals, and it failed).
# Prints the import's time and rows per second.
#   bench/report/make_district_db.sh OUT.db [SCALE=2500]   (VSTATION=binary for the import;
#   CSV=DIR keeps the generated files there, and reuses them when present)
set -euo pipefail
out=$1
scale=${2:-2500}
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/../../build}
vst=${VSTATION:-$build/apps/vstation}
if [ -n "${CSV:-}" ]; then
  csv=$CSV
else
  csv=$(mktemp -d)
  trap 'rm -rf "$csv"' EXIT
fi
if [ ! -f "$csv/sessions.csv" ]; then
  "$build/data/generator/vstation_generate" --out "$csv" --scale "$scale" \
    --from 2023-01-01 --to 2024-12-31 > /dev/null
fi
rows=0
for f in "$csv"/*.csv; do rows=$((rows + $(wc -l < "$f") - 1)); done
rm -f "$out" "$out-wal" "$out-shm"
a=$(date +%s.%N)
"$vst" --db "$out" import all "$csv" > /dev/null
b=$(date +%s.%N)
secs=$(echo "$b - $a" | bc)
echo "import all: $rows rows in $secs s ($(echo "$rows / $secs" | bc) rows/s)"
sqlite3 "$out" "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
sqlite3 "$out" "SELECT 'stations', COUNT(*) FROM stations UNION ALL SELECT 'sessions', COUNT(*) FROM sessions"
