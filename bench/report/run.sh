#!/usr/bin/env bash
# The report benchmark (issue 17): every `vstation report` kind and breakdown on a district
# database against the anchor a skilled person would write by hand: ONE query computing only the
# quarter's headline (person-times, distinct volunteers, credited minutes) with the covering
# index it wants, `bench_headline ON sessions (eff_in, credited_min, station_id, volunteer_id,
# shift_id)` (created here if missing), run by the database's own shell (sqlite3 for a file,
# psql for a postgresql:// URL) in the same run, alternating with the report, REPS times each.
# It checks that the quarter report's headline equals the anchor's, then prints the median
# seconds of each report, the anchor's, their ratio and the peak RSS (GNU time).
# Warm: one untimed run of each first. COLD=1: before every timed run the database file's pages
# are dropped from the page cache (posix_fadvise DONTNEED on the file and its -wal; no root
# needed; SQLite only). The district's stations are all in Asia/Shanghai (UTC+8 all year), so
# the anchor bounds the quarter by that one offset.
#   bench/report/run.sh DISTRICT.db|postgresql://… [QUARTER=2024Q2] [REPS=3]
#   KINDS='quarter by-station' limits the reports timed (default: every kind and breakdown).
set -euo pipefail
db=$1
quarter=${2:-2024Q2}
reps=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/../../build}
vst=${VSTATION:-$build/apps/vstation}
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
    psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "$index" -c "ANALYZE sessions" ;;
  *)
    shell=sqlite3; pg=
    anchor=(sqlite3 -bail "$db" "$headline")
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
timed() { # command... ; prints "seconds peakMB"
  local out
  drop_cache
  out=$( { /usr/bin/time -f '%e %M' "$@" > /dev/null; } 2>&1 | tail -1 )
  echo "${out% *} $(( ${out#* } / 1024 ))"
}
report() { env VSTATION_NOW="${asof}T10:00+08:00" "$vst" --db "$db" report "$@" --format json; }
declare -A kinds=(
  [quarter]="quarter $quarter" [month]="month $month" [range]="range --from $first --to $last"
  [since-opening]="since-opening" [by-station]="quarter $quarter --by station"
  [by-project]="quarter $quarter --by project" [by-category]="quarter $quarter --by category"
  [by-month]="quarter $quarter --by month" [by-volunteer]="quarter $quarter --by volunteer")
order=(${KINDS:-quarter month range since-opening by-station by-project by-category by-month by-volunteer})

# The same headline from both, or no timing at all.
got=$(report quarter "$quarter" | python3 -c 'import json,sys; c=json.load(sys.stdin)["current"]
print("%d|%d|%d" % (c["person_times"] - c["imported_aggregates"]["person_times"], c["volunteers"],
                    c["service_minutes"] - c["imported_aggregates"]["service_minutes"]))')
want=$("${anchor[@]}")
echo "headline: report $got, hand-written $want (person-times|volunteers|minutes)"
[ "$got" = "$want" ] || { echo "MISMATCH" >&2; exit 1; }

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-14s %9s %9s %7s %8s\n' kind report "$shell" ratio "peak MB"
for k in "${order[@]}"; do
  read -ra args <<< "${kinds[$k]}"
  [ "${COLD:-}" ] || { report "${args[@]}" > /dev/null; "${anchor[@]}" > /dev/null; }
  r=(); a=(); m=0
  for _ in $(seq "$reps"); do
    read -r s mb < <(timed env VSTATION_NOW="${asof}T10:00+08:00" "$vst" --db "$db" report "${args[@]}" --format json)
    r+=("$s"); (( mb > m )) && m=$mb
    read -r s _ < <(timed "${anchor[@]}")
    a+=("$s")
  done
  mr=$(median "${r[@]}"); ma=$(median "${a[@]}")
  printf '%-14s %9s %9s %7s %8s   (report: %s; anchor: %s)\n' "$k" "$mr" "$ma" \
    "$(awk "BEGIN {printf \"%.2f\", $mr / ($ma > 0 ? $ma : 0.01)}")" "$m" "${r[*]}" "${a[*]}"
done
