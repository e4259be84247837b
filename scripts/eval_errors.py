#!/usr/bin/env python3
"""Lists the most frequent false positives and misses of an extract output
against a gold set, using the scorer's own normalisation (for error analysis).

    python3 scripts/eval_errors.py PRED.jsonl GOLD.jsonl places|speakers [N]
"""
import json, sys
from collections import Counter
sys.path.insert(0, sys.argv[0].rsplit('/', 2)[0] + '/../shared/eval')
import importlib.util, os
spec = importlib.util.spec_from_file_location('score', os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'eval', 'score.py'))
score = importlib.util.module_from_spec(spec); spec.loader.exec_module(score)

pred = {p['id']: p for p in map(json.loads, open(sys.argv[1]))}
gold = [json.loads(l) for l in open(sys.argv[2])]
facet = sys.argv[3]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 40
fp, fn, far = Counter(), Counter(), Counter()
for g in gold:
    p = pred.get(g['id'], {})
    if facet == 'places':
        P = {}
        for x in p.get('places') or []:
            for m in x.get('mentions') or [x['name']]:
                P.setdefault(score.norm_place(m), x)
        G = {score.norm_place(x['mention']): x for x in g['places'] or []}
        for k in set(P) - set(G): fp[k] += 1
        for k in set(G) - set(P): fn[k] += 1
        for k in set(P) & set(G):
            gx, px = G[k], P[k]
            if gx.get('lat') is None:
                continue
            # A named feature without coordinates (no home town) is as far as can be.
            if px.get('lat') is None or score.haversine_km(gx['lat'], gx['lon'], px['lat'], px['lon']) > 161:
                far[f"{k} -> {px.get('path') or px.get('near')}"] += 1
    else:
        P = {score.speaker_key(s['name']): s['name'] for s in p.get('speakers') or []}
        G = {score.speaker_key(s['name']): s['name'] for s in g['speakers'] or []}
        for k in set(P) - set(G): fp[P[k]] += 1
        for k in set(G) - set(P): fn[G[k]] += 1
print('FALSE POSITIVES', sum(fp.values())); print(fp.most_common(n))
print('MISSES', sum(fn.values())); print(fn.most_common(n))
if far: print('FAR', sum(far.values())); print(far.most_common(n))
