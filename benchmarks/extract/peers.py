#!/usr/bin/env python3
"""Money claims side by side: CaseMiner's `extract --json` and jionlp's extract_money, scored
on the same texts against gold.jsonl (claims whose unit is 元), plus each one's speed.

Usage: peers.py GOLD.jsonl PRED.jsonl TEXT...   (run by peers.sh)
Matching as score_extract.py: multiset of (value, approx) per document, value within 1e-6.
jionlp reports 多/余 as a range [100万, 200万] with definition "blur": read as more_than at
the lower bound; a single accurate value as exact.
"""
import json, os, sys, time
from collections import Counter

def doc_id(src):
    stem = os.path.splitext(os.path.basename(src))[0]
    return 'seed' if stem.startswith('seed') else stem

def key(value, approx):
    return (round(float(value), 6), approx or 'exact')

def prf(tp, npred, ngold):
    p = tp / npred if npred else 1.0
    r = tp / ngold if ngold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)

def main():
    gold_path, pred_path, texts = sys.argv[1], sys.argv[2], sys.argv[3:]
    gold = {g['id']: Counter(key(c['value'], c.get('approx')) for c in g.get('numeric_claims', [])
                             if c.get('unit') in ('元', '万元', '亿元'))
            for g in map(json.loads, open(gold_path, encoding='utf-8'))}
    ours = {}
    for line in open(pred_path, encoding='utf-8'):
        r = json.loads(line)
        ours[doc_id(r['source'])] = Counter(key(c['value'], c['approx']) for c in r['claims'] if c['unit'] == '元')

    import io, contextlib
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    theirs = {}
    chars = 0
    began = time.perf_counter()
    for path in texts:
        text = open(path, encoding='utf-8').read()
        chars += len(text)
        found = Counter()
        for m in jionlp.ner.extract_money(text, with_parsing=True):
            d = m.get('detail') or {}
            if d.get('case') != '元':
                continue
            nums = d.get('num')
            lo = nums[0] if isinstance(nums, list) else nums
            approx = 'more_than' if isinstance(nums, list) and d.get('definition') == 'blur' else 'exact'
            found[key(lo, approx)] += 1
        theirs[doc_id(path)] = found
    jionlp_seconds = time.perf_counter() - began

    for name, pred in (('caseminer', ours), ('jionlp', theirs)):
        tp = npred = ngold = 0
        for i, g in gold.items():
            p = pred.get(i, Counter())
            tp += sum((g & p).values()); npred += sum(p.values()); ngold += sum(g.values())
        p, r, f = prf(tp, npred, ngold)
        print(f'money {name:10} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, pred {npred}, gold {ngold})')
    print(f'jionlp extract_money: {chars} chars in {jionlp_seconds:.2f} s = {chars / jionlp_seconds / 1e6:.3f} M chars/s (one thread)')

if __name__ == '__main__':
    main()
