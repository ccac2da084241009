#!/usr/bin/env python3
"""The Python pipeline CaseMiner is compared with end to end: trafilatura (main text) +
jieba (words) + a regex-level claim extraction, over a folder of pages, on WORKERS processes.
Usage: python_pipeline.py DIR [WORKERS] → JSON with pages/s and MB/s."""
import json, multiprocessing, os, re, sys, time

CLAIM = re.compile(r"(近|约|超过|超|不足|不到)?(\d+(?:\.\d+)?)(多|余)?(万|亿)?(元|名|个|家|户|亩|人|%|％)")

def work(paths):
    import jieba, trafilatura
    jieba.setLogLevel(60)
    jieba.initialize()
    claims = words = 0
    for p in paths:
        text = trafilatura.extract(open(p, "rb").read()) or ""
        words += len(jieba.lcut(text))
        claims += sum(1 for _ in CLAIM.finditer(text))
    return claims, words

if __name__ == "__main__":
    d = sys.argv[1]
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else os.cpu_count()
    paths = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".html"))
    size = sum(os.path.getsize(p) for p in paths)
    chunks = [paths[i::workers] for i in range(workers)]
    start = time.perf_counter()
    with multiprocessing.Pool(workers) as pool:
        results = pool.map(work, chunks)
    elapsed = time.perf_counter() - start
    print(json.dumps({"pages": len(paths), "bytes": size, "seconds": elapsed, "workers": workers,
                      "pages_per_second": len(paths) / elapsed, "mb_per_second": size / 1e6 / elapsed,
                      "claims": sum(r[0] for r in results), "words": sum(r[1] for r in results)}))
