#!/bin/bash
# Export throughput against tantivy-cli (issue 21), alternating the two in one run:
# `newsdex export QUERY` (JSONL, every field) and tantivy-cli `search` streaming the
# same query's stored documents, each RUNS times; prints wall time, documents and
# documents per second of each run, and newsdex's peak anonymous memory (RssAnon,
# sampled every 5 ms: the mapped index files are not counted).
#
#   scripts/bench_export.sh NEWSDEX_INDEX TANTIVY_CLI_INDEX [QUERY] [RUNS]
#
# NEWSDEX (default target/release/newsdex) and TANTIVY (default: tantivy on PATH)
# name the binaries; tantivy-cli's query is `body:QUERY`.
set -euo pipefail
ndx_index=$1; tcli_index=$2; query=${3:-oil}; runs=${4:-3}
N=${NEWSDEX:-target/release/newsdex}; T=${TANTIVY:-tantivy}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT

peak_anon() { # command... -> prints the peak RssAnon in KB
  "$@" & local pid=$! max=0 v
  while kill -0 $pid 2>/dev/null; do
    v=$(awk '/RssAnon/{print $2}' /proc/$pid/status 2>/dev/null || true)
    if [ -n "$v" ] && [ "$v" -gt "$max" ]; then max=$v; fi
    sleep 0.005
  done
  wait $pid
  echo "$max" > "$out/peak"
}

timed() { # label file command... -> one line: label, seconds, documents, docs/s
  local label=$1 file=$2; shift 2
  local s e n
  s=$(date +%s.%N); "$@" > "$file" 2>/dev/null; e=$(date +%s.%N)
  n=$(wc -l < "$file")
  awk -v l="$label" -v s="$s" -v e="$e" -v n="$n" \
    'BEGIN { printf "%-10s %7.2f s %9d docs %9.0f docs/s\n", l, e - s, n, n / (e - s) }'
}

for i in $(seq "$runs"); do
  timed newsdex "$out/n.jsonl" "$N" export --index "$ndx_index" "$query"
  timed tantivy "$out/t.jsonl" "$T" search -i "$tcli_index" -q "body:$query"
done
peak_anon "$N" export --index "$ndx_index" "$query" -o "$out/n.jsonl" 2>/dev/null
echo "newsdex peak anonymous memory: $(cat "$out/peak") KB"
