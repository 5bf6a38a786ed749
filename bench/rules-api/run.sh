#!/usr/bin/env bash
# Usage: bench/rules-api/run.sh [SECONDS_PER_PHASE=10] [CONCURRENCY=16] [WRITES=200]   (from the repository root)
source "$(dirname "$0")/../lib.sh"
# The service runs in the driver's JVM: its main classes and test classpath, not its test classes (logback-test.xml).
./mvnw -B -q ${BENCH_MAVEN_ARGS:-} -pl rules-api -am -Dmaven.test.skip=true package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="rules-api/target/classes:$(cat rules-api/target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" bench/rules-api/RulesApiBench.java "${1:-10}" "${2:-16}" "${3:-200}"
