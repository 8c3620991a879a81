#!/usr/bin/env bash
# Sync server benchmark (ServerBenchmark in sync-server's test sources): mutations with 50
# concurrent clients, a full sync of 100,000 records, and fan-out to 1,000 subscriptions.
# BENCH_JAVA names another java to run it on; BENCH_JAVA_OPTS adds JVM options.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mvn -B -q -f "$root/pom.xml" -pl sync-server -am install -DskipTests >&2
deps="$(mktemp)"
trap 'rm -f "$deps"' EXIT
mvn -B -q -Dstyle.color=never -f "$root/sync-server/pom.xml" dependency:build-classpath -Dmdep.outputFile="$deps" >&2
cp="$root/sync-server/target/test-classes:$root/sync-server/target/classes:$(cat "$deps")"
cd "$root/sync-server" # the benchmark reads the bundled schemas relative to the module
"${BENCH_JAVA:-java}" -Xmx2g ${BENCH_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" dev.datastore4j.server.ServerBenchmark "$@"
