#!/usr/bin/env python3
"""Generate N pages of ~15 KB for the end-to-end benchmark from the sample corpus's templates.

Each page takes one sample page (corpora/samples/{gov,people}/*.html) as its layout, and fills
its body with ~28 paragraphs drawn from all samples, with numbers re-drawn and the county
swapped for another from the administrative-divisions table; navigation, a related-news list
and a footer bring it to about 15 KB. Pages keep their template's encoding (GBK for the
people.com.cn layout). Usage: make_corpus.py SAMPLES_DIR DIVISIONS_TSV OUT_DIR N [SEED]"""
import glob, os, random, re, sys

samples, divisions, out, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 7)
counties = [l.split("\t")[1] for l in open(divisions, encoding="utf-8").read().splitlines()[1:] if l.split("\t")[3] == "county"]
templates = []
for path in sorted(glob.glob(os.path.join(samples, "*", "*.html"))):
    raw = open(path, "rb").read()
    enc = "gb18030" if re.search(rb"charset=[\"']?(gb2312|gbk|gb18030)", raw[:2048], re.I) else "utf-8"
    templates.append((raw.decode(enc), enc))
pool = [p for t, _ in templates for p in re.findall(r"<p[^>]*>(.*?)</p>", t, re.S) if len(p) > 30]
if not templates or not pool:
    sys.exit(f"no templates with paragraphs under {samples}")
nav = "".join(f'<li><a href="/c{i}/index.html">栏目{i} 新闻 动态 通知公告</a></li>' for i in range(40))

def vary(text, county):
    # Re-draw numbers, but keep years (2019年) as they are.
    text = re.sub(r"\d+(?!\d|年)", lambda m: str(rng.randint(1, 10 ** len(m.group()) - 1)), text)
    return re.sub(r"[\u4e00-\u9fff]{1,4}[县市区旗]", lambda m: county if rng.random() < 0.5 else m.group(), text, count=2)

os.makedirs(out, exist_ok=True)
for i in range(n):
    template, enc = templates[i % len(templates)]
    county = rng.choice(counties)
    body = "\n".join(f"<p>{vary(rng.choice(pool), county)}</p>" for _ in range(28))
    related = "".join(f'<li><a href="/a/{rng.randint(1, 99999)}.html">{county}召开第{k}次党建工作推进会</a></li>' for k in range(30))
    page, count = re.subn(r"(<p[^>]*>.*?</p>\s*)+", lambda m: body, template, count=1, flags=re.S)
    page = page.replace("<body>", f'<body><div class="nav"><ul>{nav}</ul></div>', 1)
    page = page.replace("</body>", f'<div class="related"><h3>相关新闻</h3><ul>{related}</ul></div></body>', 1)
    page = page.replace("</title>", f"-{i}</title>", 1)
    with open(os.path.join(out, f"{i:06d}.html"), "wb") as fh:
        fh.write(page.encode(enc, errors="replace"))
