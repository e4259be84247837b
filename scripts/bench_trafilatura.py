#!/usr/bin/env python3
"""Pages per CPU-second of Python trafilatura on the trafilatura-eval pages, the
baseline newsdex's HTML extraction is measured against (run both on one core:
`taskset -c 0 python3 scripts/bench_trafilatura.py`).

    pip install trafilatura==2.3.1 lxml_html_clean
    python3 scripts/bench_trafilatura.py [../shared/web/trafilatura-eval] [--runs 3]

Pages are decompressed into memory first and passed as raw bytes; the time is the
process CPU time of the `extract` calls (parsing included), as in
../shared/web/README.md. Prints the median pages/s of the runs."""
import gzip, json, os, sys, time

args = [a for a in sys.argv[1:] if not a.startswith("--")]
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
if "--runs" in sys.argv:
    args = [a for a in args if a != str(runs)]
root = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "web", "trafilatura-eval")
import trafilatura

names = sorted(json.load(open(os.path.join(root, "eval.json"))))
pages = [gzip.open(os.path.join(root, "pages", n + ".html.gz")).read() for n in names]
rates = []
for _ in range(runs):
    t = time.process_time()
    for html in pages:
        trafilatura.extract(html, include_comments=False, with_metadata=True)
    rates.append(len(pages) / (time.process_time() - t))
rates.sort()
print(json.dumps({"system": f"trafilatura {trafilatura.__version__}", "pages": len(pages),
                  "pages_per_sec": round(rates[len(rates) // 2], 1), "runs": [round(r, 1) for r in rates]}))
