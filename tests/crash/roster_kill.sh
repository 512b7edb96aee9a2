#!/usr/bin/env bash
# Crash consistency of a roster build: SIGKILL `vstation roster build --week 2023-W27` on the
# demo station at random moments, ROUNDS times (default 20). After every kill the database must
# pass `PRAGMA integrity_check` and `vstation check`, and the week's shifts and assignments must
# be exactly those before the build, those with the week's shifts made but the roster not yet
# saved (the search runs outside the write transaction), or exactly those of a complete build.
#   tests/crash/roster_kill.sh VSTATION_BIN [ROUNDS]
set -euo pipefail
bin=$1
rounds=${2:-20}
. "$(dirname "$0")/kill_midway.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TZ=UTC VSTATION_NOW=2023-07-03T10:00+08:00
"$bin" demo --out "$work/pristine.db" > /dev/null
sqlite3 "$work/pristine.db" 'PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE' > /dev/null
state() { sqlite3 "$1" 'SELECT * FROM shifts ORDER BY id; SELECT * FROM assignments ORDER BY id;' | sha256sum; }
before=$(state "$work/pristine.db")
cp "$work/pristine.db" "$work/full.db"
ms=$(VSTATION_DB="$work/full.db" timed_ms "$bin" roster build --week 2023-W27)
after=$(state "$work/full.db")
# Shifts materialised and committed, the search not finished: the new shifts, the old assignments.
mid=$({ sqlite3 "$work/full.db" 'SELECT * FROM shifts ORDER BY id;'; sqlite3 "$work/pristine.db" 'SELECT * FROM assignments ORDER BY id;'; } | sha256sum)
echo "one uninterrupted roster build: ${ms} ms"
old=0 new=0 shifts_only=0
for ((r = 1; r <= rounds; r++)); do
  cp "$work/pristine.db" "$work/crash.db"
  rm -f "$work/crash.db-wal" "$work/crash.db-shm"
  VSTATION_DB="$work/crash.db" kill_midway "$ms" "$bin" roster build --week 2023-W27
  integrity_ok "$work/crash.db" "$r"
  s=$(state "$work/crash.db")
  if [ "$s" = "$before" ]; then old=$((old + 1)); elif [ "$s" = "$after" ]; then new=$((new + 1));
  elif [ "$s" = "$mid" ]; then shifts_only=$((shifts_only + 1)); else
    echo "round $r: the week's roster is neither the old one nor the complete new one"; exit 1; fi
  VSTATION_DB="$work/crash.db" "$bin" check > /dev/null ||
    { echo "round $r: vstation check failed"; VSTATION_DB="$work/crash.db" "$bin" check; exit 1; }
done
echo "$rounds SIGKILLs during the roster build: integrity ok every time; old roster $old, shifts made but not yet rostered $shifts_only, complete new roster $new, anything else 0"
