#!/usr/bin/env python3
"""Reuse precision and recall on planted copies: the real case texts of cases-dev (ten
counties, which share no passage) with K passages of 15-40 characters copied from one text
into another at sentence ends. Runs caseminer ingest + extract --store + reuse --json.
A reported pair is right when its text lies inside a planted passage (both ends); a planted
passage is found when a reported pair covers at least 12 of its characters.
Usage: reuse_precision.py CASEMINER CASES_DIR [K] → JSON"""
import glob, json, os, random, subprocess, sys, tempfile

binary, cases = sys.argv[1], sys.argv[2]
k = int(sys.argv[3]) if len(sys.argv) > 3 else 30
rng = random.Random(11)
texts = {os.path.basename(p): open(p, encoding="utf-8").read() for p in sorted(glob.glob(os.path.join(cases, "*.txt")))}
names = sorted(texts)
planted = []
for _ in range(k):
    a, b = rng.sample(names, 2)
    src = texts[a]
    body = [i for i in range(len(src) - 40) if "\n" not in src[i:i + 40]]
    start = rng.choice(body)
    passage = src[start:start + rng.randint(15, 40)]
    ends = [i + 1 for i, ch in enumerate(texts[b]) if ch == "。"] or [len(texts[b])]
    at = rng.choice(ends)
    texts[b] = texts[b][:at] + passage + texts[b][at:]
    planted.append(passage)
with tempfile.TemporaryDirectory() as d:
    for n, t in texts.items():
        open(os.path.join(d, n), "w", encoding="utf-8").write(t)
    store = os.path.join(d, "s.sqlite")
    run = lambda *a: subprocess.run([binary, *a, "--store", store], capture_output=True, text=True, check=False)
    subprocess.run([binary, "ingest", d, "--store", store, "--quiet"], check=True, capture_output=True)
    run("extract")
    pairs = [json.loads(l) for l in run("reuse", "--json").stdout.splitlines() if l.strip()]
right = sum(1 for p in pairs if any(p["text"] in s for s in planted))
found = sum(1 for s in planted if any(len(p["text"]) >= 12 and (p["text"] in s or s in p["text"] or
            any(s[i:i + 12] in p["text"] for i in range(len(s) - 11))) for p in pairs))
print(json.dumps({"planted": len(planted), "pairs": len(pairs), "pairs_right": right,
                  "precision": right / len(pairs) if pairs else 1.0, "recall": found / len(planted) if planted else None}))
