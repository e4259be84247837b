#!/usr/bin/env python3
"""Scores newsdex's reading of web pages on ../shared/web: main text, title, date
and author on trafilatura-eval, publication dates on htmldate-eval, each with the
collection's own scorer. Prints the scores as JSON lines (one per set) for
scripts/eval.sh, which checks them against scripts/eval_thresholds.json.

    python3 scripts/eval_web.py NEWSDEX_BINARY [SHARED_DIR]
"""
import json, os, subprocess, sys, tempfile

binary = sys.argv[1]
shared = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "..", "shared")
web = os.path.join(shared, "web")


def extract(pages):
    """newsdex extract --text over a folder of pages: {page name: output line}."""
    out = subprocess.run([binary, "extract", "--text", "--no-speakers", "--no-places", pages],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"newsdex extract failed ({out.returncode}): {out.stderr[-2000:]}")
    lines = {}
    for line in out.stdout.splitlines():
        d = json.loads(line)
        lines[os.path.basename(d["path"]).removesuffix(".gz").removesuffix(".html")] = d
    return lines


def score(scorer, preds):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for p in preds:
            f.write(json.dumps(p) + "\n")
    try:
        out = subprocess.run([sys.executable, scorer, f.name, "--json"], capture_output=True, text=True, check=True)
    finally:
        os.unlink(f.name)
    return json.loads(out.stdout)


text = extract(os.path.join(web, "trafilatura-eval", "pages"))
s = score(os.path.join(web, "trafilatura-eval", "score.py"), [
    {"file": n, "text": d["text"], "title": d["title"], "date": d["date"],
     "author": "; ".join(d["authors"]) or None} for n, d in text.items()])
print(json.dumps({"set": "trafilatura_eval", "P": s["precision"], "R": s["recall"], "F1": s["f1"],
                  "date": s["metadata"]["date"]["accuracy"], "title": s["metadata"]["title"]["accuracy"],
                  "author": s["metadata"]["author"]["accuracy"]}))
dates = extract(os.path.join(web, "htmldate-eval", "pages"))
s = score(os.path.join(web, "htmldate-eval", "score.py"), [{"file": n, "date": d["date"]} for n, d in dates.items()])
print(json.dumps({"set": "htmldate_eval", "accuracy": s["accuracy"], "P": s["precision"], "R": s["recall"]}))
