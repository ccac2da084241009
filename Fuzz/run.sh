#!/usr/bin/env bash
# Builds one libFuzzer target optimised (-c release) with ASan and runs it over a seed corpus
# from the fixtures until 10 million executions or SECONDS, whichever comes first.
#   Fuzz/run.sh TARGET [SECONDS] [extra libFuzzer flags…]
# TARGET: FuzzDecoding FuzzHTML FuzzPlainText FuzzSegmenter FuzzClaims FuzzSearchQuery.
# SECONDS defaults to 60. Later flags win over the defaults (-runs=N, -max_len=N …).
# Run it under `nice -n 19`, one target at a time.
# The working corpus grows in Fuzz/corpus/TARGET, crashes land in Fuzz/artifacts/TARGET/;
# libFuzzer's own log (with the execution count) goes to Fuzz/logs/TARGET.log.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
target=${1:?usage: run.sh TARGET [SECONDS]}
seconds=${2:-60}
shift $(( $# < 2 ? $# : 2 ))
cd "$here"

# SwiftPM does not notice source files added to the root package (`..`) from this package's
# build ("cannot find 'X' in scope"); touching the manifest makes it plan the build again.
touch Package.swift
# Release (-O) with ASan. SwiftPM links a release executable with `--defsym main=<Target>_main`
# too (nm: main and <Target>_main share an address), so it starts through FuzzDriver as in debug.
swift build -c release --product "$target" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
bin=$(swift build -c release --show-bin-path)/$target

corpus=corpus/$target
mkdir -p "$corpus" "artifacts/$target" logs
# Seeds: Fuzz/seeds/TARGET where it exists (queries), else the fixtures and samples, plus the
# pages inside the sample zip.
if [ -z "$(ls -A "$corpus")" ] && [ -d "seeds/$target" ]; then
  cp seeds/"$target"/* "$corpus"/
elif [ -z "$(ls -A "$corpus")" ]; then
  find "$root"/Tests/*/Fixtures "$root"/corpora/samples -type f \
    \( -name '*.html' -o -name '*.htm' -o -name '*.txt' -o -name '*.xml' \) \
    -exec cp -t "$corpus" {} +
  tmp=$(mktemp -d)
  for z in "$root"/corpora/samples/*.zip; do
    python3 -c 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$z" "$tmp"
  done
  find "$tmp" -type f -size -512k -exec sh -c 'cp "$1" "'"$corpus"'/zip-$(basename "$1")"' _ {} \;
  rm -rf "$tmp"
fi

case $target in
  FuzzHTML|FuzzDecoding) max_len=4096 ;;
  FuzzPlainText|FuzzSegmenter) max_len=2048 ;;
  FuzzClaims) max_len=1024 ;;
  *) max_len=256 ;;
esac

status=0
"$bin" "$corpus" -runs=10000000 -max_total_time="$seconds" -max_len="$max_len" -timeout=20 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="artifacts/$target/" "$@" \
  >"logs/$target.log" 2>&1 || status=$?
grep -E 'ERROR|SUMMARY|Test unit written|Done [0-9]+ runs|stat::' "logs/$target.log" || true
exit "$status"
