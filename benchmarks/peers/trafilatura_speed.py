#!/usr/bin/env python3
"""Pages/s of trafilatura's main-text extraction over a folder, in one process (one core),
interpreter start-up excluded. Usage: trafilatura_speed.py DIR [--no-metadata] → JSON.
With metadata (the default) is the like-for-like comparison: caseminer's page stage finds
title, date, source, byline, editors and breadcrumb too."""
import json, os, sys, time
import trafilatura

d = sys.argv[1]
metadata = "--no-metadata" not in sys.argv[2:]
pages = [open(os.path.join(d, f), "rb").read() for f in sorted(os.listdir(d)) if f.endswith(".html")]
trafilatura.extract(pages[0])  # warm up imports and caches
start = time.perf_counter()
for p in pages:
    trafilatura.extract(p, with_metadata=metadata)
elapsed = time.perf_counter() - start
size = sum(len(p) for p in pages)
print(json.dumps({"metadata": metadata, "pages": len(pages), "bytes": size, "seconds": elapsed,
                  "pages_per_second": len(pages) / elapsed, "mb_per_second": size / 1e6 / elapsed}))
