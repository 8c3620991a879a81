#!/usr/bin/env bash
# Amplify's JavaScript client (aws-amplify, pinned in interop/amplify-js/package.json) against
# `datastore4j serve` for the blog schema, over TLS with an API key and a JWT secret, on loopback:
# creates, reads, syncs, updates and subscribes as an app does (interop/amplify-js/probe.mjs).
# Needs Node.js 18+ and npm; not part of `mvn verify`. Exits non-zero when anything differs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
port="${PORT:-20180}"
server=""
cleanup() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
(cd "$root/interop/amplify-js" && npm install --no-audit --no-fund --silent)
keytool -genkeypair -alias server -keyalg EC -groupname secp256r1 -dname CN=localhost \
  -ext SAN=ip:127.0.0.1,dns:localhost -validity 2 -storetype PKCS12 -keystore "$work/server.p12" \
  -storepass interop-password >/dev/null 2>&1
keytool -exportcert -rfc -alias server -keystore "$work/server.p12" -storepass interop-password > "$work/server.pem"
"$root/datastore4j" --version >/dev/null # builds the CLI if needed
api_key="da2-interop-$RANDOM$RANDOM"
secret="interop-secret-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
DATASTORE4J_TLS_KEYSTORE_PASSWORD=interop-password DATASTORE4J_API_KEY="$api_key" DATASTORE4J_JWT_SECRET="$secret" \
  "$root/datastore4j" serve --schema "$root/test-schemas/schemas/valid/blog.graphql" --database "$work/server.db" \
  --port "$port" --tls-keystore "$work/server.p12" > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  grep -q '^  web pages:' "$work/server.log" && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.2
done
NODE_EXTRA_CA_CERTS="$work/server.pem" node "$root/interop/amplify-js/probe.mjs" \
  "https://127.0.0.1:$port/graphql" "$api_key" "$secret"
