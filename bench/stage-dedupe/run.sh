#!/usr/bin/env bash
# Usage (from the repository root):
#   bench/stage-dedupe/run.sh [RECORDS=300000] [EXPECTED_KEYS_PER_WINDOW=1000000] [RESTORE_KEYS=1000000]
# Everything listens on loopback only; each candidate run is bounded (4 min) and prints a live rate.
set -euo pipefail
cd "$(dirname "$0")/../.."
source dev/jdk.sh && pick_jdk
export MALLOC_ARENA_MAX=2
# Reactor build: sibling modules resolve to their target/classes (nothing is installed); stage-dedupe is built last,
# so its classpath is what stays in the file.
# BENCH_MAVEN_ARGS, e.g. "-o -Dmaven.repo.local=/path/m2", is passed to Maven.
./mvnw -B -q ${BENCH_MAVEN_ARGS:-} -pl stage-dedupe -am -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/stage-dedupe/target/bench-classpath.txt"
CP="stage-dedupe/target/classes:stage-dedupe/target/test-classes:$(cat stage-dedupe/target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -Xmx1g -Dlogback.configurationFile=bench/stage-dedupe/logback-bench.xml -cp "$CP" \
  bench/stage-dedupe/DedupeBench.java "$CP" "${1:-300000}" "${2:-1000000}" "${3:-1000000}"
