#!/usr/bin/env bash
# The load test of issue 6: on one database (the demo station), for SECONDS (default 600):
# four "kiosks" checking volunteers in and out (vstation checkin/checkout, the kiosk's rules
# and durable commits), a report loop, roster builds and an import loop, all at once.
# At the end: every command's exit status, and every acknowledged record present.
#   tests/load/load_run.sh VSTATION_BIN [SECONDS]
set -uo pipefail
bin=$1
seconds=${2:-600}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TZ=UTC VSTATION_DB="$work/load.db"
"$bin" demo --out "$VSTATION_DB" > /dev/null
# 200 service-log rows per import (no key: each import adds them all again).
awk 'BEGIN { print "station,project,type,time,people_served,note";
  for (i = 0; i < 200; i++) printf "icity,P003,convenience_service,2023-06-%02dT%02d:%02d,1,load\n", 1 + i % 28, 8 + i % 10, i % 60 }' \
  > "$work/incidents.csv"
end=$(($(date +%s) + seconds))
base=$(sqlite3 "$VSTATION_DB" "SELECT COUNT(*) FROM sessions")
base_inc=$(sqlite3 "$VSTATION_DB" "SELECT COUNT(*) FROM incidents")

kiosk() {  # worker k: volunteer V00k1, one check-in and check-out per simulated day
  local k=$1 v day=0 ok=0 err=0
  v=$(printf 'V%04d' $((k * 10 + 1)))
  while [ "$(date +%s)" -lt "$end" ]; do
    local d
    d=$(date -u -d "2030-01-01 + $day days" +%F)
    if "$bin" --now "${d}T09:00+08:00" checkin --volunteer "$v" > /dev/null 2>> "$work/errors"; then
      ok=$((ok + 1)); else err=$((err + 1)); fi
    if "$bin" --now "${d}T10:30+08:00" checkout --volunteer "$v" --yes > /dev/null 2>> "$work/errors"; then
      ok=$((ok + 1)); else err=$((err + 1)); fi
    day=$((day + 1))
  done
  echo "kiosk$k $ok $err" >> "$work/counts"
}
loop() {  # name, command...
  local name=$1 ok=0 err=0
  shift
  while [ "$(date +%s)" -lt "$end" ]; do
    if "$@" > /dev/null 2>> "$work/errors"; then ok=$((ok + 1)); else err=$((err + 1)); fi
  done
  echo "$name $ok $err" >> "$work/counts"
}
for k in 1 2 3 4; do kiosk $k & done
loop report "$bin" report quarter 2023Q2 --format json &
# A coordinator rebuilding the week once a minute (ROSTER_PAUSE seconds between builds; 0 =
# back to back, the harshest case).
roster_build() { "$bin" roster build --week 2023-W26 && sleep "${ROSTER_PAUSE:-60}"; }
loop roster roster_build &
loop import "$bin" import incidents "$work/incidents.csv" &
wait

echo "load test: $seconds s on one database (demo station), 4 kiosks + report + roster + import loops"
total_err=0
while read -r name ok err; do
  printf '  %-8s %7d ok %4d errors  %6.1f per minute\n' "$name" "$ok" "$err" "$(echo "$ok $seconds" | awk '{ print $1 * 60 / $2 }')"
  total_err=$((total_err + err))
done < <(sort "$work/counts")
kiosk_ok=$(awk '/^kiosk/ { s += $2 } END { print s }' "$work/counts")
imports=$(awk '/^import/ { print $2 }' "$work/counts")
sessions=$(($(sqlite3 "$VSTATION_DB" "SELECT COUNT(*) FROM sessions") - base))
closed=$(sqlite3 "$VSTATION_DB" "SELECT COUNT(*) FROM sessions WHERE raw_in >= strftime('%s', '2030-01-01') AND status = 'closed'")
incidents=$(($(sqlite3 "$VSTATION_DB" "SELECT COUNT(*) FROM incidents") - base_inc))
echo "  acknowledged kiosk operations $kiosk_ok: sessions added $sessions, closed $closed (expected $((kiosk_ok / 2)) each, give or take one open at the end per kiosk)"
echo "  imports $imports x 200 rows: incidents added $incidents (expected $((imports * 200)))"
echo "  integrity: $(sqlite3 "$VSTATION_DB" 'PRAGMA integrity_check'); check: $("$bin" check | grep -c '^ok') ok"
echo "  errors shown: $total_err"
[ -s "$work/errors" ] && sort "$work/errors" | uniq -c | head
lost=0
[ "$incidents" = $((imports * 200)) ] || lost=1
[ "$sessions" -ge $((kiosk_ok / 2)) ] || lost=1
[ "$total_err" = 0 ] && [ "$lost" = 0 ]
