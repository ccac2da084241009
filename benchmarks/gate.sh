#!/usr/bin/env bash
# Quality gate: accuracy against the gold data in ../shared/data must not fall below the
# floors in benchmarks/floors.tsv (and the stage gates beside this file). Skips cleanly when
# ../shared/data is absent, as on a user's clone.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/caseminer}
data=${CASEMINER_SHARED:-../shared/data}
status=0

floor() { awk -v k="$1" '$1 == k { print $2 }' benchmarks/floors.tsv; }
check() {  # name value
  local f; f=$(floor "$1")
  if awk -v v="$2" -v f="$f" 'BEGIN { exit !(v + 0 >= f + 0) }'; then
    echo "gate: ok    $1 = $2 (floor $f)"
  else
    echo "gate: FAIL  $1 = $2 is below the floor $f"; status=1
  fi
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

sighan="$data/sighan2005"
if [ -f "$sighan/pku_test_gold.utf8" ]; then
  out=$("$bin" eval segment --gold "$sighan/pku_test_gold.utf8" --words "$sighan/pku_training_words.utf8" --json) || status=1
  check segment.pku.default.f1 "$(echo "$out" | field f1)"
  check segment.pku.default.oov_recall "$(echo "$out" | field oov_recall)"
  out=$("$bin" eval segment --gold "$sighan/pku_test_gold.utf8" --words "$sighan/pku_training_words.utf8" \
    --no-default-lexicon --lexicon "$sighan/pku_training_words.utf8" --json) || status=1
  check segment.pku.closed.f1 "$(echo "$out" | field f1)"
else
  echo "gate: skip  segmentation ($sighan not found)"
fi

for stage in benchmarks/*/gate.sh; do
  [ -x "$stage" ] || [ -f "$stage" ] || continue
  bash "$stage" "$bin" || status=1
done
exit $status
