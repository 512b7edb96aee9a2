#!/usr/bin/env bash
# The report benchmark (issue 17): every `vstation report` kind and breakdown on a district
# database against the anchor a skilled person would write by hand: ONE query computing only the
# quarter's headline (person-times, distinct volunteers, credited minutes) with the covering
# index it wants, `bench_headline ON sessions (eff_in, credited_min, station_id, volunteer_id,
# shift_id)` (created here if missing), run by the database's own shell (sqlite3 for a file,
# psql for a postgresql:// URL) in the same run, alternating with the report, REPS times each.
# It checks that the quarter report's headline equals the anchor's, then prints the median
# seconds of each report, the anchor's, their ratio and the peak RSS (GNU time). CPU seconds are
# user + system of the command and, on a PostgreSQL server on this machine (its data directory
# readable, as with scripts/pg_cluster.sh), of the server processes that served it: the
# postmaster's reaped children (the connection's backend, parallel workers), read from
# /proc/PID/stat before and after; without that the server's share is missing (said on stderr).
# Warm: one untimed run of each first. COLD=1: before every timed run the database file's pages
# are dropped from the page cache (posix_fadvise DONTNEED on the file and its -wal; no root
# needed; SQLite only). The district's stations are all in Asia/Shanghai (UTC+8 all year), so
# the anchor bounds the quarter by that one offset.
#   bench/report/run.sh DISTRICT.db|postgresql://… [QUARTER=2024Q2] [REPS=3]
#   KINDS='quarter by-station' limits the reports timed (default: every kind and breakdown).
#   KINDS may also name pass-stream, pass-whole and pass-single-row: not a report, the SELECT of
#   the report's pass (stats_scan.cpp) read through Connection::stream, Connection::stream_whole
#   (on PostgreSQL a COPY), or libpq's single-row mode, by bench/report/pg_stream_bench.cpp
#   (STREAM_BENCH=path; built with -DVSTATION_BENCH=ON).
set -euo pipefail
db=$1
quarter=${2:-2024Q2}
reps=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/../../build}
vst=${VSTATION:-$build/apps/vstation}
stream_bench=${STREAM_BENCH:-$build/bench/report/vstation_report_stream_bench}
year=${quarter:0:4}; q=${quarter: -1}
m1=$(( (q - 1) * 3 + 1 ))
first=$(printf '%s-%02d-01' "$year" "$m1")
next=$(date -u -d "$first +3 months" +%F)
last=$(date -u -d "$next -1 day" +%F)
month=$(printf '%s-%02d' "$year" "$m1")
asof=$(date -u -d "$next +2 days" +%F)
lo=$(( $(date -u -d "$first" +%s) - 28800 )); hi=$(( $(date -u -d "$next" +%s) - 28800 ))

headline="SELECT COUNT(DISTINCT CASE WHEN shift_id IS NOT NULL THEN volunteer_id || ':' || shift_id END)
  + SUM(CASE WHEN shift_id IS NULL THEN 1 ELSE 0 END), COUNT(DISTINCT volunteer_id), SUM(credited_min)
  FROM sessions WHERE eff_in >= $lo AND eff_in < $hi AND credited_min > 0;"
index="CREATE INDEX IF NOT EXISTS bench_headline ON sessions (eff_in, credited_min, station_id, volunteer_id, shift_id);"
case "$db" in
  postgresql:* | postgres:*)
    shell=psql; pg=1
    anchor=(psql -X -q -A -t -F '|' -v ON_ERROR_STOP=1 -d "$db" -c "$headline")
    psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "$index" -c "VACUUM ANALYZE sessions"
    # Recorded with the figures: without huge pages every new backend (each run's report and
    # psql alike) faults in each 4 KiB of shared buffers it touches, a large share of a report's
    # time on a virtual machine (docs/benchmarks.md, twenty-seventh session).
    echo "server: $(psql -X -A -t -d "$db" -c "SELECT 'shared_buffers ' || current_setting('shared_buffers') || ', huge_pages ' || current_setting('huge_pages') || ', ' || version()")"
    datadir=$(psql -X -A -t -d "$db" -c 'SHOW data_directory' 2>/dev/null || true)
    postmaster=$(head -1 "$datadir/postmaster.pid" 2>/dev/null || true)
    [ -n "$postmaster" ] && [ -r "/proc/$postmaster/stat" ] ||
      { postmaster=; echo "the server's CPU is not counted (its data directory is not readable here)" >&2; } ;;
  *)
    shell=sqlite3; pg=
    anchor=(sqlite3 -bail "$db" "$headline")
    # Only when the index is missing: a prepared file is then only read (the reports are reads).
    [ -n "$(sqlite3 -readonly "$db" "SELECT 1 FROM sqlite_master WHERE name = 'bench_headline'")" ] ||
      sqlite3 "$db" "$index ANALYZE bench_headline;" ;;
esac

drop_cache() {
  [ "${COLD:-}" ] || return 0
  [ "$pg" ] && { echo "COLD=1 is for SQLite files only" >&2; exit 2; }
  python3 - "$db" <<'PY'
import os, sys
for f in (sys.argv[1], sys.argv[1] + "-wal"):
    if os.path.exists(f):
        fd = os.open(f, os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED); os.close(fd)
PY
}
# The CPU seconds of the server's finished processes (0 for SQLite); a backend exits just after
# its client, so wait until the postmaster has no more children than before the command.
postmaster=${postmaster:-}
children() { pgrep -c -P "$postmaster" || true; }
server_cpu() {
  [ "$postmaster" ] || { echo 0; return; }
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f\n", ($16 + $17) / hz}' "/proc/$postmaster/stat"
}
timed() { # command... ; prints "wall-seconds cpu-seconds peakMB" (cpu: user + system, + server)
  local out s0 s1 n0
  drop_cache
  n0=$( [ "$postmaster" ] && children || echo 0 ); s0=$(server_cpu)
  out=$( { /usr/bin/time -f '%e %U %S %M' "$@" > /dev/null; } 2>&1 | tail -1 )
  if [ "$postmaster" ]; then
    for _ in $(seq 50); do (( $(children) <= n0 )) && break; sleep 0.1; done
  fi
  s1=$(server_cpu)
  awk -v s="$(awk "BEGIN {print $s1 - $s0}")" '{printf "%s %.2f %d\n", $1, $2 + $3 + s, $4 / 1024}' <<< "$out"
}
report() { env VSTATION_NOW="${asof}T10:00+08:00" "$vst" --db "$db" report "$@" --format json; }
declare -A kinds=(
  [quarter]="quarter $quarter" [month]="month $month" [range]="range --from $first --to $last"
  [since-opening]="since-opening" [by-station]="quarter $quarter --by station"
  [by-project]="quarter $quarter --by project" [by-category]="quarter $quarter --by category"
  [by-month]="quarter $quarter --by month" [by-volunteer]="quarter $quarter --by volunteer")
order=(${KINDS:-quarter month range since-opening by-station by-project by-category by-month by-volunteer})

# The same headline from both, or no timing at all.
got=$(report quarter "$quarter" | python3 -c 'import json,sys; c=json.load(sys.stdin)["totals"]
print("%d|%d|%d" % (c["person_times"] - c["imported_aggregates"]["person_times"], c["volunteers"],
                    c["service_minutes"] - c["imported_aggregates"]["service_minutes"]))')
want=$("${anchor[@]}")
echo "headline: report $got, hand-written $want (person-times|volunteers|minutes)"
[ "$got" = "$want" ] || { echo "MISMATCH" >&2; exit 1; }

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk "BEGIN {printf \"%.2f\", $1 / ($2 > 0 ? $2 : 0.01)}"; }
# The machine may be shared: CPU seconds (user + system) are reported beside wall-clock ones.
printf '%-14s %7s %7s %6s | %7s %7s %6s | %7s\n' kind report "$shell" ratio "cpu" "cpu" ratio "peak MB"
for k in "${order[@]}"; do
  case $k in
    pass-*) cmd=("$stream_bench" "$db" "$last" 480 "${k#pass-}") ;;
    *) read -ra args <<< "${kinds[$k]}"
       cmd=(env VSTATION_NOW="${asof}T10:00+08:00" "$vst" --db "$db" report "${args[@]}" --format json) ;;
  esac
  if [ -z "${COLD:-}" ]; then
    case $k in pass-*) "${cmd[@]}" >&2 ;; *) "${cmd[@]}" > /dev/null ;; esac
    "${anchor[@]}" > /dev/null
  fi
  r=(); a=(); rc=(); ac=(); m=0
  for _ in $(seq "$reps"); do
    read -r s c mb < <(timed "${cmd[@]}")
    r+=("$s"); rc+=("$c"); (( mb > m )) && m=$mb
    read -r s c _ < <(timed "${anchor[@]}")
    a+=("$s"); ac+=("$c")
  done
  mr=$(median "${r[@]}"); ma=$(median "${a[@]}"); mrc=$(median "${rc[@]}"); mac=$(median "${ac[@]}")
  printf '%-14s %7s %7s %6s | %7s %7s %6s | %7s   (wall: report %s; anchor %s)\n' "$k" "$mr" "$ma" "$(ratio "$mr" "$ma")" \
    "$mrc" "$mac" "$(ratio "$mrc" "$mac")" "$m" "${r[*]}" "${a[*]}"
done
