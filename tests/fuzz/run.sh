#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (a separate build directory) and runs each for
# SECONDS seconds (default 10) on a copy of its seed corpus in tests/fuzz/corpus/.
#   tests/fuzz/run.sh [SECONDS]         BUILD_DIR (default build-fuzz), JOBS (default 2)
# Prints, per target: runs, coverage (edges), features, corpus size, and crashes. Exit 1 if
# any target found a crash, leak, timeout or sanitizer report (the reproducer is kept in
# $BUILD_DIR/fuzz-findings/).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
build_dir=${BUILD_DIR:-build-fuzz}
jobs=${JOBS:-2}
targets=(fuzz_parsers fuzz_import fuzz_kiosk fuzz_curtois fuzz_csv_stream fuzz_output_path)

CC=clang CXX=clang++ cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVSTATION_FUZZ=ON \
  -DVSTATION_TEST_POSTGRES=OFF > /dev/null
cmake --build "$build_dir" -j"$jobs" --target "${targets[@]}" > "$build_dir/fuzz-build.log" 2>&1 ||
  { tail -40 "$build_dir/fuzz-build.log"; exit 1; }

findings="$build_dir/fuzz-findings"
mkdir -p "$findings"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
printf '%-14s %10s %8s %8s %8s %s\n' target runs cov ft corpus result
for t in "${targets[@]}"; do
  bin="$build_dir/tests/fuzz/$t"
  [ -x "$bin" ] || continue
  seeds="tests/fuzz/corpus/${t#fuzz_}"
  work=$(mktemp -d)
  log="$findings/$t.log"
  if "$bin" "$work" "$seeds" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=8192 -artifact_prefix="$findings/$t-" -print_final_stats=1 > "$log" 2>&1; then
    result="ok, crashes: 0"
  else
    result="FAILED: see $log"
    status=1
  fi
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  cov=$(grep -oE 'cov: [0-9]+' <<< "$last" | grep -oE '[0-9]+' || echo "?")
  ft=$(grep -oE 'ft: [0-9]+' <<< "$last" | grep -oE '[0-9]+' || echo "?")
  corp=$(grep -oE 'corp: [0-9]+' <<< "$last" | grep -oE '[0-9]+' || echo "?")
  printf '%-14s %10s %8s %8s %8s %s\n' "$t" "$runs" "$cov" "$ft" "$corp" "$result"
  rm -rf "$work"
done
exit $status
