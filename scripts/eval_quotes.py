#!/usr/bin/env python3
"""Scores quote attribution (issue 17) on the speakers dev set: for each quote
`newsdex extract` attributes, the gold speaker mention nearest the quote (outside it,
within 250 characters of either end) says who speaks there; the quote is right when
the extracted speaker is that person (compared as ../shared/eval/score.py compares
speakers: by surname key, titles and case aside). Quotes with no gold mention near
them are counted apart: the gold marks the speakers of attributed speech, so most of
them are quotes the gold does not attribute.

    scripts/eval_quotes.py [SHARED_DIR] [NEWSDEX_BIN]

Prints one JSON line: quotes, judged, right, share_right.
"""
import importlib.util, json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', 'shared')
binary = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.environ.get('CARGO_TARGET_DIR', os.path.join(here, '..', 'target')), 'release', 'newsdex')
spec = importlib.util.spec_from_file_location('score', os.path.join(shared, 'eval', 'score.py'))
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)

NEAR = 250
gold = {}
with open(os.path.join(shared, 'gold', 'speakers_dev.gold.jsonl')) as f:
    for line in f:
        g = json.loads(line)
        gold[g['id']] = g.get('speakers') or []
out = subprocess.run([binary, 'extract', os.path.join(shared, 'gold', 'speakers_dev.input.jsonl')],
                     capture_output=True, text=True, check=True).stdout
quotes = judged = right = 0
for line in out.splitlines():
    a = json.loads(line)
    mentions = gold.get(a['id'], [])
    for s in a.get('speakers', []):
        for q in s.get('quotes', []):
            quotes += 1
            best = None
            for m in mentions:
                if q['start'] <= m['start'] and m['end'] <= q['end']:
                    continue  # inside the quote: someone the speaker names
                d = q['start'] - m['end'] if m['end'] <= q['start'] else m['start'] - q['end']
                if 0 <= d <= NEAR and (best is None or d < best[0]):
                    best = (d, m['name'])
            if best is None:
                continue
            judged += 1
            right += score.speaker_key(s['name']) == score.speaker_key(best[1])
print(json.dumps({'set': 'speakers_dev_quotes', 'facet': 'quotes', 'quotes': quotes, 'judged': judged,
                  'right': right, 'share_right': round(right / max(judged, 1), 3)}))
