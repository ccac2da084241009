#!/bin/sh
# Quality gate: fails when extraction on cases-dev falls below the floors (floors only go up).
# Skips with exit 0 when ../shared/data is absent (a user's clone has none).
#
# Usage: benchmarks/extract/gate.sh   (builds release unless --no-build)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${CASEMINER_SHARED:-$ROOT/../shared}
DATA=$SHARED/data
if [ ! -d "$DATA/cases-dev" ] || [ ! -f "$SHARED/tools/score_extract.py" ]; then
  echo "caseminer: $DATA/cases-dev not found; extract gate skipped" >&2
  exit 0
fi
cd "$ROOT"
[ "${1:-}" = "--no-build" ] || swift build -c release --product caseminer >&2
BIN=$(swift build -c release --show-bin-path)/caseminer
mkdir -p benchmarks/out
"$BIN" extract --json "$DATA"/cases-dev/*.txt "$DATA/seed-luzhai.txt" > benchmarks/out/extract-pred.jsonl
python3 "$SHARED/tools/score_extract.py" "$DATA/cases-dev/gold.jsonl" benchmarks/out/extract-pred.jsonl --json \
  > benchmarks/out/extract-score.json
python3 - benchmarks/out/extract-score.json "$(dirname "$0")/floors.json" <<'PY'
import json, sys
score = json.load(open(sys.argv[1]))
floors = json.load(open(sys.argv[2]))
failed = False
for key, want in floors.items():
    kind, metric = key.split('.')
    got = score[kind][metric]
    ok = got is not None and got >= want
    failed |= not ok
    print(f"{'ok  ' if ok else 'FAIL'} {key:22} {got} (floor {want})")
sys.exit(1 if failed else 0)
PY
