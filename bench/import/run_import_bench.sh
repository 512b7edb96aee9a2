#!/usr/bin/env bash
# `vstation import KIND` against the sqlite3 shell's `.import` of the same CSV into a bare table
# of the same columns (all TEXT, no index, no constraint), same run, alternating, medians, for
# each of the kinds that grow with a district; and, given a PostgreSQL URL, the same kinds on the
# server against psql's `\copy` into a bare table.
#   bench/import/run_import_bench.sh [SCALE=250] [RUNS=3] [PG_URL]
# SCALE stations of the generator's district over 2023-2024 (250: about 1,000,000 sessions).
# KINDS (default "shifts roster incidents sessions") are imported in that order into a copy of a
# database holding every other file (stations, volunteers, projects, templates, availability,
# ...: `vstation import all`, untimed), so each kind finds what it refers to, as in a district:
# the roster its shifts, the sessions their shifts and roster.
# PG_URL names a server database to create scratch databases beside (postgresql:///postgres?host=...);
# each run imports KINDS, in order, into a fresh one holding every other file.
# BUILD_DIR (default build-rel) holds vstation and vstation_generate; WORK a scratch directory.
set -euo pipefail
scale=${1:-250}
runs=${2:-3}
pg=${3:-}
kinds=${KINDS:-shifts roster incidents sessions}
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
rows_of() { echo $(($(wc -l < "$csv/$1.csv") - 1)); }
timed() { case " $kinds " in *" $1 "*) return 0 ;; esac; return 1; }
# The untimed files, and the database they make, are kept per set of timed kinds (a WORK reused
# with other KINDS must not find those kinds' rows there already).
base=$work/base-$(echo $kinds | tr ' ' '-')
rm -rf "$base"
mkdir -p "$base"
for f in "$csv"/*.csv; do
  k=$(basename "$f" .csv)
  timed "$k" || cp "$f" "$base/"
done
if [ ! -f "$base.db" ]; then
  "$vst" --db "$base.db.tmp" import all "$base" > /dev/null
  mv "$base.db.tmp" "$base.db"
fi
# The bare table: the file's own header, quoted (`end` is a keyword of PostgreSQL's), every
# column TEXT.
bare_columns() { head -1 "$csv/$1.csv" | tr -d '\r' | sed 's/,/" TEXT, "/g; s/^/"/; s/$/" TEXT/'; }

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
rate() { echo "$1 / $2" | bc; }
# summarise WHERE OURS BASELINE_FILES BASELINE_NAME: each kind's medians, rows/s and ratio.
summarise() {
  local k n tv tb
  for k in $kinds; do
    n=$(rows_of "$k"); tv=$(median < "$work/$2_$k"); tb=$(median < "$work/$3_$k")
    echo "$1$k: $n rows; median vstation $tv s ($(rate "$n" "$tv") rows/s), $4 $tb s ($(rate "$n" "$tb") rows/s); ratio $(echo "scale=3; $tb / $tv" | bc)"
  done
}

echo "scale $scale; $runs runs, alternating; kinds: $kinds"
for k in $kinds; do : > "$work/t_vst_$k"; : > "$work/t_file_$k"; done
: > "$work/t_mem_sessions"
for r in $(seq "$runs"); do
  cp "$base.db" "$work/run.db"; rm -f "$work/run.db-wal" "$work/run.db-shm"
  line="run $r:"
  for k in $kinds; do
    sync
    a=$(now); "$vst" --db "$work/run.db" import "$k" "$csv/$k.csv" > /dev/null; b=$(now)
    secs "$a" "$b" >> "$work/t_vst_$k"
    rm -f "$work/bare.db"
    sync
    a=$(now)
    sqlite3 "$work/bare.db" "CREATE TABLE t ($(bare_columns "$k"))" ".import --csv --skip 1 $csv/$k.csv t"
    b=$(now)
    secs "$a" "$b" >> "$work/t_file_$k"
    line="$line $k $(tail -1 "$work/t_vst_$k") s / sqlite3 $(tail -1 "$work/t_file_$k") s;"
    if [ "$k" = sessions ]; then
      a=$(now)
      sqlite3 :memory: "CREATE TABLE t ($(bare_columns "$k"))" ".import --csv --skip 1 $csv/$k.csv t"
      b=$(now)
      secs "$a" "$b" >> "$work/t_mem_sessions"
      line="$line (:memory: $(tail -1 "$work/t_mem_sessions") s)"
    fi
  done
  echo "$line"
done
summarise "" t_vst t_file "sqlite3 .import"
if timed sessions; then
  tm=$(median < "$work/t_mem_sessions"); tv=$(median < "$work/t_vst_sessions")
  echo "sessions: sqlite3 .import into :memory: $tm s; ratio $(echo "scale=3; $tm / $tv" | bc)"
fi
sqlite3 "$work/run.db" "SELECT 'check: sessions ' || COUNT(*) || ', credited minutes ' || SUM(credited_min) FROM sessions"

[ -n "$pg" ] || exit 0
db_url() { echo "$pg" | sed "s|:///[^?]*|:///$1|"; }
mkdir -p "$work/pgbase"
rm -f "$work/pgbase"/*.csv
cp "$base"/*.csv "$work/pgbase/"
psql -q "$pg" -c "DROP DATABASE IF EXISTS vst_import_base" -c "CREATE DATABASE vst_import_base"
"$vst" --db "$(db_url vst_import_base)" import all "$work/pgbase" > /dev/null
for k in $kinds; do : > "$work/p_vst_$k"; : > "$work/p_copy_$k"; done
for r in $(seq "$runs"); do
  psql -q "$pg" -c "DROP DATABASE IF EXISTS vst_import_run" \
    -c "CREATE DATABASE vst_import_run TEMPLATE vst_import_base"
  line="PostgreSQL run $r:"
  for k in $kinds; do
    a=$(now); "$vst" --db "$(db_url vst_import_run)" import "$k" "$csv/$k.csv" > /dev/null; b=$(now)
    secs "$a" "$b" >> "$work/p_vst_$k"
    psql -q "$(db_url vst_import_run)" -c "CREATE TABLE bare_$k ($(bare_columns "$k"))"
    a=$(now)
    psql -q "$(db_url vst_import_run)" -c "\\copy bare_$k FROM '$csv/$k.csv' WITH (FORMAT csv, HEADER true)"
    b=$(now)
    secs "$a" "$b" >> "$work/p_copy_$k"
    line="$line $k $(tail -1 "$work/p_vst_$k") s / psql \\copy $(tail -1 "$work/p_copy_$k") s;"
  done
  echo "$line"
done
summarise "PostgreSQL " p_vst p_copy 'psql \copy'
psql -q "$pg" -c "DROP DATABASE IF EXISTS vst_import_run" -c "DROP DATABASE IF EXISTS vst_import_base"
