#!/bin/sh
# Peers side by side on cases-dev + the seed: money claims of CaseMiner and jionlp, scored on
# the same gold, and jionlp's speed. Installs jionlp into benchmarks/.venv (PyPI) on first run.
# Skips with exit 0 when ../shared/data is absent.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${CASEMINER_SHARED:-$ROOT/../shared}
DATA=$SHARED/data
if [ ! -d "$DATA/cases-dev" ]; then
  echo "caseminer: $DATA/cases-dev not found; peers skipped" >&2
  exit 0
fi
cd "$ROOT"
VENV=benchmarks/.venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import jionlp' >/dev/null 2>&1; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q jionlp >&2
fi
[ "${1:-}" = "--no-build" ] || swift build -c release --product caseminer >&2
BIN=$(swift build -c release --show-bin-path)/caseminer
mkdir -p benchmarks/out
"$BIN" extract --json "$DATA"/cases-dev/*.txt "$DATA/seed-luzhai.txt" > benchmarks/out/extract-pred.jsonl
"$VENV/bin/python" benchmarks/extract/peers.py "$DATA/cases-dev/gold.jsonl" benchmarks/out/extract-pred.jsonl \
  "$DATA"/cases-dev/*.txt "$DATA/seed-luzhai.txt"
