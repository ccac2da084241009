#!/usr/bin/env bash
# Times slogans, compare, reuse and export on a generated store.
# Usage: benchmarks/analytics/run.sh [N=5000] [WORK=/tmp/caseminer-analytics]
# Needs a release build (swift build -c release). Prints one line per command: seconds, max RSS, output size.
set -euo pipefail
n=${1:-5000}
work=${2:-/tmp/caseminer-analytics}
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$root/.build/release/caseminer
store=$work/store.sqlite
mkdir -p "$work"
if [ ! -f "$store" ]; then
  python3 "$root/benchmarks/e2e/make_corpus.py" "$root/corpora/samples" \
    "$root/Sources/Segmenter/Resources/admin-divisions.tsv" "$work/pages" "$n"
  "$bin" ingest "$work/pages" --store "$store" --quiet
  "$bin" extract --store "$store" > /dev/null
fi
"$bin" stats --store "$store" | head -3
run() {
  local name=$1; shift
  local out=$work/$name.out
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" "$@" --store "$store" > "$out" 2> "$work/$name.err"
  read -r secs rss < "$work/time"
  printf '%-28s %7.2f s  %6d MB RSS  %9d bytes out  %s\n' "$name" "$secs" $((rss / 1024)) \
    "$(stat -c %s "$out")" "$(tail -n 1 "$work/$name.err")"
}
run slogans slogans
run slogans-json slogans --json
run compare-county compare --by county
run compare-province-html compare --by province --format html
run reuse reuse --json
run export-jsonl export --format jsonl
run export-csv export --format csv
run export-es-bulk export --format es-bulk --out "$work/bulk.ndjson"
ls -la "$work"/bulk.ndjson* | awk '{print "  " $5, $9}'
