#!/usr/bin/env python3
"""scripts/facet_accuracy.py BIN INDEX QUERIES [EXACT_BIN]: how far the estimated facet counts of
`BIN search --facets` are from `--exact-facets`, over the dev queries whose facets
were estimated. Prints top-10 overlap and relative count errors of the values shown."""
import json, subprocess, sys, statistics
bin_, index, qfile = sys.argv[1:4]
exact_bin = sys.argv[4] if len(sys.argv) > 4 else bin_
def run(b, q, exact):
    args = [b, "search", "--index", index, q, "--facets", "--json", "--limit", "1"]
    if exact: args.append("--exact-facets")
    return json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
overlaps, errs, errs_big, n_est, same_order = [], [], [], 0, 0
worst = []
for line in open(qfile):
    cls, q = line.rstrip("\n").split("\t", 1)
    e = run(bin_, q, False)
    if e["facets"]["exact"]:
        continue
    n_est += 1
    x = run(exact_bin, q, True)
    assert x["total"] == e["total"], (q, x["total"], e["total"])
    for kind in ("speakers", "places", "sources"):
        ex = {v["path"]: v["count"] for v in x["facets"][kind]}
        es = {v["path"]: v["count"] for v in e["facets"][kind]}
        if not ex: continue
        overlaps.append(len(set(ex) & set(es)) / len(ex))
        same_order += [v["path"] for v in x["facets"][kind]] == [v["path"] for v in e["facets"][kind]]
        # the exact count of each value shown, from a wide exact list
        for p, c in es.items():
            if p in ex:
                r = abs(c - ex[p]) / ex[p]
                errs.append(r)
                if ex[p] >= 0.05 * x["total"]: errs_big.append(r)
                worst.append((r, q, kind, p, c, ex[p], x["total"]))
def pct(v, p): 
    v = sorted(v); return v[min(len(v) - 1, int(p * len(v)))] if v else float("nan")
print(f"queries estimated: {n_est}; facet lists: {len(overlaps)}")
print(f"top-10 overlap: mean {statistics.mean(overlaps):.3f}, min {min(overlaps):.2f}; same order {same_order}/{len(overlaps)}")
print(f"relative error of shown counts: median {pct(errs,.5):.3f} p90 {pct(errs,.9):.3f} max {max(errs):.3f} (n={len(errs)})")
print(f"  values with >=5% of matches: median {pct(errs_big,.5):.3f} p90 {pct(errs_big,.9):.3f} max {max(errs_big) if errs_big else 0:.3f} (n={len(errs_big)})")
for w in sorted(worst, reverse=True)[:5]: print("  worst:", w)
