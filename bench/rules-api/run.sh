#!/usr/bin/env bash
# Usage: bench/rules-api/run.sh [SECONDS_PER_PHASE=10] [CONCURRENCY=16] [WRITES=200]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
source dev/jdk.sh && pick_jdk
./mvnw -B -q -pl rules-api -Dmaven.test.skip=true package
./mvnw -B -q -pl rules-api dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
CP="rules-api/target/classes:$(cat rules-api/target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" bench/rules-api/RulesApiBench.java "${1:-10}" "${2:-16}" "${3:-200}"
