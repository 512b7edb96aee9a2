# Sourced by the crash scripts: the shared steps of one round.
#   timed_ms COMMAND...           runs it once, uninterrupted; prints its wall time in ms
#   kill_midway MS COMMAND...     starts it in the background and SIGKILLs it at a random moment
#                                 from a third of MS to past its end (so late commits are hit too)
#   integrity_ok DB ROUND         exits 1 unless PRAGMA integrity_check says ok

timed_ms() {
  local start
  start=$(date +%s%N)
  "$@" > /dev/null
  echo $((($(date +%s%N) - start) / 1000000))
}

kill_midway() {
  local ms=$1 pid delay
  shift
  "$@" > /dev/null 2>&1 &
  pid=$!
  delay=$((RANDOM * 32768 + RANDOM))
  delay=$((ms / 3 + delay % (ms * 5 / 6 + 1)))
  sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
  kill -KILL "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
}

integrity_ok() {
  local ok
  ok=$(sqlite3 "$1" "PRAGMA integrity_check")
  [ "$ok" = ok ] || { echo "round $2: integrity_check: $ok"; exit 1; }
}
