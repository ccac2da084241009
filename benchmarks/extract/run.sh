#!/bin/sh
# Accuracy of `caseminer extract` on ../shared/data/cases-dev (+ the seed), scored by the
# reference scorer tools/score_extract.py, and extractor throughput (release build).
#
# Usage: benchmarks/extract/run.sh [--no-build]
# Writes benchmarks/out/extract-pred.jsonl and prints the scorer's report and chars/s.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${CASEMINER_SHARED:-$ROOT/../shared}
DATA=$SHARED/data
if [ ! -d "$DATA/cases-dev" ]; then
  echo "caseminer: $DATA/cases-dev not found; nothing to measure" >&2
  exit 0
fi
cd "$ROOT"
[ "${1:-}" = "--no-build" ] || swift build -c release --product caseminer >&2
BIN=$(swift build -c release --show-bin-path)/caseminer
mkdir -p benchmarks/out
"$BIN" extract --json "$DATA"/cases-dev/*.txt "$DATA/seed-luzhai.txt" > benchmarks/out/extract-pred.jsonl
python3 "$SHARED/tools/score_extract.py" "$DATA/cases-dev/gold.jsonl" benchmarks/out/extract-pred.jsonl --show "${SHOW:-0}"

# Throughput: the same documents copied to ~4 M characters in separate files, one process.
rm -rf benchmarks/out/extract-bench && mkdir -p benchmarks/out/extract-bench
CHARS=$(python3 - "$DATA" benchmarks/out/extract-bench <<'PY'
import sys, glob, os
data, out = sys.argv[1], sys.argv[2]
paths = sorted(glob.glob(data + '/cases-dev/*.txt')) + [data + '/seed-luzhai.txt']
texts = [open(p, encoding='utf-8').read() for p in paths]
reps = max(1, 4_000_000 // sum(map(len, texts)))
total = 0
for r in range(reps):
    for k, t in enumerate(texts):
        open(os.path.join(out, f'{r:04d}-{k:02d}.txt'), 'w', encoding='utf-8').write(t)
        total += len(t)
print(total)
PY
)
"$BIN" extract --json --stats --jobs 1 benchmarks/out/extract-bench/*.txt > /dev/null
START=$(date +%s.%N)
"$BIN" extract --json --stats benchmarks/out/extract-bench/*.txt > /dev/null
END=$(date +%s.%N)
python3 -c "import sys; c, s, e = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]); print(f'throughput {c} chars in {e - s:.2f} s = {c / (e - s) / 1e6:.2f} M chars/s end to end (startup, reading and JSON output included; every core)')" "$CHARS" "$START" "$END"
