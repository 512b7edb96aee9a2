# Sourced by the tests that drive vstation in a real terminal: a scratch directory and a private
# tmux server (removed on exit), VSTATION_DB in it (named by $1), and a fixed zone and locale.
set -u
work=$(mktemp -d)
sock="$work/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$work"' EXIT
export VSTATION_DB="$work/$1" TZ=UTC LANG=C.UTF-8
