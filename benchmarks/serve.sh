#!/usr/bin/env bash
# Whole-process benchmark of `./datastore4j serve` under JVM options: full syncs of 20,000 posts of
# the blog schema from a Python client on the same machine (benchmarks/serve_client.py), and the
# server's resident memory after them. Each option set (JAVA_OPTS for ./datastore4j; "" is the
# script's own choice) gets a fresh server and database, in turns, ROUNDS times.
# Usage: benchmarks/serve.sh [ROUNDS] [OPTIONS...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-2}"; shift || true
if [ $# -eq 0 ]; then
  set -- "" "-XX:TieredStopAtLevel=1" "-XX:+UseG1GC"   # as shipped; client compiler alone; default collector
fi
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
"$root/datastore4j" --version >/dev/null   # builds the CLI if needed
client="$root/benchmarks/serve_client.py"
port=20791

printf '| JAVA_OPTS | seeding 20,000 posts (s) | full sync, records/s: median of 10 after 10 warm-up (all 10) | RSS after (MB) |\n'
printf '|---|---|---|---|\n'
for ((round = 0; round < rounds; round++)); do
  for options in "$@"; do
    rm -f "$work"/blog.db*
    JAVA_OPTS="$options" "$root/datastore4j" serve --schema "$root/test-schemas/schemas/valid/blog.graphql" \
      --database "$work/blog.db" --port "$port" > "$work/server.log" 2>&1 &
    server=$!
    until grep -q '^datastore4j: serving' "$work/server.log"; do
      kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
      sleep 0.1
    done
    url="http://127.0.0.1:$port/graphql"
    start=$(date +%s%N)
    python3 "$client" "$url" seed 20000
    seeded=$(( ($(date +%s%N) - start) / 1000000 ))
    python3 "$client" "$url" sync 10 > /dev/null
    rates="$(python3 "$client" "$url" sync 10)"
    rss=$(( $(ps -o rss= -p "$server") / 1024 ))
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
    printf '| `%s` | %d.%02d | %s | %d |\n' "${options:-(none)}" $((seeded / 1000)) $((seeded % 1000 / 10)) "$rates" "$rss"
  done
done
