#!/usr/bin/env bash
# Runs one CLI golden case: a file holding input files, setup commands, the command under
# test and its expected stdout, stderr and exit code. See tests/cli/README.md.
set -u
VSTATION_BIN=$1
CASE=$(realpath -e -- "$2") || { echo "no case file '$2'"; exit 1; }
DATA_DIR=$3

work=$(mktemp -d)
# PostgreSQL mode: VSTATION_TEST_PG_URL names the server's maintenance database
# (postgresql:///postgres?host=DIR); each case gets a fresh database on it.
pg_base=${VSTATION_TEST_PG_URL:-}
pg_name=""
cleanup() {
  rm -rf "$work"
  [ -z "$pg_name" ] || psql -X -q "$pg_base" -c "DROP DATABASE IF EXISTS $pg_name WITH (FORCE)" > /dev/null 2>&1
}
trap cleanup EXIT
# A case marked @sqlite-only (it damages a file, or speaks to sqlite3) or @pg-only is skipped
# (exit 77, CTest's SKIP_RETURN_CODE) under the other backend.
if [ -n "$pg_base" ] && grep -qx "@sqlite-only" "$CASE"; then echo "skipped: SQLite only"; exit 77; fi
if [ -z "$pg_base" ] && grep -qx "@pg-only" "$CASE"; then echo "skipped: PostgreSQL only"; exit 77; fi
# A case marked @no-database (help texts) runs once, on no backend: its database is a path in a
# folder that does not exist, so a command that opened one would say so and fail the case.
no_database=0
if grep -qx "@no-database" "$CASE"; then no_database=1; pg_base=""; fi
export TZ=UTC LANG=C.UTF-8 LC_ALL= LC_MESSAGES=
export VSTATION_NOW="2023-07-03T10:00+08:00"
pg_url_of() {
  local url="${pg_base%%\?*}"
  url="${url%/*}/$1"
  [ "$pg_base" = "${pg_base#*\?}" ] || url="$url?${pg_base#*\?}"
  printf '%s' "$url"
}
# Most cases start from the demo station; on a server its import takes over a second, so it is
# made once per binary and data (a template database, under a lock) and copied for each case.
demo_setup='@setup vstation import all $DATA/demo'
from_template=0
demo_template() {
  local key tpl
  key=$( (stat -c %Y "$VSTATION_BIN"; cat "$DATA_DIR"/demo/*.csv) | cksum | cut -d' ' -f1)
  tpl="vstation_demo_tpl_$key"
  exec 9> "${TMPDIR:-/tmp}/vstation-demo-template-$(printf '%s' "$pg_base" | cksum | cut -d' ' -f1).lock"
  flock 9
  if [ "$(psql -X -A -t -q "$pg_base" -c "SELECT 1 FROM pg_database WHERE datname = '$tpl'")" != 1 ]; then
    psql -X -q "$pg_base" -c "DROP DATABASE IF EXISTS ${tpl}_new" -c "CREATE DATABASE ${tpl}_new" > /dev/null &&
      "$VSTATION_BIN" --db "$(pg_url_of "${tpl}_new")" import all "$DATA_DIR/demo" > /dev/null &&
      psql -X -q "$pg_base" -c "ALTER DATABASE ${tpl}_new RENAME TO $tpl" > /dev/null ||
      { flock -u 9; return 1; }
  fi
  flock -u 9
  printf '%s' "$tpl"
}
if [ -n "$pg_base" ]; then
  pg_name="vstation_case_$$_$RANDOM"
  create="CREATE DATABASE $pg_name"
  if [ "$(grep -m1 '^@setup ' "$CASE")" = "$demo_setup" ] && tpl=$(demo_template); then
    create="$create TEMPLATE $tpl"
    from_template=1
  fi
  psql -X -q "$pg_base" -c "$create" > /dev/null || { echo "cannot create $pg_name"; exit 1; }
  export VSTATION_DB; VSTATION_DB=$(pg_url_of "$pg_name")
elif [ $no_database = 1 ]; then
  export VSTATION_DB="$work/no-database/test.db"
else
  export VSTATION_DB="$work/test.db"
fi
cd "$work"

vstation() { "$VSTATION_BIN" "$@"; }
# Raw SQL on the case's database, whichever backend: `sql [-F SEP] "STATEMENTS"` prints rows
# with fields joined by SEP (default '|'). `backend` is sqlite or pg, for the rare statement
# whose syntax differs (DROP TRIGGER).
backend=$([ -n "$pg_name" ] && echo pg || echo sqlite)
sql() {
  local sep='|'
  if [ "$1" = -F ]; then sep=$2; shift 2; fi
  if [ "$backend" = pg ]; then psql -X -A -t -q -v ON_ERROR_STOP=1 -F "$sep" -d "$VSTATION_DB" -c "$1"
  else sqlite3 -bail -separator "$sep" "$VSTATION_DB" "$1"; fi
}
expand() { local s=$1; s=${s//\$DATA/$DATA_DIR}; printf '%s' "$s"; }
# Expected output may also name the case's database.
expand_expected() { local s; s=$(expand "$1"); s=${s//\$VSTATION_DB/"$VSTATION_DB"}; printf '%s' "$s"; }

command_line="" section="" file="" check_db=0 check_files=0
: > expected.stdout; : > expected.stderr; expected_exit=0
declare -a setups=() drops=()
while IFS= read -r line || [ -n "$line" ]; do
  if [ -n "$file" ]; then
    if [ "$line" = "@end" ]; then file=""; else printf '%s\n' "$line" >> "$file"; fi
    continue
  fi
  case "$line" in
    "@file "*) file=${line#@file }; : > "$file"; section="" ;;
    "@setup "*) setups+=("${line#@setup }"); section="" ;;
    "@env "*) export "${line#@env }"; section="" ;;
    "@drop-line "*) drops+=("${line#@drop-line }"); section="" ;;
    "@db-unchanged") check_db=1; section="" ;;
    "@files-unchanged") check_files=1; section="" ;;
    "@sqlite-only" | "@pg-only" | "@no-database") section="" ;;
    "\$ "*) command_line=${line#\$ }; section="" ;;
    "@stdout") section=stdout ;;
    "@stderr") section=stderr ;;
    "@exit "*) expected_exit=${line#@exit }; section="" ;;
    "#"*) [ -z "$section" ] || printf '%s\n' "$line" >> "expected.$section" ;;
    *) [ -z "$section" ] || printf '%s\n' "$(expand_expected "$line")" >> "expected.$section" ;;
  esac
done < "$CASE"

# The demo import, when the database was copied from its template, is already done.
[ $from_template = 0 ] || setups=("${setups[@]:1}")
for s in "${setups[@]}"; do
  if ! eval "$(expand "$s")" > setup.out 2>&1; then
    echo "setup failed: $s"; cat setup.out; exit 1
  fi
done
dump() {
  if [ -n "$pg_name" ]; then
    # Rows only; a refused insert still advances an identity sequence, so setval lines are not compared.
    LC_ALL=C pg_dump --data-only --no-owner -d "$VSTATION_DB" | grep -vE '^\\(un)?restrict |pg_catalog\.setval'
  elif [ -f "$VSTATION_DB" ]; then
    sqlite3 "$VSTATION_DB" .dump
  fi
}
[ $check_db = 1 ] && dump > before.dump
# Every file of the case's folder (the runner's own and the database aside), with its mode:
# a refused command leaves them all exactly as they were, and makes no new ones.
files() {
  find . \( -type f -o -type l \) -print | LC_ALL=C sort |
    grep -vE '^\./(expected|actual)\.(stdout|stderr)$|^\./(before|after)\.(dump|files)$|^\./(setup\.out|diff\.out)$|^\./test\.db(-wal|-shm|-journal)?$' |
    while read -r f; do
      if [ -L "$f" ]; then echo "$f -> $(readlink "$f")"; else echo "$f $(stat -c %a "$f") $(sha256sum < "$f" | cut -c1-16)"; fi
    done
}
[ $check_files = 1 ] && files > before.files

# In a subshell of its own: a trap, an exit or a cd of the command's (serve_pages stops its
# server on EXIT) stays there, and the runner still checks and cleans up.
(eval "$(expand "$command_line")") > actual.stdout 2> actual.stderr
actual_exit=$?
# Lines a case says depend on timing alone (two writers at once: whether the second says it
# waits) are left out of what it printed, wherever they come.
for d in "${drops[@]}"; do
  for f in actual.stdout actual.stderr; do
    awk -v d="$d" 'index($0, d) != 1' "$f" > "$f.kept" && mv "$f.kept" "$f"
  done
done
# tests/cli/accept.py: keep what the command printed, to review and accept as the new golden.
if [ -n "${VSTATION_GOLDEN_KEEP:-}" ]; then
  cp actual.stdout actual.stderr "$VSTATION_GOLDEN_KEEP"/ && echo "$actual_exit" > "$VSTATION_GOLDEN_KEEP"/actual.exit
fi

status=0
if ! diff -u expected.stdout actual.stdout > diff.out; then echo "stdout differs:"; cat diff.out; status=1; fi
if ! diff -u expected.stderr actual.stderr > diff.out; then echo "stderr differs:"; cat diff.out; status=1; fi
if [ "$actual_exit" != "$expected_exit" ]; then echo "exit code $actual_exit, expected $expected_exit"; status=1; fi
if [ $check_files = 1 ]; then
  files > after.files
  if ! diff -u before.files after.files > diff.out; then echo "files changed:"; head -40 diff.out; status=1; fi
fi
if [ $check_db = 1 ]; then
  dump > after.dump
  if ! diff -u before.dump after.dump > diff.out; then echo "the database changed:"; head -40 diff.out; status=1; fi
fi
exit $status
