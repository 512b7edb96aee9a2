#!/usr/bin/env bash
# Kiosk figures on the demo database: check-in vs bare insert (same run), and start-up time.
#   bench/kiosk/run_kiosk_bench.sh BUILD_DIR [RUNS]
# RUNS (default 5) runs of the check-in bench, each on a fresh copy of the demo database: the
# machine's noise moves one run's ratios by a few hundredths, so each run is printed and then
# the median of each case's ratio over the runs.
set -euo pipefail
build=${1:-build}
runs=${2:-5}
if ! [[ $runs =~ ^[1-9][0-9]{0,3}$ ]]; then
  echo "run_kiosk_bench.sh: RUNS must be a whole number from 1 to 9999, not '$runs'" >&2
  exit 2
fi
for tool in "$build/apps/vstation" "$build/bench/kiosk/vstation_kiosk_bench"; do
  [ -x "$tool" ] || { echo "run_kiosk_bench.sh: no $tool (build with -DVSTATION_BENCH=ON)" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/apps/vstation" demo --out "$work/demo.db" > /dev/null
echo 9999 | "$build/apps/vstation" --db "$work/demo.db" pin coordinator > /dev/null  # the kiosk needs one to start
echo "## check-in vs bare SQLite insert-and-commit (synchronous=FULL, WAL, same file), $runs runs"
for run in $(seq "$runs"); do
  rm -f "$work"/run.db*
  cp "$work/demo.db" "$work/run.db"
  echo "# run $run"
  "$build/bench/kiosk/vstation_kiosk_bench" "$work/run.db" 400 | tee -a "$work/all.txt"
done
echo
echo "## median over the runs of each check-in's ratio to the bare insert of the same row"
grep '^kiosk check-in' "$work/all.txt" | sed -E 's/ +[0-9]+ us +ratio ([0-9.]+).*/\t\1/' |
  sort -t$'\t' -k1,1 -k2,2n |
  awk -F'\t' '{v[$1] = v[$1] " " $2; n[$1]++}
    END {for (k in v) {split(substr(v[k], 2), a, " "); m = n[k];
      med = (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2;
      printf "%-58s median %.3f  (%s .. %s)\n", k, med, a[1], a[m]}}' | sort
echo
echo "## kiosk start-up on the demo database (open, migrate check, first screen, exit on EOF)"
if command -v hyperfine > /dev/null; then
  hyperfine -N --warmup 3 --runs 30 "$build/apps/vstation --db $work/demo.db kiosk" 2>&1 | sed -n '1,4p'
else
  time (for i in $(seq 30); do "$build/apps/vstation" --db "$work/demo.db" kiosk < /dev/null > /dev/null; done)
fi
