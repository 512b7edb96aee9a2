#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: a fresh data directory, listening only on a
# Unix socket in the same directory (no TCP port, no system service), C locale, UTF-8,
# trusted local connections. Run as root (the cluster runs as the `postgres` user) or as an
# ordinary user (it runs as that user).
#   scripts/pg_cluster.sh start DIR   prints the base URL, e.g. postgresql:///postgres?host=DIR&user=postgres
#   scripts/pg_cluster.sh stop DIR
# PG_OPTS adds server settings ("-c work_mem=64MB ..."), e.g. for the benchmarks.
set -euo pipefail
what=${1:?usage: $0 start|stop DIR}
dir=${2:?usage: $0 start|stop DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL server binaries not found (Debian package postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
owner=$([ "$(id -u)" -eq 0 ] && echo postgres || id -un)

case "$what" in
  start)
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" --no-locale -E UTF8 -A trust -U "$owner" > "$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    # Throw-away: durability settings stay at their defaults so the figures mean something;
    # enough connections for 50 kiosk clients plus the test runner.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-c listen_addresses='' -k $dir -c max_connections=120 -c shared_buffers=256MB ${PG_OPTS:-}" > /dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql:///postgres?host=$dir&user=$owner"
    ;;
  stop)
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
