#!/usr/bin/env bash
# Ingests the large bad-input corpus with `caseminer ingest` under /usr/bin/time -v and checks
# that the run finishes, every input ends as a document or a stored error, and peak memory
# stays under 1 GiB.
#   Tests/BadInputs/measure.sh [BIN] [ARCHIVE_MB]
# ARCHIVE_MB defaults to 2048 (the issue's 2 GiB archive) when CASEMINER_LONG_TESTS=1, else 64.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/.build/debug/caseminer}
mb=${2:-$([ "${CASEMINER_LONG_TESTS:-}" = 1 ] && echo 2048 || echo 64)}
work=$(mktemp -d "${TMPDIR:-/tmp}/caseminer-bad.XXXXXX")
trap 'rm -rf "$work"' EXIT
bash "$root/Tests/BadInputs/make.sh" "$work/in" "$mb"
mkfifo "$work/in/pipe.html"
status=0
/usr/bin/time -v -o "$work/time" "$bin" ingest --quiet --corpus bad --store "$work/s.sqlite" \
  "$work/in"/* 2>"$work/err" || status=$?
peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time")
echo "exit $status, wall $wall, peak RSS $((peak / 1024)) MiB"
sed 's/^/  /' "$work/err" | cut -c1-200 | head -40
"$bin" stats --store "$work/s.sqlite"
python3 - "$work/s.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
names = ['notag-oneline.html', 'notag-lines.html', 'absurd.tar', 'lying.warc', 'lying.warc.gz', 'xxe.xml',
         'xxe-param.xml', 'laughs.xml', 'quadratic.xml', 'bomb.tar.gz', 'big.tar', 'pipe.html']
missing = [n for n in names
           if not db.execute("SELECT 1 FROM inputs WHERE input LIKE ? LIMIT 1", ('%/' + n + '%',)).fetchone()]
leak = db.execute("SELECT COUNT(*) FROM documents WHERE text LIKE '%root:x:0%'").fetchone()[0]
if missing: sys.exit(f"FAILED: no document or error for {missing}")
if leak: sys.exit("FAILED: /etc/passwd reached a document")
print("every input ended as a document or a stored error; no external entity was loaded")
PY
[ "$status" = 0 ] || [ "$status" = 2 ] || { echo "FAILED: exit status $status"; exit 1; }
[ "$peak" -lt $((1 << 20)) ] || { echo "FAILED: peak RSS over 1 GiB"; exit 1; }
