#!/usr/bin/env bash
# `vstation import sessions` against the sqlite3 shell's `.import` of the same CSV into a bare
# table of the same columns, same run, alternating, medians; and, given a PostgreSQL URL, against
# psql's `\copy` into a bare table.
#   bench/import/run_import_bench.sh [SCALE=250] [RUNS=3] [PG_URL]
# SCALE stations of the generator's district over 2023-2024 (250: about 1,000,000 sessions).
# vstation imports into a database that already holds everything the sessions refer to
# (stations, volunteers, projects, shifts, the roster: `vstation import all` of the other
# files, untimed), as a district would. PG_URL names a server database to create scratch
# databases beside (postgresql:///postgres?host=...); each run imports into a fresh one.
# BUILD_DIR (default build-rel) holds vstation and vstation_generate; WORK a scratch directory.
set -euo pipefail
scale=${1:-250}
runs=${2:-3}
pg=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/../../build-rel}
vst="$build/apps/vstation"
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
[ -n "${WORK:-}" ] || trap 'rm -rf "$work"' EXIT

csv=$work/csv
if [ ! -f "$csv/sessions.csv" ]; then
  "$build/data/generator/vstation_generate" --out "$csv" --scale "$scale" \
    --from 2023-01-01 --to 2024-12-31 > /dev/null
fi
rows=$(($(wc -l < "$csv/sessions.csv") - 1))
mkdir -p "$work/base"
for f in "$csv"/*.csv; do [ "$(basename "$f")" = sessions.csv ] || cp "$f" "$work/base/"; done
if [ ! -f "$work/base.db" ]; then
  "$vst" --db "$work/base.db.tmp" import all "$work/base" > /dev/null
  mv "$work/base.db.tmp" "$work/base.db"
fi
columns="volunteer TEXT, station TEXT, project TEXT, shift TEXT, check_in TEXT, check_out TEXT, status TEXT, note TEXT"

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

echo "sessions.csv: $rows rows (scale $scale); $runs runs, alternating"
: > "$work/t_vst"; : > "$work/t_file"; : > "$work/t_mem"
for r in $(seq "$runs"); do
  cp "$work/base.db" "$work/run.db"; rm -f "$work/run.db-wal" "$work/run.db-shm"
  sync
  a=$(now); "$vst" --db "$work/run.db" import sessions "$csv/sessions.csv" > /dev/null; b=$(now)
  secs "$a" "$b" >> "$work/t_vst"
  rm -f "$work/bare.db"
  sync
  a=$(now)
  sqlite3 "$work/bare.db" "CREATE TABLE s ($columns)" ".import --csv --skip 1 $csv/sessions.csv s"
  b=$(now)
  secs "$a" "$b" >> "$work/t_file"
  a=$(now)
  sqlite3 :memory: "CREATE TABLE s ($columns)" ".import --csv --skip 1 $csv/sessions.csv s"
  b=$(now)
  secs "$a" "$b" >> "$work/t_mem"
  echo "run $r: vstation $(tail -1 "$work/t_vst") s, sqlite3 file $(tail -1 "$work/t_file") s, sqlite3 :memory: $(tail -1 "$work/t_mem") s"
done
tv=$(median < "$work/t_vst"); tf=$(median < "$work/t_file"); tm=$(median < "$work/t_mem")
rate() { echo "$rows / $1" | bc; }
echo "median: vstation import sessions $tv s ($(rate "$tv") rows/s)"
echo "median: sqlite3 .import, file    $tf s ($(rate "$tf") rows/s)"
echo "median: sqlite3 .import, :memory: $tm s ($(rate "$tm") rows/s)"
echo "ratio of rows/s, vstation / sqlite3 file:     $(echo "scale=3; $tf / $tv" | bc)"
echo "ratio of rows/s, vstation / sqlite3 :memory:  $(echo "scale=3; $tm / $tv" | bc)"
sqlite3 "$work/run.db" "SELECT 'check: sessions ' || COUNT(*) || ', credited minutes ' || SUM(credited_min) FROM sessions"

[ -n "$pg" ] || exit 0
db_url() { echo "$pg" | sed "s|:///[^?]*|:///$1|"; }
psql -q "$pg" -c "DROP DATABASE IF EXISTS vst_import_base" -c "CREATE DATABASE vst_import_base"
"$vst" --db "$(db_url vst_import_base)" import all "$work/base" > /dev/null
: > "$work/p_vst"; : > "$work/p_copy"
for r in $(seq "$runs"); do
  psql -q "$pg" -c "DROP DATABASE IF EXISTS vst_import_run" \
    -c "CREATE DATABASE vst_import_run TEMPLATE vst_import_base"
  a=$(now); "$vst" --db "$(db_url vst_import_run)" import sessions "$csv/sessions.csv" > /dev/null; b=$(now)
  secs "$a" "$b" >> "$work/p_vst"
  psql -q "$(db_url vst_import_run)" -c "CREATE TABLE bare_sessions ($columns)"
  a=$(now)
  psql -q "$(db_url vst_import_run)" -c "\\copy bare_sessions FROM '$csv/sessions.csv' WITH (FORMAT csv, HEADER true)"
  b=$(now)
  secs "$a" "$b" >> "$work/p_copy"
  echo "PostgreSQL run $r: vstation $(tail -1 "$work/p_vst") s, psql \\copy $(tail -1 "$work/p_copy") s"
done
pv=$(median < "$work/p_vst"); pc=$(median < "$work/p_copy")
echo "median: vstation import sessions (PostgreSQL) $pv s ($(rate "$pv") rows/s)"
echo "median: psql \\copy into a bare table         $pc s ($(rate "$pc") rows/s)"
echo "ratio of rows/s, vstation / \\copy: $(echo "scale=3; $pc / $pv" | bc)"
psql -q "$pg" -c "DROP DATABASE IF EXISTS vst_import_run" -c "DROP DATABASE IF EXISTS vst_import_base"
