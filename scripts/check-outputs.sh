#!/usr/bin/env bash
# Visual and cross-program checks of the report outputs, too heavy for the CTest suite:
#   1. the printable HTML report and a certificate, rendered by headless Chromium to PNG
#      screenshots (look at them: out/check/*.png);
#   2. the .xlsx workbook, opened by LibreOffice headless and converted back to CSV (one file
#      per sheet); its numbers are compared with the CSV report of the same period.
# Needs: chromium, libreoffice-calc, fonts-wqy-microhei (Chinese glyphs in the screenshots),
# and a built tree (BUILD_DIR, default build). Exit status 1 if a number differs.
#   scripts/check-outputs.sh [QUARTER]      default 2023Q2 of the demo station
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
quarter=${1:-2023Q2}
out=out/check
mkdir -p "$out"
out=$(cd "$out" && pwd)
bin=$(pwd)/$build_dir/apps/vstation
for tool in chromium libreoffice; do
  command -v $tool > /dev/null || { echo "check-outputs: $tool is not installed (apt-get install chromium libreoffice-calc fonts-wqy-microhei)" >&2; exit 2; }
done

export VSTATION_DB="$out/demo.db" VSTATION_NOW="2023-07-03T10:00+08:00"
rm -f "$out"/demo.db* "$out"/*.csv "$out"/*.png
"$bin" demo --out "$out/demo.db" > /dev/null
"$bin" --lang zh report quarter "$quarter" --by category,project,month --format html --out "$out/report-zh.html"
"$bin" --lang en report quarter "$quarter" --by category,week --format html --out "$out/report-en.html"
"$bin" --lang zh certificate V0031 --format html --out "$out/certificate-zh.html" > /dev/null
"$bin" report quarter "$quarter" --by category,project,volunteer,week --format xlsx --out "$out/report.xlsx"
"$bin" report quarter "$quarter" --by category,project,volunteer,week --format csv --out "$out/report.csv"

# 1. Screenshots (A4 at 150 dpi is 1240 x 1754 pixels).
for page in report-zh report-en certificate-zh; do
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$out/$page.png" \
    --window-size=1240,1754 "file://$out/$page.html" 2> /dev/null
  [ -s "$out/$page.png" ] || { echo "check-outputs: no screenshot of $page" >&2; exit 1; }
  echo "screenshot: $out/$page.png"
done

# 2. The workbook through LibreOffice: every sheet to CSV (values as shown), then compare.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
(cd "$out" && libreoffice -env:UserInstallation=file://$profile --headless \
  --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' report.xlsx > /dev/null 2>&1)
ls "$out"/report-*.csv > /dev/null || { echo "check-outputs: LibreOffice wrote no CSV" >&2; exit 1; }
# Rows holding a number, of both, thousands separators removed, compared as sets.
rows() { tr -d '\r' | sed 's/^\xEF\xBB\xBF//' | python3 -c '
import csv, sys
for r in csv.reader(sys.stdin):
    num = lambda c: c.replace(",", "").replace(".", "").replace("%", "").lstrip("-").isdigit()
    if any(num(c) for c in r):
        print("|".join(c.replace(",", "") for c in r if c != ""))'; }
cat "$out"/report-*.csv | rows | sort > "$out/xlsx.rows"
rows < "$out/report.csv" | sort > "$out/csv.rows"
if diff -u "$out/csv.rows" "$out/xlsx.rows" > "$out/rows.diff"; then
  echo "xlsx: $(wc -l < "$out/xlsx.rows") rows of numbers read back by LibreOffice equal the CSV report"
else
  echo "xlsx: LibreOffice reads different numbers than the CSV report:" >&2
  head -40 "$out/rows.diff" >&2
  exit 1
fi
