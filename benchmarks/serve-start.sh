#!/usr/bin/env bash
# Whole-process start of `./datastore4j serve` on a large schema: the time from starting the command
# to the first answered request, for a schema of N @model types from ../shared/tools/gen-schema.py
# (500 gives 572 models), on a new SQLite database each time, ROUNDS times.
# Usage: benchmarks/serve-start.sh [ROUNDS] [N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"
size="${2:-500}"
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
python3 "$root/../shared/tools/gen-schema.py" "$size" > "$work/schema.graphql"
"$root/datastore4j" --version >/dev/null   # builds the CLI if needed
port=20792
query='{"query":"{ listEntity0s(limit: 1) { items { id } } }"}'

printf '| round | models | first answer after (s) |\n|---|---|---|\n'
for ((round = 1; round <= rounds; round++)); do
  rm -f "$work"/server.db*
  started=$(date +%s%N)
  "$root/datastore4j" serve --schema "$work/schema.graphql" --database "$work/server.db" --port "$port" \
    > "$work/server.log" 2>&1 &
  server=$!
  until curl -sf -o /dev/null -H 'content-type: application/json' -d "$query" "http://127.0.0.1:$port/graphql"; do
    if ! kill -0 "$server" 2>/dev/null; then cat "$work/server.log" >&2; exit 1; fi
    sleep 0.01
  done
  answered=$(date +%s%N)
  models=$(grep -o 'serving [0-9,]* models' "$work/server.log" | grep -o '[0-9,]*' || echo '?')
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  printf '| %d | %s | %s |\n' "$round" "$models" "$(awk -v ns=$((answered - started)) 'BEGIN { printf "%.2f", ns / 1e9 }')"
done
