#!/usr/bin/env bash
# The demo: what CaseMiner does with the sample corpus in corpora/.
set -euo pipefail
bin=${1:-.build/release/caseminer}
cd "$(dirname "$0")/.."
echo "== Segmenting the sample case texts (corpora/*.txt) =="
for f in corpora/*.txt; do
  [ -e "$f" ] || continue
  echo "-- $f"
  head -n 8 "$f" | "$bin" segment
done
