#!/usr/bin/env bash
# Load test of /api/search on loopback with wrk (Debian package wrk), bounded in time.
#   scripts/loadtest.sh [ARTICLES] [SECONDS] [CONNECTIONS]
# Scales samples/wikinews-sample.jsonl to ARTICLES (default 100000), indexes it,
# serves it on 127.0.0.1:7711 and runs a mix of queries (../shared/bench/queries_dev.txt
# if present, else built-in ones) with the user's facets, snippets and histogram.
# LOADTEST_INDEX=DIR serves an index already built instead (e.g. 1M scaled articles:
# docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}; secs=${2:-20}; conns=${3:-32}
work=${LOADTEST_DIR:-/tmp/newsdex-loadtest}
mkdir -p "$work"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
cargo build --release --quiet
bin=target/release
index=${LOADTEST_INDEX:-$work/index-$n}
if [ ! -f "$index/meta.json" ]; then
  "$bin/newsdex-scale" --from samples/wikinews-sample.jsonl -n "$n" --seed 7 -o "$work/corpus-$n.jsonl"
  "$bin/newsdex" index --index "$index" "$work/corpus-$n.jsonl" -q
fi
queries=../shared/bench/queries_dev.txt
{
  echo "paths = {}"
  if [ -f "$queries" ]; then
    cut -f2 "$queries" | python3 -c 'import sys,urllib.parse
for l in sys.stdin:
    l=l.strip()
    if l: print("paths[#paths+1] = %r" % ("/api/search?q=" + urllib.parse.quote(l)))' | sed "s/^paths\[#paths+1\] = '\(.*\)'$/paths[#paths+1] = \"\1\"/"
  fi
  for q in health election virus police "world+cup" "prime+minister" "%22health+officials%22"; do
    echo "paths[#paths+1] = \"/api/search?q=$q\""
    echo "paths[#paths+1] = \"/api/search?q=$q&place=%2FEurope\""
  done
  cat <<'LUA'
i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d (status %d, timeout %d), %.0f req/s\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.errors.status, summary.errors.timeout, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA
} > "$work/queries.lua"
"$bin/newsdex" serve --index "$index" --addr 127.0.0.1:7711 2> "$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf http://127.0.0.1:7711/api/stats >/dev/null && break; sleep 0.2; done
curl -s http://127.0.0.1:7711/api/stats; echo
wrk -t2 -c"$conns" -d"${secs}s" --timeout 5s -s "$work/queries.lua" http://127.0.0.1:7711/
