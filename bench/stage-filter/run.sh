#!/usr/bin/env bash
# Usage (from the repository root): bench/stage-filter/run.sh [RECORDS=200000] [RULE_CHANGES=50] [ROUNDS=2]
# Needs the stage modules stage-filter builds on installed (./mvnw -B -q -pl stage-filter -am -DskipTests install): its
# parent libs/stage-parent brings stage-runtime, rules-client and, for the test classpath, libs/stage-testkit.
# Everything listens on loopback only; each run is bounded (4 min) and prints a live rate.
set -euo pipefail
cd "$(dirname "$0")/../.."
source dev/jdk.sh && pick_jdk
# Inherited by the stage and no-op JVMs: fewer glibc malloc arenas, part of the RSS budget (stage-filter/jvm.options).
export MALLOC_ARENA_MAX=2
./mvnw -B -q -pl stage-filter -DskipTests test-compile
./mvnw -B -q -pl stage-filter dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
CP="stage-filter/target/classes:stage-filter/target/test-classes:$(cat stage-filter/target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -Xmx1g -Dlogback.configurationFile=bench/stage-filter/logback-bench.xml -cp "$CP" bench/stage-filter/FilterBench.java "$CP" "${1:-200000}" "${2:-50}" \
  "${3:-2}"
