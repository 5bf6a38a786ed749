#!/usr/bin/env bash
# Usage: bench/stage-filter/run.sh [RECORDS=300000] [RULE_CHANGES=50]   (from the repository root)
# Needs libs/rules-client and libs/stage-runtime installed (./mvnw -B -q -pl libs/rules-client,libs/stage-runtime install).
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -q -pl stage-filter -DskipTests test-compile
./mvnw -B -q -pl stage-filter dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
CP="stage-filter/target/classes:stage-filter/target/test-classes:$(cat stage-filter/target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" bench/stage-filter/FilterBench.java "$CP" "${1:-300000}" "${2:-50}"
