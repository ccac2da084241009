#!/usr/bin/env python3
"""jionlp's money extraction over case texts, written as `caseminer extract --json` records
(claims only) plus its speed. Usage: jionlp_money.py OUT.jsonl FILE... → JSON speed on stdout."""
import json, os, sys, time
import jionlp as jio

out, files = sys.argv[1], sys.argv[2:]
texts = [(f, open(f, encoding="utf-8").read()) for f in files]
jio.ner.extract_money("预热1万元")
records, start = [], time.perf_counter()
for f, text in texts:
    found = jio.ner.extract_money(text, with_parsing=True)
    claims = []
    for m in found:
        num = m["detail"]["num"]
        low, high = (num[0], num[1]) if isinstance(num, list) else (num, None)
        claims.append({"text": m["text"], "value": float(low), "value_max": float(high) if high else None,
                       "unit": "元", "approx": "exact" if m["detail"].get("definition") == "accurate" else "about"})
    records.append({"type": "document", "source": f, "claims": claims, "firms": [], "slogans": [], "region": None})
elapsed = time.perf_counter() - start
with open(out, "w", encoding="utf-8") as fh:
    for r in records:
        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
chars = sum(len(t) for _, t in texts)
print(json.dumps({"chars": chars, "seconds": elapsed, "chars_per_second": chars / elapsed}))
