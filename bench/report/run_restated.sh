#!/usr/bin/env bash
# The old report benchmark, kept as a correctness oracle (issue 17 replaced it by run.sh): `vstation report quarter Q --format json` on a district database against
# the equivalent hand-written SQL aggregation run by the database's own shell (sqlite3 for a
# file, psql for a postgresql:// URL) on the same database, in the same run, alternating, REPS
# times each (warm cache: one untimed run of each first). The SQL is written once, in the
# dialect both accept. Prints wall-clock seconds and peak RSS (GNU time) of every run and the
# medians. The district's stations are all in Asia/Shanghai (UTC+8 all year), so the
# hand-written SQL places rows on local days by that one offset.
#   bench/report/run_restated.sh DISTRICT.db|postgresql://… [QUARTER=2024Q2] [REPS=5]
set -euo pipefail
db=$1
quarter=${2:-2024Q2}
reps=${3:-5}
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/../../build}
year=${quarter:0:4}; q=${quarter: -1}
m1=$(( (q - 1) * 3 + 1 ))
first=$(printf '%s-%02d-01' "$year" "$m1")
next=$(date -u -d "$first +3 months" +%F)
prev=$(date -u -d "$first -3 months" +%F)
s() { date -u -d "$1" +%s; }
lo=$(s "$first"); hi=$(s "$next"); plo=$(s "$prev")
m2=$(s "$first +1 month"); m3=$(s "$first +2 months")
W=50400  # widest UTC offset, 14 h: UTC bounds that keep the eff_in index usable
asof=$(date -u -d "$next +2 days" +%F)
cut=$(s "$asof -14 days")   # sessions before this are past the review deadline (10 working days)

sql=$(mktemp)
trap 'rm -f "$sql"' EXIT
[ "${KEEP_SQL:-}" ] && trap - EXIT && echo "SQL in $sql" >&2
# The same figures as the report: for the quarter and the previous one, service totals, new
# volunteers, projects published and active, shift fill, incidents by type, trainings, review
# backlog, imported aggregates; stars (cumulative per volunteer), hours by category, and hours
# and fill by month.
period() { # lo hi
  local a=$1 b=$2 da db
  da=$(date -u -d "@$a" +%F); db=$(date -u -d "@$(( b - 86400 ))" +%F)
  local in="s.eff_in >= $(( a - W )) AND s.eff_in < $(( b + W )) AND s.eff_in + 28800 >= $a AND s.eff_in + 28800 < $b"
  local shin="sh.starts_at >= $(( a - W )) AND sh.starts_at < $(( b + W )) AND sh.starts_at + 28800 >= $a AND sh.starts_at + 28800 < $b"
  cat <<SQL
SELECT COUNT(DISTINCT CASE WHEN s.shift_id IS NOT NULL THEN s.volunteer_id || ':' || s.shift_id END),
  SUM(CASE WHEN s.shift_id IS NULL THEN 1 ELSE 0 END), COUNT(DISTINCT s.volunteer_id), SUM(s.credited_min)
  FROM sessions s JOIN stations st ON st.id = s.station_id WHERE s.credited_min > 0 AND $in;
SELECT COUNT(DISTINCT s.volunteer_id) FROM sessions s JOIN stations st ON st.id = s.station_id
  WHERE s.credited_min > 0 AND $in AND NOT EXISTS (SELECT 1 FROM sessions s2 JOIN stations st2 ON st2.id = s2.station_id
  WHERE s2.volunteer_id = s.volunteer_id AND s2.credited_min > 0 AND s2.eff_in < $(( a + W )) AND s2.eff_in + 28800 < $a);
SELECT COUNT(*) FROM projects WHERE published BETWEEN '$da' AND '$db';
SELECT COUNT(DISTINCT sh.project_id) FROM shifts sh JOIN stations st ON st.id = sh.station_id WHERE sh.cancelled = 0 AND $shin;
SELECT COUNT(*), SUM(slots), SUM(CASE WHEN n < slots THEN n ELSE slots END) FROM (SELECT sh.slots,
  (SELECT COUNT(DISTINCT s.volunteer_id) FROM sessions s WHERE s.shift_id = sh.id AND s.credited_min > 0) AS n
  FROM shifts sh JOIN stations st ON st.id = sh.station_id WHERE sh.cancelled = 0 AND $shin) AS f;
SELECT i.type, COUNT(*), SUM(i.people_served) FROM incidents i JOIN stations st ON st.id = i.station_id
  WHERE i.at >= $(( a - W )) AND i.at < $(( b + W )) AND i.at + 28800 >= $a AND i.at + 28800 < $b GROUP BY i.type;
SELECT COUNT(*), SUM(t.minutes), SUM(t.minutes * (SELECT COUNT(*) FROM training_attendees x WHERE x.training_id = t.id)),
  (SELECT COUNT(DISTINCT x.volunteer_id) FROM training_attendees x JOIN trainings t2 ON t2.id = x.training_id
   WHERE t2.starts_at >= $(( a - W )) AND t2.starts_at < $(( b + W )))
  FROM trainings t WHERE t.starts_at >= $(( a - W )) AND t.starts_at < $(( b + W ));
SELECT COUNT(*), SUM(CASE WHEN s.eff_in + 28800 < $cut THEN 1 ELSE 0 END) FROM sessions s JOIN stations st ON st.id = s.station_id
  WHERE (s.status = 'auto_closed' OR (s.status = 'closed' AND s.shift_id IS NULL)) AND $in;
SELECT COUNT(*), SUM(attended), SUM(minutes) FROM attendance_aggregates WHERE day BETWEEN '$da' AND '$db';
SQL
}
{
  period "$lo" "$hi"
  period "$plo" "$lo"
  cat <<SQL
SELECT lvl, COUNT(*) FROM (SELECT CASE WHEN m >= 90000 THEN 5 WHEN m >= 60000 THEN 4 WHEN m >= 36000 THEN 3
  WHEN m >= 18000 THEN 2 WHEN m >= 6000 THEN 1 ELSE 0 END AS lvl FROM (SELECT SUM(s.credited_min) AS m
  FROM sessions s JOIN stations st ON st.id = s.station_id WHERE s.credited_min > 0 AND s.eff_in < $(( hi + W ))
  AND s.eff_in + 28800 < $hi GROUP BY s.volunteer_id) AS v) AS l GROUP BY lvl;
SELECT p.category, COUNT(DISTINCT CASE WHEN s.shift_id IS NOT NULL THEN s.volunteer_id || ':' || s.shift_id END),
  COUNT(DISTINCT s.volunteer_id), SUM(s.credited_min) FROM sessions s JOIN stations st ON st.id = s.station_id
  LEFT JOIN projects p ON p.id = s.project_id WHERE s.credited_min > 0 AND s.eff_in >= $(( lo - W )) AND s.eff_in < $(( hi + W ))
  AND s.eff_in + 28800 >= $lo AND s.eff_in + 28800 < $hi GROUP BY p.category;
SELECT CASE WHEN t < $m2 THEN 1 WHEN t < $m3 THEN 2 ELSE 3 END AS month, SUM(s.credited_min) FROM
  (SELECT s.credited_min, s.eff_in + 28800 AS t FROM sessions s JOIN stations st ON st.id = s.station_id
   WHERE s.credited_min > 0 AND s.eff_in >= $(( lo - W )) AND s.eff_in < $(( hi + W ))) s WHERE t >= $lo AND t < $hi GROUP BY month;
SELECT CASE WHEN t < $m2 THEN 1 WHEN t < $m3 THEN 2 ELSE 3 END AS month, SUM(slots),
  SUM(CASE WHEN n < slots THEN n ELSE slots END) FROM
  (SELECT sh.slots, sh.starts_at + 28800 AS t, (SELECT COUNT(DISTINCT s.volunteer_id) FROM sessions s
   WHERE s.shift_id = sh.id AND s.credited_min > 0) AS n FROM shifts sh JOIN stations st ON st.id = sh.station_id
   WHERE sh.cancelled = 0 AND sh.starts_at >= $(( lo - W )) AND sh.starts_at < $(( hi + W ))) AS f WHERE t >= $lo AND t < $hi
  GROUP BY month;
SQL
} > "$sql"

timed() { # label command...
  local out label=$1
  shift
  out=$( { /usr/bin/time -f '%e %M' "$@" > /dev/null; } 2>&1 | tail -1 )
  echo "$label ${out% *} s, peak RSS $(( ${out#* } / 1024 )) MB" >&2
  echo "${out% *}"
}
report=(env VSTATION_NOW="${asof}T10:00+08:00" "$build/apps/vstation" --db "$db" report quarter "$quarter" --format json)
case "$db" in
  postgresql:* | postgres:*) shell=psql; by_hand=(psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" -f "$sql") ;;
  *) shell=sqlite3; by_hand=(sqlite3 -bail "$db" ".read $sql") ;;
esac
"${report[@]}" > /dev/null; "${by_hand[@]}" > /dev/null   # warm the cache
r=(); h=()
for i in $(seq "$reps"); do
  r+=("$(timed "report  #$i" "${report[@]}")")
  h+=("$(timed "$shell #$i" "${by_hand[@]}")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mr=$(median "${r[@]}"); mh=$(median "${h[@]}")
echo "median: report ${mr} s, hand-written SQL in $shell ${mh} s, ratio $(awk "BEGIN {printf \"%.2f\", $mr / $mh}")"
