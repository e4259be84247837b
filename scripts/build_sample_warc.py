#!/usr/bin/env python3
"""Builds the demo corpus in samples/ from ../shared/corpus/wikinews-sample.jsonl
(Wikinews, CC BY 2.5): the first articles stay JSON lines
(samples/wikinews-sample.jsonl), the last LAST ones become web pages in a WARC file
(samples/wikinews-pages.warc.gz), so that the demo indexes both kinds of input and
no story twice.

Each page is rendered as a news site serves one: navigation, the article, related
links, a footer with the licence, and the metadata a real page carries (og: tags,
JSON-LD NewsArticle, canonical link). The WARC file is what a crawler writes: a
warcinfo record, then a request and a response per page, one gzip member per
record (WARC/1.0, as Common Crawl News). Wikinews gives no publication dates, so the
pages carry none. Deterministic: the same input gives the same bytes.

    python3 scripts/build_sample_warc.py [SHARED_DIR] [LAST]
"""
import gzip
import hashlib
import html
import io
import json
import os
import sys
import uuid

here = os.path.dirname(os.path.abspath(__file__))
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared")
last = int(sys.argv[2]) if len(sys.argv) > 2 else 40
samples = os.path.join(here, "..", "samples")
FETCHED = "2026-12-01T00:00:00Z"
NAMESPACE = uuid.UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")  # uuid.NAMESPACE_URL

with open(os.path.join(shared, "corpus", "wikinews-sample.jsonl"), encoding="utf-8") as f:
    articles = [json.loads(line) for line in f if line.strip()]
keep, pages = articles[:-last], articles[-last:]


def page_html(a):
    title = html.escape(a["title"])
    paragraphs = "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in a["text"].split("\n") if p.strip())
    ld = json.dumps({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"],
        "url": a["url"], "publisher": {"@type": "Organization", "name": "Wikinews"},
        "license": "https://creativecommons.org/licenses/by/2.5/",
    })
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<title>{title} - Wikinews, the free news source</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Wikinews">
<link rel="canonical" href="{html.escape(a["url"])}">
<script type="application/ld+json">{ld}</script>
</head><body>
<header><nav><a href="/wiki/Main_Page">Main page</a> <a href="/wiki/Special:RecentChanges">Recent changes</a> <a href="/wiki/Wikinews:Write_an_article">Write an article</a> <a href="/wiki/Special:Random">Random article</a></nav></header>
<main><article>
<h1>{title}</h1>
{paragraphs}
</article>
<aside><h2>Related news</h2><ul><li><a href="/wiki/Portal:Politics">Politics and conflicts</a></li><li><a href="/wiki/Portal:Science">Science and technology</a></li></ul></aside>
</main>
<footer><p>This article is from Wikinews, the free news source. Text licensed under Creative Commons Attribution 2.5, Wikinews contributors.</p>
<p><a href="/wiki/Wikinews:Privacy">Privacy policy</a> <a href="/wiki/Wikinews:About">About Wikinews</a></p></footer>
</body></html>
""".encode("utf-8")


def record(fields, block):
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields) + f"Content-Length: {len(block)}\r\n\r\n"
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as g:
        g.write(head.encode("utf-8") + block + b"\r\n\r\n")
    return out.getvalue()


def rid(name):
    return f"<urn:uuid:{uuid.uuid5(NAMESPACE, name)}>"


info = (
    "software: newsdex scripts/build_sample_warc.py\r\n"
    "format: WARC File Format 1.0\r\n"
    "description: a sample for the newsdex demo: Wikinews articles rendered as web pages "
    "(CC BY 2.5, Wikinews contributors); the captures are generated, not crawled\r\n"
).encode("utf-8")
warc = [record([("WARC-Type", "warcinfo"), ("WARC-Record-ID", rid("warcinfo")), ("WARC-Date", FETCHED),
                ("WARC-Filename", "wikinews-pages.warc.gz"), ("Content-Type", "application/warc-fields")], info)]
for a in pages:
    url = a["url"]
    path = url.split("en.wikinews.org", 1)[1]
    request = f"GET {path} HTTP/1.1\r\nHost: en.wikinews.org\r\nUser-Agent: newsdex-sample\r\n\r\n".encode()
    body = page_html(a)
    response = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {len(body)}\r\n"
                f"X-License: CC BY 2.5, Wikinews contributors\r\n\r\n").encode() + body
    digest = "sha1:" + __import__("base64").b32encode(hashlib.sha1(body).digest()).decode()
    warc.append(record([("WARC-Type", "request"), ("WARC-Record-ID", rid("request " + url)), ("WARC-Date", FETCHED),
                        ("WARC-Target-URI", url), ("Content-Type", "application/http; msgtype=request")], request))
    warc.append(record([("WARC-Type", "response"), ("WARC-Record-ID", rid("response " + url)), ("WARC-Date", FETCHED),
                        ("WARC-Target-URI", url), ("WARC-Concurrent-To", rid("request " + url)),
                        ("WARC-Payload-Digest", digest), ("Content-Type", "application/http; msgtype=response")], response))

with open(os.path.join(samples, "wikinews-pages.warc.gz"), "wb") as f:
    f.write(b"".join(warc))
with open(os.path.join(samples, "wikinews-sample.jsonl"), "w", encoding="utf-8") as f:
    for a in keep:
        f.write(json.dumps(a, ensure_ascii=False) + "\n")
print(f"{len(keep)} articles in samples/wikinews-sample.jsonl, {len(pages)} pages in samples/wikinews-pages.warc.gz")
