#!/usr/bin/env bash
# Scores `newsdex extract` on the development gold sets in ../shared/gold with
# ../shared/eval/score.py, and its reading of web pages on ../shared/web
# (scripts/eval_web.py), and its language detection on ../shared/lang
# (scripts/eval_lang.py), and its quote attribution (scripts/eval_quotes.py),
# and its near-duplicate clusters (scripts/eval_dups.py, on a test set it builds
# from news-en), and fails when a score is below its threshold in scripts/eval_thresholds.json. Usage: scripts/eval.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
bin=${CARGO_TARGET_DIR:-target}/release/newsdex
[ -x "$bin" ] || cargo build --release --quiet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for set in places_dev places_local_dev speakers_dev; do
  "$bin" extract "$shared/gold/${set}.input.jsonl" > "$out/$set.pred.jsonl"
  python3 "$shared/eval/score.py" --json "$out/$set.pred.jsonl" "$shared/gold/${set}.gold.jsonl" > "$out/$set.score.json"
done
python3 scripts/eval_web.py "$bin" "$shared" > "$out/web.jsonl"
python3 scripts/eval_lang.py "$bin" "$shared" >> "$out/web.jsonl"
python3 scripts/eval_quotes.py "$shared" "$bin" >> "$out/web.jsonl"
python3 scripts/eval_dups.py "$bin" "$shared" >> "$out/web.jsonl"
python3 - "$out" scripts/eval_thresholds.json <<'PY'
import json, sys
out, thresholds = sys.argv[1], json.load(open(sys.argv[2]))
web = {}
for line in open(f"{out}/web.jsonl"):
    d = json.loads(line)
    web[d.pop("set")] = {d.pop("facet", "web"): d}
failed = []
for name, facets in thresholds.items():
    if name.startswith("_"):
        continue
    score = web.get(name) or json.load(open(f"{out}/{name}.score.json"))
    for facet, wants in facets.items():
        got = score[facet]
        line = "  ".join(f"{k} {got[k]:.3f}" for k in ("P", "R", "F1", "acc@161km", "accuracy", "stemmed", "lowest", "date", "title", "author", "share_right") if k in got)
        print(f"{name:<19} {facet:<9} {line}")
        for metric, floor in wants.items():
            if got[metric] < floor:
                failed.append(f"{name} {facet} {metric} {got[metric]:.4f} < {floor}")
for f in failed:
    print(f"BELOW THRESHOLD: {f}", file=sys.stderr)
sys.exit(1 if failed else 0)
PY
