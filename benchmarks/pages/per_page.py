#!/usr/bin/env python3
"""Per-page body F1 and titles of `caseminer page --json` on a folder of NAME.html + NAME.json
(the scoring of /work/shared/tools/score_pages.py, one row a page). Usage: per_page.py BIN DIR"""
import json, os, re, subprocess, sys, unicodedata
from collections import Counter
def bigrams(s):
    s = re.sub(r'\s+', '', unicodedata.normalize('NFKC', s or ''))
    return Counter(s[i:i+2] for i in range(len(s) - 1))
def prf(pred, gold):
    p, g = bigrams(pred), bigrams(gold); tp = sum((p & g).values())
    if not tp: return 0.0, 0.0, 0.0
    P, R = tp / sum(p.values()), tp / sum(g.values()); return P, R, 2 * P * R / (P + R)
binp, d = sys.argv[1], sys.argv[2]
for fn in sorted(os.listdir(d)):
    if not fn.endswith('.html'): continue
    j = os.path.join(d, fn[:-5] + '.json')
    gt = json.load(open(j, encoding='utf-8')) if os.path.exists(j) else {}
    r = subprocess.run([binp, 'page', '--json', os.path.join(d, fn)], capture_output=True)
    out = json.loads(r.stdout) if r.returncode == 0 else {}
    P, R, F = prf(out.get('text'), gt.get('body')) if gt.get('body') else (0, 0, 0)
    print(f"{fn[:-5]:32} {gt.get('gt_kind','')[:10]:10} P={P:.3f} R={R:.3f} F={F:.3f} enc={out.get('encoding',{}).get('used')} "
          f"pub={out.get('published')} src={out.get('source')} title={out.get('title')!r} gold={gt.get('title')!r}")
