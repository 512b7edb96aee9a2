#!/usr/bin/env bash
# Kiosk figures on the demo database: check-in vs bare insert (same run), and start-up time.
#   bench/kiosk/run_kiosk_bench.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/apps/vstation" demo --out "$work/demo.db" > /dev/null
echo 9999 | "$build/apps/vstation" --db "$work/demo.db" pin coordinator > /dev/null  # the kiosk needs one to start
echo "## check-in vs bare SQLite insert-and-commit (synchronous=FULL, WAL, same file)"
"$build/bench/kiosk/vstation_kiosk_bench" "$work/demo.db" 400
echo
echo "## kiosk start-up on the demo database (open, migrate check, first screen, exit on EOF)"
if command -v hyperfine > /dev/null; then
  hyperfine -N --warmup 3 --runs 30 "$build/apps/vstation --db $work/demo.db kiosk" 2>&1 | sed -n '1,4p'
else
  time (for i in $(seq 30); do "$build/apps/vstation" --db "$work/demo.db" kiosk < /dev/null > /dev/null; done)
fi
