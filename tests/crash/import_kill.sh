#!/usr/bin/env bash
# Crash consistency of imports: SIGKILL `vstation import volunteers` (100,000 rows) at random
# moments, ROUNDS times (default 20). After every kill the database must pass
# `PRAGMA integrity_check` and `vstation check`, and the import must be wholly there or
# wholly absent (the import is one transaction).
#   tests/crash/import_kill.sh VSTATION_BIN [ROUNDS] [ROWS]
set -euo pipefail
bin=$1
rounds=${2:-20}
rows=${3:-100000}
. "$(dirname "$0")/kill_midway.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export VSTATION_DB="$work/crash.db" TZ=UTC
"$bin" station add --code icity --name "I城" > /dev/null
seq 0 $((rows - 1)) | awk 'BEGIN { print "number,name,phone,join_date,home_station" }
  { printf "C%06d,志愿者%d,138%08d,2023-03-04,icity\n", $1, $1, $1 }' > "$work/big.csv"
ms=$(timed_ms "$bin" import volunteers "$work/big.csv")
echo "one uninterrupted import of $rows rows: ${ms} ms"
sqlite3 "$VSTATION_DB" "DELETE FROM volunteers"
whole=0 none=0
for ((r = 1; r <= rounds; r++)); do
  kill_midway "$ms" "$bin" import volunteers "$work/big.csv"
  integrity_ok "$VSTATION_DB" "$r"
  n=$(sqlite3 "$VSTATION_DB" "SELECT COUNT(*) FROM volunteers")
  if [ "$n" = "$rows" ]; then whole=$((whole + 1)); elif [ "$n" = 0 ]; then none=$((none + 1)); else
    echo "round $r: $n of $rows rows: a partial import"; exit 1; fi
  "$bin" check > /dev/null || { echo "round $r: vstation check failed"; "$bin" check; exit 1; }
  sqlite3 "$VSTATION_DB" "DELETE FROM volunteers"
done
echo "$rounds SIGKILLs during the import: integrity ok every time; wholly there $whole, wholly absent $none, partial 0"
