#!/usr/bin/env bash
# Whole-process benchmark of `datastore4j generate` on schemas from ../shared/tools/gen-schema.py.
# For each size: RUNS runs into a fresh folder; prints the median wall time and the median and
# maximum peak RSS (from GNU time). Usage: benchmarks/codegen.sh [RUNS] [SIZES...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"; shift || true
sizes=("${@:-100 500 2000}")
generator="$root/../shared/tools/gen-schema.py"   # the workplace's schema generator, beside the repository
if [[ ! -f "$generator" ]]; then
  echo "codegen.sh: no schema generator at $generator" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/datastore4j" --version >/dev/null   # builds the CLI if needed, outside the timings

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

printf '| models (N) | files | median wall s | min-max s | median peak RSS MB | max peak RSS MB |\n'
printf '|---|---|---|---|---|---|\n'
for n in ${sizes[@]}; do
  python3 "$generator" "$n" > "$work/schema-$n.graphql"
  : > "$work/times"
  for ((i = 0; i < runs; i++)); do
    rm -rf "$work/out"
    /usr/bin/time -f '%e %M' -o "$work/one" "$root/datastore4j" generate --schema "$work/schema-$n.graphql" \
      --out "$work/out" --package com.example.bench > "$work/summary"
    cat "$work/one" >> "$work/times"
  done
  files=$(find "$work/out" -name '*.java' | wc -l)
  wall=$(cut -d' ' -f1 "$work/times" | median)
  range="$(cut -d' ' -f1 "$work/times" | sort -n | head -1)-$(cut -d' ' -f1 "$work/times" | sort -n | tail -1)"
  rss=$(cut -d' ' -f2 "$work/times" | median | awk '{printf "%.0f", $1/1024}')
  maxrss=$(cut -d' ' -f2 "$work/times" | sort -n | tail -1 | awk '{printf "%.0f", $1/1024}')
  printf '| %s | %s | %s | %s | %s | %s |\n' "$n" "$files" "$wall" "$range" "$rss" "$maxrss"
done
