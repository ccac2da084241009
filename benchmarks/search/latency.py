#!/usr/bin/env python3
"""Search latency on a generated store of >= 100,000 paragraphs.

Generates realistic case-study pages (sentences of the seed page and the case excerpts in
../shared/data when present, else a built-in sample; county names from admin-divisions.tsv;
slogans of the 一X一Y family), ingests them with the release `caseminer ingest`, times the
first search (which builds the index), then runs each query several times as a user would
(one `caseminer search` process per run) and prints p50/p95 wall-clock latency in ms.

Usage: benchmarks/search/latency.py [--paragraphs N] [--runs N] [--keep DIR] [--binary PATH]
"""

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.path.abspath(os.path.join(ROOT, "..", "shared", "data"))

FALLBACK = """鹿寨县坚持以党建引领园区发展，把非公企业党建工作作为基层党建的重要内容。
按照“一企一特色、一地一品牌”思路，推行园区“党建+项目工程”党建工作模式。
全县共有非公企业党组织65个，党组织覆盖率达到84.61%，较上年提高12个百分点。
选派30名两新组织第一书记、党建指导员，到53个两新组织开展党建指导工作。
通过“三会一课”制度，扎实开展党员年会、“一季一题”沟通交流会、“一月一议”等组织活动。
积极推动企业党组织与村党组织结对共建，带动农民专业合作社发展，实现村集体经济增收。
投入党建工作经费120万元，建成党群服务中心18个，发展党员89名。
坚持把党的政治建设摆在首位，推动党建工作与生产经营深度融合。
探索“一村一品”“一企一策”工作机制，因地制宜发展特色产业。
组织开展党员先锋岗、党员责任区创建活动，引导党员在生产一线发挥先锋模范作用。"""

SLOGAN_X = "企村镇地品策户岗区家园社站所"
SLOGAN_Y = "特色品牌策案品题议档表卡色亮"

QUERIES = [
    ("1 char", "党"),
    ("1 char", "鹿"),
    ("2 chars", "党建"),
    ("2 chars", "合作"),
    ("3 chars", "党组织"),
    ("3 chars", "合作社"),
    ("4+ chars", "非公企业党建"),
    ("4+ chars", "党组织覆盖率"),
    ("4+ chars", "共建、共享"),
    ("4+ chars", "不存在的一句话"),
    ("template", "一?一?"),
    ("template", "党建+?"),
]


def sentences():
    texts = []
    seed = os.path.join(SHARED, "seed-luzhai.txt")
    if os.path.exists(seed):
        texts.append(open(seed, encoding="utf-8").read())
    cases = os.path.join(SHARED, "cases-dev")
    if os.path.isdir(cases):
        for name in sorted(os.listdir(cases)):
            if name.endswith(".txt"):
                texts.append(open(os.path.join(cases, name), encoding="utf-8").read())
    if not texts:
        texts = [FALLBACK]
    pool = []
    for text in texts:
        for s in re.findall(r"[^。！？\n]+[。！？]", text):
            s = s.strip()
            if 8 <= len(s) <= 120:
                pool.append(s)
    return pool


def counties():
    path = os.path.join(SHARED, "admin-divisions.tsv")
    names = []
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 4 and fields[3] == "county":
                names.append(fields[1])
    return names or ["鹿寨县", "融水县", "三江县", "柳城县", "象州县", "武宣县", "金秀县", "忻城县"]


def generate(folder, paragraphs, rng):
    pool = sentences()
    places = counties()
    per_doc = 20
    docs = (paragraphs + per_doc - 1) // per_doc
    chars = 0
    for d in range(docs):
        corpus = "5th" if d % 2 == 0 else "6th"
        county = rng.choice(places)
        lines = []
        for _ in range(per_doc):
            para = "".join(rng.choice(pool) for _ in range(rng.randint(2, 5)))
            para = para.replace("鹿寨县", county)
            para = re.sub(r"\d+", lambda _: str(rng.randint(1, 999)), para)
            if rng.random() < 0.1:
                x, y = rng.sample(SLOGAN_X, 2)
                a, b = rng.choice(SLOGAN_Y), rng.choice(SLOGAN_Y)
                para += f"推行“一{x}一{a}、一{y}一{b}”工作法。"
            lines.append(para)
        body = "\n".join(lines)
        chars += len(body)
        title = f"{county}：{rng.choice(pool)[:24]}"
        sub = os.path.join(folder, corpus)
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"{d:06d}.txt"), "w", encoding="utf-8") as f:
            f.write(f"{title}\n\n{body}\n")
    return docs, docs * per_doc, chars


def timed(cmd):
    """Wall-clock ms of one run, and its stdout."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ms = (time.perf_counter() - start) * 1000
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed: {proc.stderr.decode()}")
    return ms, proc.stdout.decode()


def run_measured(cmd):
    """Like timed, with CPU time from the child's rusage."""
    before = os.times()
    ms, out = timed(cmd)
    after = os.times()
    cpu = ((after.children_user - before.children_user)
           + (after.children_system - before.children_system)) * 1000
    return ms, cpu, out


SEPARATORS = set("\t\x0b\x0c\r \xa0\u202f\u205f\u3000\ufeff,/;\xb7\u3001\uff64\u30fb\u2022") | {
    chr(c) for c in range(0x2000, 0x200C)}


def normalize(text):
    """SearchText's rules (Sources/Miner/Query/SearchText.swift), for the recall check."""
    out = []
    for ch in text:
        c = ord(ch)
        if 0xFF01 <= c <= 0xFF5E:
            ch = chr(c - 0xFEE0)
        if "A" <= ch <= "Z":
            ch = ch.lower()
        elif ch in SEPARATORS:
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
    return "".join(out)


def truth(texts, query):
    """Overlapping occurrences of a literal query (no ?) after normalisation: substring truth."""
    q = normalize(query)
    pattern = re.compile("(?=" + re.escape(q) + ")")
    return sum(len(pattern.findall(t)) for t in texts)


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", help="build the store in this folder and keep it")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "caseminer"))
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"no {args.binary}: run swift build -c release --product caseminer first")
    rng = random.Random(args.seed)
    work = args.keep or tempfile.mkdtemp(prefix="caseminer-search-bench-")
    os.makedirs(work, exist_ok=True)
    store = os.path.join(work, "store.sqlite")
    pages = os.path.join(work, "pages")
    try:
        for path in (store, store + "-wal", store + "-shm"):
            if os.path.exists(path):
                os.remove(path)
        shutil.rmtree(pages, ignore_errors=True)
        t = time.perf_counter()
        docs, paragraphs, chars = generate(pages, args.paragraphs, rng)
        print(f"generated {docs} documents, {paragraphs} paragraphs, {chars:,} characters "
              f"in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        subprocess.run([args.binary, "ingest", os.path.join(pages, "5th"), os.path.join(pages, "6th"),
                        "--store", store, "--quiet"], check=True)
        print(f"ingested in {time.perf_counter() - t:.1f} s")

        ms, _ = timed([args.binary, "search", "党建", "--count", "--store", store])
        db = sqlite3.connect(store)
        text_bytes, = db.execute("SELECT sum(length(CAST(text AS BLOB))) FROM documents").fetchone()
        index_bytes, rows = db.execute(
            "SELECT sum(length(postings)), count(*) FROM search_postings").fetchone()
        db.close()
        mb = text_bytes / 1_048_576
        print(f"index built by the first search in {ms / 1000:.2f} s: {mb / (ms / 1000):.1f} MB/s, "
              f"{chars / (ms / 1000) / 1e6:.2f} M chars/s, {docs / (ms / 1000):.0f} documents/s")
        print(f"index: {rows:,} posting rows, {index_bytes / 1_048_576:.1f} MB of postings for "
              f"{mb:.1f} MB of text ({index_bytes / text_bytes:.2f} bytes per byte of text)")
        ms, _ = timed([args.binary, "search", "党建", "--count", "--store", store])
        print(f"second search (index up to date): {ms:.0f} ms")

        # Recall: --count against a brute-force count over the stored texts.
        db = sqlite3.connect(store)
        texts = [normalize(t) for (t,) in db.execute("SELECT text FROM documents")]
        db.close()
        checked = 0
        for _, query in QUERIES:
            if "?" in query:
                continue
            _, count = timed([args.binary, "search", query, "--count", "--store", store])
            hits = int(count.split("\n")[0].split("\t")[-1]) if count else 0
            expected = truth(texts, query)
            status = "ok" if hits == expected else "MISMATCH"
            print(f"recall {query}: {hits} hits, substring truth {expected}: {status}")
            checked += hits == expected
        literal = sum("?" not in q for _, q in QUERIES)
        print(f"recall: {checked} of {literal} queries equal substring truth")

        results = []
        for mode, extra in (("text (20 hits)", []), ("--count", ["--count"])):
            for kind, query in QUERIES:
                cmd = [args.binary, "search", query, "--store", store] + extra
                timed(cmd)  # warm the page cache
                runs, cpus = [], []
                for _ in range(args.runs):
                    ms, cpu, _ = run_measured(cmd)
                    runs.append(ms)
                    cpus.append(cpu)
                _, count = timed([args.binary, "search", query, "--count", "--store", store])
                hits = count.split("\n")[0].split("\t")[-1] if count else "0"
                results.append({"mode": mode, "kind": kind, "query": query, "hits": int(hits),
                                "p50": percentile(runs, 50), "p95": percentile(runs, 95),
                                "cpu_p50": percentile(cpus, 50), "runs": runs, "cpu": cpus})
        print()
        print("wall = elapsed time of one `caseminer search` process (start-up included); "
              "cpu = its user+system time")
        print(f"{'mode':<16}{'kind':<10}{'query':<14}{'hits':>9}{'wall p50':>10}{'wall p95':>10}"
              f"{'cpu p50':>9}")
        for r in results:
            print(f"{r['mode']:<16}{r['kind']:<10}{r['query']:<14}{r['hits']:>9}"
                  f"{r['p50']:>10.1f}{r['p95']:>10.1f}{r['cpu_p50']:>9.1f}")
        print()
        for mode in ("text (20 hits)", "--count"):
            for kind in ("1 char", "2 chars", "3 chars", "4+ chars", "template", None):
                chosen = [r for r in results if r["mode"] == mode and (kind is None or r["kind"] == kind)]
                runs = [ms for r in chosen for ms in r["runs"]]
                cpus = [ms for r in chosen for ms in r["cpu"]]
                print(f"{mode:<16}{kind or 'all':<10} wall p50 {percentile(runs, 50):6.1f} ms  "
                      f"p95 {percentile(runs, 95):6.1f} ms   cpu p50 {percentile(cpus, 50):6.1f} ms  "
                      f"p95 {percentile(cpus, 95):6.1f} ms   ({len(runs)} runs)")
        print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        out = os.path.join(ROOT, "benchmarks", "out")
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, "search-latency.json"), "w") as f:
            json.dump({"documents": docs, "paragraphs": paragraphs, "characters": chars,
                       "results": results}, f, ensure_ascii=False, indent=1)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
