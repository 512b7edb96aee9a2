#!/usr/bin/env bash
# The kiosk as a person uses it: a real 80x24 terminal in tmux, keys sent with send-keys,
# the screen read back with capture-pane. Covers check-in, check-out, a wrong-PIN lockout,
# a forgotten check-out confirmation, keys that must not escape, and the exit PIN.
set -u
VSTATION=$1
work=$(mktemp -d)
sock="$work/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$work"' EXIT
export VSTATION_DB="$work/kiosk.db" TZ=UTC LANG=C.UTF-8
V() { "$VSTATION" "$@"; }
fail() { echo "FAIL: $*"; echo "--- screen:"; tmux -S "$sock" capture-pane -p -t kiosk; exit 1; }

V station add --code icity --name "I城志愿服务站" > /dev/null
V project add --code P1 --station icity --name 交通劝导 --category traffic_persuasion --published 2023-03-01 --starts 2023-03-04 > /dev/null
for n in 1 2 3; do
  V volunteer add --number V$n --name "张三$n" --join-date 2023-03-04 --phone 1380000000$n > /dev/null
done
V shift add --station icity --project P1 --date 2023-05-01 --start 09:00 --end 12:00 --slots 3 > /dev/null
printf 'volunteer,station,project,date,start\nV1,icity,P1,2023-05-01,09:00\nV3,icity,P1,2023-05-01,09:00\n' > "$work/roster.csv"
V import roster "$work/roster.csv" > /dev/null
echo 2468 | V pin set V2 > /dev/null
echo 9999 | V pin coordinator > /dev/null
# V3 forgot to check out on Monday; Tuesday morning the review auto-closes the session.
V checkin --volunteer V3 --at 2023-05-01T08:55 > /dev/null
V --now 2023-05-02T08:00+08:00 sessions review > /dev/null 2>&1

start_kiosk() {
  tmux -S "$sock" new-session -d -s kiosk -x 80 -y 24 \
    "VSTATION_NOW='$1' VSTATION_DB='$VSTATION_DB' LANG=$2 '$VSTATION' kiosk; echo KIOSK-ENDED; sleep 30"
  sleep 0.5
}
keys() { tmux -S "$sock" send-keys -t kiosk "$@"; sleep 0.4; }
screen_has() { tmux -S "$sock" capture-pane -p -t kiosk | grep -q -- "$1"; }
expect() { for _ in 1 2 3 4 5 6 7 8 9 10; do screen_has "$1" && return 0; sleep 0.2; done; fail "expected '$1'"; }

start_kiosk "2023-05-01T08:52+08:00" C.UTF-8
expect "Welcome"
# check-in by volunteer number, matched to the rostered shift
keys V1 Enter
expect "Checked in"
expect "09:00–12:00 交通劝导"
expect "张\*1 · V1"
# Ctrl-C, Ctrl-D, Ctrl-Z and escape sequences do not end or suspend the kiosk
keys C-c; keys C-d; keys C-z; keys Escape; keys Up
keys Enter
expect "Welcome"
# control characters and an over-long line are refused cleanly
keys "$(printf 'x%.0s' {1..100})" Enter
expect "too long"
# a check-out right after checking in asks first; 'n' keeps the volunteer in
keys V1 Enter
expect "Check out now?"
keys n Enter
expect "Still checked in"
# phone tail + PIN: five wrong PINs lock the volunteer out
for i in 1 2 3 4; do keys 0002 Enter; expect "PIN"; keys 1111 Enter; expect "Wrong PIN ($i of 5"; done
keys 0002 Enter; keys 1111 Enter
expect "locked for 5 minutes"
keys 0002 Enter; keys 2468 Enter
expect "try again after"
# the forgotten check-out: V3 is asked to confirm the rostered end
keys V3 Enter
expect "forgot to check out"
keys y Enter
expect "your answer is recorded"
V sessions history 1 | grep -q volunteer_answer || fail "the answer was not recorded"
# leaving needs the coordinator's PIN
keys exit Enter
expect "Coordinator PIN"
keys 1234 Enter
expect "Wrong coordinator PIN"
keys exit Enter; keys 9999 Enter
expect "KIOSK-ENDED"
tmux -S "$sock" kill-session -t kiosk

# Later that morning V1 checks out: credited time, total and the time are shown.
start_kiosk "2023-05-01T11:45+08:00" zh_CN.UTF-8
expect "欢迎"
keys V1 Enter
expect "签退成功"
expect "本次计入：2 小时 45 分"
expect "累计时长：2 小时 45 分"
keys V9 Enter
expect "无法识别"
[ "$(sqlite3 "$VSTATION_DB" "SELECT COUNT(*) FROM sessions WHERE status = 'closed'")" = 1 ] || fail "closed sessions"
echo "kiosk tmux test passed"
