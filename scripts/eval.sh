#!/usr/bin/env bash
# Scores `newsdex extract` on the development gold sets in ../shared/gold with
# ../shared/eval/score.py. Usage: scripts/eval.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
bin=${CARGO_TARGET_DIR:-target}/release/newsdex
[ -x "$bin" ] || cargo build --release --quiet
out=$(mktemp -d)
for set in places speakers; do
  "$bin" extract "$shared/gold/${set}_dev.input.jsonl" > "$out/$set.jsonl"
  echo "-- $set"
  python3 "$shared/eval/score.py" "$out/$set.jsonl" "$shared/gold/${set}_dev.gold.jsonl"
done
rm -rf "$out"
