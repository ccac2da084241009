#!/usr/bin/env bash
# Page extraction throughput on one core: `caseminer page --json` over the html-dev pages,
# repeated ROUNDS times in one process (decode + libxml2 parse + clean + JSON), pinned to CPU 0.
# Usage: benchmarks/pages/throughput.sh [DIR] [ROUNDS]   (run from anywhere)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="${1:-$root/../shared/data/html-dev}"
rounds="${2:-50}"
if [ ! -d "$dir" ]; then echo "throughput: $dir is absent, skipped"; exit 0; fi
bin="$root/.build/release/caseminer"
[ -x "$bin" ] || (cd "$root" && swift build -c release >/dev/null)
files=()
for r in $(seq "$rounds"); do for f in "$dir"/*.html; do files+=("$f"); done; done
bytes=$(cat "$dir"/*.html | wc -c)
pin=(); command -v taskset >/dev/null && pin=(taskset -c 0)
start=$(date +%s.%N)
"${pin[@]}" "$bin" page --json "${files[@]}" >/dev/null
end=$(date +%s.%N)
python3 - "$start" "$end" "${#files[@]}" "$bytes" "$rounds" <<'PY'
import sys
start, end, pages, bytes_, rounds = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
s = end - start
print(f"pages={pages} seconds={s:.2f} pages_per_s={pages/s:.0f} MB_per_s={bytes_*rounds/s/1048576:.1f} avg_page_KB={bytes_/(pages/rounds)/1024:.1f}")
PY
