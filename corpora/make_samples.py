#!/usr/bin/env python3
"""Writes the sample corpus (samples/) from cases.py in the layouts of real sites: a
people.com.cn-style page in GBK labelled gb2312, county-government pages in UTF-8, a text page,
and a zip of some. All texts are samples written for CaseMiner (see README.md).
Usage: python3 corpora/make_samples.py   (rewrites corpora/samples/)"""
import html, os, re, shutil, zipfile
from cases import CASES

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "samples")
ZIPPED = {"meitan-2021", "lankao-2021", "menghai-2022", "luzhai-2020"}

def paras(case, indent="　　"):
    rows = []
    for heading, ps in case["sections"]:
        if heading:
            rows.append(f"<p>{indent}{html.escape(heading)}</p>" if heading.startswith("【")
                        else f"<p><strong>{html.escape(heading)}</strong></p>")
        rows += [f"<p>{indent}{html.escape(p)}</p>" for p in ps]
    return "\n".join(rows)

def people(case):
    c = ["中国共产党新闻网", "党建", case.get("column_name", "第五届全国基层党建创新典型案例征集活动")]
    date = case["date"]
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="content-type" content="text/html;charset=GB2312"/>
<meta http-equiv="Content-Language" content="utf-8" />
<title>{case['title']}--党建-人民网</title>
<meta name="keywords" content="{case['short']},党建" />
<meta name="description" content="{html.escape(case['sections'][0][1][0][:60])}" />
<link rel="stylesheet" href="/img/2016wbdangjian/css/style.css" type="text/css" />
<script src="/img/2016wbdangjian/js/jquery.js" type="text/javascript"></script>
</head>
<body>
<div class="top_nav"><a href="http://www.people.com.cn/">人民网</a> | <a href="http://cpc.people.com.cn/">中国共产党新闻网</a> | <a href="http://dangjian.people.com.cn/">党建</a> | <a href="http://renshi.people.com.cn/">人事</a> | <a href="http://fanfu.people.com.cn/">反腐</a></div>
<div class="w1000 clink"><a href="http://cpc.people.com.cn/" target="_blank">{c[0]}</a>&gt;&gt;<a href="http://dangjian.people.com.cn/" target="_blank">{c[1]}</a>&gt;&gt;<a href="http://dangjian.people.com.cn/GB/429005/" target="_blank">{c[2]}</a></div>
<div class="text_c w1000">
  <h1>{case['title']}</h1>
  <h2 class="author">{case['byline']}</h2>
  <p class="sou">{date}&nbsp;&nbsp;&nbsp;&nbsp;来源：<a href="http://www.people.com.cn/" target="_blank">{case['source']}</a></p>
  <div class="fx"><span>分享到：</span><a href="#">人民微博</a><a href="#">微信</a></div>
  <div class="show_text">
{paras(case)}
  <div class="edit">(责编：{case['editors']})</div>
  </div>
</div>
<div class="ewm w1000">
  <p>微信“扫一扫”添加“学习大国”</p>
  <p>微信“扫一扫”添加“人民党建云”</p>
</div>
<div class="w1000 relate"><h2>相关新闻</h2>
<ul><li><a href="/n1/a.html">基层党建创新典型案例征集活动启动</a></li><li><a href="/n1/b.html">各地非公企业党建工作综述</a></li><li><a href="/n1/c.html">党建引领乡村振兴的县域实践</a></li></ul></div>
<div id="copyright">人民网版权所有，未经书面授权禁止使用<br />Copyright &copy; 1997-2020 by www.people.com.cn. all rights reserved</div>
</body>
</html>
"""

def gov(case):
    crumbs = " &gt; ".join(f'<a href="/{i}/">{c}</a>' for i, c in enumerate(case["column"]))
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="SiteName" content="{case['source']}">
<meta name="ArticleTitle" content="{case['title']}">
<meta name="PubDate" content="{case['date']}">
<meta name="ContentSource" content="{case['source']}">
<title>{case['title']}_{case['source']}</title>
<link rel="canonical" href="http://www.example.gov.cn/zwdt/{case['slug']}.html">
</head>
<body>
<div class="header"><div class="logo">{case['short']}人民政府</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjxq/">走进{case['short']}</a></li></ul></div>
<div class="position">当前位置：{crumbs}</div>
<div class="article">
  <h1 class="title">{case['title']}</h1>
  <div class="info">发布时间：{case['date']}　来源：{case['source']}　作者：{case['byline']}　浏览次数：<span id="hits">1286</span>　【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
  <div id="zoom" class="TRS_Editor">
{paras(case, indent="")}
  </div>
  <div class="editor">责任编辑：{case['editors']}</div>
  <div class="tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<div class="related"><h3>相关阅读</h3><ul><li><a href="/a.html">全县组织工作会议召开</a></li><li><a href="/b.html">县委理论学习中心组举行集中学习</a></li></ul></div>
<div class="footer">
<p>主办单位：{case['short']}人民政府办公室　承办单位：{case['short']}融媒体中心</p>
<p>网站标识码：5227000000　ICP备05000000号-1　公网安备 52270002000000号</p>
</div>
</body>
</html>
"""

def text(case):
    lines = [">>".join(case["column"]), "", case["title"], "", case["byline"], "",
             f"{case['date']}    来源:{case['source']}", ""]
    for heading, ps in case["sections"]:
        if heading: lines += [heading, ""]
        for p in ps: lines += [p, ""]
    lines += [f"(责编:{case['editors']})", "微信“扫一扫”添加“学习大国”", "", "微信“扫一扫”添加“人民党建云”"]
    return "\n".join(lines) + "\n"

shutil.rmtree(out, ignore_errors=True)
for d in ("people", "gov", "text"): os.makedirs(os.path.join(out, d))
zipped = []
for case in CASES:
    if case["layout"] == "people":
        path, data = f"people/{case['slug']}.html", people(case).encode("gb18030")
    elif case["layout"] == "gov":
        path, data = f"gov/{case['slug']}.html", gov(case).encode("utf-8")
    else:
        path, data = f"text/{case['slug']}.txt", text(case).encode("utf-8")
    if case["slug"] in ZIPPED:
        zipped.append((path, data))
    else:
        open(os.path.join(out, path), "wb").write(data)
with zipfile.ZipFile(os.path.join(out, "more-cases.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    for path, data in zipped:
        info = zipfile.ZipInfo(path, date_time=(2021, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
print(f"wrote {len(CASES)} pages ({len(zipped)} in more-cases.zip) to {out}")
