#!/usr/bin/env bash
# Segmentation side by side with jieba on the SIGHAN 2005 PKU test set, in one run,
# alternating, several rounds; prints a Markdown table of medians.
# Usage: benchmarks/segment/compare.sh [path/to/caseminer] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-.build/release/caseminer}
rounds=${2:-5}
data=${CASEMINER_SHARED:-../shared/data}/sighan2005
[ -f "$data/pku_test_gold.utf8" ] || { echo "skip: $data not found"; exit 0; }
venv=benchmarks/.venv
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/pip" install -q jieba==0.42.1 >&2
out=$(mktemp -d)
gold="$data/pku_test_gold.utf8"; words="$data/pku_training_words.utf8"
for r in $(seq "$rounds"); do
  "$bin" eval segment --gold "$gold" --words "$words" --json --output "$out/cm.txt" >> "$out/cm.jsonl"
  "$bin" eval segment --gold "$gold" --words "$words" --no-default-lexicon --lexicon "$words" --json >> "$out/cm-closed.jsonl"
  "$venv/bin/python" benchmarks/segment/peer_run.py jieba "$data/pku_test.utf8" "$out/jieba.txt" >> "$out/jieba.jsonl"
done
python3 ../shared/tools/segeval.py "$gold" "$out/jieba.txt" --words "$words" --json > "$out/jieba-score.json"
python3 ../shared/tools/segeval.py "$gold" "$out/cm.txt" --words "$words" --json > "$out/cm-score.json"
python3 - "$out" <<'PY'
import json, statistics, sys
d = sys.argv[1]
rows = lambda f: [json.loads(l) for l in open(f"{d}/{f}")]
cm, closed, jb = rows("cm.jsonl"), rows("cm-closed.jsonl"), rows("jieba.jsonl")
js, cs = json.load(open(f"{d}/jieba-score.json")), json.load(open(f"{d}/cm-score.json"))
med = lambda xs: statistics.median(xs)
cm_speed, jb_speed = med([r["chars_per_second"] for r in cm]), med([r["chars_per_second"] for r in jb])
def g(s, *keys):
    for k in keys:
        if k in s: return s[k]
    return float("nan")
print("| segmenter | PKU F1 | OOV recall | IV recall | chars/s (median of %d, one thread) | vs jieba |" % len(cm))
print("| --- | --- | --- | --- | --- | --- |")
print("| caseminer (default lexicon) | %.4f | %.4f | %.4f | %.0f | %.1f× |" % (cm[0]["f1"], cm[0]["oov_recall"], cm[0]["iv_recall"], cm_speed, cm_speed / jb_speed))
print("| caseminer (closed: PKU training words only) | %.4f | %.4f | %.4f | %.0f | %.1f× |" % (closed[0]["f1"], closed[0]["oov_recall"], closed[0]["iv_recall"], med([r["chars_per_second"] for r in closed]), med([r["chars_per_second"] for r in closed]) / jb_speed))
print("| jieba 0.42.1 (default, HMM on) | %.4f | %.4f | %.4f | %.0f | 1.0× |" % (g(js, "f1", "F1"), g(js, "oov_recall", "R_oov"), g(js, "iv_recall", "R_iv"), jb_speed))
print()
print("reference scorer (segeval.py) on caseminer's default output: F1 %.4f (caseminer eval says %.4f)" % (g(cs, "f1", "F1"), cm[0]["f1"]))
PY
