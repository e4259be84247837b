#!/usr/bin/env bash
# Web page reading speed, newsdex against Python trafilatura, one core each, in one
# run: pages/s of HTML to main text + metadata on ../shared/web/trafilatura-eval.
#   pip install trafilatura==2.3.1 lxml_html_clean
#   scripts/bench_web.sh [RUNS]
# newsdex's figure is `newsdex extract --text --threads 1 --no-speakers --no-places`
# over the gzipped pages (decompression, charset, extraction, metadata, JSON output
# included), CPU seconds of the process; Python's, the CPU time of its extract calls
# on pages already decompressed in memory (scripts/bench_trafilatura.py).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
pages=../shared/web/trafilatura-eval
bin=${CARGO_TARGET_DIR:-target}/release/newsdex
[ -x "$bin" ] || cargo build --release --quiet
n=$(ls "$pages"/pages | wc -l)
for i in $(seq "$runs"); do
  py=$(taskset -c 0 python3 scripts/bench_trafilatura.py "$pages" --runs 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["pages_per_sec"])')
  timing=$(mktemp)
  /usr/bin/time -o "$timing" -f '%U %S' taskset -c 0 "$bin" extract --text --threads 1 --no-speakers --no-places "$pages/pages" > /dev/null 2>&1 || true
  cpu=$(awk '{print $1 + $2}' "$timing")
  rm -f "$timing"
  ours=$(python3 -c "print(round($n / $cpu, 1))")
  echo "run $i: trafilatura (Python) $py pages/s, newsdex $ours pages/s: $(python3 -c "print(round($ours / $py, 2))")x"
done
