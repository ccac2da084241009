#!/usr/bin/env bash
# Crash safety (issue 7): SIGKILLs `caseminer ingest` at KILLS random moments over a generated
# corpus, re-running it each time; a `caseminer stats` reader runs during each ingest (WAL).
# Afterwards: PRAGMA integrity_check is ok, every input is stored exactly once, no error is
# duplicated, and the store equals one made by an uninterrupted run.
#   Tests/CrashSafety/kill-ingest.sh [BIN] [PAGES] [KILLS]
# BIN defaults to .build/debug/caseminer; PAGES to 3000; KILLS to 20.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/.build/debug/caseminer}
pages=${2:-3000}
kills=${3:-20}
work=$(mktemp -d "${TMPDIR:-/tmp}/caseminer-crash.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 "$root/benchmarks/e2e/make_corpus.py" "$root/corpora/samples" \
  "$root/Sources/Segmenter/Resources/admin-divisions.tsv" "$work/pages" "$pages" >/dev/null
# A few bad inputs, so that stored errors are checked too.
: >"$work/pages/empty.html"
printf '\x89PNG\r\n\x1a\n%0600d' 0 >"$work/pages/image.html"
head -c 3000 /dev/urandom | gzip >"$work/pages/cut.tar.gz"; truncate -s 200 "$work/pages/cut.tar.gz"

# How long an uninterrupted run takes, into a reference store.
start=$(date +%s.%N)
"$bin" ingest --quiet --corpus c --store "$work/reference.sqlite" "$work/pages" || [ $? = 2 ]
full=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(date +%s.%N)")
echo "uninterrupted ingest of $pages pages: ${full}s"

store=$work/killed.sqlite
readers_ok=0; readers_failed=0; hits=0
for i in $(seq 1 "$kills"); do
  "$bin" ingest --quiet --corpus c --store "$store" "$work/pages" 2>>"$work/ingest.err" &
  pid=$!
  # Each run resumes where the last was killed, so the KILLS runs share one full run's work:
  # a random moment in the first 1.2/KILLS of a full run (startup and migrations included).
  delay=$(python3 -c "import random,sys; print(round(random.uniform(0.02, 1.2 * float(sys.argv[1]) / int(sys.argv[2])), 3))" "$full" "$kills")
  sleep "$(python3 -c "import sys; print(float(sys.argv[1]) / 2)" "$delay")"
  if [ -e "$store" ]; then
    if "$bin" stats --store "$store" >/dev/null 2>>"$work/stats.err"; then
      readers_ok=$((readers_ok + 1))
    else
      readers_failed=$((readers_failed + 1))
    fi
  fi
  sleep "$(python3 -c "import sys; print(float(sys.argv[1]) / 2)" "$delay")"
  # A resumed run has less left to do and may be done already (a zombie until waited for).
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || echo gone)
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ "$state" = Z ] || [ "$state" = gone ]; then
    echo "kill $i at ${delay}s: the ingest had finished"
  else
    hits=$((hits + 1)); echo "kill $i at ${delay}s: killed a running ingest"
  fi
done
echo "$hits of $kills kills hit a running ingest"
"$bin" ingest --quiet --corpus c --store "$store" "$work/pages" 2>>"$work/ingest.err" || [ $? = 2 ]

python3 - "$store" "$work/reference.sqlite" "$work/pages" <<'PY'
import os, sqlite3, sys
killed, reference, pages = sys.argv[1:4]
def q(path, sql):
    return sqlite3.connect(path).execute(sql).fetchall()
failures = []
check = q(killed, "PRAGMA integrity_check")
if check != [("ok",)]: failures.append(f"integrity_check: {check}")
files = sum(len(f) for _, _, f in os.walk(pages))
inputs = q(killed, "SELECT COUNT(*), COUNT(DISTINCT input) FROM inputs WHERE corpus = 'c'")[0]
if inputs != (files, files): failures.append(f"inputs {inputs}, files {files}")
dup = q(killed, "SELECT input, COUNT(*) FROM ingest_errors GROUP BY input, corpus HAVING COUNT(*) > 1")
if dup: failures.append(f"duplicated errors: {dup[:5]}")
for sql in ["SELECT COUNT(*) FROM documents", "SELECT COUNT(*) FROM memberships",
            "SELECT COUNT(*) FROM ingest_errors",
            "SELECT COUNT(*) FROM inputs WHERE document_id IS NOT NULL",
            "SELECT group_concat(id) FROM (SELECT id FROM documents ORDER BY id)"]:
    a, b = q(killed, sql), q(reference, sql)
    if a != b: failures.append(f"{sql[:60]}: killed {str(a)[:80]} reference {str(b)[:80]}")
print(f"inputs {inputs[0]} for {files} files; documents {q(killed, 'SELECT COUNT(*) FROM documents')[0][0]}; "
      f"errors {q(killed, 'SELECT COUNT(*) FROM ingest_errors')[0][0]}")
if failures:
    print("FAILED:\n  " + "\n  ".join(failures)); sys.exit(1)
print("integrity ok, every input once, no duplicated error, same as the uninterrupted store")
PY
echo "stats during ingest: $readers_ok ok, $readers_failed failed"
if [ "$readers_failed" -gt 0 ]; then sort "$work/stats.err" | uniq -c | head; exit 1; fi
