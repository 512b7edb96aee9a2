#!/usr/bin/env bash
# The kiosk as a person uses it: a real 80x24 terminal in tmux, keys sent with send-keys,
# the screen read back with capture-pane. Covers the start-up refusal without a coordinator
# PIN, check-in, check-out, the station's identification policy, a wrong-PIN lockout, a
# forgotten check-out answered with the time the volunteer left, the evening shift checked
# out at 20:03, 20:45 and 23:30 (in both languages), keys that must not escape, and the exit PIN.
VSTATION=$1
source "$(dirname "$0")/../terminal/tmux_session.sh" kiosk.db
V() { "$VSTATION" "$@"; }
fail() {
  echo "FAIL: $*"; echo "--- screen:"; tmux -S "$sock" capture-pane -p -t kiosk
  echo "--- sessions:"; sqlite3 "$VSTATION_DB" "SELECT * FROM sessions" 2>&1; exit 1
}
sql() { sqlite3 "$VSTATION_DB" "$1"; }

V station add --code icity --name "I城志愿服务站" > /dev/null
V project add --code P1 --station icity --name 交通劝导 --category traffic_persuasion --published 2023-03-01 --starts 2023-03-04 > /dev/null
for n in 1 2 3 4 5; do
  V volunteer add --number V$n --name "张三$n" --join-date 2023-03-04 --phone 1380000000$n > /dev/null
done
V shift add --station icity --project P1 --date 2023-05-01 --start 09:00 --end 12:00 --slots 3 > /dev/null
V shift add --station icity --project P1 --date 2023-05-01 --start 16:00 --end 20:00 --slots 3 > /dev/null
printf 'volunteer,station,project,date,start\nV1,icity,P1,2023-05-01,09:00\nV3,icity,P1,2023-05-01,09:00\nV3,icity,P1,2023-05-01,16:00\nV4,icity,P1,2023-05-01,16:00\nV5,icity,P1,2023-05-01,16:00\n' > "$work/roster.csv"
V import roster "$work/roster.csv" > /dev/null
echo 2468 | V pin set V2 > /dev/null
# V1 forgot to check out the evening before (a walk-in); the night's review auto-closes it.
V checkin --volunteer V1 --at 2023-04-30T17:10 > /dev/null
V --now 2023-04-30T23:00+08:00 sessions review > /dev/null 2>&1

# Starts the kiosk and, unless told it will refuse to start, waits for its welcome screen: keys
# sent before it has put the terminal in raw mode would be flushed with the cooked input.
start_kiosk() {
  tmux -S "$sock" new-session -d -s kiosk -x 80 -y 24 \
    "VSTATION_NOW='$1' VSTATION_DB='$VSTATION_DB' LANG=$2 '$VSTATION' kiosk; echo KIOSK-ENDED \$?; sleep 30"
  [ "${3:-}" = refuses ] || expect "$([ "$2" = C.UTF-8 ] && echo Welcome || echo 欢迎) — "
  sleep 0.2
}
# The kiosk's session is the server's only one: end the server and wait until it is gone, or the
# next new-session may reach a server that is still exiting ("server exited unexpectedly").
stop_kiosk() {
  tmux -S "$sock" kill-server 2>/dev/null
  for _ in $(seq 100); do
    tmux -S "$sock" list-sessions > /dev/null 2>&1 || break
    sleep 0.05
  done
  rm -f "$sock"
}
keys() { tmux -S "$sock" send-keys -t kiosk "$@"; sleep 0.4; }
screen_has() { tmux -S "$sock" capture-pane -p -t kiosk | grep -q -- "$1"; }
expect() { for _ in $(seq 100); do screen_has "$1" && return 0; sleep 0.2; done; fail "expected '$1'"; }
# A result stays on screen until the next one replaces it, so after two volunteers in a row only
# the volunteer's own line ("张*5 · V5") tells that the second one's result is showing: without it
# the test could stop the kiosk while the second check-in was still being written.
expect_for() { expect "· $1 *\$"; }

# Without a coordinator PIN nobody could leave kiosk mode: it does not start, and says how.
start_kiosk "2023-05-01T08:52+08:00" C.UTF-8 refuses
expect "no coordinator PIN is set"
expect "vstation pin coordinator"
expect "KIOSK-ENDED 1"
stop_kiosk
echo 9999 | V pin coordinator > /dev/null

start_kiosk "2023-05-01T08:52+08:00" C.UTF-8
expect "Welcome"
# check-in by volunteer number, matched to the rostered shift
keys V3 Enter
expect "Checked in"
expect "09:00–12:00 交通劝导"
expect "张\*3 · V3"
# Ctrl-C, Ctrl-D, Ctrl-Z and escape sequences do not end or suspend the kiosk
keys C-c; keys C-d; keys C-z; keys Escape; keys Up
keys Enter
expect "Welcome"
# control characters and an over-long line are refused cleanly
keys "$(printf 'x%.0s' {1..100})" Enter
expect "too long"
# a check-out right after checking in asks first; an answer that is not y/n asks again
keys V3 Enter
expect "Check out now?"
keys maybe Enter
expect "Please answer y (yes) or n (no)"
keys n Enter
expect "Still checked in"
# V2 has a PIN: under the default policy the number alone is not enough
keys V2 Enter
expect "Enter your PIN"
keys 2468 Enter
expect "Checked in"
expect "张\*2 · V2"
# phone tail + PIN: five wrong PINs lock V2 out, and then by number too
for i in 1 2 3 4; do keys 0002 Enter; expect "PIN"; keys 1111 Enter; expect "Wrong PIN ($i of 5"; done
keys 0002 Enter; keys 1111 Enter
expect "locked for 5 minutes"
keys 0002 Enter
expect "try again after"
keys V2 Enter
expect "try again after"
# V1's forgotten check-out of last night: no rostered end to offer, so "when did you leave?"
keys V1 Enter
expect "you did not check out"
expect "When did you leave?"
keys 25:00 Enter
expect "'25:00' is not a time"
keys 16:00 Enter
expect "must be between"
keys 19:40 Enter
expect "your answer is recorded"
expect "Check in now?"
keys y Enter
expect "Checked in"
expect "09:00–12:00 交通劝导"
[ "$(sql "SELECT proposed_out - raw_in FROM sessions WHERE id = 1")" = $(( (19 * 60 + 40 - 17 * 60 - 10) * 60 )) ] \
  || fail "the proposed check-out was not recorded"
V sessions history 1 | grep -q volunteer_answer || fail "the answer was not in the audit trail"
# leaving needs the coordinator's PIN
keys exit Enter
expect "Coordinator PIN"
keys 1234 Enter
expect "Wrong coordinator PIN"
keys exit Enter; keys 9999 Enter
expect "KIOSK-ENDED 0"
stop_kiosk

# A station that takes badges and phone tails only refuses typed numbers.
V station edit icity --identification badge_pin > /dev/null
start_kiosk "2023-05-01T11:45+08:00" C.UTF-8
keys V3 Enter
expect "does not take volunteer numbers"
stop_kiosk
V station edit icity --identification pin_if_set > /dev/null

# Later that morning V3 checks out: credited time, total and the time are shown.
start_kiosk "2023-05-01T11:45+08:00" zh_CN.UTF-8
expect "欢迎"
keys V3 Enter
expect "签退成功"
expect "本次计入：2 小时 45 分"
expect "累计时长：2 小时 45 分"
keys V1 Enter
expect_for V1
expect "签退成功"
keys V9 Enter
expect "无法识别"
stop_kiosk

# The evening shift 16:00–20:00 ends at closing time (grace period 60 minutes).
start_kiosk "2023-05-01T15:50+08:00" C.UTF-8
for v in V3 V4 V5; do keys $v Enter; expect_for $v; expect "Checked in"; expect "16:00–20:00"; done
stop_kiosk
# 20:03: an ordinary check-out, credited to the shift's end.
start_kiosk "2023-05-01T20:03+08:00" C.UTF-8
keys V4 Enter
expect "Checked out"
expect "This session: 4 h 00 min"
stop_kiosk
# 20:45, in Chinese: still within the grace period.
start_kiosk "2023-05-01T20:45+08:00" zh_CN.UTF-8
keys V5 Enter
expect "签退成功"
expect "本次计入：4 小时 00 分"
stop_kiosk
# 23:30, in Chinese: past the deadline. The check-out is kept, the volunteer is asked when
# they left, and no new session is opened (the station is closed: no check-in offered).
start_kiosk "2023-05-01T23:30+08:00" zh_CN.UTF-8
keys V3 Enter
expect "签退已记录（已超过时限）"
expect "应在 2023-05-01 21:00 前签退"
expect "您是 20:00 离开的吗？"
keys n Enter
expect "您几点离开的？"
keys 21:15 Enter
expect "您的答复已记录"
expect "如需签到，请再次扫描"
stop_kiosk
[ "$(sql "SELECT COUNT(*) FROM sessions WHERE status = 'open'")" = 0 ] || fail "a session was opened"
[ "$(sql "SELECT s.status, s.credited_min FROM sessions s JOIN volunteers v ON v.id = s.volunteer_id WHERE v.number = 'V3' AND s.shift_id = 2")" = "auto_closed|0" ] \
  || fail "V3's evening session is not awaiting review"
[ "$(sql "SELECT COUNT(*) FROM sessions WHERE status = 'closed' AND shift_id = 2 AND credited_min = 240")" = 2 ] \
  || fail "the 20:03 and 20:45 check-outs were not credited"
echo "kiosk tmux test passed"
