#!/usr/bin/env bash
# The demo: the whole pipeline over the sample corpus in corpora/ (pages written by us as
# samples, in the layouts of real sites; see corpora/README.md).
set -euo pipefail
bin=${1:-.build/release/caseminer}
cd "$(dirname "$0")/.."
store=${DEMO_STORE:-demo.sqlite}
rm -f "$store" "$store-wal" "$store-shm"

echo "== 1. Ingest corpora/samples (folders, GBK and UTF-8 pages, a zip) into $store"
"$bin" ingest corpora/samples --store "$store" --quiet
"$bin" stats --store "$store"

echo
echo "== 2. One page, cleaned (caseminer page)"
"$bin" page corpora/samples/people/anji-2019.html | head -n 6

echo
echo "== 3. Words (caseminer segment)"
"$bin" page corpora/samples/gov/jinjiang-2019.html | head -n 2 | "$bin" segment

echo
echo "== 4. Findings of every stored document (caseminer extract --store)"
"$bin" extract --store "$store"

echo
echo "== 5. Search: every 一X一Y formulation (template), then 党建 in one county (caseminer search)"
"$bin" search '一?一?' --store "$store" --limit 8 || true
"$bin" search 党建 --store "$store" --county 安吉 --limit 3 || true

echo
echo "== 6. Counties side by side (caseminer compare), and the HTML report"
"$bin" compare --by county --store "$store"
report=${store%.sqlite}-report.html
"$bin" compare --by county --format html --out "$report" --store "$store"
echo "report written to $report"
