#!/usr/bin/env bash
# Usage (from the repository root): bench/stage-enrich/run.sh [RECORDS=60000]
# Builds stage-enrich (and what it needs) into the local Maven repository's reactor, then runs EnrichBench with the
# module's test classpath. Everything listens on loopback; each run is bounded (4 min) and prints its progress.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export MALLOC_ARENA_MAX=2
./mvnw -B -q -pl stage-enrich -am -DskipTests test-compile
./mvnw -B -q -pl stage-enrich dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
CP="stage-enrich/target/classes:stage-enrich/target/test-classes:$(cat stage-enrich/target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -Xmx1g -Dlogback.configurationFile=bench/stage-enrich/logback-bench.xml -cp "$CP" \
  bench/stage-enrich/EnrichBench.java "$CP" "${1:-60000}"
