#!/usr/bin/env python3
"""Writes a WARC file the size of a Common Crawl News file (about 1 GB, a gzip
member per record) from the evaluation pages in ../shared/web, for `newsdex bench
ingest`. Each copy of a page gets its own URL (so each is an article of its own);
records are `warcinfo` then a `response` per page, as in CC-NEWS. The file is a
benchmark input only: it holds research pages and must not be shipped.

    python3 scripts/make_big_warc.py OUT.warc.gz [SIZE_MB] [SHARED_DIR]
"""
import gzip
import io
import json
import os
import sys
import zlib

out_path = sys.argv[1]
size_mb = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
shared = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), "..", "..", "shared")

pages = []
for collection in ("trafilatura-eval", "htmldate-eval"):
    root = os.path.join(shared, "web", collection)
    for name, entry in sorted(json.load(open(os.path.join(root, "eval.json"))).items()):
        url = entry.get("url") or ""
        if not url.startswith("http"):
            url = f"https://{name}.example/"
        pages.append((url, gzip.open(os.path.join(root, "pages", name + ".html.gz")).read()))


def member(data):
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()


def record(fields, block):
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields) + f"Content-Length: {len(block)}\r\n\r\n"
    return member(head.encode() + block + b"\r\n\r\n")


limit = size_mb * 1_000_000
written = n = 0
with open(out_path, "wb") as f:
    info = b"software: newsdex scripts/make_big_warc.py\r\nformat: WARC File Format 1.0\r\n"
    written += f.write(record([("WARC-Type", "warcinfo"), ("WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-000000000000>"),
                               ("WARC-Date", "2026-02-01T00:00:00Z"), ("Content-Type", "application/warc-fields")], info))
    copy = 0
    while written < limit:
        for url, body in pages:
            sep = "&" if "?" in url else "?"
            target = f"{url}{sep}copy={copy}"
            http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            n += 1
            written += f.write(record([
                ("WARC-Type", "response"),
                ("WARC-Record-ID", f"<urn:uuid:{n:08x}-0000-4000-8000-{copy:012x}>"),
                ("WARC-Date", "2026-02-01T00:00:00Z"),
                ("WARC-Target-URI", target),
                ("Content-Type", "application/http; msgtype=response"),
            ], http))
            if written >= limit:
                break
        copy += 1
print(f"{n} pages, {written / 1e6:.0f} MB in {out_path}")
