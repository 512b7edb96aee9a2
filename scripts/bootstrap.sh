#!/usr/bin/env bash
# One command from a fresh Debian 12 machine (as root, or with sudo): installs the Debian
# packages vstation needs, builds it, then runs the demo or the whole test suite.
#   scripts/bootstrap.sh demo    install, build, build the demo station and print its totals
#   scripts/bootstrap.sh test    install, build, run every test through CTest
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-demo}
build_dir=${BUILD_DIR:-build}

packages=(
  g++ make cmake pkg-config           # toolchain
  libboost-program-options-dev        # command-line parsing
  libboost-graph-dev                  # max-flow bound for the roster benchmark
  libsqlitecpp-dev libsqlite3-dev     # the store
  sqlite3                             # tests compare database dumps
  libfmt-dev                          # formatting
  doctest-dev                         # unit tests
  libutf8proc-dev                     # display width of CJK text
  libcsv-dev                          # CSV parsing
  libsodium-dev                       # Argon2id PIN hashes, random badge tokens, digests
  libqrencode-dev libpng-dev          # volunteer badges as QR codes (SVG, PNG, terminal)
  tmux                                # the kiosk is tested as a person would use it
  libical-dev                         # tests check the roster's iCalendar files with a real parser
  nlohmann-json3-dev                  # JSON reports
  libxlsxwriter-dev                   # spreadsheet (.xlsx) reports
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build "$build_dir" -j2

case "$what" in
  demo) (cd "$build_dir" && ./apps/vstation demo) ;;
  test) ctest --test-dir "$build_dir" --output-on-failure -j2 ;;
  *) echo "usage: $0 demo|test" >&2; exit 2 ;;
esac
