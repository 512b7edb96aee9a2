#!/usr/bin/env bash
# Runs vstation_curtois on the 13 Curtois & Qu instances and prints a markdown table.
# usage: run_curtois.sh [TIME_LIMIT_SECONDS=60] [SEED=1] [BINARY] [INSTANCE_DIR] [OUT_DIR]
set -euo pipefail

time_limit=${1:-60}
seed=${2:-1}
binary=${3:-build/bench/roster/vstation_curtois}
instance_dir=${4:-../shared/bench/curtois}
out_dir=${5:-$(mktemp -d)}
mkdir -p "$out_dir"

declare -A best=([1]=607 [2]=828 [4]=1716 [5]=1143 [7]=1056 [8]=1300 [10]=4631 [12]=4040
                 [13]=1348 [15]=3829 [16]=3225 [18]=4459 [19]=3149)

echo "| instance | objective | best known | gap | feasible | first feasible (s) |"
echo "|---|---|---|---|---|---|"
sum_low=0; n_low=0; sum_high=0; n_high=0
for i in 1 2 4 5 7 8 10 12 13 15 16 18 19; do
  solution="$out_dir/Instance$i.sol"
  report=$("$binary" "$instance_dir/Instance$i.txt" --time-limit "$time_limit" --seed "$seed" \
             --out "$solution" --best-known "${best[$i]}" || true)
  # Re-check the written file with the independent evaluator rather than trusting the solver.
  check=$("$binary" --evaluate "$instance_dir/Instance$i.txt" "$solution" || true)
  objective=$(grep '^objective:' <<<"$check" | awk '{print $2}')
  feasible=$(grep '^feasible:' <<<"$check" | awk '{print $2}')
  first=$(grep '^first_feasible_seconds:' <<<"$report" | awk '{print $2}')
  gap=$(awk -v o="$objective" -v b="${best[$i]}" 'BEGIN{printf "%.2f", 100*(o-b)/b}')
  echo "| $i | $objective | ${best[$i]} | $gap% | $feasible | $first |"
  if (( i <= 12 )); then
    sum_low=$(awk -v s="$sum_low" -v g="$gap" 'BEGIN{print s+g}'); n_low=$((n_low + 1))
  else
    sum_high=$(awk -v s="$sum_high" -v g="$gap" 'BEGIN{print s+g}'); n_high=$((n_high + 1))
  fi
done
echo
awk -v s="$sum_low" -v n="$n_low" 'BEGIN{printf "mean gap 1-12: %.2f%%\n", s/n}'
awk -v s="$sum_high" -v n="$n_high" 'BEGIN{printf "mean gap 13-19: %.2f%%\n", s/n}'
