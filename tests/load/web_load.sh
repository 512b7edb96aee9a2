#!/usr/bin/env bash
# The web face under load (issue 15; bench/web/web_load.cpp) on a fresh copy of the demo
# station: a SQLite file, or, when VSTATION_TEST_PG_URL names a PostgreSQL server (its maintenance
# database), a fresh database on it, dropped afterwards. Exit 0: no request answered unexpectedly and nothing
# acknowledged lost (sessions, sign-ups and cancels, check-ins and check-outs).
#   tests/load/web_load.sh VSTATION_BIN WEB_LOAD_BIN [CLIENTS=50] [SECONDS=60] [SERVER_THREADS=8] [THINK_MS=0]
set -euo pipefail
bin=$1 load=$2
shift 2
work=$(mktemp -d)
pg_base=${VSTATION_TEST_PG_URL:-}
pg_name=""
cleanup() {
  rm -rf "$work"
  [ -z "$pg_name" ] || psql -X -q "$pg_base" -c "DROP DATABASE IF EXISTS $pg_name WITH (FORCE)" > /dev/null 2>&1
}
trap cleanup EXIT
export TZ=UTC PGOPTIONS="-c client_min_messages=warning"
data=$(cd "$(dirname "$0")/../../data" && pwd)
if [ -n "$pg_base" ]; then
  pg_url_of() {
    local url="${pg_base%%\?*}"
    url="${url%/*}/$1"
    [ "$pg_base" = "${pg_base#*\?}" ] || url="$url?${pg_base#*\?}"
    printf '%s' "$url"
  }
  # The demo station as the CLI cases' template database (tests/cli/run_case.sh: same name, same
  # lock), made once per binary and data and copied: importing it takes seconds on a server.
  key=$( (stat -c %Y "$bin"; cat "$data"/demo/*.csv) | cksum | cut -d' ' -f1)
  tpl="vstation_demo_tpl_$key"
  exec 9> "${TMPDIR:-/tmp}/vstation-demo-template-$(printf '%s' "$pg_base" | cksum | cut -d' ' -f1).lock"
  flock 9
  if [ "$(psql -X -A -t -q "$pg_base" -c "SELECT 1 FROM pg_database WHERE datname = '$tpl'")" != 1 ]; then
    psql -X -q "$pg_base" -c "DROP DATABASE IF EXISTS ${tpl}_new" -c "CREATE DATABASE ${tpl}_new" > /dev/null
    "$bin" --db "$(pg_url_of "${tpl}_new")" import all "$data/demo" > /dev/null
    psql -X -q "$pg_base" -c "ALTER DATABASE ${tpl}_new RENAME TO $tpl" > /dev/null
  fi
  flock -u 9
  pg_name="vstation_load_$$_$RANDOM"
  psql -X -q "$pg_base" -c "CREATE DATABASE $pg_name TEMPLATE $tpl" > /dev/null
  db=$(pg_url_of "$pg_name")
else
  db=$work/load.db
  "$bin" --db "$db" import all "$data/demo" > /dev/null
fi
"$load" "$bin" "$db" "$@"
