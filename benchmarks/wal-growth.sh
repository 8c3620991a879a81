#!/usr/bin/env bash
# How large the local store's WAL grows under 4 threads saving at full speed (FileLimitWorker in
# runtime's test sources, with no file size limit), each run a fresh database saved to for a few
# seconds; the WAL file's size is sampled every 10 ms (it only shrinks when it starts over past 32 MiB).
# Usage: benchmarks/wal-growth.sh [runs=12] [seconds=3]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-12}"
seconds="${2:-3}"
mvn -B -q -f "$root/pom.xml" -pl runtime -am install -DskipTests >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mvn -B -q -Dstyle.color=never -f "$root/runtime/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/deps" >&2
cp="$root/runtime/target/test-classes:$root/runtime/target/classes:$(cat "$work/deps")"
echo "| run | saves | largest WAL seen (MB) |"
echo "|---|---|---|"
for run in $(seq 1 "$runs"); do
  rm -rf "$work/db" && mkdir "$work/db"
  timeout "$seconds" java -cp "$cp" dev.datastore4j.store.FileLimitWorker "$work/db/wal.db" > "$work/out" 2>&1 &
  worker=$!
  largest=0
  while kill -0 "$worker" 2>/dev/null; do
    size=$(stat -c %s "$work/db/wal.db-wal" 2>/dev/null || echo 0)
    (( size > largest )) && largest=$size
    sleep 0.01
  done
  wait "$worker" || true
  echo "| $run | $(grep -c '^saved' "$work/out") | $(( largest / 1000000 )) |"
done
