#!/usr/bin/env bash
# Usage (from the repository root): bench/stage-enrich/run.sh [RECORDS=60000]
# Compiles stage-enrich (and what it needs) in the reactor, then runs EnrichBench with the module's test classpath.
# Everything listens on loopback; each run is bounded (4 min) and prints its progress.
set -euo pipefail
cd "$(dirname "$0")/../.."
source dev/jdk.sh && pick_jdk
export MALLOC_ARENA_MAX=2
# One reactor run: the platform's own modules come from their target/ directories (this checkout's code), not from
# whatever was last installed in the local repository. MAVEN_ARGS (e.g. "-o -Dmaven.repo.local=DIR") is honoured.
./mvnw -B -q -pl stage-enrich -am -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
CP="stage-enrich/target/classes:stage-enrich/target/test-classes:$(cat stage-enrich/target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -Xmx1g -Dlogback.configurationFile=bench/stage-enrich/logback-bench.xml -cp "$CP" \
  bench/stage-enrich/EnrichBench.java "$CP" "${1:-60000}"
