#!/usr/bin/env bash
# Usage (from the repository root): bench/stage-aggregate/run.sh [RECORDS=400000] [GROUPS=10000] [ROUNDS=1]
# Builds the stage and its libraries from the reactor (nothing is installed).
# Everything listens on loopback only; each run is bounded (5 min) and prints a live rate.
set -euo pipefail
cd "$(dirname "$0")/../.."
source dev/jdk.sh && pick_jdk
# Inherited by the child JVMs (stage-aggregate/jvm.options).
export MALLOC_ARENA_MAX=2
./mvnw -B -q -pl stage-aggregate -am -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
CP="stage-aggregate/target/classes:stage-aggregate/target/test-classes:$(cat stage-aggregate/target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -Xmx1g -Dlogback.configurationFile=bench/stage-aggregate/logback-bench.xml -cp "$CP" \
  bench/stage-aggregate/AggregateBench.java "$CP" "${1:-400000}" "${2:-10000}" "${3:-1}"
