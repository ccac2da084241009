#!/usr/bin/env python3
"""Segment a SIGHAN test file with a peer segmenter; print JSON with chars/s (its dictionary or
model loaded before the clock starts, as caseminer's timing excludes loading).

Usage: peer_run.py jieba|pkuseg TEST OUT

jieba 0.42.1 runs as it comes (default dictionary, HMM on); pkuseg as `pkuseg.pkuseg()`: its
bundled default model (a CRF its README says was trained on mixed-domain annotated text) and
its default dictionary.
"""
import json, sys, time

peer, test, out = sys.argv[1], sys.argv[2], sys.argv[3]
if peer == "jieba":
    import jieba
    jieba.setLogLevel(60)
    jieba.initialize()
    cut = jieba.cut
elif peer == "pkuseg":
    import pkuseg
    cut = pkuseg.pkuseg().cut
else:
    sys.exit(f"peer_run.py: unknown peer {peer!r} (jieba or pkuseg)")
lines = open(test, encoding="utf-8-sig").read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
lines = [l.rstrip("\r") for l in lines]
chars = sum(len(l) for l in lines)
# One pass whose output is scored, then timed passes over the same lines for at least half a
# second in all, as `caseminer eval segment` times itself.
result = ["  ".join(w for w in cut(l) if w.strip()) for l in lines]
start = time.perf_counter()
passes = 0
while True:
    for l in lines:
        for _ in cut(l):
            pass
    passes += 1
    if time.perf_counter() - start >= 0.5 and passes >= 1:
        break
elapsed = (time.perf_counter() - start) / passes
open(out, "w", encoding="utf-8").write("\n".join(result) + "\n")
print(json.dumps({"peer": peer, "chars": chars, "seconds": elapsed, "chars_per_second": chars / elapsed}))
