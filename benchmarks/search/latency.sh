#!/bin/sh
# Search latency on a generated store of >= 100,000 paragraphs: builds the release binary,
# then runs latency.py (arguments are passed on: --paragraphs N --runs N --keep DIR).
set -e
cd "$(dirname "$0")/../.."
swift build -c release --product caseminer
exec python3 benchmarks/search/latency.py "$@"
