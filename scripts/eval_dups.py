#!/usr/bin/env python3
"""Scores near-duplicate clustering (issue 17) on the test set that
scripts/build_dup_testset.py makes from ../shared/corpus/news-en.jsonl.

Indexes the set's articles with `newsdex index`, reads every cluster with
`newsdex dups --json --limit 0`, and counts a pair as found when both articles are
in one cluster. Prints one JSON line: precision and recall over the pairs, recall
per kind of copy and per change made, the false pairs, and the seconds taken.

Usage: scripts/eval_dups.py NEWSDEX_BIN SHARED_DIR [--keep DIR] [--show N]
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("shared")
    ap.add_argument("--keep", help="build the set and the index in this folder and keep them")
    ap.add_argument("--show", type=int, default=0, help="print this many missed and false pairs")
    args = ap.parse_args()
    work = args.keep or tempfile.mkdtemp(prefix="newsdex-dups-")
    here = os.path.dirname(os.path.abspath(__file__))
    setdir = os.path.join(work, "set")
    if not os.path.exists(os.path.join(setdir, "pairs.jsonl")):
        subprocess.run(
            [sys.executable, os.path.join(here, "build_dup_testset.py"), setdir,
             "--corpus", os.path.join(args.shared, "corpus", "news-en.jsonl")],
            check=True, stdout=subprocess.DEVNULL)
    index = os.path.join(work, "index")
    subprocess.run(["rm", "-rf", index], check=True)
    t = time.time()
    run = subprocess.run([args.bin, "index", "--index", index, "-q", os.path.join(setdir, "articles.jsonl")],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"newsdex index failed ({run.returncode}): {run.stderr}")
    seconds = time.time() - t
    out = subprocess.run([args.bin, "dups", "--index", index, "--json", "--limit", "0",
                          "--articles", "1000000"], check=True, capture_output=True, text=True).stdout
    cluster = {}
    for c in json.loads(out)["largest"]:
        for m in c["articles"]:
            cluster[m["id"]] = c["cluster"]
    pairs = [json.loads(line) for line in open(os.path.join(setdir, "pairs.jsonl"))]
    found = lambda p: p["a"] in cluster and cluster.get(p["a"]) == cluster.get(p["b"])
    tp = sum(1 for p in pairs if p["same"] and found(p))
    fp = sum(1 for p in pairs if not p["same"] and found(p))
    fn = sum(1 for p in pairs if p["same"] and not found(p))
    by_kind = collections.defaultdict(lambda: [0, 0])
    by_change = collections.defaultdict(lambda: [0, 0])
    for p in pairs:
        by_kind[p["kind"]][0] += found(p)
        by_kind[p["kind"]][1] += 1
        for change in p.get("changes", []):
            by_change[change][0] += found(p)
            by_change[change][1] += 1
    result = {
        "set": "dups",
        "facet": "pairs",
        "P": tp / max(1, tp + fp),
        "R": tp / max(1, tp + fn),
        "pairs": len(pairs),
        "found_share_by_kind": {k: round(f / n, 3) for k, (f, n) in sorted(by_kind.items())},
        "recall_by_change": {k: round(f / n, 3) for k, (f, n) in sorted(by_change.items())},
        "index_seconds": round(seconds, 1),
    }
    result["F1"] = 2 * result["P"] * result["R"] / max(1e-9, result["P"] + result["R"])
    print(json.dumps(result))
    if args.show:
        for p in [p for p in pairs if p["same"] != found(p)][: args.show]:
            print(json.dumps(p), file=sys.stderr)
    if not args.keep:
        subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
