#!/usr/bin/env bash
# Page extraction throughput on one core: `caseminer page --json` over the html-dev pages,
# repeated ROUNDS times in one process (decode + libxml2 parse + clean + JSON), pinned to CPU 0.
# Reports wall-clock and CPU-time rates (CPU time is steadier on a shared machine).
# Usage: benchmarks/pages/throughput.sh [DIR] [ROUNDS]   (run from anywhere)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="${1:-$root/../shared/data/html-dev}"
rounds="${2:-50}"
if [ ! -d "$dir" ]; then echo "throughput: $dir is absent, skipped"; exit 0; fi
bin="$root/.build/release/caseminer"
[ -x "$bin" ] || (cd "$root" && swift build -c release >/dev/null)
python3 - "$bin" "$dir" "$rounds" <<'PY'
import glob, os, shutil, subprocess, sys, time
binp, d, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
pages = sorted(glob.glob(os.path.join(d, "*.html")))
size = sum(os.path.getsize(p) for p in pages)
cmd = [binp, "page", "--json"] + pages * rounds
if shutil.which("taskset"): cmd = ["taskset", "-c", "0"] + cmd
start = time.time()
p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(p.pid, 0)
wall = time.time() - start
cpu = usage.ru_utime + usage.ru_stime
n, mb = len(pages) * rounds, size * rounds / 1048576
print(f"pages={n} avg_page_KB={size / len(pages) / 1024:.1f} wall_s={wall:.2f} cpu_s={cpu:.2f} "
      f"pages_per_s={n / wall:.0f} pages_per_cpu_s={n / cpu:.0f} MB_per_cpu_s={mb / cpu:.1f} "
      f"peak_rss_MB={usage.ru_maxrss / 1024:.0f}")
PY
