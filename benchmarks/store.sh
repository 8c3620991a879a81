#!/usr/bin/env bash
# Store benchmark (StoreBenchmark in runtime's test sources) beside a raw-JDBC SQLite baseline.
# Prints a Markdown table for docs/benchmarks.md. Sections (all by default): single threads async batch queries observers durable.
# BENCH_JAVA names another java to run it on: a Java 21 or later, with BENCH_JAVA_OPTS=-Dvirtual=true,
# makes the concurrent savers virtual threads. BENCH_JAVA_OPTS adds JVM options.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mvn -B -q -f "$root/pom.xml" -pl runtime -am install -DskipTests >&2
deps="$(mktemp)"
trap 'rm -f "$deps"' EXIT
mvn -B -q -Dstyle.color=never -f "$root/runtime/pom.xml" dependency:build-classpath -Dmdep.outputFile="$deps" >&2
cp="$root/runtime/target/test-classes:$root/runtime/target/classes:$(cat "$deps")"
# The heap is touched once at start (-XX:+AlwaysPreTouch, about 4 s here): on this VM the first touch
# of a page of memory costs about 9 us (a fault into the hypervisor), and a heap growing while it is
# measured made reads up to 3.6x slower in some hours (docs/benchmarks.md, session 24).
"${BENCH_JAVA:-java}" -Xms2g -Xmx2g -XX:+AlwaysPreTouch ${BENCH_JAVA_OPTS:-} -cp "$cp" dev.datastore4j.store.StoreBenchmark "$@"
