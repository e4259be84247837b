#!/usr/bin/env python3
"""Latency percentiles from `tantivy bench` output (tantivy-cli 0.24), in ms.
    tantivy bench -i INDEX -q QUERIES -n 5 | python3 scripts/tantivy_cli_bench.py
SEARCH lines are `query<TAB>hits<TAB>microseconds` (top-10 + count); FETCH STORE
lines are `query<TAB>microseconds` (fetching the top documents)."""
import sys

sections = {}
current = None
for line in sys.stdin:
    line = line.rstrip('\n')
    if line.strip() in ('SEARCH', 'FETCH STORE'):
        current = line.strip()
        sections[current] = []
        continue
    parts = line.split('\t')
    if current and not line.startswith('query\t') and parts[-1].isdigit():
        want = 3 if current == 'SEARCH' else 2
        if len(parts) == want:
            sections[current].append(int(parts[-1]) / 1000)
for name, v in sections.items():
    v.sort()
    if not v:
        continue
    q = lambda x: v[min(len(v) - 1, int(x * len(v)))]
    print(f'{name:12} n={len(v)} p50 {q(.5):.2f} p95 {q(.95):.2f} p99 {q(.99):.2f} mean {sum(v) / len(v):.2f}')
