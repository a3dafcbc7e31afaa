#!/usr/bin/env bash
# Runs a small study as 3 shards through GNU parallel (as docs/study-cluster.md does on a
# machine or a cluster), merges them, and checks the merged results equal a single-process run:
# the same runs table, the same summary.csv, the same study.html.
# Usage: shards_parallel.sh FAULTLINE_BINARY SOURCE_DIR
set -euo pipefail
faultline=$1
src=$2
plan="$src/tests/data/studies/small_study.json"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$faultline" study "$plan" --out "$work/single" --threads 1 --quiet >/dev/null
parallel --will-cite --halt now,fail=1 "$faultline" study "$plan" --out "$work/shard{}" --shard {}/3 --threads 1 --quiet ::: 1 2 3 >/dev/null
"$faultline" study merge "$work"/shard1 "$work"/shard2 "$work"/shard3 --out "$work/merged" >/dev/null

dump() { sqlite3 "$1/study.sqlite" "SELECT * FROM runs ORDER BY variant, replication; SELECT * FROM intervals ORDER BY 1,2,3; SELECT * FROM commitments ORDER BY 1,2,3; SELECT * FROM complaints ORDER BY 1,2,3;"; }
if command -v sqlite3 >/dev/null; then
  diff <(dump "$work/single") <(dump "$work/merged")
fi
cmp "$work/single/summary.csv" "$work/merged/summary.csv"
cmp "$work/single/study.html" "$work/merged/study.html"
runs=$(grep -c ',complaints,' "$work/merged/summary.csv")
[ "$runs" -eq 6 ] || { echo "expected 6 variants in summary.csv, found $runs"; exit 1; }
echo "3 shards through GNU parallel merged into the single-process result"
