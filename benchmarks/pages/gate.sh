#!/usr/bin/env bash
# Quality gate for page extraction: score `caseminer page --json` on ../shared/data/html-dev
# with the reference scorer and fail when a score drops under its floor. Floors only go up:
# raise them when the measured numbers rise. Skips (exit 0) when the data is absent.
# Usage: benchmarks/pages/gate.sh   (run from anywhere; builds the release binary if needed)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="$root/../shared/data/html-dev"
scorer="$root/../shared/tools/score_pages.py"
# Measured 2026-11-29: mean body F1 0.993, worst 0.969 (kepu-gov), titles 3/3, no U+FFFD.
MEAN_F1_FLOOR=0.985
WORST_F1_FLOOR=0.96
TITLE_RATE_FLOOR=1.0
if [ ! -d "$data" ] || [ ! -f "$scorer" ]; then
  echo "gate: ../shared/data/html-dev or the scorer is absent, skipped"
  exit 0
fi
bin="${CASEMINER_BIN:-$root/.build/release/caseminer}"
if [ ! -x "$bin" ]; then (cd "$root" && swift build -c release >/dev/null); fi
result="$(python3 "$scorer" "$bin" "$data")"
echo "gate: $result"
python3 - "$result" "$MEAN_F1_FLOOR" "$WORST_F1_FLOOR" "$TITLE_RATE_FLOOR" <<'PY'
import json, sys
r = json.loads(sys.argv[1]); mean_floor, worst_floor, title_floor = map(float, sys.argv[2:5])
title_rate = r["title_ok"] / r["titles"] if r["titles"] else 1.0
problems = []
if r["mean_f1"] < mean_floor: problems.append(f"mean body F1 {r['mean_f1']} < {mean_floor}")
if r["worst_f1"] < worst_floor: problems.append(f"worst body F1 {r['worst_f1']} ({r['worst']}) < {worst_floor}")
if title_rate < title_floor: problems.append(f"title rate {title_rate:.3f} < {title_floor}")
if r["fffd_pages"]: problems.append(f"U+FFFD in {r['fffd_pages']}")
if r["failed"]: problems.append(f"failed pages {r['failed']}")
for p in problems: print("gate: FAIL " + p)
print("gate: " + ("FAIL" if problems else "ok"))
sys.exit(1 if problems else 0)
PY
