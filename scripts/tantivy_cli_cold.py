#!/usr/bin/env python3
"""Cold searches with tantivy-cli: each query of a `class<TAB>query` file as its own
`tantivy search` process (start, open, search, print every match, exit), wall time in
ms by class, as `newsdex bench query --cold` times `newsdex search`.

    python3 scripts/tantivy_cli_cold.py TANTIVY_BIN INDEX QUERIES [RUNS] [CLASS...]

tantivy-cli prints every matching document (it has no limit), so its time grows with
the number of matches: compare it on classes with few matches (term_low, name)."""
import subprocess
import sys
import time
from collections import defaultdict

tantivy, index, queries = sys.argv[1:4]
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
only = set(sys.argv[5:])

qs = []
for line in open(queries, encoding='utf-8'):
    line = line.rstrip('\n')
    if not line.strip() or line.startswith('#'):
        continue
    cls, _, q = line.partition('\t') if '\t' in line else ('all', '', line)
    if not only or cls in only:
        qs.append((cls, q))


def timed(q):
    t = time.perf_counter()
    subprocess.run([tantivy, 'search', '-i', index, '-q', q],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - t) * 1e3


for _, q in qs:
    timed(q)
by = defaultdict(list)
for _ in range(runs):
    for cls, q in qs:
        ms = timed(q)
        by[cls].append(ms)
        by['overall'].append(ms)
for cls in sorted(by, key=lambda c: (c == 'overall', c)):
    v = sorted(by[cls])
    p = lambda x: v[min(len(v) - 1, int(x * len(v)))]
    print(f'{cls:12} n={len(v) // runs:4} p50 {p(.5):8.1f} p95 {p(.95):8.1f} max {v[-1]:8.1f} ms')
