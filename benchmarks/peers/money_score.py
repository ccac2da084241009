#!/usr/bin/env python3
"""Money claims only (unit 元), loose match on (value, unit): P/R/F1 of a prediction file
against gold.jsonl, using the reference scorer's normalisation. Usage: money_score.py GOLD PRED"""
import collections, json, os, sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../../../shared/tools"))
from score_extract import claim_key, unit_norm  # the yardstick's own key functions

def doc_id(source):
    stem = os.path.splitext(os.path.basename(source))[0]
    return "seed" if stem == "seed-luzhai" else stem

gold = {}
for line in open(sys.argv[1], encoding="utf-8"):
    g = json.loads(line)
    gold[g["id"]] = [c for c in g.get("numeric_claims", []) if unit_norm(c.get("unit")) == "元"]
tp = npred = ngold = 0
seen = set()
for line in open(sys.argv[2], encoding="utf-8"):
    p = json.loads(line)
    i = doc_id(p["source"])
    if i not in gold:
        continue
    seen.add(i)
    pred = collections.Counter(claim_key(c, loose=True) for c in p.get("claims", []) if unit_norm(c.get("unit")) == "元")
    want = collections.Counter(claim_key(c, loose=True) for c in gold[i])
    tp += sum((pred & want).values()); npred += sum(pred.values()); ngold += sum(want.values())
ngold += sum(len(v) for k, v in gold.items() if k not in seen)
P = tp / npred if npred else 0; R = tp / ngold if ngold else 0
print(json.dumps({"precision": P, "recall": R, "f1": 2 * P * R / (P + R) if P + R else 0,
                  "gold": ngold, "predicted": npred, "correct": tp}))
